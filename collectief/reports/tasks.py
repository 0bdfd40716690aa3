"""The report PDF, built by the worker with visible progress (collectief.jobs).

All or nothing: the PDF is laid out completely and checked (it has pages and
a contents page) before the job hands it over; any problem ends the job with
a Dutch message and no file.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from collectief.jobs.models import Job
from collectief.jobs.services import JobError, JobRun, execute_job, start_job
from collectief.lib.errors import ServiceError
from collectief.reports import rendering
from collectief.reports.access import withdrawn_stories_in
from collectief.reports.models import Report, ReportVersion
from collectief.reports.services import build_document


def start_report_pdf(report: Report, *, by: Any, version: ReportVersion | None = None) -> Job:
    """Queue the PDF of the report (the draft, or a published version)."""
    if version is None:
        title = _("Report “%(title)s” as PDF") % {"title": report.title}
    else:
        title = _("Report “%(title)s”, version %(number)s, as PDF") % {
            "title": version.title,
            "number": version.number,
        }
    return start_job(
        build_report_pdf_task,
        kind="reports.pdf",
        title=title,
        by=by,
        organisation_id=report.organisation_id,
        params={"report": report.pk, "version": version.number if version else None},
        back_url=reverse("reports:edit", args=[report.organisation.slug, report.pk]),
    )


def report_pdf(report: Report, run: JobRun | None = None, period: Any = None) -> bytes:
    """The draft report as PDF bytes (raises ServiceError in Dutch when it cannot be made)."""
    if run:
        run.step(_("Collecting the data…"), 1, 3)
    document, _ctx = build_document(report, period=period, for_print=True)
    if run:
        run.step(_("Laying out the pages…"), 2, 3)
    laid_out = rendering.render_pdf(
        rendering.site_links(document, report.template),
        title=report.title,
        colour_values=rendering.colours(report),
    )
    return checked_pdf(laid_out)


def version_pdf(version: ReportVersion) -> bytes:
    laid_out = rendering.render_pdf(
        rendering.absolute_links(version.html),
        title=version.title,
        colour_values=dict(version.colours),
    )
    return checked_pdf(laid_out)


def checked_pdf(laid_out: Any) -> bytes:
    """The PDF bytes of a complete layout (a cover and at least one more page)."""
    if len(laid_out.pages) < 2:
        raise ServiceError(_("The report could not be laid out. Nothing was made."))
    return bytes(laid_out.write_pdf())


def _build(run: JobRun) -> None:
    report = Report.objects.select_related("organisation").filter(pk=run.params["report"]).first()
    if report is None:
        raise JobError(_("This report no longer exists."))
    number = run.params.get("version")
    if number:
        version = report.versions.filter(number=number).first()
        if version is None:
            raise JobError(_("This version no longer exists."))
        # The pages refuse such a version (reports/access.py); a job queued before the
        # consent was withdrawn must not lay it out afterwards either.
        if withdrawn_stories_in(version):
            raise JobError(
                _(
                    "Version %(number)s of this report is no longer shown: it contains a story "
                    "whose teller withdrew their consent."
                )
                % {"number": version.number}
            )
        run.step(_("Laying out the pages…"), 1, 2)
        pdf = version_pdf(version)
        name = f"rapport-{report.organisation.slug}-v{number}.pdf"
    else:
        pdf = report_pdf(report, run)
        name = f"rapport-{report.organisation.slug}.pdf"
    run.finish(_("The report is ready."), file=pdf, filename=name, content_type="application/pdf")


@task()
def build_report_pdf_task(job_id: str) -> str:
    return execute_job(job_id, _build)
