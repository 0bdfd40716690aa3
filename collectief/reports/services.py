"""Writing reports: create, change settings and sections, publish a version.

Every write is a function here, inside a transaction, with an audit record;
pages, the CLI and tests call these. ``build_document`` reads: it runs the
section builders over live data (see ``sections.py``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation
from collectief.audit.services import record_event
from collectief.lib.errors import ServiceError
from collectief.lib.periods import ReportPeriod, parse_period
from collectief.reports import rendering
from collectief.reports.builders import builders
from collectief.reports.forms import validate_colour, validate_period
from collectief.reports.models import Report, ReportSection, ReportVersion, new_public_token
from collectief.reports.sections import (
    BuildContext,
    Omitted,
    ReportDocument,
    SectionContent,
    number_tables_and_sources,
)


class NoDataError(ServiceError):
    """The period has no data: no figures dated in it and no survey answers."""


def _check(validator: Any, value: str, field: str) -> str:
    from django.core.exceptions import ValidationError

    try:
        return str(validator(value))
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages), field=field) from error


def ensure_sections(report: Report) -> list[ReportSection]:
    """The report's section rows, with a row for every installed builder it lacks."""
    existing = {s.key: s for s in report.sections.all()}
    for builder in builders():
        if builder.key not in existing:
            existing[builder.key] = ReportSection.objects.create(
                report=report, key=builder.key, position=builder.default_position
            )
    return sorted(existing.values(), key=lambda s: (s.position, s.pk))


@transaction.atomic
def create_report(
    organisation: Organisation,
    *,
    by: Any,
    title: str,
    period: str = "",
    template: str = Report.Template.MAGAZINE,
) -> Report:
    title = title.strip()
    if not title:
        raise ServiceError(_("Give the report a title."), field="title")
    if template not in Report.Template.values:
        raise ServiceError(_("Choose magazine or eindrapport."), field="template")
    report = Report.objects.create(
        organisation=organisation,
        title=title[:200],
        period=_check(validate_period, period, "period"),
        template=template,
    )
    ensure_sections(report)
    record_event("report.create", report, by=by, organisation_id=organisation.pk)
    return report


@transaction.atomic
def update_report(report: Report, *, by: Any, **changes: Any) -> Report:
    """Change title, period, template, colour or the logo's description."""
    allowed = {"title", "period", "template", "colour", "logo_alt"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if "title" in changes:
        if not changes["title"].strip():
            raise ServiceError(_("Give the report a title."), field="title")
        report.title = changes["title"].strip()[:200]
    if "period" in changes:
        report.period = _check(validate_period, changes["period"], "period")
    if "template" in changes:
        if changes["template"] not in Report.Template.values:
            raise ServiceError(_("Choose magazine or eindrapport."), field="template")
        report.template = changes["template"]
    if "colour" in changes:
        report.colour = _check(validate_colour, changes["colour"], "colour")
    if "logo_alt" in changes:
        report.logo_alt = changes["logo_alt"].strip()[:200]
    report.save()
    record_event(
        "report.update",
        report,
        by=by,
        organisation_id=report.organisation_id,
        details={"fields": sorted(changes)},
    )
    return report


@transaction.atomic
def set_report_image(report: Report, upload: Any, *, alt: str, by: Any) -> Report:
    """Replace the logo or photo with a cleaned copy of ``upload`` (None removes it)."""
    from collectief.changestories.poster_image import clean_image

    if upload is None:
        report.logo = ""
        report.logo_alt = ""
    else:
        if not alt.strip():
            raise ServiceError(
                _("Describe the logo or photo in a few words, for people who cannot see it."),
                field="logo_alt",
            )
        image = clean_image(upload)
        report.logo.save(image.name or "logo.png", image, save=False)
        report.logo_alt = alt.strip()[:200]
    report.save()
    record_event("report.image", report, by=by, organisation_id=report.organisation_id)
    return report


@transaction.atomic
def update_section(
    section: ReportSection, *, by: Any, included: bool, intro: str
) -> ReportSection:
    section.included = included
    section.intro = intro.strip()[:5000]
    section.save()
    record_event(
        "report.section.update",
        section.report,
        by=by,
        organisation_id=section.report.organisation_id,
        details={"section": section.key, "included": included},
    )
    return section


@transaction.atomic
def move_section(section: ReportSection, *, direction: int, by: Any) -> None:
    """Swap the section with its neighbour (-1 earlier, +1 later)."""
    rows = ensure_sections(section.report)
    keys = [s.key for s in rows]
    index = keys.index(section.key)
    other = index + (1 if direction > 0 else -1)
    if not 0 <= other < len(rows):
        return
    rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows):
        if row.position != position * 10:
            row.position = position * 10
            row.save(update_fields=["position"])
    record_event(
        "report.section.move",
        section.report,
        by=by,
        organisation_id=section.report.organisation_id,
        details={"section": section.key, "direction": 1 if direction > 0 else -1},
    )


