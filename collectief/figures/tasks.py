"""Background work of figures: importing a file of more than ``BACKGROUND_ROWS`` rows.

The request that receives a large file only checks that it is a table and
queues it; the worker reads, checks and stores it (all or nothing) while the
person follows the progress on the job page. Smaller files are imported in
the request, as before.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from collectief.accounts.models import Organisation
from collectief.figures import services, tabular_io
from collectief.jobs.models import Job
from collectief.jobs.services import JobError, JobRun, execute_job, start_job


def start_figures_import(organisation: Any, data: bytes, filename: str, *, by: Any) -> Job:
    """Queue the import of a figures file; the person waits on the job page."""
    return start_job(
        import_figures_task,
        kind="figures.import_file",
        title=_("Importing figures for %(organisation)s") % {"organisation": organisation.name},
        by=by,
        organisation_id=organisation.pk,
        params={"filename": filename},
        payload=data,
        back_url=reverse("figures:import", args=[organisation.slug]),
    )


def _import(run: JobRun) -> None:
    job = run.job
    assert job.organisation_id is not None  # start_figures_import always sets it
    organisation = Organisation.objects.get(pk=job.organisation_id)
    run.step(_("Reading and checking the file…"), 1, 1)
    try:
        result = tabular_io.import_figures_file(
            organisation, run.payload, run.params["filename"], by=job.started_by
        )
    except services.FiguresImportError as error:
        raise JobError(_("Nothing has been imported."), error.problems) from error
    run.finish(
        ngettext(
            "%(count)d figure added, %(updated)d updated; %(measurements)d measurements.",
            "%(count)d figures added, %(updated)d updated; %(measurements)d measurements.",
            result.created,
        )
        % {
            "count": result.created,
            "updated": result.updated,
            "measurements": result.measurements,
        },
        next_url=reverse("figures:list", args=[organisation.slug]),
    )


@task()
def import_figures_task(job_id: str) -> str:
    return execute_job(job_id, _import)
