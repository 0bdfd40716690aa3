"""The pages of samen duiden: happy path, anonymous, another organisation, bad input."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.models import Organisation, User
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

pytestmark = pytest.mark.django_db


def url(name: str, *args: Any) -> str:
    return reverse(f"duiding:{name}", args=args)


def score_post(**changes: Any) -> dict[str, Any]:
    data = {
        "role": "vrijwilliger",
        "name": "",
        "rendement": "8",
        "rendement_why": "Veel voor weinig",
        "legitimiteit": "7",
        "legitimiteit_why": "",
        "betrokkenheid": "9",
        "betrokkenheid_why": "",
    }
    data.update(changes)
    return data


# --- every page: anonymous and another organisation ------------------------------------------


def _pages(
    triangle: TriangleSession, arena: ArenaSession, session: InterpretationSession, effect: Effect
) -> list[str]:
    return [
        url("list", "own-org"),
        url("triangle", "own-org", triangle.pk),
        url("triangle_sheet", "own-org", triangle.pk),
        url("arena", "own-org", arena.pk),
        url("arena_sheet", "own-org", arena.pk),
        url("session", "own-org", session.pk),
        url("reading", "own-org", session.pk, effect.pk),
        url("present", "own-org", session.pk, 1),
        url("report", "own-org", session.pk),
    ]


def test_anonymous_visitors_go_to_login(
    client_for: Any,
    triangle: TriangleSession,
    arena: ArenaSession,
    session: InterpretationSession,
    effects: list[Effect],
) -> None:
    for page in _pages(triangle, arena, session, effects[0]):
        response = client_for(None).get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith(reverse("account_login"))


def test_another_organisations_sessions_are_404_through_its_own_address(
    client_for: Any,
    outsider: User,
    triangle: TriangleSession,
    arena: ArenaSession,
    session: InterpretationSession,
    effects: list[Effect],
) -> None:
    """The outsider uses its own organisation's slug with our session ids: nothing leaks."""
    client = client_for(outsider)
    for page in _pages(triangle, arena, session, effects[0]):
        mine = page.replace("/o/own-org/", "/o/other-org/")
        if mine.endswith("/duiden/"):
            continue  # its own overview is fine
        assert client.get(mine).status_code == 404, mine


def test_another_organisations_effect_in_our_session_is_404(
    client_for: Any, staff: User, session: InterpretationSession, other_effects: list[Effect]
) -> None:
    response = client_for(staff).get(url("reading", "own-org", session.pk, other_effects[0].pk))
    assert response.status_code == 404


def test_a_reader_sees_but_may_not_write(
    client_for: Any, reader: User, triangle: TriangleSession, session: InterpretationSession
) -> None:
    client = client_for(reader)
    page = client.get(url("triangle", "own-org", triangle.pk))
    assert page.status_code == 200
    assert "Scores toevoegen" not in page.content.decode()
    assert (
        client.post(url("triangle_score", "own-org", triangle.pk), score_post()).status_code == 403
    )
    assert (
        client.post(
            url("follow_up_add", "own-org", session.pk),
            {"description": "Iets", "owner": "Mara", "due_on": "2026-12-01"},
        ).status_code
        == 403
    )
    assert client.get(url("triangle_create", "own-org")).status_code == 403
    assert not TriangleScore.objects.exists() and not FollowUp.objects.exists()


# --- overview ---------------------------------------------------------------------------------


def test_overview_lists_sessions_tools_and_open_actions(
    client_for: Any,
    staff: User,
    triangle: TriangleSession,
    arena: ArenaSession,
    session: InterpretationSession,
) -> None:
    services.add_follow_up(
        session, by=None, description="Welkomstmiddag", owner="Mara", due_on=TODAY
    )
    text = client_for(staff).get(url("list", "own-org")).content.decode()
    assert "Samen duiden najaar" in text
    assert "Driehoek met vrijwilligers" in text
    assert "Arena in de buurt" in text
    assert "Welkomstmiddag" in text


