"""The Waardendriehoek as numbers and as a server-rendered SVG.

Each corner (rendement, legitimiteit, betrokkenheid) is an axis from the
centre (0) to the corner (10). The group's mean on the three axes makes the
filled triangle; the spread is drawn on each axis as a band from the lowest
to the highest score, with a dot per participant. The page shows the same
numbers in a table beside the drawing, so nothing depends on seeing it.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from collectief.duiding.models import SCORE_MAX, Corner, TriangleScore

WIDTH = 540
HEIGHT = 310
CENTRE_X = WIDTH / 2
CENTRE_Y = 190
RADIUS = 140
# Corner angles in degrees (0 = right, clockwise on screen because y grows down).
ANGLES: dict[str, float] = {
    Corner.RETURN: -90.0,
    Corner.LEGITIMACY: 150.0,
    Corner.ENGAGEMENT: 30.0,
}
LABEL_OFFSET = 22


@dataclass
class CornerSummary:
    corner: str
    label: str
    scores: list[int]
    mean: float | None = None
    lowest: int | None = None
    highest: int | None = None
    spread: float | None = None  # standard deviation; None below two scores

    @property
    def n(self) -> int:
        return len(self.scores)


@dataclass
class Point:
    x: float
    y: float


@dataclass
class Tick:
    value: int
    at: Point
    label_at: Point


@dataclass
class Axis:
    corner: str
    label: str
    end: Point
    ticks: list[Tick]
    label_at: Point
    anchor: str
    band: tuple[Point, Point] | None
    dots: list[Point] = field(default_factory=list)
    mean: Point | None = None


@dataclass
class TriangleDrawing:
    width: int
    height: int
    centre: Point
    outline: str
    half: str
    axes: list[Axis]
    mean_polygon: str  # empty without scores


def _point(corner: str, value: float) -> Point:
    angle = math.radians(ANGLES[corner])
    distance = RADIUS * value / SCORE_MAX
    return Point(
        round(CENTRE_X + distance * math.cos(angle), 1),
        round(CENTRE_Y + distance * math.sin(angle), 1),
    )


def _polygon(points: list[Point]) -> str:
    return " ".join(f"{p.x},{p.y}" for p in points)


def summarise(scores: list[TriangleScore]) -> list[CornerSummary]:
    """Mean, lowest, highest and spread per corner, in the corners' order."""
    summaries = []
    for corner, label in Corner.choices:
        values = [int(getattr(s, corner)) for s in scores]
        summary = CornerSummary(corner, str(label), values)
        if values:
            summary.mean = round(statistics.fmean(values), 1)
            summary.lowest = min(values)
            summary.highest = max(values)
            summary.spread = round(statistics.stdev(values), 1) if len(values) > 1 else None
        summaries.append(summary)
    return summaries


def short_labels() -> dict[str, str]:
    """The corners' names as written beside the drawing."""
    return {
        Corner.RETURN: _("Return"),
        Corner.LEGITIMACY: _("Legitimacy"),
        Corner.ENGAGEMENT: _("Engagement"),
    }


def draw(summaries: list[CornerSummary]) -> TriangleDrawing:
    labels = short_labels()
    axes = []
    for summary in summaries:
        corner = summary.corner
        end = _point(corner, SCORE_MAX)
        angle = math.radians(ANGLES[corner])
        label_at = Point(
            round(end.x + LABEL_OFFSET * math.cos(angle), 1),
            round(end.y + LABEL_OFFSET * math.sin(angle) + 5, 1),
        )
        anchor = (
            "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        )
        band = None
        if summary.lowest is not None and summary.highest is not None:
            band = (_point(corner, summary.lowest), _point(corner, summary.highest))
        # Numbers beside the axis (on paper the participants mark their score there).
        side = math.radians(ANGLES[corner] + 90)
        ticks = []
        for value in range(1, SCORE_MAX + 1):
            at = _point(corner, value)
            ticks.append(
                Tick(
                    value,
                    at,
                    Point(
                        round(at.x + 9 * math.cos(side), 1),
                        round(at.y + 9 * math.sin(side) + 4, 1),
                    ),
                )
            )
        axes.append(
            Axis(
                corner=corner,
                label=labels.get(corner, summary.label),
                end=end,
                ticks=ticks,
                label_at=label_at,
                anchor=anchor,
                band=band,
                dots=[_point(corner, v) for v in summary.scores],
                mean=_point(corner, summary.mean) if summary.mean is not None else None,
            )
        )
    means = [a.mean for a in axes if a.mean is not None]
    return TriangleDrawing(
        width=WIDTH,
        height=HEIGHT,
        centre=Point(CENTRE_X, CENTRE_Y),
        outline=_polygon([a.end for a in axes]),
        half=_polygon([_point(a.corner, SCORE_MAX / 2) for a in axes]),
        axes=axes,
        mean_polygon=_polygon(means) if len(means) == len(axes) else "",
    )
