"""The wijk's CBS figures over the years as small line charts, drawn on the server (issue 12 point 4).

One small chart per indicator (small multiples: each its own scale, because
inhabitants and percentages do not share an axis), beside the table "door
de jaren heen" that has the same numbers. A year without a number (CBS
"unknown" or "secret") breaks the line and gets no dot, so the chart never
suggests a value CBS did not publish; nil (-) is 0 and is drawn. A count of
people is drawn as published (``display``): rounded to 5, and a "<10"
breaks the line too, so its height cannot give the count away. Each chart
has a text alternative that reads the values in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from collectief.insights.display import published_number, value_text
from collectief.insights.models import Indicator, IndicatorValue
from collectief.insights.services import Trend

WIDTH, HEIGHT = 220, 96
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 18, 20


@dataclass(frozen=True)
class TrendPoint:
    x: float
    y: float
    year: int
    text: str


@dataclass(frozen=True)
class TrendChart:
    indicator: Indicator
    width: int
    height: int
    lines: list[str]  # polyline points, one per run of years with numbers
    points: list[TrendPoint]
    first_year: int
    last_year: int
    low: str  # the lowest and highest value, as text, for the axis
    high: str
    low_y: float
    high_y: float
    baseline: int
    description: str


def _number(value: IndicatorValue | None) -> float | None:
    """The published number: a count of people shown as "<10" breaks the line like a sign."""
    if value is None:
        return None
    number = published_number(value)
    return None if number is None or isinstance(number, str) else float(number)


def build_trend_charts(trend: Trend) -> list[TrendChart]:
    """A chart per indicator with numbers in at least two of the trend's years."""
    if len(trend.years) < 2:
        return []
    charts = []
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / (len(trend.years) - 1)
    for indicator, cells in trend.rows:
        numbers = [_number(cell) for cell in cells]
        known = [n for n in numbers if n is not None]
        if len(known) < 2:
            continue
        low, high = min(known), max(known)
        span = high - low or abs(high) or 1.0
        # Start the axis at 0 when the values are near it, so small changes do not look huge.
        bottom = 0.0 if low >= 0 and low <= span else low - span * 0.1
        top = high + span * 0.1 if high != bottom else bottom + 1

        def y_of(value: float, bottom: float = bottom, top: float = top) -> float:
            return TOP + plot_h * (1 - (value - bottom) / (top - bottom))

        points: list[TrendPoint] = []
        lines: list[str] = []
        run: list[str] = []
        words = []
        for i, (year, cell, number) in enumerate(zip(trend.years, cells, numbers, strict=True)):
            text = value_text(cell) if cell is not None else _("no figure")
            words.append(f"{year}: {text}")
            if number is None:
                if len(run) > 1:
                    lines.append(" ".join(run))
                run = []
                continue
            x, y = LEFT + step * i, y_of(number)
            points.append(TrendPoint(x, y, year, text))
            run.append(f"{x:.1f},{y:.1f}")
        if len(run) > 1:
            lines.append(" ".join(run))
        low_cell = next(c for c, n in zip(cells, numbers, strict=True) if n == low)
        high_cell = next(c for c, n in zip(cells, numbers, strict=True) if n == high)
        charts.append(
            TrendChart(
                indicator=indicator,
                width=WIDTH,
                height=HEIGHT,
                lines=lines,
                points=points,
                first_year=trend.years[0],
                last_year=trend.years[-1],
                low=value_text(low_cell) if low_cell is not None else "",
                high=value_text(high_cell) if high_cell is not None else "",
                low_y=y_of(low),
                high_y=y_of(high),
                baseline=HEIGHT - BOTTOM,
                description=_("%(title)s per year: %(values)s.")
                % {"title": indicator.title, "values": "; ".join(words)},
            )
        )
    return charts
