"""Access helpers of samen duiden: every helper, every kind of visitor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from collectief.accounts.models import Organisation, Role, User
from collectief.changestories.models import Effect
from collectief.duiding import access, services
from collectief.duiding.models import ArenaSession, InterpretationSession, TriangleSession
from collectief.duiding.tests.conftest import TODAY

pytestmark = pytest.mark.django_db

HELPERS: list[tuple[str, Callable[..., Any]]] = [
    ("triangle", access.get_triangle_session_for_user),
    ("arena", access.get_arena_session_for_user),
    ("session", access.get_interpretation_session_for_user),
]


def _ids(
    triangle: TriangleSession, arena: ArenaSession, session: InterpretationSession
) -> dict[str, int]:
    return {"triangle": triangle.pk, "arena": arena.pk, "session": session.pk}


@pytest.mark.parametrize(("kind", "helper"), HELPERS)
def test_members_read_staff_write(
    kind: str,
    helper: Callable[..., Any],
    reader: User,
    staff: User,
    triangle: TriangleSession,
    arena: ArenaSession,
    session: InterpretationSession,
) -> None:
    pk = _ids(triangle, arena, session)[kind]
    assert helper(reader, "own-org", pk).pk == pk
    assert helper(staff, "own-org", pk, min_role=Role.STAFF).pk == pk
    with pytest.raises(PermissionDenied):
        helper(reader, "own-org", pk, min_role=Role.STAFF)


@pytest.mark.parametrize(("kind", "helper"), HELPERS)
def test_outsiders_get_404_through_any_address(
    kind: str,
    helper: Callable[..., Any],
    outsider: User,
    triangle: TriangleSession,
    arena: ArenaSession,
    session: InterpretationSession,
) -> None:
    pk = _ids(triangle, arena, session)[kind]
    with pytest.raises(Http404):
        helper(outsider, "own-org", pk)
    with pytest.raises(Http404):
        helper(outsider, "other-org", pk)


@pytest.mark.parametrize(("kind", "helper"), HELPERS)
def test_an_unknown_id_is_404(
    kind: str, helper: Callable[..., Any], reader: User, effects: list[Effect]
) -> None:
    with pytest.raises(Http404):
        helper(reader, "own-org", 999)


def test_session_effect_must_be_the_organisations(
    session: InterpretationSession, effects: list[Effect], other_effects: list[Effect]
) -> None:
    assert access.get_session_effect(session, effects[1].pk) == effects[1]
    with pytest.raises(Http404):
        access.get_session_effect(session, other_effects[0].pk)


def test_follow_up_only_for_staff_of_its_session(
    staff: User,
    reader: User,
    session: InterpretationSession,
    own_org: Organisation,
) -> None:
    action = services.add_follow_up(session, by=None, description="A", owner="B", due_on=TODAY)
    other = services.create_interpretation_session(
        own_org, by=None, title="Ander", held_on=TODAY, period_start=TODAY, period_end=TODAY
    )
    assert access.get_follow_up_for_user(staff, "own-org", session.pk, action.pk) == action
    with pytest.raises(Http404):
        access.get_follow_up_for_user(staff, "own-org", other.pk, action.pk)
    with pytest.raises(PermissionDenied):
        access.get_follow_up_for_user(reader, "own-org", session.pk, action.pk)
