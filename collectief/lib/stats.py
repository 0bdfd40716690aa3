"""Small, honest statistics for survey results, in pure Python.

Used by the survey analysis (web page, CLI and benchmarks alike). Shares are
proportions from 0 to 1 here; callers turn them into percentages.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# The 97.5th percentile of the standard normal distribution (95% two-sided).
Z_95 = 1.959963984540054


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for a proportion, or None when n is 0.

    Unlike the textbook "p ± 1.96·se" interval it stays inside 0..1 and
    behaves well for small samples and for shares near 0 or 1.
    """
    if n <= 0:
        return None
    if successes < 0 or successes > n:
        raise ValueError("successes must be between 0 and n")
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    margin = (z / denominator) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    lower = 0.0 if successes == 0 else max(0.0, centre - margin)
    upper = 1.0 if successes == n else min(1.0, centre + margin)
    return lower, upper


def normal_cdf(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2))


@dataclass(frozen=True)
class ProportionTest:
    """Result of a two-proportion z-test (pooled), two-sided."""

    p1: float
    p2: float
    difference: float  # p2 - p1
    z: float
    p_value: float

    @property
    def significant(self) -> bool:
        return self.p_value < 0.05


def two_proportion_z_test(x1: int, n1: int, x2: int, n2: int) -> ProportionTest | None:
    """Compare two independent shares x1/n1 and x2/n2 (pooled z-test, two-sided).

    This is the same test as a chi-square test on the 2×2 table without
    continuity correction (z² = χ²). Returns None when a group is empty.
    When both shares are 0 or both 1 there is no variation: z = 0, p = 1.
    """
    if n1 <= 0 or n2 <= 0:
        return None
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return ProportionTest(p1, p2, p2 - p1, 0.0, 1.0)
    z = (p2 - p1) / se
    p_value = 2 * (1 - normal_cdf(abs(z)))
    return ProportionTest(p1, p2, p2 - p1, z, min(1.0, p_value))


def chi_square_2x2(x1: int, n1: int, x2: int, n2: int) -> float:
    """Pearson's chi-square statistic for the 2×2 table (no continuity correction)."""
    result = two_proportion_z_test(x1, n1, x2, n2)
    return 0.0 if result is None else result.z**2


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def percentage(part: int, whole: int) -> float | None:
    """part/whole × 100, or None when whole is 0."""
    return None if whole <= 0 else 100.0 * part / whole
