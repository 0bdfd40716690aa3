"""Background work of change stories: the poster PDF, built by the worker.

WeasyPrint lays the poster out several times to find the roomiest layout
that fits on one page; that takes seconds, too long for a web request.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from collectief.accounts.models import Organisation
from collectief.changestories.poster import SIZES
from collectief.changestories.poster_pdf import render_pdf
from collectief.changestories.services import get_story
from collectief.jobs.models import Job
from collectief.jobs.services import JobRun, execute_job, start_job


def start_poster_pdf(organisation: Organisation, size: str, *, by: Any) -> Job:
    """Queue the poster PDF of the organisation's change story; the person waits on the job page."""
    size = size if size in SIZES else "a4"
    return start_job(
        build_poster_pdf_task,
        kind="changestories.poster_pdf",
        title=_("Poster of %(name)s as PDF (%(size)s)")
        % {"name": organisation.name, "size": size.upper()},
        by=by,
        organisation_id=organisation.pk,
        params={"organisation": organisation.pk, "size": size},
        back_url=reverse("changestories:poster", args=[organisation.slug]) + f"?formaat={size}",
    )


def _build_poster_pdf(run: JobRun) -> None:
    organisation = Organisation.objects.get(pk=run.params["organisation"])
    size = run.params["size"]
    run.step(_("Laying out the poster…"))
    pdf = render_pdf(get_story(organisation), size)
    run.finish(
        _("The poster is ready."),
        file=pdf,
        filename=f"veranderverhaal-{organisation.slug}-{size}.pdf",
        content_type="application/pdf",
    )


@task()
def build_poster_pdf_task(job_id: str) -> str:
    return execute_job(job_id, _build_poster_pdf)
