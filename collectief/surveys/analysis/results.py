"""Result shapes of the survey analysis, and the rules they encode.

Constants (agree values, the smallest group shown, the "impression" limit),
the small-sample warning and the dataclasses every other module fills in:
one ``QuestionResult`` per question (with its answer ``Bucket``s), one
``ScaleResult`` per instrument and ``SurveyResults`` with the effect tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collectief.lib import stats
from collectief.lib.suppression import MIN_COUNT
from collectief.surveys.models import Question, Survey, Wave
from collectief.surveys.vectors import Matrix

AGREE_VALUES = (4, 5)
MIN_GROUP_SIZE = MIN_COUNT  # the one threshold lives in collectief.lib.suppression
SMALL_SAMPLE = 30
DK = "dk"


def small_sample_warning(n: int) -> str:
    """A plain warning when a result rests on few answers, else ""."""
    if n >= SMALL_SAMPLE or n == 0:
        return ""
    return ngettext(
        "With %(n)s answer this is an impression, not a measurement.",
        "With %(n)s answers this is an impression, not a measurement.",
        n,
    ) % {"n": n}


@dataclass
class Bucket:
    key: str
    label: str
    count: int
    valid: bool = True  # False for "weet ik niet / n.v.t."
    hidden: bool = False  # too few people, or hidden so another cell cannot be subtracted

    def pct_of(self, total: int) -> float | None:
        return stats.percentage(self.count, total)


@dataclass
class QuestionResult:
    id: int
    code: str
    text: str
    type: str
    section: str
    effect_id: int | None
    effect: str | None
    n: int = 0
    n_dont_know: int | None = 0
    buckets: list[Bucket] = field(default_factory=list)
    agree: int | None = None
    agree_pct: float | None = None
    agree_ci95: tuple[float, float] | None = None
    mean: float | None = None
    median: float | None = None
    quartiles: tuple[float, float] | None = None
    instrument: str = ""
    suppressed: bool = False  # fewer than MIN_GROUP_SIZE people: only n is shown
    section_id: int | None = None

    @property
    def is_likert(self) -> bool:
        return self.type == Question.Type.LIKERT5

    @property
    def warning(self) -> str:
        return small_sample_warning(self.n) if self.type in Question.CLOSED_TYPES else ""

    @property
    def distribution(self) -> dict[str, int | None] | None:
        if self.suppressed:
            return None
        return {b.label: None if b.hidden else b.count for b in self.buckets}

    @property
    def valid_buckets(self) -> list[Bucket]:
        return [b for b in self.buckets if b.valid]

    def bar_segments(self) -> list[dict[str, Any]]:
        """Shares of the valid answers for a stacked bar, left to right."""
        segments = []
        x = 0.0
        for index, bucket in enumerate(self.valid_buckets):
            pct = 0.0 if bucket.hidden else bucket.pct_of(self.n) or 0.0
            segments.append(
                {"label": bucket.label, "pct": pct, "x": x, "width": pct, "index": index}
            )
            x += pct
        return segments


@dataclass
class ScaleResult:
    code: str
    name: str
    n: int
    mean: float | None
    mean_scaled: float | None
    multiplier: int
    bands: dict[str, int | None] | None
    band_labels: dict[str, str]
    subscales: dict[str, float | None]
    subscale_labels: dict[str, str]
    licence: str
    permission_required: bool
    translation_source: str
    missing_note: str
    suppressed: bool = False

    @property
    def warning(self) -> str:
        return small_sample_warning(self.n)


@dataclass
class EffectTable:
    effect_id: int | None
    name: str
    questions: list[QuestionResult]


@dataclass
class SurveyResults:
    survey: Survey
    wave: Wave | None
    n_responses: int
    questions: list[QuestionResult]
    scales: list[ScaleResult]
    matrix: Matrix | None = field(default=None, repr=False)  # reused by breakdown()
    suppressed: bool = False  # fewer than MIN_GROUP_SIZE respondents: no numbers at all

    def effect_tables(self) -> list[EffectTable]:
        """Likert statements grouped per direct effect, like the magazine's tables."""
        tables: dict[int | None, EffectTable] = {}
        for q in self.questions:
            if not q.is_likert or q.instrument:
                continue
            table = tables.get(q.effect_id)
            if table is None:
                name = q.effect or _("Statements not linked to an effect")
                table = tables[q.effect_id] = EffectTable(q.effect_id, name, [])
            table.questions.append(q)
        linked = [t for key, t in tables.items() if key is not None]
        return linked + ([tables[None]] if None in tables else [])

    def by_code(self) -> dict[str, QuestionResult]:
        return {q.code: q for q in self.questions}
