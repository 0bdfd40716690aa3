"""``analyse_survey``: every question's counts and shares, plus instrument scores.

Closed questions served by the answer vectors are counted with NumPy; the
rest with ``GROUP BY`` on the ``Answer`` rows (see the package docstring).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import Any

from django.db.models import Count

from collectief.lib import stats
from collectief.surveys.analysis.counting import (
    _answers,
    _buckets_for,
    _counts_by_choice,
    _counts_by_value,
    _questions,
    _served,
    _vector_counts,
)
from collectief.surveys.analysis.privacy import protect
from collectief.surveys.analysis.results import AGREE_VALUES, QuestionResult, SurveyResults
from collectief.surveys.analysis.scales import _scales
from collectief.surveys.models import Question, Response, Survey, Wave
from collectief.surveys.vectors import Matrix, load_matrix


def _effect_name(question: Question) -> str | None:
    effect = question.effect
    if effect is None:
        return None
    return effect.name or effect.description


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
            section_id=q.section_id,
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
            if q.type == Question.Type.NUMBER:
                _set_number_summary(result)
        results.append(result)
    scales = _scales(survey, questions, wave)
    return protect(SurveyResults(survey, wave, n_responses, results, scales, matrix))


def _set_number_summary(result: QuestionResult) -> None:
    """n, mean, median and quartiles of a number question; never the values themselves.

    A list of ages is a list of people, so the per-value buckets are dropped
    once the summary is made (only "weet ik niet" stays).
    """
    values = [float(b.key) for b in result.valid_buckets for _ in range(b.count)]
    result.buckets = [b for b in result.buckets if not b.valid]
    if not values:
        return
    result.mean = sum(values) / len(values)
    result.median = statistics.median(values)
    if len(values) >= 2:
        low, _mid, high = statistics.quantiles(values, n=4, method="inclusive")
        result.quartiles = (low, high)


def _set_agree(result: QuestionResult) -> None:
    if result.agree is None or result.n == 0:
        return
    result.agree_pct = 100.0 * result.agree / result.n
    interval = stats.wilson_interval(result.agree, result.n)
    if interval:
        result.agree_ci95 = (100.0 * interval[0], 100.0 * interval[1])
