"""The Waardendriehoek's numbers and drawing."""

from __future__ import annotations

import pytest

from collectief.duiding.models import TriangleScore
from collectief.duiding.triangle import CENTRE_X, CENTRE_Y, RADIUS, draw, summarise


def _score(r: int, l: int, b: int) -> TriangleScore:  # noqa: E741
    return TriangleScore(rendement=r, legitimiteit=l, betrokkenheid=b, role="deelnemer")


def test_mean_lowest_highest_and_spread_per_corner() -> None:
    summaries = summarise([_score(8, 6, 9), _score(6, 7, 9), _score(7, 8, 9)])
    assert [s.corner for s in summaries] == ["rendement", "legitimiteit", "betrokkenheid"]
    rendement, legitimiteit, betrokkenheid = summaries
    assert (rendement.mean, rendement.lowest, rendement.highest) == (7.0, 6, 8)
    assert rendement.spread == pytest.approx(1.0)
    assert legitimiteit.mean == 7.0
    assert (betrokkenheid.spread, betrokkenheid.n) == (0.0, 3)


def test_one_score_has_no_spread_and_none_has_no_mean() -> None:
    (one, *_rest) = summarise([_score(5, 5, 5)])
    assert (one.mean, one.spread) == (5.0, None)
    (empty, *_rest) = summarise([])
    assert (empty.mean, empty.lowest, empty.n) == (None, None, 0)


def test_drawing_puts_ten_on_the_corner_and_the_mean_on_the_axis() -> None:
    drawing = draw(summarise([_score(10, 5, 5), _score(10, 5, 5)]))
    top = drawing.axes[0]
    assert (top.end.x, top.end.y) == (CENTRE_X, CENTRE_Y - RADIUS)
    assert top.mean is not None and (top.mean.x, top.mean.y) == (CENTRE_X, CENTRE_Y - RADIUS)
    left = drawing.axes[1]
    assert left.mean is not None and left.mean.x < CENTRE_X and left.mean.y > CENTRE_Y
    assert len(top.dots) == 2 and len(top.ticks) == 10
    assert drawing.mean_polygon.count(",") == 3


def test_an_empty_drawing_has_no_mean_triangle() -> None:
    drawing = draw(summarise([]))
    assert drawing.mean_polygon == ""
    assert all(axis.band is None and axis.mean is None for axis in drawing.axes)
