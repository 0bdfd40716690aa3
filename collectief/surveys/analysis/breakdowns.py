"""Breakdowns: the agree or yes share of each statement per answer to one question.

Counted from the answer vectors when ``analyse_survey`` loaded them, else
with one GROUP BY over the answers joined to the answer on the breakdown
question. Groups and cells under ``MIN_GROUP_SIZE`` people are hidden, with
enough other groups and cells that none can be found by subtraction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection

from collectief.lib.suppression import suppress_line
from collectief.surveys.analysis.counting import _buckets_for, _questions, _served
from collectief.surveys.analysis.privacy import hidden_answers
from collectief.surveys.analysis.results import (
    AGREE_VALUES,
    QuestionResult,
    SurveyResults,
)
from collectief.surveys.models import Answer, Question, Response, Survey, Wave
from collectief.surveys.vectors import Matrix


@dataclass
class BreakdownGroup:
    key: str
    label: str
    size: int
    hidden: bool = False  # too small, or hidden so a small group cannot be subtracted


@dataclass
class BreakdownCell:
    n: int
    share: float | None  # agree share (Likert) or yes share (yes/no), 0-100; None = hidden
    hidden: bool = False


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
    # The same counts and the same function as the distribution of ``by`` on the
    # page, so both tables hide the same groups (see analysis/privacy.py).
    group_hidden = hidden_answers(by.type, [g.size for g in group_list])
    by_result = next((q for q in results.questions if q.id == by.pk), None)
    if results.suppressed or (by_result is not None and by_result.suppressed):
        group_hidden = [True] * len(group_list)
    for group, hidden in zip(group_list, group_hidden, strict=True):
        group.hidden = hidden
    rows = []
    for q in rows_questions:
        counts = [cells.get((q.id, g.key), [0, 0]) for g in group_list]
        # A row adds up to the statement's n when everyone answered ``by``.
        hidden_cells = suppress_line([valid for valid, _p in counts], group_hidden)
        if q.suppressed:
            hidden_cells = [True] * len(group_list)
        row_cells = []
        for (valid, positive), hidden in zip(counts, hidden_cells, strict=True):
            share = None if hidden else 100.0 * positive / valid
            row_cells.append(BreakdownCell(valid, share, hidden))
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
