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
