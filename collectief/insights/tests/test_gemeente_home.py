"""The gemeente's home and its goals per wijkteam (issue 13 point 8)."""

from __future__ import annotations

from dataclasses import dataclass
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
from collectief.directory.models import TaxonomyTerm
from collectief.insights import gemeente_home as home_module
from collectief.insights import services_goals
from collectief.insights.models import GoalMeasure, TeamGoal
from collectief.lib.errors import ServiceError
from collectief.projects import services as projects
from collectief.projects.models import Step
from collectief.sharing import services as sharing
from collectief.support import services as support
from collectief.surveys.tests.results_helpers import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente_org(almere: dict[str, Area]) -> Organisation:
    org = OrganisationFactory(
        slug="gemeente-almere", name="Gemeente Almere", kind=Organisation.Kind.MUNICIPALITY
    )
    org.areas.set([almere["gemeente"]])
    return org


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
    with_two_factor(user)
    return user


@dataclass
class FakeCell:
    theme: TaxonomyTerm
    gap: bool


@dataclass
class FakeRow:
    wijk: Area
    cells: list[FakeCell]


@dataclass
class FakeTable:
    rows: list[FakeRow]


@pytest.fixture
def gaps(monkeypatch: pytest.MonkeyPatch, almere: dict[str, Area], themes: Any) -> None:
    """The wijkbeeld flags loneliness and debts in Almere Haven (its CBS rules are tested
    in test_heat.py; here only what the home page makes of the flags)."""
    table = FakeTable(
        [
            FakeRow(
                almere["haven"],
                [
                    FakeCell(themes["eenzaamheid"], True),
                    FakeCell(themes["geldzorgen-en-schulden"], True),
                ],
            ),
            FakeRow(almere["stad"], [FakeCell(themes["eenzaamheid"], False)]),
        ]
    )
    monkeypatch.setattr(home_module, "heat_table", lambda gemeente: table)


def _project(
    owner: Organisation, wijk: Area, theme: TaxonomyTerm, *, step: int = Step.PLAN
) -> Any:
    project = projects.create_project(
        owner, by=None, title=f"Project {theme.code}", question="Vraag", wijk=wijk, theme=theme
    )
    projects.set_step(project, step, by=None)
    return project


# --- composition and measuring ---------------------------------------------------------


def test_gaps_without_a_project_and_visible_projects(
    gemeente_org: Organisation,
    team: Organisation,
    almere: dict[str, Area],
    themes: Any,
    gaps: None,
) -> None:
    project = _project(team, almere["haven"], themes["geldzorgen-en-schulden"])
    hidden = _project(OrganisationFactory(), almere["stad"], themes["wonen"])
    home = home_module.gemeente_home(gemeente_org, almere["gemeente"], year=2026)
    haven = next(w for w in home.wijken if w.wijk == almere["haven"])
    # Debts has a project (not the gemeente's), so only loneliness is still a gap.
    assert [t.code for t in haven.gaps] == ["eenzaamheid"]
    assert home.gap_count == 1
    # The gemeente sees no project it does not take part in.
    assert all(not w.projects for w in home.wijken)
    projects.add_partner(project, gemeente_org, by=None)
    home = home_module.gemeente_home(gemeente_org, almere["gemeente"], year=2026)
    shown = [p for w in home.wijken for p in w.projects]
    assert shown == [project] and hidden not in shown


def test_goals_are_measured(
    gemeente_org: Organisation,
    team: Organisation,
    almere: dict[str, Area],
    themes: Any,
    gaps: None,
) -> None:
    _project(team, almere["haven"], themes["geldzorgen-en-schulden"])
    _project(team, almere["stad"], themes["wonen"], step=Step.EXPLORE)
    for measure, target in ((GoalMeasure.PROJECTS, 2), (GoalMeasure.GAPS, 50)):
        services_goals.set_goal(
            gemeente_org,
            by=None,
            team=team,
            gemeente=almere["gemeente"],
            measure=measure,
            target=target,
            year=2026,
        )
    home = home_module.gemeente_home(gemeente_org, almere["gemeente"], year=2026)
    measured = {line.goal.measure: line for line in home.goals}
    # One project past step 1 (the other is still exploring) of a target of 2.
    assert measured["projecten"].measured == 1 and measured["projecten"].percent_of_target == 50
    # One of the two gaps has a project of the team: 50%, the target.
    assert measured["kansen"].measured == 50 and measured["kansen"].reached


