import math

import pytest

from collectief.lib import stats


def test_wilson_known_value_from_wilson_1927_example() -> None:
    # 81 of 263: the classic example (Newcombe 1998, method 3): 0.2553 to 0.3662.
    lo, hi = stats.wilson_interval(81, 263)  # type: ignore[misc]
    assert lo == pytest.approx(0.2553, abs=5e-4)
    assert hi == pytest.approx(0.3662, abs=5e-4)


def test_wilson_newcombe_examples() -> None:
    # Newcombe (1998) table I: 15/148 → 0.0624–0.1605; 0/20 → 0–0.1611; 1/29 → 0.0061–0.1718.
    lo, hi = stats.wilson_interval(15, 148)  # type: ignore[misc]
    assert (round(lo, 4), round(hi, 4)) == (0.0624, 0.1605)
    lo, hi = stats.wilson_interval(0, 20)  # type: ignore[misc]
    assert lo == 0.0
    assert round(hi, 4) == 0.1611
    lo, hi = stats.wilson_interval(1, 29)  # type: ignore[misc]
    assert (round(lo, 4), round(hi, 4)) == (0.0061, 0.1718)


def test_wilson_all_successes_and_empty() -> None:
    lo, hi = stats.wilson_interval(20, 20)  # type: ignore[misc]
    assert hi == 1.0
    assert round(lo, 4) == 0.8389
    assert stats.wilson_interval(0, 0) is None


def test_wilson_rejects_impossible_counts() -> None:
    with pytest.raises(ValueError, match=r"successes must be between"):
        stats.wilson_interval(5, 4)


def test_wilson_contains_the_share() -> None:
    for n in (1, 5, 14, 111, 1000):
        for x in range(0, n + 1, max(1, n // 7)):
            lo, hi = stats.wilson_interval(x, n)  # type: ignore[misc]
            assert lo <= x / n <= hi


def test_normal_cdf() -> None:
    assert stats.normal_cdf(0) == 0.5
    assert stats.normal_cdf(1.959963984540054) == pytest.approx(0.975, abs=1e-9)


def test_two_proportion_z_test_known_value() -> None:
    # 45/100 versus 57/100: pooled p = .51, se = .0707, z = 1.697, p = .0897.
    result = stats.two_proportion_z_test(45, 100, 57, 100)
    assert result is not None
    assert result.difference == pytest.approx(0.12)
    assert result.z == pytest.approx(1.6973, abs=1e-4)
    assert result.p_value == pytest.approx(0.0897, abs=1e-4)
    assert not result.significant


def test_two_proportion_z_test_significant_and_equals_chi_square() -> None:
    result = stats.two_proportion_z_test(30, 100, 60, 100)
    assert result is not None and result.significant
    # Chi-square on [[30, 70], [60, 40]]: expected 45/55 each row → 18.18.
    assert stats.chi_square_2x2(30, 100, 60, 100) == pytest.approx(18.1818, abs=1e-3)


def test_two_proportion_edge_cases() -> None:
    assert stats.two_proportion_z_test(0, 0, 1, 2) is None
    same = stats.two_proportion_z_test(0, 10, 0, 12)
    assert same is not None and same.p_value == 1.0 and same.z == 0.0


def test_mean_and_percentage() -> None:
    assert stats.mean([]) is None
    assert stats.mean([1, 2, 3]) == 2
    assert stats.percentage(1, 0) is None
    assert math.isclose(stats.percentage(1, 4) or 0, 25.0)
