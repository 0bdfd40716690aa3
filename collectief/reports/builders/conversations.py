"""Conversation tools per direct effect: the Waardendriehoek and the Effectenarena.

The Waardendriehoek is drawn with the duiding app's own SVG (the group's
mean per corner and the spread from lowest to highest) and always has a
table with the same numbers; the Effectenarena's effects are a table of how
large the group valued each effect and who gains.

Which sessions: those held in the report's period, and those held after it
up to the last samen-duiden session that read the period (the group had them
on the table when it read the period; the Badhuis read its 2022 measurement
later). Without a period: all of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.duiding.models import InterpretationSession
from collectief.duiding.services import sessions_for_period, tools_held
from collectief.duiding.triangle import draw, summarise
from collectief.reports.sections import (
    BuildContext,
    Omitted,
    SectionContent,
    Source,
    number,
    table,
)
from collectief.stories.services import effects_of


def duiding_sessions(ctx: BuildContext) -> list[InterpretationSession]:
    """The samen-duiden sessions of the period, read once per build."""
    period = ctx.period
    return ctx.cached(
        "duiding_sessions",
        lambda: sessions_for_period(
            ctx.organisation,
            period.start if period else None,
            period.end if period else None,
        ),
    )


def tools_window(ctx: BuildContext) -> tuple[dt.date | None, dt.date | None]:
    if ctx.period is None:
        return None, None
    end = ctx.period.end
    for session in duiding_sessions(ctx):
        end = max(end, session.held_on + dt.timedelta(days=1))
    return ctx.period.start, end


def _decimal(value: float) -> str:
    return formats.number_format(value, 1)


def _triangle(session: Any, slug: str) -> dict[str, Any] | None:
    summaries = summarise(list(session.scores.all()))
    if not summaries or not summaries[0].scores:
        return None
    source = Source(
        _("Waardendriehoek: %(title)s") % {"title": session.title},
        reverse("duiding:triangle", args=[slug, session.pk]),
    )
    svg = render_to_string(
        "duiding/_triangle_svg.html",
        {"drawing": draw(summaries), "svg_id": f"triangle-{session.pk}", "summaries": summaries},
    )
    rows = [
        [
            str(s.label),
            number(_decimal(s.mean), source) if s.mean is not None else "–",
            number(str(s.lowest), source) if s.lowest is not None else "–",
            number(str(s.highest), source) if s.highest is not None else "–",
        ]
        for s in summaries
    ]
    return {
        "title": session.title,
        "date": formats.date_format(session.held_on, "j F Y"),
        "participants": number(str(len(summaries[0].scores)), source),
        "table": table(
            _("Waardendriehoek: %(title)s") % {"title": session.title},
            [_("Corner"), _("Mean"), _("Lowest"), _("Highest")],
            rows,
            chart=svg,
            notes=[
                _("Scores from 1 to 10 per corner; the drawing shows the mean and the spread.")
            ],
        ),
    }


class Conversations:
    key = "conversations"
    title = gettext_lazy("In conversation: Waardendriehoek and Effectenarena")
    default_position = 50

    def build(self, ctx: BuildContext) -> SectionContent | Omitted:
        start, end = tools_window(ctx)
        triangles, arena = tools_held(ctx.organisation, start, end)
        if not triangles and not arena:
            return Omitted(_("No Waardendriehoek or Effectenarena was held in this period."))
        slug = ctx.organisation.slug
        groups = []
        for effect in effects_of(ctx.organisation):
            drawn = [
                t
                for session in triangles
                if any(e.pk == effect.pk for e in session.effects.all())
                and (t := _triangle(session, slug)) is not None
            ]
            valued = [a for a in arena if a.effect_id == effect.pk]
            if not drawn and not valued:
                continue
            arena_table = None
            if valued:
                arena_table = table(
                    _("Effectenarena: %(effect)s") % {"effect": effect.name or effect.description},
                    [_("Effect"), _("How large"), _("Who gains"), _("Session")],
                    [
                        [
                            a.description,
                            str(a.get_valuation_display()),
                            ", ".join(g.name for g in a.gainers.all()) or "–",
                            f"{a.session.title} ({formats.date_format(a.session.held_on, 'j F Y')})",
                        ]
                        for a in valued
                    ],
                )
            groups.append(
                {
                    "name": effect.name or effect.description,
                    "description": effect.description if effect.name else "",
                    "triangles": drawn,
                    "arena": arena_table,
                }
            )
        if not groups:
            return Omitted(
                _("The conversation tools of this period are not linked to a direct effect.")
            )
        return SectionContent(
            key=self.key,
            title=str(self.title),
            template="reports/sections/conversations.html",
            data={"groups": groups},
            has_period_data=True,
        )
