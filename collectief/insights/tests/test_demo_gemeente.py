"""The demo promise of issue 13 point 11, seen by the demo gemeente logins.

After ``manage.py demo`` (twice: nothing doubles) each gemeente's member
lands on a home that answers "wat gebeurt er in mijn wijken, wat werkt, en
waar ontbreekt iets?": its projects with their step, a gap without a
project, an open support request, coverage, what initiatives share with it
and the goals per wijkteam with their progress. Each gemeente sees only its
own projects (DESIGN.md §4).
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from collectief.accounts.demo import print_logins
from collectief.accounts.factories import with_two_factor
from collectief.accounts.models import Membership, Organisation, User
from collectief.directory.models import Service
from collectief.figures.models import Figure
from collectief.insights.demo_gemeente import ALL_GEMEENTEN_LOGIN
from collectief.insights.models import TeamGoal
from collectief.projects import demo as routekaart
from collectief.projects.demo_steps import ALMERE_TITLE, EMBEDDED_TITLE
from collectief.projects.models import AgreementStatus, Decision, Partnership, Project
from collectief.projects.scan import scan_result
from collectief.sharing.models import Share
from collectief.support.models import Status, SupportRequest

pytestmark = pytest.mark.django_db

HAARLEM = ("gemeente@haarlem.demo", "gemeente-haarlem")
UTRECHT = ("gemeente@utrecht.demo", "demo-gemeente-utrecht-zuidwest")
ALMERE = ("gemeente@almere.demo", "demo-gemeente-almere")


def _counts() -> dict[str, int]:
    models: list[Any] = [
        Organisation,
        User,
        Membership,
        Project,
        Partnership,
        TeamGoal,
        SupportRequest,
        Share,
        Figure,
        Service,
    ]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def demo() -> str:
    out = StringIO()
    call_command("demo", "--force", stdout=out)
    first = _counts()
    call_command("demo", "--force", "--no-logins", stdout=StringIO())
    assert _counts() == first
    return out.getvalue()


def _home(login: tuple[str, str]) -> tuple[Client, Any]:
    email, slug = login
    user = with_two_factor(User.objects.get(email=email))
    client = Client()
    client.force_login(user)
    # The member lands on the gemeente's home.
    assert client.get(reverse("web:dashboard"))["Location"] == reverse(
        "insights:gemeente_home", args=[slug]
    )
    page = client.get(reverse("insights:gemeente_home", args=[slug]))
    assert page.status_code == 200
    return client, page


def _projects(page: Any) -> dict[str, Any]:
    return {p.title: p for home in page.context["homes"] for w in home.wijken for p in w.projects}


def _answers_the_question(page: Any) -> None:
    """Gaps without a project, an open request, coverage and goals with progress."""
    (home,) = page.context["homes"]
    assert home.gap_count >= 1
    assert home.open_requests
    assert any(line.themes_covered for line in home.wijken)
    assert home.goals and all(line.measured is not None for line in home.goals)
    assert any(line.percent_of_target > 0 for line in home.goals)
    assert page.context["shared"], "an initiative shares its results with the gemeente"


def test_each_demo_gemeente_sees_its_own_wijken(demo: str) -> None:
    """One test: the demo takes a minute to load, twice."""
    client, page = _home(UTRECHT)
    _answers_the_question(page)
    dichterswijk = _projects(page)[routekaart.TITLE]
    html = page.content.decode()
    assert 'Samen één straat in de Dichterswijk</a> <span class="muted">(stap 2' in html
    assert (
        client.get(reverse("projects:scan", args=[UTRECHT[1], dichterswijk.pk])).status_code == 200
    )
    # The scan: at least three partners, and they disagree somewhere.
    result = scan_result(dichterswijk)
    assert max(len(c.scores) for c in result.conditions) >= 3
    assert result.disagreements

    client, page = _home(ALMERE)
    _answers_the_question(page)
    almere = _projects(page)
    assert set(almere) == {ALMERE_TITLE, EMBEDDED_TITLE}
    html = page.content.decode()
    assert f'{ALMERE_TITLE}</a> <span class="muted">(stap 3' in html
    assert f'{EMBEDDED_TITLE}</a> <span class="muted">(afgerond, nu vast aanbod' in html
    buiten = almere[ALMERE_TITLE]
    assert buiten.agreements.filter(status=AgreementStatus.MISSED).exists()
    agreements = client.get(reverse("projects:agreements", args=[ALMERE[1], buiten.pk]))
    assert agreements.status_code == 200
    # The finished project is embedded: an entry on the sociale kaart.
    haven = almere[EMBEDDED_TITLE]
    assert haven.decision == Decision.EMBED
    assert Service.objects.filter(pk=haven.embedded_service_id, is_public=True).exists()
    # The Repair Café's request is open for the gemeente to pick up.
    inbox = client.get(reverse("support:inbox", args=[ALMERE[1]]))
    assert "Repair Café Almere Buiten (demo)" in inbox.content.decode()

    client, page = _home(HAARLEM)
    _answers_the_question(page)
    (badhuis, shares) = page.context["shared"][0]
    assert badhuis.slug == "het-badhuis" and len(shares) == 2
    for share in shares:
        shared = client.get(reverse("sharing:shared", args=[HAARLEM[1], share.pk]))
        assert shared.status_code == 200
    assert SupportRequest.objects.filter(
        organisation=badhuis, status=Status.OPEN, gemeente__name="Haarlem"
    ).exists()
    # Haarlem does not see the other gemeenten's projects: no share, no partnership.
    assert routekaart.TITLE not in _projects(page)
    for project in Project.objects.filter(title__in=[routekaart.TITLE, ALMERE_TITLE]):
        other = client.get(reverse("projects:detail", args=[HAARLEM[1], project.pk]))
        assert other.status_code == 404

    # The demo prints every gemeente login, after the accounts app's own.
    for email, slug in (HAARLEM, UTRECHT, ALMERE):
        assert email in demo and slug in demo
    out = StringIO()
    print_logins(out)
    logins = out.getvalue()
    assert logins.index("beheerder@badhuis.demo") < logins.index("gemeente@almere.demo")

    # One login reads all three: it picks a gemeente and sees what that gemeente sees.
    everything = with_two_factor(User.objects.get(email=ALL_GEMEENTEN_LOGIN))
    client = Client()
    client.force_login(everything)
    dashboard = client.get(reverse("web:dashboard"))
    assert dashboard.status_code == 200
    for email, slug in (HAARLEM, UTRECHT, ALMERE):
        url = reverse("insights:gemeente_home", args=[slug])
        assert url in dashboard.content.decode()
        # The gemeente's own login (its app was linked above by _home).
        own = Client()
        own.force_login(User.objects.get(email=email))
        assert set(_projects(client.get(url))) == set(_projects(own.get(url)))
        assert _projects(own.get(url))
    assert logins.count(ALL_GEMEENTEN_LOGIN) == 3
