"""Cover, "even voorstellen" (profile with facts & figures) and "wat we geleerd hebben"."""

from __future__ import annotations

import base64
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.changestories.services import get_story
from collectief.figures.chart import build_chart
from collectief.figures.models import Figure, format_number
from collectief.figures.services import figures_for
from collectief.reports.sections import (
    BuildContext,
    Omitted,
    SectionContent,
    Source,
    number,
    table,
)


def image_data(field: Any, alt: str) -> dict[str, str] | None:
    """A stored image as a data URI (the CSP allows data: images; WeasyPrint needs no path)."""
    if not field:
        return None
    try:
        with field.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    kind = "png" if data.startswith(b"\x89PNG") else "jpeg"
    return {"src": f"data:image/{kind};base64," + base64.b64encode(data).decode(), "alt": alt}


def cover_image(ctx: BuildContext) -> dict[str, str] | None:
    report = ctx.report
    if report is not None and report.logo:
        return image_data(report.logo, report.logo_alt)
    story = get_story(ctx.organisation)
    if story.pk and story.image:
        return image_data(story.image, story.image_alt)
    return None


class Cover:
    key = "cover"
    title = gettext_lazy("Cover")
    default_position = 0

    def build(self, ctx: BuildContext) -> SectionContent | Omitted:
        organisation = ctx.organisation
        report = ctx.report
        return SectionContent(
            key=self.key,
            title=str(self.title),
            template="reports/sections/cover.html",
            data={
                "title": report.title if report is not None else organisation.name,
                "organisation": organisation.name,
                "tagline": organisation.tagline,
                "period": ctx.period.text if ctx.period else "",
                "image": cover_image(ctx),
            },
        )


def _figure_source(figure: Figure) -> Source:
    assert figure.organisation is not None
    return Source(
        _("Facts & figures: %(label)s") % {"label": figure.label},
        reverse("figures:detail", args=[figure.organisation.slug, figure.pk]),
    )


def _series_table(figure: Figure, ctx: BuildContext) -> dict[str, Any] | None:
    values = list(figure.values.all())
    if ctx.period is not None:
        values = [v for v in values if ctx.period.contains(v.date)]
    chart = build_chart(values)
    if chart is None:
        return None
    source = _figure_source(figure)
    svg = render_to_string(
        "reports/_figure_chart.html", {"chart": chart, "label": figure.label, "id": figure.pk}
    )
    return table(
        figure.label,
        [_("Date"), _("Number")],
        [[f"{v.date:%d-%m-%Y}", number(format_number(v.value), source)] for v in values],
        chart=svg,
        numbered=False,
    )


class Introduction:
    key = "introduction"
    title = gettext_lazy("Let us introduce ourselves")
    default_position = 10

    def build(self, ctx: BuildContext) -> SectionContent | Omitted:
        organisation = ctx.organisation
        figures = list(figures_for(organisation).prefetch_related("values"))
        in_period = [
            f
            for f in figures
            if f.date is None or ctx.period is None or ctx.period.contains(f.date)
        ]
        dated = [f for f in in_period if f.date is not None or ctx.period is None]
        description = organisation.public_description.strip()
        if not in_period and not description:
            return Omitted(
                _(
                    "There are no facts & figures for this period and no public description "
                    "of the organisation."
                )
            )
        tiles = [
            {
                "value": number(f"{f.qualifier} {f.value_text}".strip(), _figure_source(f)),
                "label": f.label,
                "period": f.period_text,
                "date": f"{f.date:%d-%m-%Y}" if f.date else "",
            }
            for f in in_period
        ]
        series = [t for f in in_period if (t := _series_table(f, ctx)) is not None]
        return SectionContent(
            key=self.key,
            title=str(self.title),
            template="reports/sections/introduction.html",
            data={
                "description": description,
                "tiles": tiles,
                "series": series,
                "undated_note": bool(ctx.period) and any(f.date is None for f in in_period),
            },
            has_period_data=bool(dated),
        )


class Lessons:
    key = "lessons"
    title = gettext_lazy("What we learned")
    default_position = 80

    def build(self, ctx: BuildContext) -> SectionContent | Omitted:
        section = ctx.sections.get(self.key)
        if section is None or not section.intro.strip():
            return Omitted(_("Write an introduction; this chapter is made of your own text."))
        return SectionContent(
            key=self.key,
            title=str(self.title),
            template="reports/sections/lessons.html",
            data={},
        )
