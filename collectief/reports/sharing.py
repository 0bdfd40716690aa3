"""A published report as a kind of shared result (issue 16 point 3, issue 13 point 9).

The sharing app stores the report's id; the organisation it is shared with
sees the newest published version of that report, the frozen copy that its
owner chose to publish, never a draft. A report without a published version
cannot be chosen, and a report that is deleted (or all of whose versions are)
shows the sharing app's "no longer available" message.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.reports.access import withdrawn_stories_in
from collectief.reports.models import Report, ReportVersion
from collectief.sharing.registry import Shareable, SharedContent, ShareKind, register


def _options(owner: Any) -> list[Shareable]:
    reports = Report.objects.filter(organisation=owner, versions__isnull=False).distinct()
    return [Shareable(str(report.pk), report.title) for report in reports.order_by("title", "pk")]


def _render(owner: Any, object_id: str) -> SharedContent | None:
    if not object_id.isdigit():
        return None
    version = (
        ReportVersion.objects.filter(report__organisation=owner, report_id=int(object_id))
        .select_related("report")
        .order_by("-number")
        .first()
    )
    if version is None or withdrawn_stories_in(version):
        return None
    return SharedContent(
        "reports/shared.html",
        # The frozen HTML is our own rendering of the report, escaped when it was made.
        {"version": version, "body": mark_safe(version.html)},
        _("Report: %(title)s") % {"title": version.title},
    )


def register_report_kind() -> None:
    register(
        ShareKind(
            code="rapport",
            label=gettext_lazy("Report (the newest published version)"),
            options=_options,
            render=_render,
            order=60,
        )
    )
