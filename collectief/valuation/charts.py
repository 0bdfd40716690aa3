"""The tornado chart of the sensitivity analysis, as server-rendered SVG geometry.

Each bar spans the ratio at the two ends of one assumption's plausible band;
the longest bars (the assumptions the result leans on most) come first. A
dashed line marks 1:1 and a solid line the calculated ratio. The template
``valuation/_tornado.html`` draws it; the table beside it has every number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 640
LEFT = 16
RIGHT = 16
ROW = 46
TOP = 28
BOTTOM = 36
MAX_ROWS = 10


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    x: float
    width: float
    crosses_one: bool  # the band reaches below 1:1
    title: str


@dataclass(frozen=True)
class Tornado:
    width: int
    height: int
    bars: list[Bar]
    base_x: float
    one_x: float
    ticks: list[tuple[float, str]]
    top: int
    bottom_y: float


def build_tornado(rows: list[tuple[str, Decimal, Decimal, str]], base: Decimal) -> Tornado | None:
    """``rows``: (label, ratio at one end, ratio at the other, tooltip), largest swing first."""
    rows = rows[:MAX_ROWS]
    if not rows:
        return None
    values = [v for _label, a, b, _t in rows for v in (a, b)] + [base, Decimal(1)]
    # The axis spans the bars, 1:1 and the ratio with a margin, not from 0: the
    # differences between assumptions are what the chart is for.
    pad = (max(values) - min(values)) / 10 or Decimal("0.1")
    low = max(Decimal(0), min(values) - pad)
    high = max(values) + pad
    span = float(high - low)
    plot = WIDTH - LEFT - RIGHT

    def x_of(value: Decimal) -> float:
        return LEFT + plot * float(value - low) / span

    bars = []
    for index, (label, a, b, title) in enumerate(rows):
        start, end = min(a, b), max(a, b)
        bars.append(
            Bar(
                label=label,
                y=TOP + index * ROW + 18,
                x=x_of(start),
                width=max(2.0, x_of(end) - x_of(start)),
                crosses_one=start < 1,
                title=title,
            )
        )
    step = _step(high - low)
    ticks = []
    tick = (low / step).to_integral_value(rounding="ROUND_CEILING") * step
    while tick <= high:
        ticks.append((x_of(tick), f"{tick:g}".replace(".", ",")))
        tick += step
    height = TOP + len(rows) * ROW + BOTTOM
    return Tornado(
        width=WIDTH,
        height=height,
        bars=bars,
        base_x=x_of(base),
        one_x=x_of(Decimal(1)),
        ticks=ticks,
        top=TOP - 8,
        bottom_y=TOP + len(rows) * ROW,
    )


def _step(span: Decimal) -> Decimal:
    raw = span / 5
    base = Decimal(10) ** raw.adjusted()
    for factor in (1, 2, 5, 10):
        if base * factor >= raw:
            return base * factor
    return base * 10  # pragma: no cover
