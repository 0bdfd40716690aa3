"""The array ranking gives the same figures as the scalar functions of lib.rates."""

from __future__ import annotations

import math

import numpy as np

from collectief.insights import matrix
from collectief.lib import rates
from collectief.lib.disclosure import Kind, show_count


def test_published_counts_follow_show_count() -> None:
    counts = np.array([0.0, 9.0, 9.4, 10.0, 12.0, 13.0, 17.5, np.nan])
    small, shown = matrix.published_counts(counts)
    for value, is_small, rounded in zip(counts[:-1], small, shown, strict=False):
        expected = show_count(int(np.rint(value)))
        assert is_small == (expected.kind is Kind.SMALL)
        if expected.kind is Kind.ROUNDED:
            assert rounded == expected.value
    assert not small[-1] and math.isnan(shown[-1])


def test_rank_cells_matches_the_scalar_rates_per_group() -> None:
    rng = np.random.default_rng(3)
    bases = rng.integers(20, 3000, size=60).astype(float)
    counts = rng.poisson(bases * 0.05 * rng.lognormal(0, 0.5, size=60)).astype(float)
    counts[5] = np.nan
    group = np.repeat(np.arange(3), 20)
    group_rate = np.array([0.05, 0.04, np.nan])
    out = matrix.rank_cells(counts, bases, group, group_rate)
    for g in (0, 1):
        cells = [
            i
            for i in range(60)
            if group[i] == g and not math.isnan(counts[i]) and counts[i] >= 10 and bases[i] >= 50
        ]
        shown = [float(show_count(int(counts[i])).value or 0) for i in cells]
        expected = [group_rate[g] * bases[i] for i in cells]
        prior = rates.estimate_prior(shown, expected)
        assert prior is not None
        for i, o, e in zip(cells, shown, expected, strict=True):
            interval = rates.poisson_ratio_interval(int(o), e)
            assert interval is not None
            assert math.isclose(out.ratio[i], o / e)
            assert math.isclose(out.lower[i], interval[0])
            assert math.isclose(out.upper[i], interval[1])
            assert math.isclose(out.smoothed[i], rates.smooth_ratio(o, e, prior) or 0)
            code = {rates.Call.HIGHER: 1, rates.Call.LOWER: -1}.get(rates.call(interval), 0)
            assert out.call[i] == code
    # No ratio without a count, for "<10", on a small base or without a group rate.
    for i in range(60):
        if math.isnan(counts[i]) or counts[i] < 10 or bases[i] < 50 or group[i] == 2:
            assert math.isnan(out.ratio[i]) and out.call[i] == matrix.UNSURE


def test_group_rates_prefer_the_gemeente_and_else_sum_the_cells() -> None:
    counts = np.array([10.0, 30.0, np.nan, 5.0])
    bases = np.array([100.0, 100.0, 100.0, 50.0])
    group = np.array([0, 0, 1, 1])
    out = matrix.group_rates(
        np.array([np.nan, 9.0]), np.array([np.nan, 90.0]), counts, bases, group, 2
    )
    assert out[0] == 40 / 200
    assert out[1] == 0.1


def test_intervals_for_huge_counts_use_the_sorted_path() -> None:
    # One count far above the others: no lookup table of that size, the same intervals.
    counts = np.array([25.0, 40.0, 9_000_000.0])
    bases = np.array([1000.0, 1000.0, 100_000_000.0])
    out = matrix.rank_cells(counts, bases, np.zeros(3, dtype=np.intp), np.array([0.04]))
    for i, count in enumerate(counts):
        interval = rates.poisson_ratio_interval(int(count), 0.04 * bases[i])
        assert interval is not None
        assert math.isclose(out.lower[i], interval[0])
        assert math.isclose(out.upper[i], interval[1])
