"""Output shapes: the JSON of ``collectief survey results`` and the results CSV rows.

Percentages are 0-100, rounded to one decimal; means to two.
"""

from __future__ import annotations

from typing import Any

from collectief.surveys.analysis.results import SurveyResults


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
