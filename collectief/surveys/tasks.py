"""Background work of surveys: importing a large file of responses in the worker.

Files of more than ``BACKGROUND_ROWS`` rows are imported by the worker, so
the request that confirms the import returns at once and the person follows
the progress on the job page. Smaller files are imported in the request.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from collectief.jobs.models import Job
from collectief.jobs.services import BACKGROUND_ROWS, JobError, JobRun, execute_job, start_job
from collectief.surveys.imports.responses import plan_response_import
from collectief.surveys.imports.services import ImportProblemsError, import_responses
from collectief.surveys.models import Survey, Wave

__all__ = ["BACKGROUND_ROWS", "import_responses_task", "start_response_import"]


def start_response_import(
    survey: Survey,
    data: bytes,
    filename: str,
    *,
    by: Any,
    wave: Wave | None = None,
    skip_unmatched_columns: bool = False,
) -> Job:
    """Queue the import of a checked file; the person waits on the job page."""
    return start_job(
        import_responses_task,
        kind="surveys.import_responses",
        title=_("Importing responses into %(survey)s") % {"survey": survey.title},
        by=by,
        organisation_id=survey.organisation_id,
        params={
            "survey": survey.pk,
            "filename": filename,
            "wave": wave.pk if wave else None,
            "skip_unmatched_columns": skip_unmatched_columns,
        },
        payload=data,
        back_url=reverse("surveys:import_responses", args=[survey.organisation.slug, survey.pk]),
    )


def _import(run: JobRun) -> None:
    params = run.params
    survey = Survey.objects.select_related("organisation").get(pk=params["survey"])
    run.step(_("Checking the file…"), 1, 2)
    plan = plan_response_import(survey, run.payload, params["filename"])
    wave = survey.waves.filter(pk=params["wave"]).first() if params["wave"] else None
    run.step(
        ngettext("Storing %(n)s response…", "Storing %(n)s responses…", len(plan.rows))
        % {"n": len(plan.rows)},
        2,
        2,
    )
    try:
        n = import_responses(
            survey,
            plan,
            by=run.job.started_by,
            wave=wave,
            skip_unmatched_columns=params["skip_unmatched_columns"],
        )
    except ImportProblemsError as error:
        raise JobError(_("Nothing has been imported."), error.problems) from error
    run.finish(
        ngettext("%(n)s response has been imported.", "%(n)s responses have been imported.", n)
        % {"n": n},
        next_url=reverse("surveys:results", args=[survey.organisation.slug, survey.pk]),
    )


@task()
def import_responses_task(job_id: str) -> str:
    return execute_job(job_id, _import)
