"""Survey results: counts, shares with a 95% interval, breakdowns, wave comparisons.

The results page, the JSON/CSV exports, ``collectief survey results`` and the
benchmark all call ``analyse_survey`` and friends, so they show the same
numbers.

Counting: statements, yes/no and "choose one" questions are counted from the
per-response answer vectors (``vectors.py``): the database concatenates the
vectors of the survey into one byte string and NumPy counts per question
(``bincount``) and per (group, answer) for a breakdown. Other questions
(numbers, "choose one or more", open text, instrument scores) are counted
with ``GROUP BY`` on the narrow ``Answer`` table. When a response has no
vector (data written around the services) everything is counted from the
``Answer`` rows, which stay the source of truth; ``use_vectors=False`` does
the same on purpose (the tests compare both).

Rules, stated on the page too:
- n is the number of *valid* answers: "weet ik niet / n.v.t." and blanks are
  not counted.
- The agree share of a statement is (helemaal) mee eens (4 or 5) among the
  valid answers, with a 95% Wilson interval.
- Groups in a breakdown with fewer than 5 people are not shown.
- Below 30 valid answers a result is "an impression, not a measurement".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collectief.lib import stats
from collectief.surveys.instruments import get_instrument, score_instrument
from collectief.surveys.models import (
    DONT_KNOW_LABEL,
    LIKERT_LABELS,
    Answer,
    Question,
    Response,
    Survey,
    Wave,
)
from collectief.surveys.vectors import DK_CODE, Matrix, load_matrix

AGREE_VALUES = (4, 5)
MIN_GROUP_SIZE = 5
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
    n_dont_know: int = 0
    buckets: list[Bucket] = field(default_factory=list)
    agree: int | None = None
    agree_pct: float | None = None
    agree_ci95: tuple[float, float] | None = None
    mean: float | None = None
    instrument: str = ""

    @property
    def is_likert(self) -> bool:
        return self.type == Question.Type.LIKERT5

    @property
    def warning(self) -> str:
        return small_sample_warning(self.n) if self.type in Question.CLOSED_TYPES else ""

    @property
    def distribution(self) -> dict[str, int]:
        return {b.label: b.count for b in self.buckets}

    @property
    def valid_buckets(self) -> list[Bucket]:
        return [b for b in self.buckets if b.valid]

    def bar_segments(self) -> list[dict[str, Any]]:
        """Shares of the valid answers for a stacked bar, left to right."""
        segments = []
        x = 0.0
        for index, bucket in enumerate(self.valid_buckets):
            pct = bucket.pct_of(self.n) or 0.0
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
    bands: dict[str, int]
    band_labels: dict[str, str]
    subscales: dict[str, float | None]
    subscale_labels: dict[str, str]
    licence: str
    permission_required: bool
    translation_source: str
    missing_note: str

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


def _effect_name(question: Question) -> str | None:
    effect = question.effect
    if effect is None:
        return None
    return effect.name or effect.description


def _questions(survey: Survey) -> list[Question]:
    return list(
        survey.questions.select_related("section", "effect")
        .prefetch_related("choices")
        .order_by("section__order", "section_id", "order", "id")
    )


def _answers(survey: Survey, wave: Wave | None) -> Any:
    queryset = Answer.objects.all()
    if wave is not None:
        queryset = queryset.filter(response__wave=wave)
    return queryset


def _counts_by_value(question_ids: list[int], survey: Survey, wave: Wave | None) -> Any:
    """(question_id, value) → count; a NULL value is "weet ik niet"."""
    if not question_ids:
        return []
    return (
        _answers(survey, wave)
        .filter(question_id__in=question_ids)
        .values_list("question_id", "value")
        .annotate(n=Count("*"))
        .order_by()
    )


def _counts_by_choice(question_ids: list[int], survey: Survey, wave: Wave | None) -> Any:
    if not question_ids:
        return []
    return (
        _answers(survey, wave)
        .filter(question_id__in=question_ids)
        .values_list("question_id", "choice_id")
        .annotate(n=Count("*"))
        .order_by()
    )


def _buckets_for(question: Question, counts: dict[Any, int]) -> tuple[list[Bucket], int, int]:
    """Buckets in display order, the number of valid answers and of "weet ik niet"."""
    buckets: list[Bucket] = []
    dont_know = counts.get(None, 0)
    if question.type == Question.Type.LIKERT5:
        buckets = [Bucket(str(v), str(LIKERT_LABELS[v]), counts.get(v, 0)) for v in range(1, 6)]
    elif question.type == Question.Type.YES_NO:
        buckets = [
            Bucket("1", _("Yes"), counts.get(1, 0)),
            Bucket("0", _("No"), counts.get(0, 0)),
        ]
    elif question.is_choice:
        buckets = [Bucket(c.value, c.label, counts.get(c.pk, 0)) for c in question.choices.all()]
    elif question.type == Question.Type.NUMBER:
        buckets = [
            Bucket(str(v), str(v), n)
            for v, n in sorted((k, n) for k, n in counts.items() if k is not None)
        ]
    valid = sum(b.count for b in buckets)
    if question.type == Question.Type.MULTIPLE_CHOICE:
        valid = -1  # filled in from the number of respondents below
    if dont_know or (question.allow_dont_know and question.type == Question.Type.LIKERT5):
        buckets.append(Bucket(DK, str(DONT_KNOW_LABEL), dont_know, valid=False))
    return buckets, valid, dont_know


def _served(matrix: Matrix | None, question: Question) -> bool:
    """Whether ``question`` is counted from the answer vectors."""
    if matrix is None:
        return False
    choice_ids = [c.pk for c in question.choices.all()] if question.is_choice else []
    return matrix.layout.serves(question.pk, question.type, choice_ids)


def _vector_counts(matrix: Matrix, question: Question) -> dict[Any, int]:
    """The same {value or choice id (None = don't know): count} as the GROUP BY gives."""
    codes = matrix.counts(question.pk)
    counts: dict[Any, int] = {}
    if question.type == Question.Type.LIKERT5:
        counts = {v: int(codes[v]) for v in range(1, 6)}
    elif question.type == Question.Type.YES_NO:
        counts = {0: int(codes[1]), 1: int(codes[2])}
    else:
        by_code = matrix.layout.codes.get(question.pk, {})
        counts = {choice_id: int(codes[code]) for choice_id, code in by_code.items()}
    counts[None] = int(codes[DK_CODE])
    return {k: n for k, n in counts.items() if n}


def analyse_survey(
    survey: Survey, *, wave: Wave | None = None, use_vectors: bool = True
) -> SurveyResults:
    """Every question's counts and shares; instrument scores. Same code for web and CLI."""
    questions = _questions(survey)
    matrix: Matrix | None = None
    if use_vectors:
        n_responses, matrix = load_matrix(survey, wave)
    else:
        responses = Response.objects.filter(survey=survey)
        if wave is not None:
            responses = responses.filter(wave=wave)
        n_responses = responses.count()
    served = {q.pk for q in questions if _served(matrix, q)}

    value_ids = [
        q.pk
        for q in questions
        if q.type in (Question.Type.LIKERT5, Question.Type.YES_NO, Question.Type.NUMBER)
        and q.pk not in served
    ]
    choice_ids = [q.pk for q in questions if q.is_choice and q.pk not in served]
    text_ids = [q.pk for q in questions if q.type in Question.TEXT_TYPES]
    counts: dict[int, dict[Any, int]] = defaultdict(dict)
    if matrix is not None:
        for q in questions:
            if q.pk in served:
                counts[q.pk] = _vector_counts(matrix, q)
    for question_id, value, n in _counts_by_value(value_ids, survey, wave):
        counts[question_id][value] = n
    for question_id, choice_id, n in _counts_by_choice(choice_ids, survey, wave):
        counts[question_id][choice_id] = n
    text_counts: dict[int, int] = {}
    if text_ids:
        text_counts = dict(
            _answers(survey, wave)
            .filter(question_id__in=text_ids)
            .exclude(text="")
            .values_list("question_id")
            .annotate(n=Count("*"))
            .order_by()
        )
    # A multiple choice question's n is the number of people who ticked something.
    multiple_ids = [q.pk for q in questions if q.type == Question.Type.MULTIPLE_CHOICE]
    multiple_n: dict[int, int] = {}
    if multiple_ids:
        multiple_n = dict(
            _answers(survey, wave)
            .filter(question_id__in=multiple_ids, choice__isnull=False)
            .values_list("question_id")
            .annotate(n=Count("response_id", distinct=True))
            .order_by()
        )

    results = []
    for q in questions:
        result = QuestionResult(
            id=q.pk,
            code=q.code,
            text=q.text,
            type=q.type,
            section=q.section.title,
            effect_id=q.effect_id,
            effect=_effect_name(q),
            instrument=q.instrument,
        )
        if q.type in Question.TEXT_TYPES:
            result.n = text_counts.get(q.pk, 0)
        else:
            buckets, valid, dont_know = _buckets_for(q, counts.get(q.pk, {}))
            result.buckets, result.n, result.n_dont_know = buckets, valid, dont_know
            if q.type == Question.Type.MULTIPLE_CHOICE:
                result.n = multiple_n.get(q.pk, 0)
            if q.type == Question.Type.LIKERT5:
                result.agree = sum(counts.get(q.pk, {}).get(v, 0) for v in AGREE_VALUES)
                _set_agree(result)
            if q.type == Question.Type.NUMBER and result.n:
                total = sum(int(b.key) * b.count for b in result.valid_buckets)
                result.mean = total / result.n
        results.append(result)
    scales = _scales(survey, questions, wave)
    return SurveyResults(survey, wave, n_responses, results, scales, matrix)


def _set_agree(result: QuestionResult) -> None:
    if result.agree is None or result.n == 0:
        return
    result.agree_pct = 100.0 * result.agree / result.n
    interval = stats.wilson_interval(result.agree, result.n)
    if interval:
        result.agree_ci95 = (100.0 * interval[0], 100.0 * interval[1])


def _scales(survey: Survey, questions: list[Question], wave: Wave | None) -> list[ScaleResult]:
    """Instrument scores per respondent, using the instrument's own scoring rules."""
    by_instrument: dict[str, list[Question]] = defaultdict(list)
    for q in questions:
        if q.instrument and q.instrument_item:
            by_instrument[q.instrument].append(q)
    scales = []
    for key, items in by_instrument.items():
        instrument = get_instrument(key)
        if instrument is None:
            continue
        item_of = {q.pk: q.instrument_item for q in items}
        value_of = {c.pk: c.value for q in items for c in q.choices.all()}
        per_response: dict[int, dict[int, str | None]] = defaultdict(dict)
        rows = (
            _answers(survey, wave)
            .filter(question_id__in=list(item_of), choice__isnull=False)
            .values_list("response_id", "question_id", "choice_id")
        )
        for response_id, question_id, choice_id in rows:
            item = item_of[question_id]
            if item is not None:
                per_response[response_id][item] = value_of.get(choice_id)
        scoring = instrument.data["scoring"]
        totals, scaled = [], []
        bands = {b["key"]: 0 for b in instrument.data["bands"]}
        subscale_values: dict[str, list[int]] = {
            s["key"]: [] for s in scoring.get("subscales", [])
        }
        for answers in per_response.values():
            score = score_instrument(instrument, answers)
            if score["total"] is not None:
                totals.append(score["total"])
                scaled.append(score["scaled"])
                if score["band"]:
                    bands[score["band"]] += 1
            for sub_key, sub_value in score["subscales"].items():
                if sub_value is not None:
                    subscale_values[sub_key].append(sub_value)
        scales.append(
            ScaleResult(
                code=key,
                name=instrument.name,
                n=len(totals),
                mean=stats.mean(totals),
                mean_scaled=stats.mean(scaled),
                multiplier=int(scoring.get("multiplier", 1)),
                bands=bands,
                band_labels={b["key"]: b["label"] for b in instrument.data["bands"]},
                subscales={k: stats.mean(v) for k, v in subscale_values.items()},
                subscale_labels={s["key"]: s["label"] for s in scoring.get("subscales", [])},
                licence=str(instrument.data["licence"]),
                permission_required=instrument.permission_required,
                translation_source=str(instrument.data["translation_source"]),
                missing_note=str(scoring.get("missing_note", "")),
            )
        )
    return scales


# Breakdown ---------------------------------------------------------------


@dataclass
class BreakdownGroup:
    key: str
    label: str
    size: int

    @property
    def hidden(self) -> bool:
        return self.size < MIN_GROUP_SIZE


@dataclass
class BreakdownCell:
    n: int
    share: float | None  # agree share (Likert) or yes share (yes/no), 0-100

    @property
    def hidden(self) -> bool:
        return self.n < MIN_GROUP_SIZE


@dataclass
class BreakdownRow:
    question: QuestionResult
    cells: list[BreakdownCell]


@dataclass
class Breakdown:
    by: Question
    groups: list[BreakdownGroup]
    rows: list[BreakdownRow]


def breakdown_options(survey: Survey) -> list[Question]:
    """Closed questions one can break the results down by."""
    return [q for q in _questions(survey) if q.is_closed]


def _group_key_sql(by: Question) -> str:
    return "b.choice_id" if by.is_choice else "b.value"


def breakdown(results: SurveyResults, by: Question) -> Breakdown:
    """Agree share (statements) and yes share (yes/no) per answer to ``by``.

    Counted from the answer vectors that ``analyse_survey`` loaded (one
    ``bincount`` per statement over (group, answer) pairs); when they are not
    there, or ``by`` is a "choose one or more" question, with one GROUP BY over
    the answers joined to the respondent's answer on ``by``. Groups smaller
    than MIN_GROUP_SIZE people, and cells with fewer valid answers, are hidden.
    """
    rows_questions = [
        q
        for q in results.questions
        if q.type in (Question.Type.LIKERT5, Question.Type.YES_NO) and q.id != by.pk
    ]
    buckets, _valid, _dk = _buckets_for(by, {})
    groups = [b for b in buckets if b.valid]
    matrix = results.matrix
    if (
        matrix is not None
        and _served(matrix, by)
        and all(matrix.layout.serves(q.id, q.type, []) for q in rows_questions)
    ):
        sizes, cells = _breakdown_counts_from_vectors(matrix, by, rows_questions)
    else:
        sizes, cells = _breakdown_counts_from_rows(results.wave, by, rows_questions)
    group_list = [BreakdownGroup(g.key, g.label, sizes.get(g.key, 0)) for g in groups]
    rows = []
    for q in rows_questions:
        row_cells = []
        for g in group_list:
            valid, positive = cells.get((q.id, g.key), [0, 0])
            share = None if g.hidden or valid < MIN_GROUP_SIZE else 100.0 * positive / valid
            row_cells.append(BreakdownCell(valid, share))
        rows.append(BreakdownRow(q, row_cells))
    return Breakdown(by, group_list, rows)


def _group_codes(matrix: Matrix, by: Question) -> dict[str, int]:
    """Group key (the answer key of ``by``) → byte code in the vectors."""
    if by.type == Question.Type.LIKERT5:
        return {str(v): v for v in range(1, 6)}
    if by.type == Question.Type.YES_NO:
        return {"0": 1, "1": 2}
    codes = matrix.layout.codes.get(by.pk, {})
    return {c.value: codes[c.pk] for c in by.choices.all()}


def _breakdown_counts_from_vectors(
    matrix: Matrix, by: Question, rows_questions: list[QuestionResult]
) -> tuple[dict[str, int], dict[tuple[int, str], list[int]]]:
    group_codes = _group_codes(matrix, by)
    per_code = matrix.counts(by.pk)
    sizes = {key: int(per_code[code]) for key, code in group_codes.items()}
    cells: dict[tuple[int, str], list[int]] = {}
    keys = matrix.group_keys(by.pk)
    for q in rows_questions:
        joint = matrix.joint_counts(keys, q.id)
        if q.type == Question.Type.LIKERT5:
            valid = joint[:, 1:6].sum(axis=1)
            positive = joint[:, 4:6].sum(axis=1)
        else:  # yes/no: code 1 = no, 2 = yes
            valid = joint[:, 1:3].sum(axis=1)
            positive = joint[:, 2]
        for key, code in group_codes.items():
            if valid[code]:
                cells[(q.id, key)] = [int(valid[code]), int(positive[code])]
    return sizes, cells


def _breakdown_counts_from_rows(
    wave: Wave | None, by: Question, rows_questions: list[QuestionResult]
) -> tuple[dict[str, int], dict[tuple[int, str], list[int]]]:
    answer_table = connection.ops.quote_name(Answer._meta.db_table)
    response_table = connection.ops.quote_name(Response._meta.db_table)
    key_sql = _group_key_sql(by)
    group_map = {str(c.pk): c.value for c in by.choices.all()} if by.is_choice else {}
    wave_join, wave_params = "", []
    if wave is not None:
        wave_join = f" JOIN {response_table} r ON r.id = b.response_id AND r.wave_id = %s"
        wave_params = [wave.pk]

    # Group sizes: people per answer to the breakdown question.
    sizes: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key_sql}, COUNT(DISTINCT b.response_id) FROM {answer_table} b"  # noqa: S608
            f"{wave_join} WHERE b.question_id = %s AND {key_sql} IS NOT NULL GROUP BY {key_sql}",
            [*wave_params, by.pk],
        )
        for key, size in cursor.fetchall():
            sizes[group_map.get(str(key), str(key))] = size

    # (question, group) → [valid answers, agree or yes]; a.value NULL is "weet ik niet".
    cells: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    kinds = {q.id: q.type for q in rows_questions}
    if rows_questions:
        ids = list(kinds)
        placeholders = ", ".join(["%s"] * len(ids))
        sql = (
            f"SELECT a.question_id, {key_sql}, a.value, COUNT(*) "  # noqa: S608
            f"FROM {answer_table} a "
            f"JOIN {answer_table} b ON b.response_id = a.response_id AND b.question_id = %s"
            f"{wave_join} WHERE a.question_id IN ({placeholders}) AND a.value IS NOT NULL "
            f"AND {key_sql} IS NOT NULL GROUP BY a.question_id, {key_sql}, a.value"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [by.pk, *wave_params, *ids])
            for question_id, key, value, n in cursor.fetchall():
                cell = cells[(question_id, group_map.get(str(key), str(key)))]
                cell[0] += n
                positive = value in AGREE_VALUES if kinds[question_id] == "likert5" else value == 1
                if positive:
                    cell[1] += n
    return sizes, dict(cells)