def test_no_gaps_means_nothing_to_measure(
    gemeente_org: Organisation, team: Organisation, almere: dict[str, Area], monkeypatch: Any
) -> None:
    monkeypatch.setattr(home_module, "heat_table", lambda gemeente: FakeTable([]))
    goal = services_goals.set_goal(
        gemeente_org,
        by=None,
        team=team,
        gemeente=almere["gemeente"],
        measure=GoalMeasure.GAPS,
        target=50,
        year=2026,
    )
    assert home_module.measure(goal, [almere["haven"].pk], set()) is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"measure": "huisbezoeken"}, "Kies uit de lijst"),
        ({"target": 0}, "doel van 1 tot 1000"),
        ({"measure": GoalMeasure.GAPS, "target": 101}, "doel van 1 tot 100"),
        ({"year": 1999}, "jaartal"),
    ],
)
def test_bad_goals_are_refused(
    gemeente_org: Organisation,
    team: Organisation,
    almere: dict[str, Area],
    changes: Any,
    message: str,
) -> None:
    data = {
        "team": team,
        "gemeente": almere["gemeente"],
        "measure": "projecten",
        "target": 3,
        "year": 2026,
    }
    with pytest.raises(ServiceError, match=message):
        services_goals.set_goal(gemeente_org, by=None, **{**data, **changes})
    assert not TeamGoal.objects.exists()


def test_only_a_gemeente_sets_goals_for_a_wijkteam(
    gemeente_org: Organisation, team: Organisation, almere: dict[str, Area]
) -> None:
    with pytest.raises(ServiceError, match="Alleen een gemeente"):
        services_goals.set_goal(
            team,
            by=None,
            team=gemeente_org,
            gemeente=almere["gemeente"],
            measure="projecten",
            target=1,
            year=2026,
        )
    with pytest.raises(ServiceError, match="Kies een wijkteam"):
        services_goals.set_goal(
            gemeente_org,
            by=None,
            team=OrganisationFactory(),
            gemeente=almere["gemeente"],
            measure="projecten",
            target=1,
            year=2026,
        )


# --- pages -----------------------------------------------------------------------------


def test_home_shows_requests_shares_and_gaps(
    client_for: Any,
    gemeente_org: Organisation,
    almere: dict[str, Area],
    themes: Any,
    gaps: None,
) -> None:
    initiative = OrganisationFactory(
        slug="buurthuis", name="Buurthuis Haven", kind=Organisation.Kind.INITIATIVE
    )
    initiative.areas.set([almere["haven"]])
    support.ask_support(
        initiative, by=None, gemeente=almere["gemeente"], kind="ruimte", question="Een zaal"
    )
    survey = make_survey(initiative)
    sharing.share_result(
        initiative, by=None, kind="vragenlijst", object_id=str(survey.pk), recipient=gemeente_org
    )
    page = client_for(_member(gemeente_org, Role.READER)).get(
        reverse("insights:gemeente_home", args=["gemeente-almere"])
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Almere Haven" in text and "Eenzaamheid" in text
    assert "Buurthuis Haven" in text and "Buurtmeting" in text
    assert "<strong>1</strong> steunvraag die nog niemand heeft opgepakt" in text


def test_a_gemeente_member_lands_on_the_home(client_for: Any, gemeente_org: Organisation) -> None:
    page = client_for(_member(gemeente_org, Role.READER)).get(reverse("web:dashboard"))
    assert page["Location"] == reverse("insights:gemeente_home", args=["gemeente-almere"])


def test_other_kinds_and_outsiders_get_404(
    client_for: Any, gemeente_org: Organisation, admin: User, outsider: User
) -> None:
    assert (
        client_for(admin).get(reverse("insights:gemeente_home", args=["own-org"])).status_code
        == 404
    )
    url = reverse("insights:gemeente_home", args=["gemeente-almere"])
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_staff_sets_a_goal_and_bad_input_keeps_the_form(
    client_for: Any, gemeente_org: Organisation, team: Organisation, almere: dict[str, Area]
) -> None:
    client = client_for(_member(gemeente_org, Role.STAFF))
    url = reverse("insights:goals", args=["gemeente-almere"])
    data = {
        "team": team.pk,
        "gemeente": almere["gemeente"].pk,
        "measure": "projecten",
        "target": 3,
        "year": 2026,
    }
    assert client.post(url, {**data, "target": "veel"}).status_code == 400
    assert client.post(url, data).status_code == 302
    goal = TeamGoal.objects.get()
    assert goal.target == 3
    remove = reverse("insights:goal_remove", args=["gemeente-almere", goal.pk])
    assert client.post(remove).status_code == 302
    assert not TeamGoal.objects.exists()


def test_a_reader_may_not_set_goals(client_for: Any, gemeente_org: Organisation) -> None:
    page = client_for(_member(gemeente_org, Role.READER)).get(
        reverse("insights:goals", args=["gemeente-almere"])
    )
    assert page.status_code == 403
