"""The services of samen duiden and the gesprekstools: one rule per test."""

from __future__ import annotations

import datetime

import pytest

from collectief.accounts.models import Organisation, User
from collectief.audit.models import AuditEvent
from collectief.changestories.models import Effect
from collectief.duiding import services
from collectief.duiding.models import (
    ArenaSession,
    FollowUp,
    InterpretationSession,
    TriangleScore,
    TriangleSession,
)
from collectief.duiding.tests.conftest import TODAY, make_survey, scores
from collectief.lib.errors import ServiceError

pytestmark = pytest.mark.django_db


# --- Waardendriehoek -----------------------------------------------------------------------


def test_create_triangle_session_links_effects_and_writes_audit(
    own_org: Organisation, staff: User, effects: list[Effect]
) -> None:
    session = services.create_triangle_session(
        own_org, by=staff, title=" Driehoek ", held_on=TODAY, effects=effects
    )
    assert session.title == "Driehoek"
    assert set(session.effects.all()) == set(effects)
    event = AuditEvent.objects.get(action="duiding.triangle.create")
    assert event.details == {"effects": ["e1", "e2"]}


def test_a_session_needs_a_title(own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="Dit veld is verplicht"):
        services.create_triangle_session(own_org, by=None, title="  ", held_on=TODAY)


def test_effects_of_another_organisation_are_refused(
    own_org: Organisation, other_effects: list[Effect]
) -> None:
    with pytest.raises(ServiceError, match="eigen veranderverhaal"):
        services.create_triangle_session(
            own_org, by=None, title="Driehoek", held_on=TODAY, effects=other_effects
        )
    assert not TriangleSession.objects.exists()


def test_a_date_decades_away_is_refused(own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="binnen 5 jaar"):
        services.create_triangle_session(
            own_org, by=None, title="Driehoek", held_on=datetime.date(1990, 1, 1)
        )


def test_add_score_stores_scores_and_arguments(triangle: TriangleSession, staff: User) -> None:
    entry = services.add_triangle_score(
        triangle,
        by=staff,
        role="vrijwilliger",
        name="Jan Willem",
        scores=scores(8, "7", 9),
        arguments={"rendement": "Veel voor weinig geld"},
    )
    assert (entry.rendement, entry.legitimiteit, entry.betrokkenheid) == (8, 7, 9)
    assert entry.rendement_why == "Veel voor weinig geld"
    assert entry.name == "Jan Willem"


@pytest.mark.parametrize("bad", [11, 0, -1, "7.5", "zeven", None, ""])
def test_a_score_outside_1_to_10_is_refused(triangle: TriangleSession, bad: object) -> None:
    with pytest.raises(ServiceError, match="geheel getal van 1 tot en met 10") as caught:
        services.add_triangle_score(triangle, by=None, role="deelnemer", scores=scores(5, bad, 5))
    assert caught.value.field == "legitimiteit"
    assert not TriangleScore.objects.exists()


def test_a_score_needs_a_known_role(triangle: TriangleSession) -> None:
    with pytest.raises(ServiceError, match="Kies een rol"):
        services.add_triangle_score(triangle, by=None, role="baas", scores=scores(5, 5, 5))


def test_remove_score(triangle: TriangleSession) -> None:
    entry = services.add_triangle_score(
        triangle, by=None, role="deelnemer", scores=scores(5, 5, 5)
    )
    services.remove_triangle_score(entry, by=None)
    assert not TriangleScore.objects.exists()
    assert AuditEvent.objects.filter(action="duiding.triangle.score_remove").count() == 1


# --- Effectenarena -------------------------------------------------------------------------


def test_arena_effect_with_gainers_and_valuation(
    arena: ArenaSession, effects: list[Effect]
) -> None:
    volunteers = services.add_arena_actor(arena, by=None, name="Vrijwilligers", investment="Tijd")
    gemeente = services.add_arena_actor(arena, by=None, name="Gemeente", investment="Subsidie")
    outcome = services.add_arena_effect(
        arena,
        by=None,
        description="Bewoners kennen elkaar",
        valuation="4",
        gainers=[volunteers, gemeente],
        effect=effects[0],
    )
    assert outcome.valuation == 4
    assert set(outcome.gainers.all()) == {volunteers, gemeente}
    assert outcome.effect == effects[0]


def test_an_actor_is_named_once(arena: ArenaSession) -> None:
    services.add_arena_actor(arena, by=None, name="Vrijwilligers")
    with pytest.raises(ServiceError, match="staat al op de lijst"):
        services.add_arena_actor(arena, by=None, name="vrijwilligers")


@pytest.mark.parametrize("bad", [0, 6, "groot", None])
def test_a_valuation_outside_the_list_is_refused(arena: ArenaSession, bad: object) -> None:
    with pytest.raises(ServiceError, match="Kies een waardering"):
        services.add_arena_effect(arena, by=None, description="Iets", valuation=bad)


