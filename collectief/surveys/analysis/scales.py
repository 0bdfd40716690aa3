"""Instrument scales (WHO-5, De Jong Gierveld): scores per respondent, then summaries.

Each respondent is scored with the instrument's own rules
(``score_instrument``); the result is a mean, a scaled mean, band counts and
subscale means per instrument.
"""

from __future__ import annotations

from collections import defaultdict

from collectief.lib import stats
from collectief.surveys.analysis.counting import _answers
from collectief.surveys.analysis.results import ScaleResult
from collectief.surveys.instruments import get_instrument, score_instrument
from collectief.surveys.models import Question, Survey, Wave


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
        bands: dict[str, int] = {b["key"]: 0 for b in instrument.data["bands"]}
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
                bands=dict(bands),
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
