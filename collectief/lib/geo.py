"""Plain geometry for area boundaries: RD New to WGS84, simplification, and drawing on a page.

Pure Python, no GIS libraries:

- ``rd_to_wgs84``: the Dutch RD New grid (EPSG:28992, metres) to WGS84
  degrees with the standard approximation of Schreutelkamp and Strang van
  Hees ("Benaderingsformules voor de transformatie tussen RD- en
  WGS84-kaartcoördinaten"): accurate to about a metre in the Netherlands,
  far better than a wijk map needs.
- ``looks_like_rd`` / ``looks_like_wgs84``: which of the two a file uses,
  told apart by the size of the numbers (RD is in hundreds of kilometres).
- ``simplify_ring``: Douglas-Peucker, so that a boundary of thousands of
  points is stored as a few dozen.
- ``Projection``: longitude and latitude to SVG coordinates for a group of
  shapes (equirectangular with the latitude's cosine, plenty for a city).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]  # (x, y): (longitude, latitude) or (RD x, RD y)
Ring = list[Point]
Polygon = list[Ring]  # the outer ring, then its holes

# The RD origin (Onze Lieve Vrouwetoren, Amersfoort) in RD and WGS84.
RD_X0, RD_Y0 = 155_000.0, 463_000.0
PHI0, LAM0 = 52.15517440, 5.38720621
# (power of dx, power of dy, coefficient) for latitude and longitude, in arc seconds.
_LAT_TERMS = (
    (0, 1, 3235.65389),
    (2, 0, -32.58297),
    (0, 2, -0.24750),
    (2, 1, -0.84978),
    (0, 3, -0.06550),
    (2, 2, -0.01709),
    (1, 0, -0.00738),
    (4, 0, 0.00530),
    (2, 3, -0.00039),
    (4, 1, 0.00033),
    (1, 1, -0.00012),
)
_LON_TERMS = (
    (1, 0, 5260.52916),
    (1, 1, 105.94684),
    (1, 2, 2.45656),
    (3, 0, -0.81885),
    (1, 3, 0.05594),
    (3, 1, -0.05607),
    (0, 1, 0.01199),
    (3, 2, -0.00256),
    (1, 4, 0.00128),
    (0, 2, 0.00022),
    (2, 0, -0.00022),
    (5, 0, 0.00026),
)
# The RD grid's extent (EPSG:28992 area of use, with a margin for the sea).
RD_X_RANGE = (-7_000.0, 300_000.0)
RD_Y_RANGE = (289_000.0, 629_000.0)


def rd_to_wgs84(x: float, y: float) -> Point:
    """RD New (metres) to WGS84 as (longitude, latitude) in degrees."""
    dx = (x - RD_X0) * 1e-5
    dy = (y - RD_Y0) * 1e-5
    lat = PHI0 + sum(c * dx**p * dy**q for p, q, c in _LAT_TERMS) / 3600
    lon = LAM0 + sum(c * dx**p * dy**q for p, q, c in _LON_TERMS) / 3600
    return lon, lat


def looks_like_wgs84(points: Iterable[Point]) -> bool:
    return all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in points)


def looks_like_rd(points: Iterable[Point]) -> bool:
    return all(
        RD_X_RANGE[0] <= x <= RD_X_RANGE[1] and RD_Y_RANGE[0] <= y <= RD_Y_RANGE[1]
        for x, y in points
    )


def _distance_to_segment(point: Point, start: Point, end: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    if length == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify_line(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: keep the points further than ``tolerance`` from the simplified line.

    Iterative (a stack instead of recursion), so a boundary of 100,000 points
    cannot exhaust Python's recursion limit. The first and last point stay.
    """
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, -1
        for i in range(first + 1, last):
            distance = _distance_to_segment(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if index != -1 and farthest > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: Sequence[Point], tolerance: float) -> Ring | None:
    """A closed ring simplified; None when too little of it is left to enclose anything.

    The ring is split at the point furthest from its start, so that both
    halves are simplified as lines and the ring cannot collapse to its start.
    """
    points = list(ring)
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]
    if len(points) < 3:
        return None
    start = points[0]
    split = max(range(len(points)), key=lambda i: math.hypot(*_minus(points[i], start)))
    first = simplify_line(points[: split + 1], tolerance)
    second = simplify_line([*points[split:], start], tolerance)
    result = first[:-1] + second[:-1]
    if len(result) < 3:
        return None
    return [*result, result[0]]


def _minus(a: Point, b: Point) -> Point:
    return a[0] - b[0], a[1] - b[1]


def ring_area(ring: Sequence[Point]) -> float:
    """The ring's area in its own units (shoelace formula), without sign."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def centroid(ring: Sequence[Point]) -> Point:
    """The centre of gravity of a ring (its vertex average when it has no area)."""
    area2 = 0.0
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x1 * y2 - x2 * y1
        area2 += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if area2 == 0:
        count = len(ring) or 1
        return sum(p[0] for p in ring) / count, sum(p[1] for p in ring) / count
    return cx / (3 * area2), cy / (3 * area2)


@dataclass(frozen=True)
class Projection:
    """Longitude/latitude to SVG x/y for shapes that must fit ``width`` × ``height``."""

    west: float
    north: float
    scale: float
    x_factor: float
    offset_x: float
    offset_y: float

    @classmethod
    def fit(
        cls, polygons: Iterable[Polygon], width: float, height: float, margin: float
    ) -> Projection:
        points = [p for polygon in polygons for ring in polygon for p in ring]
        if not points:
            return cls(0.0, 0.0, 1.0, 1.0, margin, margin)
        west, east = min(p[0] for p in points), max(p[0] for p in points)
        south, north = min(p[1] for p in points), max(p[1] for p in points)
        x_factor = math.cos(math.radians((north + south) / 2))
        span_x = max((east - west) * x_factor, 1e-9)
        span_y = max(north - south, 1e-9)
        scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        offset_x = margin + ((width - 2 * margin) - span_x * scale) / 2
        offset_y = margin + ((height - 2 * margin) - span_y * scale) / 2
        return cls(west, north, scale, x_factor, offset_x, offset_y)

    def __call__(self, point: Point) -> Point:
        lon, lat = point
        return (
            self.offset_x + (lon - self.west) * self.x_factor * self.scale,
            self.offset_y + (self.north - lat) * self.scale,
        )

    def path(self, polygons: Iterable[Polygon]) -> str:
        """An SVG path (``d``) for the polygons, holes included (even-odd fill)."""
        parts = []
        for polygon in polygons:
            for ring in polygon:
                projected = [self(p) for p in ring]
                if len(projected) < 3:
                    continue
                head, *tail = projected
                parts.append(
                    f"M{head[0]:.1f},{head[1]:.1f}"
                    + "".join(f"L{x:.1f},{y:.1f}" for x, y in tail)
                    + "Z"
                )
        return "".join(parts)