# --- Waardendriehoek --------------------------------------------------------------------------


def test_create_triangle_session(client_for: Any, staff: User, effects: list[Effect]) -> None:
    response = client_for(staff).post(
        url("triangle_create", "own-org"),
        {"title": "Driehoek", "held_on": "2026-11-01", "effects": [effects[0].pk], "note": ""},
    )
    session = TriangleSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("triangle", "own-org", session.pk)
    assert list(session.effects.all()) == [effects[0]]


def test_create_triangle_session_with_another_organisations_effect_is_a_form_error(
    client_for: Any, staff: User, effects: list[Effect], other_effects: list[Effect]
) -> None:
    response = client_for(staff).post(
        url("triangle_create", "own-org"),
        {"title": "Driehoek", "held_on": "2026-11-01", "effects": [other_effects[0].pk]},
    )
    assert response.status_code == 400
    assert not TriangleSession.objects.exists()


def test_add_scores_shows_the_triangle_and_table(
    client_for: Any, staff: User, triangle: TriangleSession
) -> None:
    client = client_for(staff)
    response = client.post(url("triangle_score", "own-org", triangle.pk), score_post())
    assert response.status_code == 302
    client.post(url("triangle_score", "own-org", triangle.pk), score_post(rendement="6"))
    text = client.get(url("triangle", "own-org", triangle.pk)).content.decode()
    assert '<svg class="triangle-chart" role="img"' in text
    assert "Scores van 2 deelnemers" in text
    assert "<td>7,0</td>" in text  # mean of 8 and 6 for rendement
    assert "Veel voor weinig" in text


def test_score_11_is_refused_with_a_dutch_message(
    client_for: Any, staff: User, triangle: TriangleSession
) -> None:
    response = client_for(staff).post(
        url("triangle_score", "own-org", triangle.pk), score_post(betrokkenheid="11")
    )
    assert response.status_code == 400
    assert "Vul een geheel getal van 1 tot en met 10 in." in response.content.decode()
    assert not TriangleScore.objects.exists()


def test_a_score_that_is_not_a_number_is_refused(
    client_for: Any, staff: User, triangle: TriangleSession
) -> None:
    response = client_for(staff).post(
        url("triangle_score", "own-org", triangle.pk), score_post(rendement="acht")
    )
    assert response.status_code == 400
    assert "Vul een geheel getal van 1 tot en met 10 in." in response.content.decode()


def test_remove_score(client_for: Any, staff: User, triangle: TriangleSession) -> None:
    entry = services.add_triangle_score(
        triangle, by=None, role="deelnemer", scores=scores(5, 5, 5)
    )
    response = client_for(staff).post(
        url("triangle_score_remove", "own-org", triangle.pk, entry.pk)
    )
    assert response.status_code == 302
    assert not TriangleScore.objects.exists()


def test_remove_a_score_of_another_session_is_404(
    client_for: Any, staff: User, triangle: TriangleSession, own_org: Organisation
) -> None:
    elsewhere = services.create_triangle_session(own_org, by=None, title="B", held_on=TODAY)
    entry = services.add_triangle_score(
        elsewhere, by=None, role="deelnemer", scores=scores(5, 5, 5)
    )
    response = client_for(staff).post(
        url("triangle_score_remove", "own-org", triangle.pk, entry.pk)
    )
    assert response.status_code == 404
    assert TriangleScore.objects.count() == 1


# --- Effectenarena ----------------------------------------------------------------------------