@transaction.atomic
def set_public_link(report: Report, *, public: bool, by: Any) -> Report:
    """Opt in to (or out of) a public link to the latest published version."""
    if public and not report.public_token:
        if not report.versions.exists():
            raise ServiceError(
                _("Publish the report first; the public link shows a published version.")
            )
        report.public_token = new_public_token()
    elif not public:
        report.public_token = ""
    report.save(update_fields=["public_token", "updated_at"])
    record_event(
        "report.public" if public else "report.private",
        report,
        by=by,
        organisation_id=report.organisation_id,
    )
    return report


def report_period(report: Report, override: str | None = None) -> ReportPeriod | None:
    text = report.period if override is None else _check(validate_period, override, "period")
    return parse_period(text) if text else None


def build_document(
    report: Report,
    *,
    period: ReportPeriod | None = None,
    use_report_period: bool = True,
    for_print: bool = False,
    require_data: bool = True,
) -> tuple[ReportDocument, BuildContext]:
    """Run the included section builders in the editor's order.

    Raises ``NoDataError`` (Dutch) when the period has no data at all, so no
    half-empty report or PDF is ever made.
    """
    if use_report_period and period is None:
        period = report_period(report)
    rows = ensure_sections(report) if report.pk else _default_rows(report)
    ctx = BuildContext(
        organisation=report.organisation,
        period=period,
        report=report,
        sections={s.key: s for s in rows},
        for_print=for_print,
    )
    by_key = {b.key: b for b in builders()}
    sections: list[SectionContent] = []
    omitted: list[tuple[str, str]] = []
    for row in rows:
        builder = by_key.get(row.key)
        if builder is None or not row.included:
            continue
        result = builder.build(ctx)
        if isinstance(result, Omitted):
            omitted.append((row.key, result.reason))
            continue
        result.intro = row.intro
        result.anchor = f"h-{row.key}"
        sections.append(result)
    if require_data and not any(s.has_period_data for s in sections):
        if period is not None:
            message = _(
                "There is no data for the period %(period)s: no figures dated in it and no "
                "survey answers. Choose another period."
            ) % {"period": period.text}
        else:
            message = _(
                "There is no data for a report yet: add facts & figures or collect survey "
                "answers first."
            )
        raise NoDataError(message, field="period")
    sources = number_tables_and_sources(sections)
    document = ReportDocument(
        title=report.title,
        period_text=period.text if period else "",
        sections=sections,
        omitted=omitted,
        sources=sources,
    )
    return document, ctx


def _default_rows(report: Report) -> list[ReportSection]:
    return [
        ReportSection(report=report, key=b.key, position=b.default_position) for b in builders()
    ]


@transaction.atomic
def publish_report(report: Report, *, by: Any) -> ReportVersion:
    """Freeze the report as it is now: the next version number, its HTML and data."""
    Report.objects.select_for_update().filter(pk=report.pk).first()
    document, _ctx = build_document(report)
    colours = rendering.colours(report)
    html = rendering.render_body(document, report.template, link_base="")
    latest = report.versions.aggregate(n=Max("number"))["n"] or 0
    version = ReportVersion.objects.create(
        report=report,
        number=latest + 1,
        title=report.title,
        template=report.template,
        html=html,
        data=document.as_json(),
        colours=colours,
        published_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record_event(
        "report.publish",
        version,
        by=by,
        organisation_id=report.organisation_id,
        details={"report": report.pk, "number": version.number},
    )
    return version
