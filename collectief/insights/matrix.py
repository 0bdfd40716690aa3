"""The ranking of many areas on many indicators at once, with NumPy (issue 12, performance).

``ranking.rank_wijken`` ranks the wijken of one gemeente on one indicator;
a full CBS year has about 17,500 areas and a hundred indicators, and scalar
SciPy calls per area would take minutes. This module does the same
computation on whole arrays: every cell is one area × one indicator, and
``group`` says which cells are compared with each other (the wijken of one
gemeente on one indicator). ``rank_wijken`` uses it too, so the page, the
command line, the API and the benchmark give the same figures.

The steps are those of ``ranking``: the count is published through the
disclosure control first (0–9 "<10", the rest rounded to 5), and everything
after that uses the published count; no ratio where the count is "<10", the
denominator is under 50 or nothing is expected.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.stats import chi2

from collectief.lib.disclosure import MIN_RATE_DENOMINATOR, ROUNDING, THRESHOLD
from collectief.lib.rates import CONFIDENCE

# Call codes in ``RankedArrays.call``.
UNSURE, HIGHER, LOWER = 0, 1, -1

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class RankedArrays:
    """Per cell: the published count and the comparison with its group (NaN: none)."""

    small: NDArray[np.bool_]  # the count is published as "<10"
    shown: Floats  # the published (rounded) count; NaN when small or missing
    expected: Floats  # NaN when the count or denominator is missing
    ratio: Floats
    lower: Floats
    upper: Floats
    smoothed: Floats
    call: NDArray[np.int8]


def published_counts(counts: Floats) -> tuple[NDArray[np.bool_], Floats]:
    """``disclosure.show_count`` on an array: (is "<10", rounded count or NaN)."""
    whole = np.rint(counts)  # half to even, like Decimal.to_integral_value
    small = whole < THRESHOLD  # False for NaN
    rounded = np.floor((whole + ROUNDING // 2) / ROUNDING) * ROUNDING
    return small, np.where(small, np.nan, rounded)


def rank_cells(
    counts: Floats,
    bases: Floats,
    group: NDArray[np.intp],
    group_rate: Floats,
) -> RankedArrays:
    """Rank every cell against the rate of its group.

    ``counts`` and ``bases`` are the cells' counts and denominators (NaN
    where the CBS has no number); ``group`` numbers the groups from 0;
    ``group_rate`` is each group's rate (count / denominator of the
    gemeente), NaN where it has none.
    """
    small, shown = published_counts(counts)
    rate = group_rate[group]
    expected = rate * bases
    usable = (
        ~small
        & np.isfinite(shown)
        & np.isfinite(expected)
        & (bases >= MIN_RATE_DENOMINATOR)
        & (expected > 0)
    )
    observed = np.where(usable, shown, 0.0)
    safe_expected = np.where(usable, expected, 1.0)
    lower_count, upper_count = _count_intervals(observed)
    nan = np.full(counts.shape, np.nan)
    ratio = np.where(usable, observed / safe_expected, nan)
    lower = np.where(usable, lower_count / safe_expected, nan)
    upper = np.where(usable, upper_count / safe_expected, nan)
    smoothed = _smooth(observed, safe_expected, usable, group, len(group_rate))
    call = np.zeros(counts.shape, dtype=np.int8)
    call[usable & (lower > 1)] = HIGHER
    call[usable & (upper < 1)] = LOWER
    return RankedArrays(small, shown, expected, ratio, lower, upper, smoothed, call)


def _count_intervals(observed: Floats) -> tuple[Floats, Floats]:
    """``rates.poisson_count_interval`` for every cell.

    The published counts are multiples of 5 (or 0 where there is nothing to
    compare), so a year of 1.7 million cells has only a few thousand
    different ones: the chi-square quantiles (the slow part) are computed
    once per distinct count and looked up by count / 5, without sorting.
    """
    steps = (observed // ROUNDING).astype(np.intp)
    top = int(steps.max()) if steps.size else 0
    if top > 4 * steps.size + 1000:  # a few huge counts: a lookup table would be too large
        distinct, index = np.unique(observed, return_inverse=True)
        lower, upper = _quantiles(distinct)
        return lower[index].reshape(observed.shape), upper[index].reshape(observed.shape)
    present = np.flatnonzero(np.bincount(steps, minlength=top + 1))
    lower_table = np.zeros(top + 1)
    upper_table = np.zeros(top + 1)
    lower_table[present], upper_table[present] = _quantiles(present.astype(np.float64) * ROUNDING)
    return lower_table[steps], upper_table[steps]


def _quantiles(counts: Floats) -> tuple[Floats, Floats]:
    alpha = 1 - CONFIDENCE
    with np.errstate(invalid="ignore", divide="ignore"):
        lower = np.where(counts > 0, chi2.ppf(alpha / 2, 2 * counts) / 2, 0.0)
        upper = chi2.ppf(1 - alpha / 2, 2 * (counts + 1)) / 2
    return lower, upper


def _smooth(
    observed: Floats,
    expected: Floats,
    usable: NDArray[np.bool_],
    group: NDArray[np.intp],
    groups: int,
) -> Floats:
    """``rates.estimate_prior`` and ``rates.smooth_ratio`` per group, with bincount."""
    weights = usable.astype(np.float64)
    n = np.bincount(group, weights=weights, minlength=groups)
    total_observed = np.bincount(group, weights=observed * weights, minlength=groups)
    total_expected = np.bincount(group, weights=expected * weights, minlength=groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total_observed / total_expected
        mean_expected = total_expected / n
        raw = observed / expected
        deviation = expected * (raw - mean[group]) ** 2 * weights
        spread = np.bincount(group, weights=deviation, minlength=groups) / total_expected
        variance = np.maximum(0.0, spread - mean / mean_expected)
        cell_mean, cell_variance = mean[group], variance[group]
        weight = cell_variance / (cell_variance + cell_mean / expected)
        smoothed = np.where(cell_variance == 0, cell_mean, cell_mean + weight * (raw - cell_mean))
    return np.where(usable & (n[group] > 0), smoothed, np.nan)


def group_rates(
    gemeente_counts: Floats,
    gemeente_bases: Floats,
    counts: Floats,
    bases: Floats,
    group: NDArray[np.intp],
    groups: int,
) -> Floats:
    """Each group's rate: the gemeente's own count / denominator, else the sum over its cells.

    The same rule as ``ranking._gemeente_rate``: the sum is over the cells
    that have both numbers.
    """
    both = np.isfinite(counts) & np.isfinite(bases)
    summed_counts = np.bincount(group, weights=np.where(both, counts, 0.0), minlength=groups)
    summed_bases = np.bincount(group, weights=np.where(both, bases, 0.0), minlength=groups)
    own = np.isfinite(gemeente_counts) & np.isfinite(gemeente_bases)
    count = np.where(own, gemeente_counts, summed_counts)
    base = np.where(own, gemeente_bases, summed_bases)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(base != 0, count / base, np.nan)