def test_arena_actor_and_effect(
    client_for: Any, staff: User, arena: ArenaSession, effects: list[Effect]
) -> None:
    client = client_for(staff)
    assert (
        client.post(
            url("arena_actor", "own-org", arena.pk), {"name": "Gemeente", "investment": "Subsidie"}
        ).status_code
        == 302
    )
    actor = arena.actors.get()
    response = client.post(
        url("arena_effect", "own-org", arena.pk),
        {
            "description": "Minder eenzaamheid",
            "effect": effects[0].pk,
            "gainers": [actor.pk],
            "valuation": "5",
            "valuation_why": "Het belangrijkste",
        },
    )
    assert response.status_code == 302
    text = client.get(url("arena", "own-org", arena.pk)).content.decode()
    assert "Minder eenzaamheid" in text and "heel groot" in text and "Subsidie" in text


def test_arena_effect_without_description_is_refused(
    client_for: Any, staff: User, arena: ArenaSession
) -> None:
    response = client_for(staff).post(
        url("arena_effect", "own-org", arena.pk), {"description": "", "valuation": "3"}
    )
    assert response.status_code == 400
    assert not arena.outcomes.exists()


def test_arena_actor_twice_is_a_form_error(
    client_for: Any, staff: User, arena: ArenaSession
) -> None:
    services.add_arena_actor(arena, by=None, name="Gemeente")
    response = client_for(staff).post(
        url("arena_actor", "own-org", arena.pk), {"name": "gemeente"}
    )
    assert response.status_code == 400
    assert "gemeente staat al op de lijst." in response.content.decode()


# --- samen duiden -----------------------------------------------------------------------------


def test_create_session_with_own_survey(
    client_for: Any, staff: User, own_org: Organisation, effects: list[Effect]
) -> None:
    survey = make_survey(own_org, effects[0], ["5"] * 5)
    response = client_for(staff).post(
        url("session_create", "own-org"),
        {
            "title": "Sessie",
            "held_on": "2026-11-01",
            "period_start": "2026-01-01",
            "period_end": "2026-10-31",
            "survey": survey.pk,
        },
    )
    assert response.status_code == 302
    assert InterpretationSession.objects.get().survey == survey


def test_create_session_with_a_period_backwards_is_refused(client_for: Any, staff: User) -> None:
    response = client_for(staff).post(
        url("session_create", "own-org"),
        {
            "title": "Sessie",
            "held_on": "2026-11-01",
            "period_start": "2026-10-01",
            "period_end": "2026-01-31",
        },
    )
    assert response.status_code == 400
    assert "De periode eindigt voordat hij begint." in response.content.decode()


def test_create_session_with_another_organisations_survey_is_refused(
    client_for: Any, staff: User, other_org: Organisation, other_effects: list[Effect]
) -> None:
    theirs = make_survey(other_org, other_effects[0], ["5"] * 5)
    response = client_for(staff).post(
        url("session_create", "own-org"),
        {
            "title": "Sessie",
            "held_on": "2026-11-01",
            "period_start": "2026-01-01",
            "period_end": "2026-10-31",
            "survey": theirs.pk,
        },
    )
    assert response.status_code == 400
    assert not InterpretationSession.objects.exists()


def test_record_reading(
    client_for: Any, staff: User, session: InterpretationSession, effects: list[Effect]
) -> None:
    client = client_for(staff)
    assert client.get(url("reading", "own-org", session.pk, effects[1].pk)).status_code == 200
    response = client.post(
        url("reading", "own-org", session.pk, effects[1].pk),
        {"recognise": "Deels", "explain": "Hulp vragen is lastig", "judge": "", "act": ""},
    )
    assert response.status_code == 302
    text = client.get(url("session", "own-org", session.pk)).content.decode()
    assert "Hulp vragen is lastig" in text


def test_a_reader_may_read_the_answers_but_not_post(
    client_for: Any, reader: User, session: InterpretationSession, effects: list[Effect]
) -> None:
    client = client_for(reader)
    assert client.get(url("reading", "own-org", session.pk, effects[0].pk)).status_code == 200
    response = client.post(
        url("reading", "own-org", session.pk, effects[0].pk), {"recognise": "x"}
    )
    assert response.status_code == 403


