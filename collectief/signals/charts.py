"""Server-rendered bar charts of published counts (DESIGN §3: SVG with a table beside it).

Only published values are drawn: a rounded count as a bar, a hidden one
("<10", "x") as its sign without a bar, so the picture tells no more than the
table next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from collectief.lib.disclosure import Shown

ROW_HEIGHT = 26
LABEL_WIDTH = 230
BAR_WIDTH = 300
VALUE_WIDTH = 60


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    y: int
    width: float
    shown: bool


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    bar_x: int
    value_x_pad: int


def bar_chart(items: list[tuple[str, Shown]], *, title: str) -> BarChart:
    top = max([s.value or 0 for _, s in items if not s.is_hidden] or [0])
    bars = []
    for index, (label, shown) in enumerate(items):
        value = 0 if shown.is_hidden else (shown.value or 0)
        bars.append(
            Bar(
                label=label,
                text=shown.text,
                y=index * ROW_HEIGHT,
                width=round(BAR_WIDTH * value / top, 1) if top else 0,
                shown=not shown.is_hidden and value > 0,
            )
        )
    return BarChart(
        title=title,
        bars=bars,
        width=LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH,
        height=max(ROW_HEIGHT, ROW_HEIGHT * len(items)),
        bar_x=LABEL_WIDTH,
        value_x_pad=6,
    )
