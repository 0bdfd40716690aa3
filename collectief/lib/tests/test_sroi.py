"""The SROI arithmetic against a worked example done by hand, plus properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collectief.lib import sroi

D = Decimal

# The worked example. The discount rate is 25 % so that the hand arithmetic
# stays in round numbers: 1.25 and 1.25² = 1.5625.
#
# Outcome A "minder eenzaam": Q = 10, P = 1000, deadweight 0.25, displacement 0,
#   attribution 0.2, drop-off 0.5, D = 2 years (graded groen)
#   year 1 = 10 × 1000 × (1 − 0.25) × (1 − 0) × (1 − 0.2) = 10000 × 0.75 × 0.8 = 6000
#   year 2 = 6000 × (1 − 0.5) = 3000
# Outcome B "werk gevonden": Q = 4, P = 2400, deadweight 0.5, displacement 0.25,
#   attribution 0, drop-off 0, D = 1 year (graded rood)
#   year 1 = 4 × 2400 × 0.5 × 0.75 × 1 = 9600 × 0.375 = 3600
# Year totals: year 1 = 6000 + 3600 = 9600; year 2 = 3000.
# PV = 9600 / 1.25 + 3000 / 1.5625 = 7680 + 1920 = 9600   (year 1 discounted once)
#   PV of A = 6000 / 1.25 + 3000 / 1.5625 = 4800 + 1920 = 6720
#   PV of B = 3600 / 1.25 = 2880
# Investment I = 4800 (not discounted):
#   NPV = 9600 − 4800 = 4800; ratio = 9600 / 4800 = 2; net ratio = 4800 / 4800 = 1
#   payback = 4800 / (9600 / 12) = 4800 / 800 = 6 months
#   red share = PV of B / PV = 2880 / 9600 = 0.3
A = sroi.Outcome(
    label="minder eenzaam",
    quantity=D(10),
    proxy=D(1000),
    duration=2,
    deadweight=D("0.25"),
    displacement=D(0),
    attribution=D("0.2"),
    dropoff=D("0.5"),
)
B = sroi.Outcome(
    label="werk gevonden",
    quantity=D(4),
    proxy=D(2400),
    duration=1,
    deadweight=D("0.5"),
    displacement=D("0.25"),
    is_red=True,
)
RATE = D("0.25")
INVESTMENT = D(4800)


def test_worked_example_year_impacts() -> None:
    assert A.year_impacts() == [D(6000), D(3000)]
    assert B.year_impacts() == [D(3600)]


def test_worked_example_results() -> None:
    result = sroi.calculate([A, B], INVESTMENT, RATE)
    assert result.year_totals == (D(9600), D(3000))
    assert result.present_value == D(9600)
    assert [o.present_value for o in result.per_outcome] == [D(6720), D(2880)]
    assert result.npv == D(4800)
    assert result.ratio == D(2)
    assert result.net_ratio == D(1)
    assert result.payback_months == D(6)
    assert result.red_share == D("0.3")
    assert result.no_ratio_reason == ""


def test_year_one_is_discounted_once() -> None:
    # 1 × 1022.50 / 1.0225 = 1000 exactly at the Dutch MKBA rate of 2.25 %.
    one = sroi.Outcome("x", quantity=D(1), proxy=D("1022.50"), duration=1)
    result = sroi.calculate([one], D(500), sroi.DEFAULT_DISCOUNT_RATE)
    assert result.present_value == D(1000)
    assert result.ratio == D(2)


def test_drop_off_starts_after_year_one() -> None:
    # 100 × (1 − 0.1) = 90, then 90 × 0.9 = 81; undiscounted (r = 0): 100 + 90 + 81 = 271.
    outcome = sroi.Outcome("x", quantity=D(1), proxy=D(100), duration=3, dropoff=D("0.1"))
    assert outcome.year_impacts() == [D(100), D(90), D(81)]
    assert sroi.calculate([outcome], D(271), D(0)).ratio == D(1)


def test_investment_zero_gives_no_ratio_and_says_why() -> None:
    result = sroi.calculate([A, B], D(0), RATE)
    assert result.ratio is None and result.net_ratio is None and result.payback_months is None
    assert result.no_ratio_reason == sroi.NO_INVESTMENT
    assert result.present_value == D(9600)
    assert sroi.sensitivity([A, B], D(0), RATE) == []


def test_no_outcomes_gives_zero_value_and_no_red_share() -> None:
    result = sroi.calculate([], D(100), RATE)
    assert result.present_value == 0 and result.ratio == 0
    assert result.red_share is None and result.payback_months is None


def test_break_even_deadweight_by_hand() -> None:
    # 1:1 needs PV = I = 4800. B brings 2880, so A must bring 1920.
    # A's PV with deadweight 0 is 6720 / 0.75 = 8960, so 1 − dw = 1920 / 8960 = 3/14
    # and dw = 11/14 = 0.785714…; that is outside the band 0 .. 0.5 around 0.25.
    rows = sroi.sensitivity([A, B], INVESTMENT, RATE)
    row = next(r for r in rows if r.outcome_index == 0 and r.name == "deadweight")
    assert row.method == sroi.ANALYTIC
    assert row.break_even == 1 - D(1920) / D(8960)
    assert (row.low, row.high) == (D(0), D("0.5"))
    assert not row.break_even_in_band


def test_break_even_quantity_by_hand() -> None:
    # A's PV per person is 6720 / 10 = 672; 1920 / 672 = 2.857… people.
    rows = sroi.sensitivity([A, B], INVESTMENT, RATE)
    row = next(r for r in rows if r.outcome_index == 0 and r.name == "quantity")
    assert row.break_even == D(1920) / D(672)
    assert (row.low, row.high) == (D("7.5"), D("12.5"))


def test_break_even_unreachable_when_the_rest_already_pays_back() -> None:
    # Without B at all, A brings 6720 > 4800: no value of B's proxy brings the ratio to 1.
    rows = sroi.sensitivity([A, B], INVESTMENT, RATE)
    row = next(r for r in rows if r.outcome_index == 1 and r.name == "proxy")
    assert row.break_even is None and row.unreachable == sroi.ALWAYS_ABOVE


def test_break_even_duration_is_a_search_over_whole_years() -> None:
    # I = 9000: with A for 2 years PV = 9600 ≥ 9000; with 1 year: 4800 + 2880 = 7680 < 9000.
    rows = sroi.sensitivity([A, B], D(9000), RATE)
    row = next(r for r in rows if r.outcome_index == 0 and r.name == "duration")
    assert row.method == sroi.SEARCH and row.break_even == D(2)
    assert row.break_even_in_band  # band 1 .. 3 years


def test_break_even_discount_rate_by_bisection() -> None:
    # One outcome: 1100 in year 1 and 1100 × 0.5 = 550 in year 2, I = 1500:
    # 1100 / (1 + r) + 550 / (1 + r)² = 1500 ⇒ with x = 1 / (1 + r): 550x² + 1100x − 1500 = 0,
    # x = (−1100 + √(1100² + 4 × 550 × 1500)) / 1100 = (−1100 + √4510000) / 1100.
    outcome = sroi.Outcome("x", quantity=D(1), proxy=D(1100), duration=2, dropoff=D("0.5"))
    rows = sroi.sensitivity([outcome], D(1500), D("0.0225"))
    row = next(r for r in rows if r.name == "discount_rate")
    x = (D(-1100) + D(4510000).sqrt()) / D(1100)
    assert row.method == sroi.BISECTION
    assert row.break_even is not None
    assert abs(row.break_even - (1 / x - 1)) < D("1e-12")


def test_sensitivity_is_sorted_by_swing() -> None:
    rows = sroi.sensitivity([A, B], INVESTMENT, RATE)
    swings = [r.swing for r in rows]
    assert swings == sorted(swings, reverse=True)
    assert len(rows) == 2 * len(sroi.OUTCOME_ASSUMPTIONS) + 1


# --- properties -------------------------------------------------------------------------

shares = st.decimals(min_value=0, max_value=1, places=2)
outcomes = st.builds(
    sroi.Outcome,
    label=st.just("x"),
    quantity=st.decimals(min_value=0, max_value=10_000, places=0),
    proxy=st.decimals(min_value=0, max_value=100_000, places=2),
    duration=st.integers(min_value=1, max_value=10),
    deadweight=shares,
    displacement=shares,
    attribution=shares,
    dropoff=shares,
    is_red=st.booleans(),
)
rates = st.decimals(min_value=0, max_value=D("0.10"), places=4)
investments = st.decimals(min_value=1, max_value=1_000_000, places=2)


@given(st.lists(outcomes, min_size=1, max_size=4), investments, rates)
@settings(max_examples=60, deadline=None)
def test_per_outcome_values_add_up_to_the_total(
    items: list[sroi.Outcome], investment: D, rate: D
) -> None:
    result = sroi.calculate(items, investment, rate)
    total = sum((o.present_value for o in result.per_outcome), D(0))
    assert abs(total - result.present_value) <= D("1e-15") * max(D(1), result.present_value)
    if result.red_share is not None:
        assert 0 <= result.red_share <= 1


@given(outcomes, investments, rates, shares)
@settings(max_examples=60, deadline=None)
def test_more_deadweight_never_raises_the_value(
    outcome: sroi.Outcome, investment: D, rate: D, deadweight: D
) -> None:
    from dataclasses import replace

    lower, higher = sorted([outcome.deadweight, deadweight])
    low_pv = sroi.calculate([replace(outcome, deadweight=lower)], investment, rate)
    high_pv = sroi.calculate([replace(outcome, deadweight=higher)], investment, rate)
    assert high_pv.present_value <= low_pv.present_value


@given(st.lists(outcomes, min_size=1, max_size=3), investments, rates)
@settings(max_examples=40, deadline=None)
def test_a_break_even_value_gives_a_ratio_of_one(
    items: list[sroi.Outcome], investment: D, rate: D
) -> None:
    from dataclasses import replace

    for row in sroi.sensitivity(items, investment, rate):
        if row.break_even is None or row.method == sroi.SEARCH:
            continue
        if row.outcome_index is None:
            ratio = sroi.calculate(items, investment, row.break_even).ratio
        else:
            changed = list(items)
            changed[row.outcome_index] = replace(
                items[row.outcome_index], **{row.name: row.break_even}
            )
            ratio = sroi.calculate(changed, investment, rate).ratio
        assert ratio is not None
        assert abs(ratio - 1) < D("1e-9"), row


@pytest.mark.parametrize("rate", [D(0), D("0.0225"), D("0.035")])
def test_without_drop_off_and_discounting_value_is_years_times_year_one(rate: D) -> None:
    outcome = sroi.Outcome("x", quantity=D(3), proxy=D(100), duration=4)
    result = sroi.calculate([outcome], D(100), rate)
    expected = sum((D(300) / (1 + rate) ** t for t in range(1, 5)), D(0))
    assert result.present_value == expected