# Wave comparison -----------------------------------------------------------


@dataclass
class Comparison:
    question: QuestionResult
    before: QuestionResult
    after: QuestionResult
    test: stats.ProportionTest | None

    @property
    def difference_points(self) -> float | None:
        if self.before.agree_pct is None or self.after.agree_pct is None:
            return None
        return self.after.agree_pct - self.before.agree_pct

    @property
    def sentence(self) -> str:
        return comparison_sentence(
            self.difference_points, self.test, self.after.text, self.after_name
        )

    after_name: str = ""


def comparison_sentence(
    difference: float | None,
    test: stats.ProportionTest | None,
    statement: str,
    wave_name: str,
) -> str:
    """A plain Dutch sentence about a change in the agree share between two waves."""
    if difference is None or test is None:
        return _("There are not enough answers in both waves to compare.")
    points = round(abs(difference))
    if points == 0:
        change = _("In %(wave)s about as many people agree with “%(statement)s”.") % {
            "wave": wave_name,
            "statement": statement,
        }
    else:
        template = (
            ngettext(
                "In %(wave)s %(points)s percentage point more people agree with “%(statement)s”.",
                "In %(wave)s %(points)s percentage points more people agree with “%(statement)s”.",
                points,
            )
            if difference > 0
            else ngettext(
                "In %(wave)s %(points)s percentage point fewer people agree with “%(statement)s”.",
                "In %(wave)s %(points)s percentage points fewer people agree with "
                "“%(statement)s”.",
                points,
            )
        )
        change = template % {"wave": wave_name, "points": points, "statement": statement}
    verdict = (
        _("This difference is probably not chance.")
        if test.significant
        else _("This difference may be chance.")
    )
    return f"{change} {verdict}"


