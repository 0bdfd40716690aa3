"""Search as people talk: place names, days, "gratis", themes in any form.

Runs on the demo (areas and sociale kaart), on SQLite and PostgreSQL alike:
QUERIES is the shared list whose answers must not depend on the database.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from collectief.areas.demo import load_demo as load_demo_areas
from collectief.directory.demo import load_demo
from collectief.directory.search import search_services
from collectief.directory.search.understand import understand

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: None) -> None:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()
    load_demo_areas(io.StringIO())
    load_demo(io.StringIO())


def _names(question: str) -> set[str]:
    meant = understand(question)
    found = search_services(meant.rest, **meant.filters())
    return {f"{s.organization.name}: {s.name}" for s in found.select_related("organization")}


def test_the_wijkteam_question_is_understood(demo: None) -> None:
    meant = understand(
        "is er iets voor eenzame ouderen in Kesteren op dinsdag, gratis en zonder verwijzing?"
    )
    assert [(u.field, u.label) for u in meant.understood] == [
        ("thema", "eenzaamheid"),
        ("doelgroep", "ouderen"),
        ("gebied", "Kesteren"),
        ("dag", "dinsdag"),
        ("gratis", "gratis"),
        ("zonder_verwijzing", "geen verwijzing nodig"),
    ]
    assert meant.rest == ""
    assert meant.area is not None and meant.area.code == "BU07580610"


@pytest.mark.parametrize("word", ["eenzame", "eenzaam", "eenzaamheid", "Eenzame"])
def test_theme_words_in_any_form(demo: None, word: str) -> None:
    meant = understand(word)
    assert [(u.field, u.value) for u in meant.understood] == [("thema", "eenzaamheid")]


def test_schulden_means_the_money_theme(demo: None) -> None:
    assert understand("schulden").filters() == {"theme": "geldzorgen-en-schulden"}


def test_ouders_is_not_ouderen(demo: None) -> None:
    assert understand("ouders").filters() == {"target_group": "ouders"}
    assert understand("ouderen").filters() == {"target_group": "ouderen"}


def test_alternative_name_of_a_wijk(demo: None) -> None:
    meant = understand("haagse beemden")
    assert meant.area is not None and meant.area.code == "WK075806"


def test_gemeente_and_buurt_keep_the_buurt(demo: None) -> None:
    meant = understand("Kesteren Breda")
    assert meant.area is not None and meant.area.code == "BU07580610"


# The shared list: question -> the services it must find, on every database.
QUERIES: list[tuple[str, set[str]]] = [
    (
        "eenzame ouderen in Kesteren op dinsdag gratis",
        {"Ontmoetingscentrum De Sleutel: Koffie-inloop"},
    ),
    (
        "is er iets voor eenzame ouderen in Kesteren op dinsdag, gratis en zonder verwijzing?",
        {"Ontmoetingscentrum De Sleutel: Koffie-inloop"},
    ),
    ("koffie Leidsebuurt", {"Het Badhuis: Koffieochtend"}),
    ("seniorenkoor", {"Het Badhuis: Seniorenkoor"}),
    ("zingen", {"Het Badhuis: Seniorenkoor"}),
    ("kippen Buitenoord", {"Buurttuin Kempenaar: Open buurttuin met kippen"}),
    ("schaken vrijdag", {"Ontmoetingscentrum De Sleutel: Schaken"}),
    ("brieven en formulieren", {"Sociaal wijkteam Almere: Administratiespreekuur"}),
    ("naailes Haarlem", set()),
    ("mozaïekbanken", {"Ontmoetingscentrum De Sleutel: Tuinieren en mozaïekbanken maken"}),
    ("mozaiekbank", {"Ontmoetingscentrum De Sleutel: Tuinieren en mozaïekbanken maken"}),
]


@pytest.mark.parametrize(("question", "expected"), QUERIES)
def test_shared_query_list(demo: None, question: str, expected: set[str]) -> None:
    assert _names(question) == expected


# --- every route: page, CLI, API --------------------------------------------------


def test_search_page_shows_what_it_understood(demo: None, client: Any) -> None:
    response = client.get(
        "/sociale-kaart/",
        {
            "q": "is er iets voor eenzame ouderen in Kesteren op dinsdag, gratis en zonder verwijzing?"
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Gezocht op:" in text
    for label in ("eenzaamheid", "ouderen", "Kesteren", "dinsdag", "gratis"):
        assert f"<span>{label}</span>" in text
    assert "Koffie-inloop" in text
    assert "1 activiteit" in text
    # Removing "Kesteren" keeps the rest of the question.
    assert "q=is+er+iets+voor+eenzame+ouderen+in+op+dinsdag%2C+gratis" in text


def test_search_page_accepts_an_area_name(demo: None, client: Any) -> None:
    response = client.get("/sociale-kaart/", {"gebied": "Haagse Beemden"})
    assert response.status_code == 200
    assert "Koffie-inloop" in response.content.decode()
    assert "Koffieochtend" not in response.content.decode()


def test_search_page_unknown_area_name(demo: None, client: Any) -> None:
    response = client.get("/sociale-kaart/", {"gebied": "Atlantis"})
    assert response.status_code == 400
    assert "Er is geen gebied met de naam" in response.content.decode()


def test_ambiguous_place_asks_which_one(demo: None, client: Any) -> None:
    from collectief.areas.models import Area

    gemeente = Area.objects.create(code="GM1945", name="Neder-Betuwe", level="gemeente", year=2021)
    Area.objects.create(code="WK194501", name="Kesteren", level="wijk", parent=gemeente, year=2021)
    response = client.get("/sociale-kaart/", {"q": "koffie Kesteren"})
    text = response.content.decode()
    assert "Welk “kesteren” bedoel je?" in text
    assert "gebied=BU07580610" in text and "gebied=WK194501" in text
    # Naming the gemeente too chooses.
    assert understand("koffie kesteren breda").area.code == "BU07580610"  # type: ignore[union-attr]
    response = client.get("/sociale-kaart/", {"gebied": "Kesteren"})
    assert response.status_code == 400
    assert "gebied=WK194501" in response.content.decode()


def test_voor_wie_lists_iedereen_once(demo: None, client: Any) -> None:
    text = client.get("/sociale-kaart/").content.decode()
    start = text.index('name="doelgroep"')
    select = text[start : text.index("</select>", start)]
    assert select.count(">Iedereen<") == 1


def test_cli_area_by_name(demo: None) -> None:
    out = io.StringIO()
    call_command(
        "directory",
        "search",
        "eenzame ouderen dinsdag gratis",
        "--area",
        "Kesteren",
        "--format",
        "json",
        stdout=out,
    )
    payload = json.loads(out.getvalue())
    assert [r["name"] for r in payload["results"]] == ["Koffie-inloop"]


def test_cli_unknown_area_name(demo: None) -> None:
    with pytest.raises(CommandError, match="Er is geen gebied met de naam 'Atlantis'"):
        call_command("directory", "search", "--area", "Atlantis")


def test_api_area_by_name(demo: None, client: Any) -> None:
    names = {
        s["name"]
        for s in client.get("/api/v1/hsds/services", {"area": "Buitenoord"}).json()["contents"]
    }
    assert "Open buurttuin met kippen" in names
    assert "Koffie-inloop" not in names
    response = client.get("/api/v1/hsds/services", {"area": "Atlantis"})
    assert response.status_code == 404  # no area of that name (as the OpenAPI document says)


def test_a_service_in_a_buurt_counts_for_its_wijk_and_gemeente(demo: None) -> None:
    from collectief.areas.lookup import resolve_area

    for name in ("Kesteren", "Breda noord-west", "Breda"):
        found = set(search_services(area=resolve_area(name)).values_list("name", flat=True))
        assert "Koffie-inloop" in found, name
