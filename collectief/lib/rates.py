"""Observed against expected counts: exact Poisson intervals and Empirical-Bayes smoothing.

Used by the wijkbeeld ranking (issue 12 point 3), but generic: a count
``observed`` in an area and the count ``expected`` there if the area were
like its reference (for example the gemeente's rate times the area's
population). Their ratio is the standardised ratio (1 = as expected).

- ``poisson_ratio_interval``: the exact (Garwood) 95 % interval of the ratio,
  from the chi-square quantiles of the Poisson distribution. It is honest for
  small counts, where the normal approximation is far too narrow.
- ``smooth_ratios``: the Empirical-Bayes estimate (Poisson-gamma model with
  Marshall's 1991 moment estimates): a small area's ratio is pulled towards
  the mean ratio of all areas, the more so the smaller its expected count.
  A ratio of 3 from 3 observed against 1 expected says much less than one
  from 300 against 100; the smoothed ratio shows that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scipy.stats import chi2

CONFIDENCE = 0.95


def poisson_count_interval(observed: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The exact interval for the mean of a Poisson count (Garwood 1936)."""
    if observed < 0:
        raise ValueError("a count cannot be negative")
    alpha = 1 - confidence
    lower = 0.0 if observed == 0 else float(chi2.ppf(alpha / 2, 2 * observed)) / 2
    upper = float(chi2.ppf(1 - alpha / 2, 2 * (observed + 1))) / 2
    return lower, upper


def poisson_ratio_interval(
    observed: int, expected: float, confidence: float = CONFIDENCE
) -> tuple[float, float] | None:
    """The exact interval of observed/expected, or None when nothing was expected."""
    if expected <= 0:
        return None
    lower, upper = poisson_count_interval(observed, confidence)
    return lower / expected, upper / expected


class Call:
    """What may be said about a ratio: only a difference the interval supports."""

    HIGHER = "hoger"
    LOWER = "lager"
    UNSURE = "niet te zeggen"


def call(interval: tuple[float, float] | None) -> str:
    """ "hoger" or "lager" only when the interval excludes 1; otherwise "niet te zeggen"."""
    if interval is None:
        return Call.UNSURE
    lower, upper = interval
    if lower > 1:
        return Call.HIGHER
    if upper < 1:
        return Call.LOWER
    return Call.UNSURE


@dataclass(frozen=True)
class Prior:
    """The gamma prior of the area ratios estimated from all areas."""

    mean: float
    variance: float


def estimate_prior(observed: Sequence[float], expected: Sequence[float]) -> Prior | None:
    """Marshall's moment estimates of the mean and the between-area variance of the ratios.

    None when nothing is expected anywhere. A negative variance estimate (the
    areas differ less than chance alone would make them) becomes 0: then every
    area is estimated at the mean.
    """
    pairs = [(o, e) for o, e in zip(observed, expected, strict=True) if e > 0]
    if not pairs:
        return None
    total_expected = sum(e for _, e in pairs)
    mean = sum(o for o, _ in pairs) / total_expected
    mean_expected = total_expected / len(pairs)
    spread = sum(e * (o / e - mean) ** 2 for o, e in pairs) / total_expected
    return Prior(mean=mean, variance=max(0.0, spread - mean / mean_expected))


def smooth_ratio(observed: float, expected: float, prior: Prior) -> float | None:
    """The Empirical-Bayes ratio of one area: its own ratio shrunk towards the prior mean."""
    if expected <= 0:
        return None
    raw = observed / expected
    if prior.variance == 0:
        return prior.mean
    weight = prior.variance / (prior.variance + prior.mean / expected)
    return prior.mean + weight * (raw - prior.mean)


def smooth_ratios(observed: Sequence[float], expected: Sequence[float]) -> list[float | None]:
    """``smooth_ratio`` for every area, with the prior estimated from all of them."""
    prior = estimate_prior(observed, expected)
    if prior is None:
        return [None for _ in observed]
    return [smooth_ratio(o, e, prior) for o, e in zip(observed, expected, strict=True)]
