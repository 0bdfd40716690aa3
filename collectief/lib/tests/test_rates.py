"""Exact Poisson intervals and Empirical-Bayes smoothing (lib.rates), against known values."""

from __future__ import annotations

import pytest

from collectief.lib import rates


@pytest.mark.parametrize(
    ("observed", "lower", "upper"),
    [
        # Garwood's exact 95 % limits, as tabulated (e.g. Ulm 1990, Table 1).
        (0, 0.0, 3.688879),
        (1, 0.025318, 5.571643),
        (5, 1.623486, 11.668332),
        (10, 4.795389, 18.390356),
        (100, 81.364, 121.627),
    ],
)
def test_poisson_count_interval_matches_tables(observed: int, lower: float, upper: float) -> None:
    lo, hi = rates.poisson_count_interval(observed)
    # Tables give 3 to 6 decimals; a thousandth is far below what a page shows.
    assert lo == pytest.approx(lower, abs=1e-3)
    assert hi == pytest.approx(upper, abs=1e-3)


def test_ratio_interval_divides_by_the_expected_count() -> None:
    interval = rates.poisson_ratio_interval(10, 5.0)
    assert interval is not None
    assert interval[0] == pytest.approx(0.959078, abs=1e-5)
    assert interval[1] == pytest.approx(3.678071, abs=1e-5)
    assert rates.poisson_ratio_interval(3, 0) is None


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        rates.poisson_count_interval(-1)


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        ((1.2, 2.0), "hoger"),
        ((0.4, 0.9), "lager"),
        ((0.8, 1.3), "niet te zeggen"),
        ((1.0, 1.5), "niet te zeggen"),  # touching 1 is not excluding it
        (None, "niet te zeggen"),
    ],
)
def test_call_only_when_the_interval_excludes_one(interval: object, expected: str) -> None:
    assert rates.call(interval) == expected  # type: ignore[arg-type]


def test_smoothing_pulls_towards_the_mean_by_the_moment_estimates() -> None:
    # Mean ratio 60/40 = 1.5; spread 0.25 minus chance 1.5/20 = 0.175 between areas;
    # weight 0.175 / (0.175 + 1.5/20) = 0.7 for both areas.
    prior = rates.estimate_prior([20, 40], [20, 20])
    assert prior is not None
    assert prior.mean == pytest.approx(1.5)
    assert prior.variance == pytest.approx(0.175)
    assert rates.smooth_ratios([20, 40], [20, 20]) == pytest.approx([1.15, 1.85])


def test_a_small_area_is_pulled_harder_than_a_large_one() -> None:
    smoothed = rates.smooth_ratios([6, 300, 100, 100], [2, 100, 100, 100])
    # Both raw ratios are 3; the area with 2 expected ends much nearer the mean.
    assert smoothed[0] is not None and smoothed[1] is not None
    assert smoothed[0] < smoothed[1] < 3


def test_areas_that_differ_less_than_chance_all_get_the_mean() -> None:
    assert rates.smooth_ratios([10, 11, 9], [10, 10, 10]) == pytest.approx([1.0, 1.0, 1.0])


def test_nothing_expected_gives_no_smoothing() -> None:
    assert rates.smooth_ratios([1, 2], [0, 0]) == [None, None]
