"""Display of the barometer's numbers: rounded here only, in Dutch notation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from collectief.valuation.charts import build_tornado
from collectief.valuation.templatetags.valuation_format import euro, number, pct, ratio


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("0.0225"), "2,25\xa0%"),
        (Decimal("0.25"), "25\xa0%"),
        (Decimal("0.125"), "12,5\xa0%"),
        (Decimal("0.63099"), "63,1\xa0%"),
        (None, "–"),
    ],
)
def test_pct(value: Decimal | None, shown: str) -> None:
    assert pct(value) == shown


def test_euro_ratio_and_number() -> None:
    assert euro(Decimal("148399.4")) == "€\xa0148.399"
    assert euro(Decimal("14.5")) == "€\xa014,50"
    assert ratio(Decimal("1.1049")) == "€\xa01,10"
    assert ratio(None) == "–"
    assert number(Decimal("17.06"), 1) == "17,1"


def test_tornado_puts_the_widest_swing_first_and_marks_bars_below_one() -> None:
    chart = build_tornado(
        [
            ("a", Decimal("0.8"), Decimal("1.4"), "a"),
            ("b", Decimal("1.05"), Decimal("1.15"), "b"),
        ],
        Decimal("1.1"),
    )
    assert chart is not None
    first, second = chart.bars
    assert first.crosses_one and not second.crosses_one
    assert first.width > second.width
    assert first.x < chart.one_x < first.x + first.width
    assert build_tornado([], Decimal(1)) is None
