from __future__ import annotations

from typing import Any

import pytest

from collectief.insights.services import area_trend
from collectief.insights.tests.conftest import put_values
from collectief.insights.trendchart import build_trend_charts

pytestmark = pytest.mark.django_db

BIJSTAND = "PersonenPerSoortUitkeringBijstand"


def test_a_year_without_a_number_breaks_the_line_and_has_no_dot(almere: dict[str, Any]) -> None:
    haven = almere["haven"]
    put_values(haven, 2021, **{BIJSTAND: 100})
    put_values(haven, 2022, **{BIJSTAND: 120})
    put_values(haven, 2023, **{BIJSTAND: "x"})
    put_values(haven, 2024, **{BIJSTAND: 150})
    put_values(haven, 2025, **{BIJSTAND: 140})
    charts = build_trend_charts(area_trend(haven))
    assert len(charts) == 1
    chart = charts[0]
    assert [p.year for p in chart.points] == [2021, 2022, 2024, 2025]
    assert len(chart.lines) == 2  # 2021-2022 and 2024-2025, nothing drawn through 2023
    assert (chart.first_year, chart.last_year) == (2021, 2025)
    assert (chart.low, chart.high) == ("100", "150")
    # Higher values are higher on the page (smaller y), all inside the drawing.
    by_year = {p.year: p for p in chart.points}
    assert by_year[2024].y < by_year[2022].y < by_year[2021].y
    assert all(0 < p.y < chart.height and 0 < p.x < chart.width for p in chart.points)
    assert "2023: geheim" in chart.description


def test_a_figure_with_fewer_than_two_numbers_gets_no_chart(almere: dict[str, Any]) -> None:
    haven = almere["haven"]
    put_values(haven, 2023, AantalInwoners=22000, **{BIJSTAND: "."})
    put_values(haven, 2024, AantalInwoners=22100, **{BIJSTAND: 150})
    charts = build_trend_charts(area_trend(haven))
    assert [c.indicator.key for c in charts] == ["AantalInwoners"]


def test_one_year_has_no_charts(almere: dict[str, Any]) -> None:
    put_values(almere["haven"], 2024, AantalInwoners=22000)
    assert build_trend_charts(area_trend(almere["haven"])) == []


def test_a_flat_line_stays_inside_the_drawing(almere: dict[str, Any]) -> None:
    for year in (2022, 2023, 2024):
        put_values(almere["haven"], year, AantalInwoners=0)
    (chart,) = build_trend_charts(area_trend(almere["haven"]))
    assert all(0 < p.y <= chart.baseline for p in chart.points)
