"""The library of validated short instruments, stored as JSON data files.

Each ``<key>.json`` in this folder describes one instrument: its items, the
answer options (with the score of each option, per item or for all items),
the scoring rule (sum, multiplier, how many missing items are allowed,
subscales), the bands (for example "niet / matig / sterk eenzaam"), the
source, the licence and the source of the Dutch wording.

``load_instruments()`` reads and validates every file; ``score_instrument()``
turns one respondent's answers into the total, the subscale scores and the
band, so the analysis and the tests use the same rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent

REQUIRED_KEYS = (
    "key",
    "code_prefix",
    "name",
    "description",
    "source",
    "licence",
    "permission_required",
    "translation_source",
    "options",
    "items",
    "scoring",
    "bands",
)


class InstrumentError(ValueError):
    """An instrument file is not valid."""


@dataclass(frozen=True)
class Instrument:
    key: str
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.data["name"])

    @property
    def code_prefix(self) -> str:
        return str(self.data["code_prefix"])

    @property
    def items(self) -> list[dict[str, Any]]:
        return list(self.data["items"])

    @property
    def options(self) -> list[dict[str, Any]]:
        return list(self.data["options"])

    @property
    def permission_required(self) -> bool:
        return bool(self.data["permission_required"])

    def item_code(self, number: int) -> str:
        return f"{self.code_prefix}_{number}"

    def option_score(self, item: dict[str, Any], value: str) -> int | None:
        """The score of answer ``value`` on ``item`` (item scores win over option scores)."""
        if "scores" in item:
            score = item["scores"].get(value)
            return None if score is None else int(score)
        for option in self.options:
            if option["value"] == value:
                return None if option.get("score") is None else int(option["score"])
        return None

    def band_for(self, total: int) -> dict[str, Any] | None:
        for band in self.data["bands"]:
            if band["min"] <= total <= band["max"]:
                return dict(band)
        return None


def validate_instrument(data: Any, *, name: str = "?") -> Instrument:
    """Check the structure of one instrument file; raise InstrumentError."""
    if not isinstance(data, dict):
        raise InstrumentError(f"{name}: not a JSON object")
    missing = [k for k in REQUIRED_KEYS if k not in data]
    if missing:
        raise InstrumentError(f"{name}: missing {', '.join(missing)}")
    option_values = [o.get("value") for o in data["options"]]
    if not option_values or len(set(option_values)) != len(option_values):
        raise InstrumentError(f"{name}: answer options missing or not unique")
    numbers = [item.get("number") for item in data["items"]]
    if sorted(numbers) != list(range(1, len(numbers) + 1)):
        raise InstrumentError(f"{name}: items must be numbered 1..n")
    for item in data["items"]:
        if not item.get("text"):
            raise InstrumentError(f"{name}: item {item.get('number')} has no text")
        scores = item.get("scores")
        if scores is not None and set(scores) != set(option_values):
            raise InstrumentError(f"{name}: item {item['number']} scores do not match options")
        if scores is None and any(o.get("score") is None for o in data["options"]):
            raise InstrumentError(f"{name}: item {item['number']} has no scores")
    scoring = data["scoring"]
    if scoring.get("method") != "sum":
        raise InstrumentError(f"{name}: only the 'sum' scoring method is supported")
    for subscale in scoring.get("subscales", []):
        if not set(subscale["items"]) <= set(numbers):
            raise InstrumentError(f"{name}: subscale {subscale['key']} names unknown items")
    # Bands must cover the whole score range without gaps or overlaps.
    covered: list[int] = []
    for band in data["bands"]:
        covered.extend(range(band["min"], band["max"] + 1))
    if sorted(covered) != list(range(scoring["min"], scoring["max"] + 1)):
        raise InstrumentError(f"{name}: bands do not cover {scoring['min']}..{scoring['max']}")
    return Instrument(key=str(data["key"]), data=data)


@cache
def load_instruments() -> dict[str, Instrument]:
    """All instruments in this folder, by key, validated."""
    result: dict[str, Instrument] = {}
    for path in sorted(FOLDER.glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            instrument = validate_instrument(json.load(handle), name=path.name)
        if instrument.key != path.stem:
            raise InstrumentError(f"{path.name}: key must equal the file name")
        result[instrument.key] = instrument
    return result


def get_instrument(key: str) -> Instrument | None:
    return load_instruments().get(key)


def score_instrument(instrument: Instrument, answers: dict[int, str | None]) -> dict[str, Any]:
    """Score one respondent. ``answers`` maps item number to the chosen option value.

    Returns ``{"total": int|None, "scaled": int|None, "band": key|None,
    "subscales": {key: int|None}}``; a score is None when more items are
    missing than the scoring rule allows.
    """
    scoring = instrument.data["scoring"]

    def _sum(numbers: list[int], max_missing: int) -> int | None:
        scores = []
        for item in instrument.items:
            if item["number"] not in numbers:
                continue
            value = answers.get(item["number"])
            score = instrument.option_score(item, value) if value is not None else None
            if score is not None:
                scores.append(score)
        if len(numbers) - len(scores) > max_missing:
            return None
        return sum(scores)

    all_numbers = [item["number"] for item in instrument.items]
    total = _sum(all_numbers, int(scoring.get("max_missing", 0)))
    band = instrument.band_for(total) if total is not None else None
    return {
        "total": total,
        "scaled": None if total is None else total * int(scoring.get("multiplier", 1)),
        "band": band["key"] if band else None,
        "subscales": {
            sub["key"]: _sum(list(sub["items"]), int(sub.get("max_missing", 0)))
            for sub in scoring.get("subscales", [])
        },
    }
