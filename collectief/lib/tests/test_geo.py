from __future__ import annotations

import math

import pytest

from collectief.lib import geo

# Reference points of Schreutelkamp and Strang van Hees ("Benaderingsformules voor de
# transformatie tussen RD- en WGS84-kaartcoördinaten"): RD x, y and WGS84 lat, lon.
REFERENCE = [
    ("Amersfoort, Onze Lieve Vrouwetoren", 155_000.0, 463_000.0, 52.15517440, 5.38720621),
    ("Amsterdam, Westertoren", 120_700.723, 487_525.501, 52.37453253, 4.88352559),
    ("Groningen, Martinitoren", 233_883.131, 582_065.167, 53.21938317, 6.56820053),
]


@pytest.mark.parametrize(("name", "x", "y", "lat", "lon"), REFERENCE)
def test_rd_to_wgs84_matches_the_published_reference_points(
    name: str, x: float, y: float, lat: float, lon: float
) -> None:
    got_lon, got_lat = geo.rd_to_wgs84(x, y)
    # 1e-6 degrees is about 0.1 m: the approximation itself is good to a metre.
    assert got_lat == pytest.approx(lat, abs=1e-6), name
    assert got_lon == pytest.approx(lon, abs=1e-6), name


def test_rd_and_wgs84_are_told_apart_by_magnitude() -> None:
    assert geo.looks_like_wgs84([(5.12, 52.09), (4.9, 52.37)])
    assert not geo.looks_like_wgs84([(136_000.0, 455_000.0)])
    assert geo.looks_like_rd([(136_000.0, 455_000.0), (0.0, 300_000.0)])
    assert not geo.looks_like_rd([(5.12, 52.09)])
    # Web Mercator metres are neither.
    assert not geo.looks_like_rd([(570_000.0, 6_800_000.0)])


def test_simplify_line_drops_points_within_tolerance_and_keeps_the_corners() -> None:
    # A square's side with many points on it, and one bump of 5 units.
    side = [(float(x), 0.0) for x in range(0, 101)]
    side[50] = (50.0, 5.0)
    assert geo.simplify_line(side, 1.0) == [
        (0.0, 0.0),
        (49.0, 0.0),
        (50.0, 5.0),
        (51.0, 0.0),
        (100.0, 0.0),
    ]
    assert geo.simplify_line(side, 10.0) == [(0.0, 0.0), (100.0, 0.0)]


def test_simplify_line_survives_a_very_long_line() -> None:
    # A zigzag keeps every point, one split at a time: 1,500 levels deep, past the
    # recursion limit (1,000) a recursive version would hit.
    points = [(float(i), float(i % 2) * 3) for i in range(1_500)]
    assert len(geo.simplify_line(points, 1.0)) == len(points)
    assert len(geo.simplify_line(points, 5.0)) == 2


def test_simplify_ring_keeps_a_closed_shape_and_its_area() -> None:
    circle = [
        (math.cos(2 * math.pi * i / 1000), math.sin(2 * math.pi * i / 1000)) for i in range(1000)
    ]
    simple = geo.simplify_ring([*circle, circle[0]], 0.01)
    assert simple is not None
    assert simple[0] == simple[-1]
    assert 8 < len(simple) < 60
    assert geo.ring_area(simple) == pytest.approx(math.pi, rel=0.03)


def test_simplify_ring_of_a_sliver_is_none() -> None:
    assert geo.simplify_ring([(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (0.0, 0.0)], 0.5) is None


def test_centroid_of_a_square() -> None:
    assert geo.centroid([(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)]) == (1.0, 1.0)


def test_projection_fits_the_shapes_and_keeps_north_up() -> None:
    square = [[[(5.0, 52.0), (5.1, 52.0), (5.1, 52.1), (5.0, 52.1), (5.0, 52.0)]]]
    project = geo.Projection.fit(square, 400, 300, 10)
    x0, y0 = project((5.0, 52.1))
    x1, y1 = project((5.1, 52.0))
    assert 10 <= x0 < x1 <= 390
    assert 10 <= y0 < y1 <= 290  # north is at the top
    # A degree of longitude is shorter than one of latitude at 52°.
    assert (x1 - x0) < (y1 - y0)
    assert project.path(square).startswith("M") and project.path(square).endswith("Z")
