"""Access to samen duiden and the gesprekstools (see collectief/accounts/access.py).

Every session belongs to one organisation. Its members see it (readers
included: the results are read together); medewerkers and beheerders enter
and change it. Anyone else gets 404, through any organisation's address, so
nobody learns that a session exists. Sub-objects (a score, an actor, an
effect of the arena, a participant, an action) are found through their
session, so an id of another organisation's row is a 404 too.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from collectief.accounts.access import get_organisation_object_for_user
from collectief.accounts.models import Role
from collectief.changestories.models import Effect
from collectief.duiding.models import (
    ArenaSession,
    FollowUp,
    InterpretationSession,
    TriangleSession,
)


def get_triangle_session_for_user(
    user: Any, organisation_slug: str, session_id: int, *, min_role: str = Role.READER
) -> TriangleSession:
    return get_organisation_object_for_user(
        user,
        organisation_slug,
        TriangleSession.objects.all(),
        min_role=min_role,
        pk=session_id,
    )


def get_arena_session_for_user(
    user: Any, organisation_slug: str, session_id: int, *, min_role: str = Role.READER
) -> ArenaSession:
    return get_organisation_object_for_user(
        user, organisation_slug, ArenaSession.objects.all(), min_role=min_role, pk=session_id
    )


def get_interpretation_session_for_user(
    user: Any, organisation_slug: str, session_id: int, *, min_role: str = Role.READER
) -> InterpretationSession:
    return get_organisation_object_for_user(
        user,
        organisation_slug,
        InterpretationSession.objects.select_related("survey"),
        min_role=min_role,
        pk=session_id,
    )


def get_session_effect(session: InterpretationSession, effect_id: int) -> Effect:
    """A direct effect of the session's organisation (Http404 for any other)."""
    effect = Effect.objects.filter(
        pk=effect_id, story__organisation_id=session.organisation_id
    ).first()
    if effect is None:
        raise Http404
    return effect


def get_child(queryset: Any, session: Any, child_id: int) -> Any:
    """A row that belongs to ``session`` (a score, actor, participant, …), or Http404."""
    found = queryset.filter(session=session, pk=child_id).first()
    if found is None:
        raise Http404
    found.session = session
    return found


def get_follow_up_for_user(
    user: Any, organisation_slug: str, session_id: int, follow_up_id: int
) -> FollowUp:
    """An action of one of the organisation's sessions, for staff who mark it done."""
    session = get_interpretation_session_for_user(
        user, organisation_slug, session_id, min_role=Role.STAFF
    )
    follow_up: FollowUp = get_child(FollowUp.objects.all(), session, follow_up_id)
    return follow_up
