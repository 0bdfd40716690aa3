from __future__ import annotations

import copy
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from collectief.areas.models import Area

pytestmark = pytest.mark.django_db


def test_list_empty_state(client: Client) -> None:
    response = client.get(reverse("areas:list"))
    assert response.status_code == 200
    assert b"empty-state" in response.content
    assert b'type="search"' not in response.content


def test_list_shows_municipalities(client: Client, haarlem: dict[str, Area]) -> None:
    response = client.get(reverse("areas:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Haarlem" in html
    assert "Oude Stad" not in html  # Without a search only gemeenten are listed.
    assert 'for="area-search"' in html


def test_list_works_for_logged_in_users(client_for: Any, staff: Any, haarlem: dict) -> None:
    assert client_for(staff).get(reverse("areas:list")).status_code == 200


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("stad", "Oude Stad", "Zijlwegkwartier"),
        ("wk039203", "Zijlwegkwartier", "Oude Stad"),
        ("BU0392", "Garenkokerskwartier", "Oude Stad"),
    ],
)
def test_search_by_name_or_code(
    client: Client, haarlem: dict, query: str, found: str, not_found: str
) -> None:
    response = client.get(reverse("areas:list"), {"q": query})
    html = response.content.decode()
    assert found in html
    assert f">{not_found}<" not in html


def test_search_without_results_and_odd_input(client: Client, haarlem: dict) -> None:
    response = client.get(reverse("areas:list"), {"q": "Atlantis"})
    assert response.status_code == 200
    assert "Atlantis" in response.content.decode()
    assert b"empty-state" in response.content
    response = client.get(reverse("areas:list"), {"q": "x" * 5000, "page": "9" * 30})
    assert response.status_code == 200
    response = client.get(reverse("areas:list"), {"q": "x", "page": "abc"})
    assert response.status_code == 400
    assert "Er klopt iets niet aan dit adres" in response.content.decode()
    response = client.get(reverse("areas:list"), {"q": "<script>"})
    assert b"<script>" not in response.content.split(b"<main", 1)[-1]


def test_pagination_keeps_the_query(client: Client) -> None:
    for number in range(60):
        Area.objects.create(
            code=f"GM{number:04d}", name=f"Gemeente {number}", level="gemeente", year=2024
        )
    first = client.get(reverse("areas:list"), {"q": "gemeente"})
    assert "q=gemeente&amp;page=2" in first.content.decode()
    second = client.get(reverse("areas:list"), {"q": "gemeente", "page": 2})
    assert second.content.decode().count('<th scope="row">') == 10


def test_detail_of_a_gemeente(client: Client, haarlem: dict) -> None:
    response = client.get(reverse("areas:detail", args=["GM0392"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Haarlem</h1>" in html
    assert reverse("areas:detail", args=["WK039201"]) in html
    assert "2024" in html


def test_detail_of_a_buurt_has_breadcrumb(client: Client, haarlem: dict) -> None:
    response = client.get(reverse("areas:detail", args=["bu03920301"]))
    assert response.status_code == 200
    html = response.content.decode()
    breadcrumb = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert "Haarlem" in breadcrumb and "Zijlwegkwartier" in breadcrumb
    assert 'aria-current="page">Garenkokerskwartier' in breadcrumb


def test_detail_empty_wijk(client: Client, haarlem: dict) -> None:
    response = client.get(reverse("areas:detail", args=["WK039201"]))
    assert b"empty-state" in response.content


def test_detail_unknown_code_is_404(client: Client, haarlem: dict) -> None:
    assert client.get(reverse("areas:detail", args=["GM9999"])).status_code == 404
    assert client.get(reverse("areas:detail", args=["nonsense"])).status_code == 404


def test_area_sections_hook(
    client: Client, haarlem: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another app's AppConfig.area_sections templates are rendered with the area."""
    config = apps.get_app_config("areas")
    monkeypatch.setattr(
        type(config), "area_sections", property(lambda self: ["tests/area_section.html"])
    )
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["APP_DIRS"] = False
    templates[0]["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.locmem.Loader",
            {"tests/area_section.html": "<section id='extra'>{{ area.code }}</section>"},
        ),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    with override_settings(TEMPLATES=templates):
        html = client.get(reverse("areas:detail", args=["GM0392"])).content.decode()
    assert "<section id='extra'>GM0392</section>" in html


def test_search_finds_alternative_names_and_shows_the_wijk_of_a_buurt(client: Client) -> None:
    """Issue 12 point 6: people search by the names they use, not only by CBS's."""
    breda = Area.objects.create(code="GM0758", name="Breda", level="gemeente", year=2024)
    wijk = Area.objects.create(
        code="WK075806",
        name="Breda noord-west",
        level="wijk",
        parent=breda,
        year=2024,
        alternative_names="Haagse Beemden",
    )
    Area.objects.create(code="BU07580610", name="Kesteren", level="buurt", parent=wijk, year=2024)
    html = client.get(reverse("areas:list"), {"q": "Haagse Beemden"}).content.decode()
    assert ">Breda noord-west</a></th>" in html
    assert "Kesteren" not in html
    # "Kesteren" finds the buurt, with a link to its wijk beside it.
    html = client.get(reverse("areas:list"), {"q": "kesteren"}).content.decode()
    assert ">Kesteren</a></th>" in html
    detail = reverse("areas:detail", args=["WK075806"])
    assert f'<a href="{detail}">Breda noord-west</a>' in html
    # Spelling of the punctuation does not matter.
    html = client.get(reverse("areas:list"), {"q": "breda noord west"}).content.decode()
    assert ">Breda noord-west</a></th>" in html
