"""Changing and removing a goal the gemeente set a wijkteam (issue 13 point 8)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    with_two_factor,
)
from collectief.accounts.models import Organisation, Role, User
from collectief.areas.models import Area
from collectief.audit.models import AuditEvent
from collectief.directory.tests.search_helpers import area
from collectief.insights import services_goals
from collectief.insights.models import GoalMeasure, TeamGoal
from collectief.lib.errors import ServiceError

pytestmark = pytest.mark.django_db


def _gemeente(slug: str, area: Area) -> Organisation:
    org = OrganisationFactory(slug=slug, name=slug.title(), kind=Organisation.Kind.MUNICIPALITY)
    org.areas.set([area])
    return org


@pytest.fixture
def gemeente_org(almere: dict[str, Area]) -> Organisation:
    return _gemeente("gemeente-almere", almere["gemeente"])


@pytest.fixture
def team(almere: dict[str, Area]) -> Organisation:
    org = OrganisationFactory(
        slug="wijkteam-almere", name="Wijkteam Almere", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM
    )
    org.areas.set([almere["gemeente"]])
    return org


def _member(organisation: Organisation, role: str) -> User:
    user = UserFactory(email=f"{role}@{organisation.slug}.test")
    MembershipFactory(user=user, organisation=organisation, role=role)
    with_two_factor(user)  # every gemeente member logs in with two factors
    return user


@pytest.fixture
def goal(gemeente_org: Organisation, team: Organisation, almere: dict[str, Area]) -> TeamGoal:
    return services_goals.set_goal(
        gemeente_org,
        by=None,
        team=team,
        gemeente=almere["gemeente"],
        measure=GoalMeasure.PROJECTS,
        target=3,
        year=2026,
    )


def _data(goal: TeamGoal, **changes: Any) -> dict[str, Any]:
    return {
        "team": goal.team_id,
        "gemeente": goal.gemeente_id,
        "measure": goal.measure,
        "target": goal.target,
        "year": goal.year,
        **changes,
    }


def edit_url(goal: TeamGoal, slug: str = "gemeente-almere") -> str:
    return reverse("insights:goal_edit", args=[slug, goal.pk])


def remove_url(goal: TeamGoal, slug: str = "gemeente-almere") -> str:
    return reverse("insights:goal_remove", args=[slug, goal.pk])


def test_staff_changes_a_target_and_the_form_shows_the_goal(
    client_for: Any, gemeente_org: Organisation, goal: TeamGoal
) -> None:
    client = client_for(_member(gemeente_org, Role.STAFF))
    form = client.get(edit_url(goal))
    assert form.status_code == 200
    text = form.content.decode()
    assert "Doel van Wijkteam Almere voor 2026 wijzigen" in text and 'value="3"' in text
    response = client.post(edit_url(goal), _data(goal, target=5, year=2027))
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.target, goal.year) == (5, 2027)
    event = AuditEvent.objects.get(action="insights.goal.update")
    assert event.details["fields"] == ["target", "year"]
    goals_page = client.get(reverse("insights:goals", args=["gemeente-almere"])).content.decode()
    assert "Wijzigen" in goals_page


def test_bad_input_keeps_what_was_typed(
    client_for: Any, gemeente_org: Organisation, goal: TeamGoal
) -> None:
    client = client_for(_member(gemeente_org, Role.STAFF))
    response = client.post(edit_url(goal), _data(goal, measure="kansen", target=250))
    assert response.status_code == 400
    text = response.content.decode()
    assert "doel van 1 tot 100" in text and 'value="250"' in text
    words = client.post(edit_url(goal), _data(goal, target="veel"))
    assert words.status_code == 400 and 'value="veel"' in words.content.decode()
    goal.refresh_from_db()
    assert goal.target == 3


def test_changing_into_an_existing_goal_is_refused_and_keeps_both(
    gemeente_org: Organisation, team: Organisation, goal: TeamGoal, almere: dict[str, Area]
) -> None:
    other = services_goals.set_goal(
        gemeente_org,
        by=None,
        team=team,
        gemeente=almere["gemeente"],
        measure=GoalMeasure.PROJECTS,
        target=4,
        year=2027,
    )
    with pytest.raises(ServiceError, match="heeft hier in 2027 al een doel voor"):
        services_goals.update_goal(
            goal,
            by=None,
            team=team,
            gemeente=almere["gemeente"],
            measure=GoalMeasure.PROJECTS,
            target=9,
            year=2027,
        )
    assert sorted(TeamGoal.objects.values_list("target", flat=True)) == [3, 4]
    other.delete()
    with pytest.raises(ServiceError, match="net weggehaald"):
        gone = TeamGoal(pk=other.pk, organisation=gemeente_org)
        services_goals.update_goal(
            gone,
            by=None,
            team=team,
            gemeente=almere["gemeente"],
            measure=GoalMeasure.PROJECTS,
            target=1,
            year=2028,
        )


def test_removing_asks_first(client_for: Any, gemeente_org: Organisation, goal: TeamGoal) -> None:
    client = client_for(_member(gemeente_org, Role.STAFF))
    confirm = client.get(remove_url(goal))
    assert confirm.status_code == 200
    assert "Wil je het doel van Wijkteam Almere voor 2026 weghalen" in confirm.content.decode()
    assert TeamGoal.objects.exists()
    assert client.post(remove_url(goal)).status_code == 302
    assert not TeamGoal.objects.exists()
    assert client.post(remove_url(goal)).status_code == 404


def test_anonymous_goes_to_login(goal: TeamGoal, client_for: Any) -> None:
    for page in (edit_url(goal), remove_url(goal)):
        response = client_for(None).get(page)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_reader_may_not_change_or_remove(
    client_for: Any, gemeente_org: Organisation, goal: TeamGoal
) -> None:
    client = client_for(_member(gemeente_org, Role.READER))
    for page in (edit_url(goal), remove_url(goal)):
        assert client.get(page).status_code == 403
        assert client.post(page, _data(goal, target=9)).status_code == 403
    goal.refresh_from_db()
    assert goal.target == 3


def test_another_gemeentes_goal_is_404_on_its_own_address(
    client_for: Any, goal: TeamGoal, almere: dict[str, Area]
) -> None:
    """Another gemeente (with a beheerder) names this goal's number through its own slug."""
    other = _gemeente("gemeente-elders", area("GM0999", "Elders"))
    client = client_for(_member(other, Role.ADMIN))
    for page in (edit_url(goal, "gemeente-elders"), remove_url(goal, "gemeente-elders")):
        assert client.get(page).status_code == 404
        assert client.post(page, _data(goal, target=9)).status_code == 404
    goal.refresh_from_db()
    assert goal.target == 3
