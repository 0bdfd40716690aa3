"""The demo wijkbeeld: Almere and Utrecht Zuidwest, marked as demo, with a gap in Zuidwest."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse

from collectief.areas.demo import load_demo as load_areas
from collectief.areas.models import Area
from collectief.insights.demo import load_demo
from collectief.insights.models import IndicatorValue
from collectief.insights.ranking import rank_theme
from collectief.insights.services import show_area

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(themes: Any) -> None:
    load_areas(io.StringIO())
    load_demo(io.StringIO())


def test_every_demo_value_is_marked_and_a_second_run_replaces_them(demo: None) -> None:
    count = IndicatorValue.objects.count()
    assert count > 300
    assert set(IndicatorValue.objects.values_list("table_id", flat=True)) == {"DEMO"}
    load_demo(io.StringIO())
    assert IndicatorValue.objects.count() == count


def test_the_latest_value_rule_shows_in_the_demo(demo: None) -> None:
    shown = {i["key"]: i for i in show_area(Area.objects.get(code="WK003405"))["indicators"]}
    # Income is unknown in 2024: the 2023 figure is shown, with its year.
    assert shown["GemiddeldInkomenPerInwoner"]["year"] == 2023
    # Bijstand is secret in 2024 but a number in 2023.
    assert shown["PersonenPerSoortUitkeringBijstand"]["year"] == 2023


def test_zuidwest_has_clearly_more_geldzorgen_than_utrecht(demo: None, themes: Any) -> None:
    ranking = rank_theme(Area.objects.get(code="GM0344"), themes["geldzorgen-en-schulden"])
    calls = {row["area"]: row["call"] for row in ranking.as_dict()["rows"]}
    assert calls["WK034408"] == "hoger"
    assert calls["WK034409"] == "lager"


def test_the_zuidwest_page_shows_demo_and_the_opportunity(
    demo: None, own_org: Any, reader: Any, client_for: Any
) -> None:
    own_org.areas.add(Area.objects.get(code="WK034408"))
    html = (
        client_for(reader)
        .get(reverse("insights:area", args=["own-org", "WK034408"]))
        .content.decode()
    )
    assert "deze cijfers zijn verzonnen voor de demonstratie" in html
    assert "Kansen voor collectief aanbod" in html
    assert "In Zuidwest komen mensen met bijstand ongeveer" in html


def test_demo_beschikkingen_are_marked_and_make_ontmoeting_a_gap_in_zuidwest(
    demo: None, own_org: Any, staff: Any, client_for: Any, themes: Any
) -> None:
    from collectief.insights.models import ProvisionCount
    from collectief.projects import demo as project_demo
    from collectief.projects import services as project_services

    assert ProvisionCount.objects.count() > 100
    assert not ProvisionCount.objects.filter(is_demo=False).exists()
    load_demo(io.StringIO())  # again: replaced, not doubled
    assert ProvisionCount.objects.count() == 2 * 9 * 10
    zuidwest = Area.objects.get(code=project_demo.WIJK)
    own_org.areas.add(zuidwest)
    page = reverse("insights:area", args=["own-org", "WK034408"])
    html = client_for(staff).get(page).content.decode()
    assert "Beschikkingen Dagbesteding: hoger" in html
    assert "deze aantallen beschikkingen zijn verzonnen" in html
    assert f"thema={project_demo.THEME}" in html
    # The demo's Dichterswijk project is on that gap: the page then links to it.
    project = project_services.create_project(
        own_org,
        by=None,
        title=project_demo.TITLE,
        question=project_demo.QUESTION,
        wijk=zuidwest,
        theme=themes[project_demo.THEME],
    )
    html = client_for(staff).get(page).content.decode()
    assert f"thema={project_demo.THEME}" not in html
    assert reverse("projects:detail", args=["own-org", project.pk]) in html
    assert "Bekijk project" in html


def test_the_whole_demo_leads_from_the_gap_to_the_dichterswijk_project(client: Any) -> None:
    """Issue 12 point 8, end to end: ``collectief demo`` as a user runs it, then Dock logs in."""
    from io import StringIO

    from django.core.management import call_command

    from collectief.accounts.models import User
    from collectief.projects import demo as project_demo
    from collectief.projects.models import Project

    call_command("demo", "--force", "--no-logins", stdout=StringIO())
    project = Project.objects.get(owner__slug=project_demo.OWNER, title=project_demo.TITLE)
    client.force_login(User.objects.get(email="dock@zuidwest.demo"))
    page = reverse("insights:area", args=[project_demo.OWNER, project_demo.WIJK])
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    kansen = html.split('id="kansen"', 1)[1].split("</section>", 1)[0]
    assert "Ontmoeting" in kansen
    detail = reverse("projects:detail", args=[project_demo.OWNER, project.pk])
    assert f'href="{detail}"' in kansen
    assert "Bekijk project" in kansen
    # The theme page of ontmoeting ranks the demo beschikkingen of dagbesteding.
    theme = reverse("insights:theme", args=[project_demo.OWNER, "GM0344", project_demo.THEME])
    html = client.get(theme).content.decode()
    assert 'id="theme-caption-wmo-dagbesteding"' in html
