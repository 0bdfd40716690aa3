"""A funnel plot of one theme's ranking, drawn on the server as SVG (issue 12 point 3).

Each wijk is a dot: across, how many were expected (the wijk's size for this
question); up, how many times as often it occurs as in the gemeente. The
funnel is where 95 % of the wijken would lie if they were all like the
gemeente: wide for small wijken, narrow for large ones. A dot outside the
funnel is the same as a "hoger" or "lager" call in the table; a big ratio
inside the funnel is probably chance. The page puts the table beside it, so
nothing is only in the picture.

Only wijken with a ratio are drawn: the same suppression as the table (no
dot for a count of 1-9 or a denominator under 50).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from django.utils.formats import number_format
from scipy.stats import chi2

from collectief.insights.ranking import RankRow, spoken_name
from collectief.lib import rates

WIDTH, HEIGHT = 560, 340
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 24, 44
CURVE_POINTS = 60


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str
    call: str


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Funnel:
    width: int
    height: int
    left: int
    right_x: int
    top: int
    baseline: int
    dots: list[Dot]
    upper: str  # polyline points of the upper 95 % limit
    lower: str
    one_y: float  # where the ratio is 1
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    higher: int
    lower_count: int
    inside: int


def _limits(expected: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The 95 % range of the ratio for a wijk like the gemeente with this many expected."""
    alpha = 1 - rates.CONFIDENCE
    low = chi2.ppf(alpha / 2, 2 * expected) / 2 / expected
    high = chi2.ppf(1 - alpha / 2, 2 * (expected + 1)) / 2 / expected
    return low, high


def _nice_step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000):
        if top / step <= 6:
            return float(step)
    return 10.0 ** len(str(int(top)))


class Ranked(Protocol):
    """A ranking of CBS counts (``ranking.Ranking``) or of any theme source (``ThemeRanking``)."""

    @property
    def rows(self) -> Sequence[RankRow]: ...


def build_funnel(ranking: Ranked) -> Funnel | None:
    """The drawing, or None when no wijk has a ratio to draw."""
    rows = [r for r in ranking.rows if r.ratio is not None and r.expected > 0]
    if not rows:
        return None
    x_max = max(r.expected for r in rows) * 1.1
    first = max(x_max / 200, 0.5)
    curve_x = np.linspace(first, x_max, CURVE_POINTS)
    low, high = _limits(curve_x)
    y_max = min(max(2.0, *(r.ratio or 0 for r in rows)) * 1.1, 6.0)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def sx(value: float) -> float:
        return LEFT + plot_w * value / x_max

    def sy(value: float) -> float:
        return TOP + plot_h * (1 - min(value, y_max) / y_max)

    def line(ys: np.ndarray) -> str:
        return " ".join(
            f"{sx(float(x)):.1f},{sy(float(y)):.1f}" for x, y in zip(curve_x, ys, strict=True)
        )

    x_step = _nice_step(x_max)
    y_step = 0.5 if y_max <= 3 else 1.0
    return Funnel(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right_x=WIDTH - RIGHT,
        top=TOP,
        baseline=HEIGHT - BOTTOM,
        dots=[
            Dot(sx(r.expected), sy(r.ratio or 0), spoken_name(r.area), r.call)
            for r in rows
            if r.ratio is not None
        ],
        upper=line(high),
        lower=line(low),
        one_y=sy(1.0),
        x_ticks=[
            Tick(sx(v), number_format(v, 0, force_grouping=True))
            for v in np.arange(0, x_max, x_step)
        ],
        y_ticks=[Tick(sy(v), number_format(v, 1)) for v in np.arange(0, y_max, y_step)],
        higher=sum(r.call == rates.Call.HIGHER for r in rows),
        lower_count=sum(r.call == rates.Call.LOWER for r in rows),
        inside=sum(r.call == rates.Call.UNSURE for r in rows),
    )
