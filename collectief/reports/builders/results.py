"""Per direct effect: the survey statements as numbered tables with a chart, and quotes.

As on the magazine's Badhuis pages (p. 36–37): the statements of one direct
effect of the change story, a table per part of the survey ("Tabel 1:
Onderlinge contacten"), the share that (helemaal) mee eens is, the number
of valid answers, a note when few people answered, and the quotes the
organisation marked in the survey's open answers, placed between the
effects like pull quotes.
"""

from __future__ import annotations

import re
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.changestories.models import Effect
from collectief.lib.suppression import MIN_COUNT, is_small
from collectief.reports.measurements import Measurement, agree_share, measurements, quotes_for
from collectief.reports.sections import (
    BuildContext,
    Omitted,
    SectionContent,
    Source,
    number,
    table,
)
from collectief.surveys.analysis.results import QuestionResult, small_sample_warning
from collectief.surveys.charts import COLOURS, stacked_bar_chart
from collectief.surveys.models import LIKERT_LABELS
from collectief.surveys.results_layout import in_survey_order

_TABLE_PREFIX = re.compile(r"^\s*tabel\s+\d+\s*[:.\-–]\s*", re.IGNORECASE)


def table_title(section_title: str, fallback: str) -> str:
    """ "Tabel 1: Onderlinge contacten" → "Onderlinge contacten" (the report numbers tables)."""
    if _TABLE_PREFIX.match(section_title):
        return _TABLE_PREFIX.sub("", section_title).strip() or fallback
    return section_title.strip() or fallback


def percent_text(value: float) -> str:
    return f"{value:.0f}%"


def measurement_source(m: Measurement) -> Source:
    url = reverse("surveys:results", args=[m.survey.organisation.slug, m.survey.pk])
    label = m.survey.title
    if m.wave is not None:
        url += f"?meting={m.wave.pk}"
        label = f"{label} ({m.wave.name})"
    return Source(_("Survey results: %(survey)s") % {"survey": label}, url)


def _row(question: QuestionResult, source: Source) -> list[Any]:
    share = agree_share(question)
    return [
        question.text,
        number(percent_text(share), source) if share is not None else _("not shown"),
        number(str(question.n), source)
        if not is_small(question.n)
        else _("fewer than %(min)s") % {"min": MIN_COUNT},
    ]


def _statements_table(
    title: str, questions: list[QuestionResult], source: Source, ident: str
) -> dict[str, Any]:
    notes = []
    smallest = min((q.n for q in questions), default=0)
    if not is_small(smallest):
        warning = small_sample_warning(smallest)
        if warning:
            notes.append(warning)
    if any(agree_share(q) is None for q in questions):
        notes.append(
            _(
                "Not shown: fewer than %(min)s people answered, or the share would tell "
                "something about fewer than %(min)s people."
            )
            % {"min": MIN_COUNT}
        )
    if any(q.n_dont_know for q in questions):
        notes.append(_("“Don't know” answers are not counted in the percentages."))
    shown = [q for q in questions if not q.suppressed]
    chart = ""
    if shown:
        chart = render_to_string(
            "reports/_likert_chart.html",
            {
                "chart": stacked_bar_chart(shown),
                "title": title,
                "id": ident,
            },
        )
    return table(
        title,
        [_("Statement"), _("(Strongly) agree"), _("Valid answers")],
        [_row(q, source) for q in questions],
        notes=notes,
        chart=chart,
    )


def effect_groups(m: Measurement, effects: dict[int, Effect]) -> list[dict[str, Any]]:
    """The statement tables of one measurement, grouped per direct effect in survey order."""
    source = measurement_source(m)
    groups: list[dict[str, Any]] = []
    for section in in_survey_order(m.results):
        for block in section.blocks:
            if block.kind != "statements" or block.table is None:
                continue
            effect = effects.get(block.table.effect_id or 0)
            name = (effect.name or effect.description) if effect else block.table.name
            if not groups or groups[-1]["effect_id"] != block.table.effect_id:
                groups.append(
                    {
                        "effect_id": block.table.effect_id,
                        "name": name,
                        "description": effect.description if effect and effect.name else "",
                        "tables": [],
                        "quotes": [],
                    }
                )
            ident = f"{m.survey.pk}-{block.number}"
            groups[-1]["tables"].append(
                _statements_table(
                    table_title(section.title, name), block.table.questions, source, ident
                )
            )
    return groups


class Results:
    key = "results"
    title = gettext_lazy("What it brings")
    default_position = 30

    def build(self, ctx: BuildContext) -> SectionContent | Omitted:
        found: list[Measurement] = ctx.cached(
            "measurements", lambda: measurements(ctx.organisation, ctx.period)
        )
        if not found:
            return Omitted(_("No survey has answers in this period."))
        shown = [m for m in found if m.shown]
        if not shown:
            return Omitted(
                _(
                    "The surveys of this period have fewer than %(min)s responses: nothing is shown."
                )
                % {"min": MIN_COUNT}
            )
        effects = {e.pk: e for e in Effect.objects.filter(story__organisation=ctx.organisation)}
        items = []
        for m in shown:
            groups = effect_groups(m, effects)
            quotes = quotes_for(m)
            # Pull quotes between the effects, as in the magazine: one after each
            # effect, the rest at the end.
            for group, quote in zip(groups, quotes, strict=False):
                group["quotes"].append(quote)
            rest = quotes[len(groups) :]
            if not groups and not rest:
                continue
            items.append(
                {
                    "survey": m.survey.title,
                    "wave": m.wave.name if m.wave else "",
                    "respondents": number(str(m.results.n_responses), measurement_source(m)),
                    "groups": groups,
                    "quotes": rest,
                }
            )
        if not items:
            return Omitted(_("The surveys of this period have no statements to show."))
        return SectionContent(
            key=self.key,
            title=str(self.title),
            template="reports/sections/results.html",
            data={
                "measurements": items,
                "legend": [
                    [colour, str(LIKERT_LABELS[value])]
                    for colour, value in zip(COLOURS, range(1, 6), strict=True)
                ],
            },
            has_period_data=True,
        )
