"""Background work of the signals: removing notes after the retention period, and
importing a file of counts of more than ``BACKGROUND_ROWS`` rows in the worker."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from collectief.accounts.models import Organisation
from collectief.jobs.models import Job
from collectief.jobs.services import JobError, JobRun, execute_job, start_job
from collectief.signals import counts
from collectief.signals.services import purge_notes


@task()
def purge_signal_notes_task() -> int:
    """Empty notes older than SIGNAL_NOTE_RETENTION_DAYS; run daily, safe to run any time."""
    return purge_notes()


def start_counts_import(organisation: Organisation, data: bytes, filename: str, *, by: Any) -> Job:
    """Queue the import of a file of counts; the person waits on the job page."""
    return start_job(
        import_counts_task,
        kind="signals.import_counts",
        title=_("Importing counts for %(organisation)s") % {"organisation": organisation.name},
        by=by,
        organisation_id=organisation.pk,
        params={"filename": filename},
        payload=data,
        back_url=reverse("signals:counts_import", args=[organisation.slug]),
    )


def _import_counts(run: JobRun) -> None:
    job = run.job
    assert job.organisation_id is not None  # start_counts_import always sets it
    organisation = Organisation.objects.get(pk=job.organisation_id)
    run.step(_("Reading and checking the file…"), 1, 1)
    try:
        result = counts.import_counts(
            organisation, run.payload, run.params["filename"], by=job.started_by
        )
    except counts.CountsImportError as error:
        raise JobError(
            _("Nothing has been imported."), [str(problem) for problem in error.errors]
        ) from error
    run.finish(
        _("The file has been read. Added: %(created)d, replaced: %(updated)d.")
        % {"created": result.created, "updated": result.updated},
        next_url=reverse("signals:counts_import", args=[organisation.slug]),
    )


@task()
def import_counts_task(job_id: str) -> str:
    return execute_job(job_id, _import_counts)
