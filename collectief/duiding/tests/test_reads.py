"""The read services the report uses: sessions by the period they read, tools by date held."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from collectief.duiding import services

pytestmark = pytest.mark.django_db

D = dt.date


def _session(org: Any, title: str, start: dt.date, end: dt.date, held_on: dt.date) -> Any:
    return services.create_interpretation_session(
        org, by=None, title=title, held_on=held_on, period_start=start, period_end=end
    )


def test_sessions_for_period_by_the_period_they_read(own_org, effects, other_org) -> None:
    read_2022 = _session(
        own_org, "2022 gelezen in 2023", D(2022, 3, 1), D(2023, 5, 1), D(2023, 6, 1)
    )
    _session(own_org, "2024", D(2024, 1, 1), D(2024, 12, 31), D(2025, 1, 10))
    _session(other_org, "ander", D(2022, 1, 1), D(2022, 12, 31), D(2023, 1, 10))
    found = services.sessions_for_period(own_org, D(2022, 1, 1), D(2023, 1, 1))
    assert [s.title for s in found] == [read_2022.title]
    assert len(services.sessions_for_period(own_org, None, None)) == 2
    # The period's last day counts; the day after the period does not.
    assert services.sessions_for_period(own_org, D(2023, 5, 1), D(2023, 5, 2)) == [read_2022]
    assert services.sessions_for_period(own_org, D(2023, 5, 2), D(2023, 6, 1)) == []


def test_tools_held_in_a_window(own_org, effects, other_org) -> None:
    inside = services.create_triangle_session(
        own_org, by=None, title="In", held_on=D(2022, 5, 1), effects=effects
    )
    services.create_triangle_session(own_org, by=None, title="Na", held_on=D(2023, 1, 1))
    services.create_triangle_session(other_org, by=None, title="Ander", held_on=D(2022, 5, 1))
    arena = services.create_arena_session(own_org, by=None, title="Arena", held_on=D(2022, 12, 31))
    valued = services.add_arena_effect(
        arena, by=None, description="Meer contact", valuation=4, effect=effects[0]
    )
    triangles, effects_valued = services.tools_held(own_org, D(2022, 1, 1), D(2023, 1, 1))
    assert triangles == [inside]
    assert effects_valued == [valued]
    triangles, effects_valued = services.tools_held(own_org, D(2023, 1, 1), None)
    assert [t.title for t in triangles] == ["Na"] and effects_valued == []
