"""Counting helpers shared by the per-question results, the scales and breakdowns.

``GROUP BY`` reads on the narrow ``Answer`` table, counts from the answer
vectors (``vectors.py``) in the same {value or choice id: count} shape, and
the buckets a question's counts are shown in.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from collectief.surveys.analysis.results import DK, Bucket
from collectief.surveys.models import (
    DONT_KNOW_LABEL,
    LIKERT_LABELS,
    Answer,
    Question,
    Survey,
    Wave,
)
from collectief.surveys.vectors import DK_CODE, Matrix


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
