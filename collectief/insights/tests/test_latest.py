"""The value to show: the latest year with a number (nil is 0), else the latest sign."""

from __future__ import annotations

from decimal import Decimal

from collectief.insights.models import IndicatorValue
from collectief.insights.services import latest_value


def v(year: int, value: str | None, status: str) -> IndicatorValue:
    return IndicatorValue(
        year=year, value=None if value is None else Decimal(value), status=status
    )


def test_latest_year_with_a_number_wins_over_a_later_sign() -> None:
    chosen = latest_value([v(2022, "10", "ok"), v(2023, "12", "ok"), v(2024, None, "unknown")])
    assert chosen is not None
    assert (chosen.year, chosen.value) == (2023, Decimal(12))


def test_nil_counts_as_a_number() -> None:
    chosen = latest_value([v(2023, "12", "ok"), v(2024, "0", "nil")])
    assert chosen is not None
    assert (chosen.year, chosen.status) == (2024, "nil")


def test_without_any_number_the_latest_sign_with_its_year() -> None:
    chosen = latest_value([v(2023, None, "unknown"), v(2024, None, "secret")])
    assert chosen is not None
    assert (chosen.year, chosen.status) == (2024, "secret")


def test_nothing_gives_none() -> None:
    assert latest_value([]) is None
