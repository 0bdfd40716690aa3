"""Who may see and change reports (the rules are in collectief/accounts/access.py).

Readers of the organisation look at the preview and the published versions;
medewerkers and beheerders edit, publish and make PDFs. Anyone else gets
404. A published version is public only through its opt-in link.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from collectief.accounts.access import get_organisation_object_for_user
from collectief.accounts.models import Role
from collectief.reports.models import Report, ReportSection, ReportVersion
from collectief.stories.services import public_stories


def get_report_for_user(
    user: Any, organisation_slug: str, report_id: int, *, min_role: str = Role.READER
) -> Report:
    return get_organisation_object_for_user(
        user, organisation_slug, Report.objects.all(), min_role=min_role, pk=report_id
    )


def get_section_for_user(
    user: Any, organisation_slug: str, report_id: int, key: str
) -> ReportSection:
    report = get_report_for_user(user, organisation_slug, report_id, min_role=Role.STAFF)
    section = report.sections.filter(key=key).first()
    if section is None:
        raise Http404
    section.report = report
    return section


def get_version_for_user(
    user: Any, organisation_slug: str, report_id: int, number: int
) -> ReportVersion:
    report = get_report_for_user(user, organisation_slug, report_id)
    version = report.versions.filter(number=number).first()
    if version is None:
        raise Http404
    version.report = report
    return version


def get_public_version(token: str) -> ReportVersion:
    """The latest published version behind an opt-in public link, or 404."""
    report = Report.objects.select_related("organisation").filter(public_token=token).first()
    if not token or report is None:
        raise Http404
    version = report.versions.order_by("-number").first()
    if version is None:
        raise Http404
    version.report = report
    return version


def withdrawn_stories_in(version: ReportVersion) -> list[int]:
    """Ids of stories in a published version whose consent no longer allows showing them.

    A published version is a frozen copy, but a story whose consent was
    withdrawn (or made internal) since must disappear from every report at
    once (issue 14). The stories section keeps each story's id in the
    version's data; a version that holds such a story is not shown any more,
    and its owner publishes a new version without it.
    """
    ids: set[int] = set()

    def walk(value: Any, in_stories: bool) -> None:
        if isinstance(value, dict):
            if in_stories and isinstance(value.get("id"), int):
                ids.add(value["id"])
            for key, item in value.items():
                walk(item, key == "stories")
        elif isinstance(value, list):
            for item in value:
                walk(item, in_stories)

    walk(version.data, False)
    if not ids:
        return []
    shown = set(
        public_stories(version.report.organisation).filter(pk__in=ids).values_list("pk", flat=True)
    )
    return sorted(ids - shown)
