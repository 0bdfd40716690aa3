from __future__ import annotations

import datetime as dt

import pytest

from collectief.lib.periods import PeriodError, parse_period


def test_a_year() -> None:
    period = parse_period("2022")
    assert (period.start, period.end) == (dt.date(2022, 1, 1), dt.date(2023, 1, 1))
    assert period.contains(dt.date(2022, 12, 31))
    assert not period.contains(dt.date(2023, 1, 1))


def test_months_from_to_include_both_months() -> None:
    period = parse_period("2022-03/2023-02")
    assert (period.start, period.end) == (dt.date(2022, 3, 1), dt.date(2023, 3, 1))


def test_december_ends_at_the_next_year() -> None:
    assert parse_period("2022-12/2022-12").end == dt.date(2023, 1, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("22", "Schrijf de periode als jaar"),
        ("2022-13/2023-01", "13 is geen maand"),
        ("2023-05/2023-01", "eindigt voordat hij begint"),
        ("0999", "Het jaar 0999 kan hier niet"),
        ("2022/2023", "Schrijf de periode als jaar"),
    ],
)
def test_bad_periods_get_a_dutch_message(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_period(text)
