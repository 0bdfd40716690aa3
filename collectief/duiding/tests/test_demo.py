"""The demo: Het Badhuis's Waardendriehoek, Effectenarena and samen-duiden session."""

from __future__ import annotations

import io

import pytest

from collectief.duiding import demo
from collectief.duiding.models import (
    ArenaSession,
    FollowUp,
    InterpretationSession,
    TriangleSession,
)

pytestmark = pytest.mark.django_db


def _load() -> None:
    from collectief.accounts import demo as accounts_demo
    from collectief.areas import demo as areas_demo
    from collectief.changestories import demo as changestories_demo

    for module in (areas_demo, accounts_demo, changestories_demo):
        module.load_demo(io.StringIO())
    demo.load_demo(io.StringIO())


def test_demo_is_complete_and_idempotent() -> None:
    _load()
    demo.load_demo(io.StringIO())
    triangle = TriangleSession.objects.get()
    assert triangle.scores.count() == len(demo.TRIANGLE_SCORES)
    assert ArenaSession.objects.get().outcomes.filter(effect__isnull=False).count() == 3
    session = InterpretationSession.objects.get()
    assert session.readings.count() == 3
    assert session.conclusions
    assert FollowUp.objects.open().count() == 2
    assert all(f.due_on > session.held_on for f in FollowUp.objects.all())


def test_demo_without_the_organisation_says_so() -> None:
    out = io.StringIO()
    demo.load_demo(out)
    assert "het-badhuis" in out.getvalue()
    assert not InterpretationSession.objects.exists()
