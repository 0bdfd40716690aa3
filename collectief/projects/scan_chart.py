"""The scan's chart: per condition the organisations' scores on a 1-5 line (server SVG).

Each row draws the spread as a line from the lowest to the highest score,
a dot per organisation and a bar for the average. A row where the partners
disagree gets a marked band and the word in its label, so colour is never
the only sign. The table beside the chart has every number.
"""

from __future__ import annotations

from dataclasses import dataclass

from collectief.projects.scan import DISAGREE_AT, ScanResult

WIDTH = 640
LEFT = 40
RIGHT = 40
ROW = 54
TOP = 8
AXIS = 28


@dataclass(frozen=True)
class Dot:
    x: float
    title: str


@dataclass(frozen=True)
class Row:
    label: str
    disagree: bool
    y: int  # top of the row
    label_y: int
    line_y: int
    x_low: float | None
    x_high: float | None
    x_average: float | None
    dots: list[Dot]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    rows: list[Row]
    ticks: list[tuple[int, float]]
    axis_y: int
    disagree_at: int


def x_of(score: float) -> float:
    return round(LEFT + (score - 1) * (WIDTH - LEFT - RIGHT) / 4, 1)


def scan_chart(result: ScanResult) -> Chart:
    rows = []
    y = TOP
    for condition in result.conditions:
        line_y = y + 36
        # Equal scores side by side, so every organisation's dot shows.
        seen: dict[int, int] = {}
        dots = []
        for s in condition.scores:
            offset = seen.get(s.score, 0)
            seen[s.score] = offset + 1
            shift = (offset + 1) // 2 * 6 * (1 if offset % 2 else -1)
            dots.append(Dot(x_of(s.score) + shift, f"{s.organisation.name}: {s.score}"))
        rows.append(
            Row(
                label=str(condition.condition.label),
                disagree=condition.disagree,
                y=y,
                label_y=y + 16,
                line_y=line_y,
                x_low=x_of(condition.lowest) if condition.lowest else None,
                x_high=x_of(condition.highest) if condition.highest else None,
                x_average=x_of(float(condition.average)) if condition.average else None,
                dots=dots,
            )
        )
        y += ROW
    ticks = [(score, x_of(score)) for score in range(1, 6)]
    return Chart(WIDTH, y + AXIS, rows, ticks, y + 16, DISAGREE_AT)
