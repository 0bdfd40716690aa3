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
        "suppressed": results.suppressed,
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
                "median": _round(q.median, 2),
                "quartiles": (
                    [_round(q.quartiles[0], 2), _round(q.quartiles[1], 2)] if q.quartiles else None
                ),
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
                "suppressed": s.suppressed,
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
    "mean",
    "median",
    "q1",
    "q3",
]


def results_as_rows(results: SurveyResults) -> list[list[Any]]:
    """One row per question and answer option, for the results CSV."""
    rows: list[list[Any]] = []
    for q in results.questions:
        low, high = q.agree_ci95 or (None, None)
        q1, q3 = q.quartiles or (None, None)
        common = [q.code, q.text, q.type, q.effect or "", q.n]
        tail = [
            _round(q.agree_pct),
            _round(low),
            _round(high),
            _round(q.mean, 2),
            _round(q.median, 2),
            _round(q1, 2),
            _round(q3, 2),
        ]
        if not q.buckets or q.suppressed:
            rows.append([*common, "", "", "", *tail])
            continue
        for bucket in q.buckets:
            if bucket.hidden:
                rows.append([*common, bucket.label, "", "", *tail])
                continue
            pct = bucket.pct_of(q.n) if bucket.valid else None
            rows.append([*common, bucket.label, bucket.count, _round(pct), *tail])
    return rows
