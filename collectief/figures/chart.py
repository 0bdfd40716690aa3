"""A server-rendered SVG chart of a figure's series (no JavaScript).

The geometry is computed here; ``figures/_chart.html`` draws it. A table
with the same numbers is always shown beside the chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from collectief.figures.models import FigureValue, format_number

WIDTH = 640
HEIGHT = 300
LEFT = 64
RIGHT = 16
TOP = 16
BOTTOM = 48
MAX_BARS = 12


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    bar_x: float
    bar_width: float
    bar_height: float
    label: str
    value_label: str
    show_label: bool


@dataclass(frozen=True)
class Chart:
    kind: str  # "bar" or "line"
    width: int
    height: int
    left: int
    right_x: int
    top: int
    baseline: float
    ticks: list[Tick]
    points: list[Point]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def _nice_step(span: Decimal) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) giving about four ticks."""
    if span <= 0:
        return Decimal(1)
    raw = span / 4
    exponent = raw.adjusted()
    base = Decimal(10) ** exponent
    for factor in (1, 2, 5, 10):
        step = base * factor
        if step >= raw:
            return step
    return base * 10  # pragma: no cover


def build_chart(values: list[FigureValue]) -> Chart | None:
    """Bars for up to 12 measurements, a line for more; None for fewer than two."""
    if len(values) < 2:
        return None
    numbers = [v.value for v in values]
    low = min(Decimal(0), min(numbers))
    high = max(numbers)
    step = _nice_step(high - low)
    top_value = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    bottom_value = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    if top_value == bottom_value:
        top_value = bottom_value + step
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT

    def y_of(value: Decimal) -> float:
        share = float((value - bottom_value) / (top_value - bottom_value))
        return TOP + plot_height * (1 - share)

    ticks = []
    tick = bottom_value
    while tick <= top_value:
        ticks.append(Tick(y_of(tick), format_number(tick)))
        tick += step
    kind = "bar" if len(values) <= MAX_BARS else "line"
    slot = plot_width / len(values)
    every = max(1, len(values) // 8)  # at most about eight date labels
    baseline = y_of(max(bottom_value, Decimal(0)))
    points = []
    for index, point in enumerate(values):
        x = LEFT + slot * (index + 0.5)
        y = y_of(point.value)
        bar_width = slot * 0.6
        points.append(
            Point(
                x=x,
                y=min(y, baseline),
                bar_x=x - bar_width / 2,
                bar_width=bar_width,
                bar_height=abs(baseline - y),
                label=point.date.strftime("%d-%m-%Y"),
                value_label=format_number(point.value),
                show_label=index % every == 0 or index == len(values) - 1,
            )
        )
    if kind == "line":
        points = [
            Point(
                p.x,
                y_of(v.value),
                p.bar_x,
                p.bar_width,
                p.bar_height,
                p.label,
                p.value_label,
                p.show_label,
            )
            for p, v in zip(points, values, strict=True)
        ]
    return Chart(
        kind=kind,
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right_x=WIDTH - RIGHT,
        top=TOP,
        baseline=baseline,
        ticks=ticks,
        points=points,
    )
