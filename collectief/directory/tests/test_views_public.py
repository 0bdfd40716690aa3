from __future__ import annotations

import uuid
from datetime import time

import pytest
from django.test import Client
from django.urls import reverse

from collectief.directory.models import Service
from collectief.directory.tests.search_helpers import breda, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _taxonomies(db: None) -> None:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()


@pytest.fixture
def areas() -> dict:  # type: ignore[type-arg]
    return breda()


@pytest.fixture
def koffie(areas: dict) -> Service:  # type: ignore[type-arg]
    return make_service(
        "Koffie-inloop",
        description="Koffie en een praatje voor eenzame buurtbewoners",
        where=areas["kesteren"],
        themes=("eenzaamheid",),
        groups=("ouderen",),
        byday="TU,TH",
        opens=time(10),
        closes=time(12),
        is_free=True,
        point=(51.61, 4.74),
    )


def test_search_page_lists_and_filters(client: Client, koffie: Service, areas: dict) -> None:  # type: ignore[type-arg]
    make_service("Cursus", where=areas["heilaar"], referral=Service.Referral.REFERRAL)
    response = client.get(reverse("directory:search"))
    assert response.status_code == 200
    assert b"Koffie-inloop" in response.content and b"Cursus" in response.content
    response = client.get(
        reverse("directory:search"),
        {
            "q": "eenzame",
            "gebied": "BU07581001",
            "dag": "di",
            "gratis": "on",
            "zonder_verwijzing": "on",
            "doelgroep": "ouderen",
        },
    )
    assert response.status_code == 200
    assert b"Koffie-inloop" in response.content
    assert b"Cursus" not in response.content
    # The map gets its data from the JSON endpoint with the same filters.
    assert b'data-endpoint="/sociale-kaart/kaart.json?q=eenzame' in response.content
    assert b"<script>" not in response.content


def test_search_page_works_for_logged_in_users(client_for, staff, koffie: Service) -> None:  # type: ignore[no-untyped-def]
    assert client_for(staff).get(reverse("directory:search")).status_code == 200


def test_search_bad_input(client: Client, koffie: Service) -> None:
    response = client.get(reverse("directory:search"), {"thema": "bestaat-niet", "dag": "xx"})
    assert response.status_code == 400
    assert b"error-summary" in response.content
    assert client.get(reverse("directory:map_data"), {"dag": "xx"}).status_code == 400
    assert client.post(reverse("directory:search")).status_code == 405


def test_search_paginates(client: Client, areas: dict) -> None:  # type: ignore[type-arg]
    for i in range(25):
        make_service(f"Activiteit {i:02d}")
    first = client.get(reverse("directory:search"))
    assert b"Activiteit 19" in first.content and b"Activiteit 20" not in first.content
    second = client.get(reverse("directory:search"), {"page": 2})
    assert b"Activiteit 24" in second.content


def test_map_data(client: Client, koffie: Service, areas: dict) -> None:  # type: ignore[type-arg]
    make_service("Zonder plek")
    data = client.get(reverse("directory:map_data")).json()
    assert [item["name"] for item in data["results"]] == ["Koffie-inloop"]
    item = data["results"][0]
    assert item["latitude"] == 51.61 and item["url"].endswith(f"{koffie.pk}/")
    assert client.get(reverse("directory:map_data"), {"q": "schaken"}).json()["results"] == []


def test_agenda_today_and_week(client: Client, koffie: Service, time_machine) -> None:  # type: ignore[no-untyped-def]
    time_machine.move_to("2025-03-04 09:00")  # a Tuesday
    today = client.get(reverse("directory:agenda"), {"wanneer": "vandaag"})
    assert today.status_code == 200
    assert b"Koffie-inloop" in today.content and b"10:00" in today.content
    time_machine.move_to("2025-03-05 09:00")  # a Wednesday
    assert b"Koffie-inloop" not in client.get(reverse("directory:agenda")).content
    week = client.get(reverse("directory:agenda"), {"wanneer": "week"})
    assert week.content.count(b"<h3><a href=") == 2
    assert client.get(reverse("directory:agenda"), {"gebied": "nergens"}).status_code == 400


def test_print_list(client: Client, koffie: Service) -> None:
    response = client.get(reverse("directory:print"), {"gebied": "WK075810"})
    assert response.status_code == 200
    content = response.content.decode()
    for text in ("Koffie-inloop", "Kesterenstraat 1", "10:00–12:00", "print-list.css"):
        assert text in content


def test_service_and_organization_pages(client: Client, koffie: Service) -> None:
    response = client.get(reverse("directory:service", args=[koffie.pk]))
    assert response.status_code == 200
    assert reverse("directory:report_error", args=[koffie.pk]).encode() in response.content
    response = client.get(reverse("directory:organization", args=[koffie.organization_id]))
    assert b"Koffie-inloop" in response.content
    assert client.get(reverse("directory:service", args=[uuid.uuid4()])).status_code == 404
    assert client.get(reverse("directory:organization", args=[uuid.uuid4()])).status_code == 404
    koffie.is_public = False
    koffie.save()
    assert client.get(reverse("directory:service", args=[koffie.pk])).status_code == 404


def test_wijk_etalage_and_embed(client: Client, koffie: Service) -> None:
    response = client.get(reverse("directory:wijk", args=["wk075810"]))
    assert response.status_code == 200
    assert b"Koffie-inloop" in response.content
    assert b"&lt;iframe" in response.content
    assert response["X-Frame-Options"] == "DENY"
    embed = client.get(reverse("directory:wijk_embed", args=["WK075810"]))
    assert embed.status_code == 200
    assert b"Koffie-inloop" in embed.content
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert b"site-header" not in embed.content
    assert client.get(reverse("directory:wijk", args=["WK999999"])).status_code == 404
    assert client.get(reverse("directory:wijk", args=["GM0758"])).status_code == 404


def test_coverage_page(client: Client, koffie: Service) -> None:
    response = client.get(reverse("directory:coverage"), {"gemeente": "GM0758"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "coverage__gap" in content and "coverage__covered" in content
    assert "Haagse Beemden" in content
    assert client.get(reverse("directory:coverage")).status_code == 200
    assert client.get(reverse("directory:coverage"), {"gemeente": "GM9999"}).status_code == 400


def test_area_page_has_sociale_kaart_section(client: Client, koffie: Service) -> None:
    response = client.get(reverse("areas:detail", args=["BU07581001"]))
    assert b"Koffie-inloop" in response.content
    assert reverse("directory:wijk", args=["BU07581001"]).encode() in response.content