def test_gainers_come_from_the_same_session(arena: ArenaSession, own_org: Organisation) -> None:
    elsewhere = services.create_arena_session(own_org, by=None, title="Andere", held_on=TODAY)
    stranger = services.add_arena_actor(elsewhere, by=None, name="Iemand")
    with pytest.raises(ServiceError, match="partijen van deze sessie"):
        services.add_arena_effect(
            arena, by=None, description="Iets", valuation=3, gainers=[stranger]
        )


# --- samen duiden --------------------------------------------------------------------------


def test_a_period_that_ends_before_it_starts_is_refused(own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="eindigt voordat"):
        services.create_interpretation_session(
            own_org,
            by=None,
            title="Sessie",
            held_on=TODAY,
            period_start=datetime.date(2026, 6, 1),
            period_end=datetime.date(2026, 5, 1),
        )


def test_a_survey_of_another_organisation_is_refused(
    own_org: Organisation, other_org: Organisation, other_effects: list[Effect]
) -> None:
    theirs = make_survey(other_org, other_effects[0], ["5"] * 5)
    with pytest.raises(ServiceError, match="eigen vragenlijsten"):
        services.create_interpretation_session(
            own_org,
            by=None,
            title="Sessie",
            held_on=TODAY,
            period_start=TODAY,
            period_end=TODAY,
            survey=theirs,
        )


def test_record_reading_replaces_the_earlier_answers(
    session: InterpretationSession, effects: list[Effect], staff: User
) -> None:
    services.record_reading(session, effects[0], by=staff, recognise="Ja")
    services.record_reading(session, effects[0], by=staff, recognise="Deels", act="Meer doen")
    reading = session.readings.get()
    assert (reading.recognise, reading.act, reading.updated_by) == ("Deels", "Meer doen", staff)
    event = AuditEvent.objects.filter(action="duiding.session.reading").order_by("pk").last()
    assert event is not None and event.details["answered"] == ["recognise", "act"]


def test_record_reading_refuses_another_organisations_effect(
    session: InterpretationSession, other_effects: list[Effect]
) -> None:
    with pytest.raises(ServiceError, match="eigen veranderverhaal"):
        services.record_reading(session, other_effects[0], by=None, recognise="Ja")


def test_an_action_without_an_owner_is_refused(session: InterpretationSession) -> None:
    with pytest.raises(ServiceError, match="Zeg wie het doet") as caught:
        services.add_follow_up(
            session, by=None, description="Welkomstmiddag", owner="  ", due_on=TODAY
        )
    assert caught.value.field == "owner"
    assert not FollowUp.objects.exists()


def test_an_action_without_a_due_date_is_refused(session: InterpretationSession) -> None:
    with pytest.raises(ServiceError, match="wanneer") as caught:
        services.add_follow_up(
            session, by=None, description="Welkomstmiddag", owner="Mara", due_on=None
        )
    assert caught.value.field == "due_on"


def test_open_actions_until_done(session: InterpretationSession, own_org: Organisation) -> None:
    later = services.add_follow_up(
        session, by=None, description="Later", owner="Mara", due_on=TODAY + datetime.timedelta(9)
    )
    first = services.add_follow_up(
        session, by=None, description="Eerst", owner="Jan", due_on=TODAY
    )
    assert services.open_follow_ups(own_org) == [first, later]
    services.mark_follow_up_done(first, by=None, done_on=TODAY)
    assert services.open_follow_ups(own_org) == [later]


def test_an_action_is_done_once(session: InterpretationSession) -> None:
    action = services.add_follow_up(
        session, by=None, description="Eerst", owner="Jan", due_on=TODAY
    )
    services.mark_follow_up_done(action, by=None)
    with pytest.raises(ServiceError, match="al gedaan"):
        services.mark_follow_up_done(action, by=None)


def test_open_actions_are_per_organisation(
    session: InterpretationSession, other_org: Organisation
) -> None:
    services.add_follow_up(session, by=None, description="Eerst", owner="Jan", due_on=TODAY)
    assert services.open_follow_ups(other_org) == []


def test_conclusions_are_saved(session: InterpretationSession) -> None:
    services.set_conclusions(session, by=None, conclusions="  We herkennen de cijfers. ")
    session.refresh_from_db()
    assert session.conclusions == "We herkennen de cijfers."


def test_participants_by_role_with_optional_name(session: InterpretationSession) -> None:
    services.add_participant(session, by=None, role="vrijwilliger")
    services.add_participant(session, by=None, role="bestuur", name="Mara")
    assert [(p.role, p.name) for p in session.participants.all()] == [
        ("vrijwilliger", ""),
        ("bestuur", "Mara"),
    ]
    with pytest.raises(ServiceError, match="Kies een rol"):
        services.add_participant(session, by=None, role="")
