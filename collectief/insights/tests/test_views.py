"""The wijkbeeld pages: who sees what, the gap flag, bad input and flat queries."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from collectief.directory.tests.search_helpers import make_service
from collectief.insights.tests.conftest import put_values
from collectief.signals.models import Signal
from collectief.signals.summary import Period
from collectief.signals.tests.conftest import activate_two_factor

pytestmark = pytest.mark.django_db

BIJSTAND = "PersonenPerSoortUitkeringBijstand"


@pytest.fixture
def data(own_org: Any, barendrecht: dict[str, Any], themes: Any) -> dict[str, Any]:
    own_org.areas.add(barendrecht["gemeente"])
    put_values(barendrecht["gemeente"], 2024, AantalInwoners=10000, **{BIJSTAND: 200})
    put_values(barendrecht["buitenoord"], 2024, AantalInwoners=2500, **{BIJSTAND: 90})
    put_values(barendrecht["centrum"], 2024, AantalInwoners=2500, **{BIJSTAND: 56})
    return barendrecht


def url(wijk: str = "WK048901", slug: str = "own-org") -> str:
    return reverse("insights:area", args=[slug, wijk])


def add_signals(org: Any, wijk: Any, theme: Any, n: int) -> None:
    day = Period.last_complete(timezone.localdate()).start
    for _ in range(n):
        signal = Signal.objects.create(organisation=org, area=wijk, date=day)
        signal.signal_themes.create(theme=theme)


def test_a_member_sees_cbs_figures_comparison_and_the_gap(
    client_for: Any, reader: Any, data: Any
) -> None:
    response = client_for(reader).get(url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wat speelt er in deze wijk?" in html
    assert "Buitenoord, Barendrecht" in html
    assert "Mensen met bijstand" in html
    # The wijk, the gemeente and the year of each.
    assert '2.500 <span class="muted">(2024)</span>' in html
    assert (
        "In Buitenoord komen mensen met bijstand ongeveer 1,8 keer zo vaak voor als gemiddeld "
        "in Barendrecht; dat is waarschijnlijk geen toeval." in html
    )
    assert "(95%-interval 1,4 tot 2,2)" in html
    assert "Kansen voor collectief aanbod" in html
    assert "kans voor collectief aanbod" in html
    # Without two-factor login no rode draden, only the way to set it up.
    assert "Rode draden zie je alleen als je inlogt met tweestapsverificatie." in html


def test_collective_provision_next_door_takes_the_gap_away(
    client_for: Any, reader: Any, data: Any
) -> None:
    # Bijstand tells about two themes; a provision for both, in the neighbouring wijk
    # (wijken of one gemeente without known positions count as neighbours).
    make_service(
        "Geldcafé Centrum",
        where=data["centrum"],
        themes=("geldzorgen-en-schulden", "werk-en-dagbesteding"),
    )
    html = client_for(reader).get(url()).content.decode()
    assert "kans voor collectief aanbod" not in html
    assert "Geldcafé Centrum" in html


def test_with_two_factor_the_suppressed_rode_draden_are_shown(
    client_for: Any, reader: Any, own_org: Any, data: Any, themes: Any
) -> None:
    activate_two_factor(reader)
    add_signals(own_org, data["buitenoord"], themes["geldzorgen-en-schulden"], 12)
    html = client_for(reader).get(url()).content.decode()
    assert "Rode draden zie je alleen" not in html
    assert "Rode draden " in html
    # 12 is published rounded to 10: never the true count.
    assert '<td class="num">10</td>' in html
    assert '<td class="num">12</td>' not in html


def test_a_wijk_without_figures_says_so(client_for: Any, reader: Any, data: Any) -> None:
    html = client_for(reader).get(url("WK048905")).content.decode()
    assert "Voor deze wijk zijn nog geen CBS-cijfers ingelezen" in html


def test_anonymous_goes_to_login(client: Any, data: Any) -> None:
    response = client.get(url())
    assert response.status_code == 302
    assert "/login" in response["Location"] or "login" in response["Location"]


def test_another_organisation_gets_404(client_for: Any, outsider: Any, data: Any) -> None:
    assert client_for(outsider).get(url(slug="own-org")).status_code == 404
    # Through its own organisation the outsider cannot reach a gemeente it does not work in.
    assert client_for(outsider).get(url(slug="other-org")).status_code == 404


@pytest.mark.parametrize("code", ["xyz", "BU04890100", "GM0489", "WK999999", "WK0489%20"])
def test_bad_codes_give_404(client_for: Any, reader: Any, data: Any, code: str) -> None:
    assert client_for(reader).get(url(code)).status_code == 404


def test_overview_lists_the_wijken_and_needs_membership(
    client: Any, client_for: Any, reader: Any, outsider: Any, data: Any
) -> None:
    overview = reverse("insights:overview", args=["own-org"])
    html = client_for(reader).get(overview).content.decode()
    assert "<h2>Barendrecht</h2>" in html
    assert url("WK048901") in html
    assert client.get(overview).status_code == 302
    assert client_for(outsider).get(overview).status_code == 404


def test_overview_without_a_gemeente(client_for: Any, reader: Any) -> None:
    html = client_for(reader).get(reverse("insights:overview", args=["own-org"])).content.decode()
    assert "Deze organisatie werkt nog in geen enkele gemeente" in html


def test_the_menu_links_to_wijkbeeld(client_for: Any, reader: Any, data: Any) -> None:
    html = client_for(reader).get(reverse("insights:overview", args=["own-org"])).content.decode()
    assert f'href="{reverse("insights:overview", args=["own-org"])}"' in html


def test_queries_do_not_grow_with_years_and_services(
    client_for: Any, reader: Any, own_org: Any, data: Any, themes: Any, assert_flat_queries: Any
) -> None:
    activate_two_factor(reader)
    state = {"year": 2020, "n": 0}

    def add_more() -> None:
        state["year"] -= 1
        state["n"] += 1
        for key in ("buitenoord", "centrum", "gemeente"):
            put_values(data[key], state["year"], AantalInwoners=2000, **{BIJSTAND: 40})
        make_service(f"Taalcafé {state['n']}", where=data["centrum"], themes=("wonen",))
        make_service(
            f"Budgetcafé {state['n']}", where=data["klein"], themes=("geldzorgen-en-schulden",)
        )
        add_signals(own_org, data["buitenoord"], themes["eenzaamheid"], 2)

    assert_flat_queries(client_for(reader), url(), add_more)


def test_the_trend_table_shows_each_year_with_its_sign(
    client_for: Any, reader: Any, data: Any
) -> None:
    put_values(data["buitenoord"], 2022, AantalInwoners=2400, **{BIJSTAND: "x"})
    put_values(data["buitenoord"], 2023, AantalInwoners=2450)
    html = client_for(reader).get(url()).content.decode()
    assert "Door de jaren heen" in html
    assert "CBS-cijfers van Buitenoord per jaar" in html
    trend = html.split('id="trend-caption"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<th scope="col" class="num">(\d{4})</th>', trend) == [
        "2022",
        "2023",
        "2024",
    ]
    row = re.search(r"Mensen met bijstand</th>(.*?)</tr>", trend, flags=re.S)
    assert row is not None
    assert re.findall(r'<td class="num">([^<]*)</td>', row.group(1)) == ["geheim", "–", "90"]
    inwoners = re.search(r"Inwoners</th>(.*?)</tr>", trend, flags=re.S)
    assert inwoners is not None
    assert re.findall(r'<td class="num">([^<]*)</td>', inwoners.group(1)) == [
        "2.400",
        "2.450",
        "2.500",
    ]


def test_one_year_has_no_trend_table(client_for: Any, reader: Any, data: Any) -> None:
    html = client_for(reader).get(url()).content.decode()
    assert "Door de jaren heen" not in html


# --- the gap's button: start a project, or view the one there is ---------------------------


def test_staff_can_start_a_project_from_the_gap(client_for: Any, staff: Any, data: Any) -> None:
    html = client_for(staff).get(url()).content.decode()
    start = reverse("projects:create", args=["own-org"])
    assert (
        f'href="{start}?herkomst=wijkbeeld&amp;wijk=WK048901&amp;thema=geldzorgen-en-schulden"'
        in html
    )
    assert "Start een collectief project" in html
    assert "Bekijk project" not in html


def test_a_reader_sees_the_gap_without_the_start_button(
    client_for: Any, reader: Any, data: Any
) -> None:
    html = client_for(reader).get(url()).content.decode()
    assert "Kansen voor collectief aanbod" in html
    assert "Start een collectief project" not in html


def test_a_project_on_the_gap_is_shown_instead_of_start(
    client_for: Any, staff: Any, own_org: Any, other_org: Any, data: Any, themes: Any
) -> None:
    from collectief.projects import services as project_services

    def make(owner: Any, title: str) -> Any:
        return project_services.create_project(
            owner,
            by=None,
            title=title,
            question="Veel geldzorgen in de wijk.",
            wijk=data["buitenoord"],
            theme=themes["geldzorgen-en-schulden"],
        )

    # Another organisation's project is not ours to show: still "start".
    make(other_org, "Project van een ander")
    html = client_for(staff).get(url()).content.decode()
    assert "Start een collectief project" in html
    assert "Project van een ander" not in html
    project = make(own_org, "Geldcafé Buitenoord")
    html = client_for(staff).get(url()).content.decode()
    detail = reverse("projects:detail", args=["own-org", project.pk])
    assert f'href="{detail}"' in html
    assert "Bekijk project" in html and "Geldcafé Buitenoord" in html
    # Bijstand also tells about work: that gap still has its start button, this one not.
    assert "thema=geldzorgen-en-schulden" not in html
    assert "thema=werk-en-dagbesteding" in html


# --- the trend as small line charts beside the table ----------------------------------------


def test_the_trend_has_a_line_chart_per_figure_with_words(
    client_for: Any, reader: Any, data: Any
) -> None:
    put_values(data["buitenoord"], 2022, AantalInwoners=2400, **{BIJSTAND: 80})
    put_values(data["buitenoord"], 2023, AantalInwoners=2450, **{BIJSTAND: "x"})
    html = client_for(reader).get(url()).content.decode()
    charts = re.findall(r'<svg class="trend"[^>]*aria-label="([^"]+)"', html)
    assert len(charts) == 2
    assert "Mensen met bijstand per jaar: 2022: 80; 2023: geheim; 2024: 90." in charts
    assert "Door de jaren heen" in html
    # The table with the same numbers is still there.
    assert "trend-caption" in html


# --- finding a wijk by the name people use (issue 12 point 6) -------------------------------


@pytest.fixture
def breda(own_org: Any, db: None) -> dict[str, Any]:
    from collectief.areas.models import Area

    gemeente = Area.objects.create(code="GM0758", name="Breda", level="gemeente", year=2024)
    wijk = Area.objects.create(
        code="WK075806",
        name="Breda noord-west",
        level="wijk",
        parent=gemeente,
        year=2024,
        alternative_names="Haagse Beemden",
    )
    buurt = Area.objects.create(
        code="BU07580610", name="Kesteren", level="buurt", parent=wijk, year=2024
    )
    own_org.areas.add(gemeente)
    return {"gemeente": gemeente, "wijk": wijk, "buurt": buurt}


def search(client: Any, text: str, slug: str = "own-org") -> Any:
    return client.get(reverse("insights:overview", args=[slug]), {"zoek": text})


def test_a_buurt_name_finds_the_buurt_and_opens_its_wijk(
    client_for: Any, reader: Any, breda: Any
) -> None:
    response = search(client_for(reader), "kesteren")
    assert response.status_code == 200
    html = response.content.decode()
    found = html.split('id="found-heading"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="{url("WK075806")}">Kesteren</a>' in found
    assert "buurt in de wijk Breda noord-west, Breda" in found
    # The other name of the wijk and part of a name find the wijk itself.
    for text in ("Haagse Beemden", "noord west", "WK075806"):
        found = search(client_for(reader), text).content.decode().split('id="found-heading"')[1]
        assert f'<a href="{url("WK075806")}">Breda noord-west</a>' in found, text


def test_the_search_stays_within_the_organisations_gemeenten(
    client_for: Any, reader: Any, outsider: Any, breda: Any, almere: Any
) -> None:
    html = search(client_for(reader), "Almere").content.decode()
    assert "Geen wijk, buurt of gemeente waar deze organisatie werkt heeft die naam." in html
    assert "WK003401" not in html
    # Another organisation does not see the page at all; odd input is no error.
    assert search(client_for(outsider), "kesteren").status_code == 404
    assert search(client_for(reader), "x" * 5000).status_code == 200
    assert b"<script>" not in search(client_for(reader), "<script>").content.split(b"<main")[-1]
