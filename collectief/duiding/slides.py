"""What a samen-duiden session shows per direct effect (presentation, report, export).

One ``Slide`` per direct effect of the organisation's change story, in the
story's order: the facts & figures linked to the effect's indicators, the
statements of the session's questionnaire about the effect (from
``surveys.analysis``, so with the same suppression as the results page), the
quotes (``sources.effect_quotes``), the gesprekstools held up to the
session's date, and what the group recorded.

Privacy: a questionnaire with fewer than ``MIN_COUNT`` responses shows no
numbers at all, and a statement with fewer than ``MIN_COUNT`` valid answers
shows neither its share nor its n; those statements are left out of the
chart. The templates only ever read ``SurveyPart`` and never the raw results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from collectief.changestories.models import Effect
from collectief.duiding.models import (
    ArenaEffect,
    EffectReading,
    FollowUp,
    InterpretationSession,
    TriangleSession,
)
from collectief.duiding.sources import EffectQuote, effect_quotes
from collectief.duiding.triangle import CornerSummary, TriangleDrawing, draw, summarise
from collectief.figures.models import Figure
from collectief.figures.services import highlighted_figures
from collectief.lib.suppression import MIN_COUNT
from collectief.surveys.analysis import QuestionResult, SurveyResults, analyse_survey
from collectief.surveys.charts import Chart, stacked_bar_chart


@dataclass
class StatementRow:
    text: str
    shown: bool  # False: fewer than MIN_COUNT valid answers, nothing but the text
    agree_pct: float | None
    ci95: tuple[float, float] | None
    n: int | None
    warning: str


@dataclass
class SurveyPart:
    title: str
    suppressed: bool  # the whole questionnaire has fewer than MIN_COUNT responses
    n_responses: int | None
    rows: list[StatementRow]
    chart: Chart | None


@dataclass
class TriangleResult:
    session: TriangleSession
    summaries: list[CornerSummary]

    @property
    def drawing(self) -> TriangleDrawing:
        return draw(self.summaries)


@dataclass
class Slide:
    number: int
    effect: Effect
    figures: list[Figure]
    # The initiative's highlighted output figures, shown when none is linked to the effect.
    context_figures: list[Figure]
    survey: SurveyPart | None
    quotes: list[EffectQuote]
    triangles: list[TriangleResult]
    arena: list[ArenaEffect]
    reading: EffectReading | None
    follow_ups: list[FollowUp] = field(default_factory=list)


def session_effects(session: InterpretationSession) -> list[Effect]:
    """The direct effects of the organisation's change story, in the story's order."""
    return list(
        Effect.objects.filter(story__organisation_id=session.organisation_id).order_by(
            "position", "pk"
        )
    )


def _row(q: QuestionResult) -> StatementRow:
    shown = not q.suppressed and q.n >= MIN_COUNT
    return StatementRow(
        text=q.text,
        shown=shown,
        agree_pct=q.agree_pct if shown else None,
        ci95=q.agree_ci95 if shown else None,
        n=q.n if shown else None,
        warning=q.warning if shown else "",
    )


def survey_part(results: SurveyResults | None, effect: Effect) -> SurveyPart | None:
    if results is None:
        return None
    title = results.survey.title
    if results.suppressed:
        return SurveyPart(title, True, None, [], None)
    questions = [
        q
        for table in results.effect_tables()
        if table.effect_id == effect.pk
        for q in table.questions
    ]
    if not questions:
        return None
    rows = [_row(q) for q in questions]
    charted = [q for q, row in zip(questions, rows, strict=True) if row.shown]
    chart = stacked_bar_chart(charted) if charted else None
    return SurveyPart(title, False, results.n_responses, rows, chart)


def _results(session: InterpretationSession) -> SurveyResults | None:
    if session.survey is None:
        return None
    return analyse_survey(session.survey)


def build_slides(session: InterpretationSession) -> list[Slide]:
    """Every direct effect's slide, numbered from 1."""
    effects = session_effects(session)
    results = _results(session)
    readings = {r.effect_id: r for r in session.readings.all()}
    follow_ups: dict[int | None, list[FollowUp]] = {}
    for follow_up in session.follow_ups.all():
        follow_ups.setdefault(follow_up.effect_id, []).append(follow_up)
    figures: dict[int, list[Figure]] = {}
    for figure in (
        Figure.objects.filter(
            organisation_id=session.organisation_id, indicator__effect__in=effects
        )
        .select_related("indicator")
        .order_by("order", "pk")
    ):
        assert figure.indicator is not None
        figures.setdefault(figure.indicator.effect_id, []).append(figure)
    triangles = list(
        TriangleSession.objects.filter(
            organisation_id=session.organisation_id, held_on__lte=session.held_on
        )
        .prefetch_related("effects", "scores")
        .order_by("-held_on", "-id")
    )
    arena = list(
        ArenaEffect.objects.filter(
            session__organisation_id=session.organisation_id,
            session__held_on__lte=session.held_on,
            effect__in=effects,
        )
        .select_related("session")
        .prefetch_related("gainers")
        .order_by("-session__held_on", "position")
    )
    highlighted = highlighted_figures(session.organisation)
    slides = []
    for number, effect in enumerate(effects, start=1):
        linked = figures.get(effect.pk, [])
        slides.append(
            Slide(
                number=number,
                effect=effect,
                figures=linked,
                context_figures=[] if linked else highlighted,
                survey=survey_part(results, effect),
                quotes=effect_quotes(effect),
                triangles=[
                    TriangleResult(t, summarise(list(t.scores.all())))
                    for t in triangles
                    if any(e.pk == effect.pk for e in t.effects.all())
                ],
                arena=[a for a in arena if a.effect_id == effect.pk],
                reading=readings.get(effect.pk),
                follow_ups=follow_ups.get(effect.pk, []),
            )
        )
    return slides


def general_follow_ups(session: InterpretationSession) -> list[Any]:
    """Actions not tied to one effect."""
    return list(session.follow_ups.filter(effect__isnull=True))