def test_add_action_and_mark_done(
    client_for: Any, staff: User, session: InterpretationSession
) -> None:
    client = client_for(staff)
    response = client.post(
        url("follow_up_add", "own-org", session.pk),
        {"description": "Welkomstmiddag", "owner": "Mara", "due_on": "2026-12-15", "effect": ""},
    )
    assert response.status_code == 302
    action = FollowUp.objects.get()
    assert action.due_on == datetime.date(2026, 12, 15)
    home = client.get(reverse("accounts:organisation_home", args=["own-org"])).content.decode()
    assert "Acties uit samen duiden" in home and "Welkomstmiddag" in home
    assert client.post(url("follow_up_done", "own-org", session.pk, action.pk)).status_code == 302
    home = client.get(reverse("accounts:organisation_home", args=["own-org"])).content.decode()
    assert "Welkomstmiddag" not in home


def test_an_action_without_owner_is_refused(
    client_for: Any, staff: User, session: InterpretationSession
) -> None:
    response = client_for(staff).post(
        url("follow_up_add", "own-org", session.pk),
        {"description": "Welkomstmiddag", "owner": "", "due_on": "2026-12-15"},
    )
    assert response.status_code == 400
    assert "Zeg wie het doet: elke actie heeft een eigenaar." in response.content.decode()
    assert not FollowUp.objects.exists()


def test_an_action_with_an_impossible_date_is_refused(
    client_for: Any, staff: User, session: InterpretationSession
) -> None:
    response = client_for(staff).post(
        url("follow_up_add", "own-org", session.pk),
        {"description": "Welkomstmiddag", "owner": "Mara", "due_on": "2026-02-31"},
    )
    assert response.status_code == 400
    assert not FollowUp.objects.exists()


def test_home_page_of_another_organisation_does_not_show_our_actions(
    client_for: Any, outsider: User, session: InterpretationSession
) -> None:
    services.add_follow_up(
        session, by=None, description="Welkomstmiddag", owner="Mara", due_on=TODAY
    )
    home = client_for(outsider).get(reverse("accounts:organisation_home", args=["other-org"]))
    assert "Welkomstmiddag" not in home.content.decode()


def test_participants_and_conclusions(
    client_for: Any, staff: User, session: InterpretationSession
) -> None:
    client = client_for(staff)
    client.post(
        url("participant_add", "own-org", session.pk), {"role": "vrijwilliger", "name": ""}
    )
    client.post(url("participant_add", "own-org", session.pk), {"role": "bestuur", "name": "Mara"})
    bad = client.post(url("participant_add", "own-org", session.pk), {"role": "baas"})
    assert bad.status_code == 400
    client.post(url("conclusions", "own-org", session.pk), {"conclusions": "We herkennen het."})
    text = client.get(url("session", "own-org", session.pk)).content.decode()
    assert "Bestuurslid: Mara" in text and "Vrijwilliger" in text
    assert "We herkennen het." in text


def test_presentation_shows_one_effect_with_keyboard_links(
    client_for: Any, reader: User, session: InterpretationSession, effects: list[Effect]
) -> None:
    client = client_for(reader)
    first = client.get(url("present", "own-org", session.pk, 1)).content.decode()
    assert "VERBONDENHEID" in first and "STEUNEND NETWERK" not in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert "duiding/present.js" in first
    assert "<script>" not in first and "style=" not in first  # CSP: no inline code
    second = client.get(url("present", "own-org", session.pk, 2)).content.decode()
    assert "STEUNEND NETWERK" in second and 'rel="prev"' in second and 'rel="next"' not in second


def test_presentation_past_the_last_effect_is_404(
    client_for: Any, reader: User, session: InterpretationSession, effects: list[Effect]
) -> None:
    assert client_for(reader).get(url("present", "own-org", session.pk, 3)).status_code == 404
    assert client_for(reader).get(url("present", "own-org", session.pk, 0)).status_code == 404