def compare_waves(survey: Survey, before: Wave, after: Wave) -> list[Comparison]:
    """Agree shares per statement in two waves, with a two-proportion z-test."""
    first = analyse_survey(survey, wave=before).by_code()
    second = analyse_survey(survey, wave=after).by_code()
    comparisons = []
    for code, a in first.items():
        if not a.is_likert:
            continue
        b = second[code]
        test = (
            stats.two_proportion_z_test(a.agree or 0, a.n, b.agree or 0, b.n)
            if a.n and b.n
            else None
        )
        comparison = Comparison(b, a, b, test)
        comparison.after_name = after.name
        comparisons.append(comparison)
    return comparisons


# Output shapes ---------------------------------------------------------------


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def results_as_dict(results: SurveyResults) -> dict[str, Any]:
    """The JSON shape of ``collectief survey results --format json`` (percentages 0-100)."""
    return {
        "survey": results.survey.pk,
        "wave": results.wave.pk if results.wave else None,
        "n_responses": results.n_responses,
        "questions": [
            {
                "code": q.code,
                "text": q.text,
                "type": q.type,
                "effect": q.effect,
                "n": q.n,
                "n_dont_know": q.n_dont_know,
                "distribution": q.distribution,
                "agree_pct": _round(q.agree_pct),
                "agree_ci95": (
                    [_round(q.agree_ci95[0]), _round(q.agree_ci95[1])] if q.agree_ci95 else None
                ),
                "mean": _round(q.mean, 2),
            }
            for q in results.questions
        ],
        "scales": [
            {
                "code": s.code,
                "name": s.name,
                "n": s.n,
                "mean": _round(s.mean, 2),
                "mean_scaled": _round(s.mean_scaled, 2),
                "bands": s.bands,
                "subscales": {k: _round(v, 2) for k, v in s.subscales.items()},
            }
            for s in results.scales
        ],
    }


RESULTS_CSV_HEADERS = [
    "code",
    "text",
    "type",
    "effect",
    "n",
    "answer",
    "count",
    "pct_of_valid",
    "agree_pct",
    "agree_ci95_low",
    "agree_ci95_high",
]


def results_as_rows(results: SurveyResults) -> list[list[Any]]:
    """One row per question and answer option, for the results CSV."""
    rows: list[list[Any]] = []
    for q in results.questions:
        low, high = q.agree_ci95 or (None, None)
        common = [q.code, q.text, q.type, q.effect or "", q.n]
        tail = [_round(q.agree_pct), _round(low), _round(high)]
        if not q.buckets:
            rows.append([*common, "", "", "", *tail])
        for bucket in q.buckets:
            pct = bucket.pct_of(q.n) if bucket.valid else None
            rows.append([*common, bucket.label, bucket.count, _round(pct), *tail])
    return rows
