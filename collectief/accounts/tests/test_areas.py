"""What accounts adds to the areas app: organisations on the area page, demo areas."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from collectief.accounts.demo import ORGANISATIONS
from collectief.accounts.factories import OrganisationFactory
from collectief.areas import demo as areas_demo
from collectief.areas.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def haarlem() -> dict[str, Area]:
    gemeente = Area.objects.create(code="GM0392", name="Haarlem", level="gemeente", year=2024)
    oude_stad = Area.objects.create(
        code="WK039201", name="Oude Stad", level="wijk", parent=gemeente, year=2024
    )
    zijlweg = Area.objects.create(
        code="WK039203", name="Zijlwegkwartier", level="wijk", parent=gemeente, year=2024
    )
    buurt = Area.objects.create(
        code="BU03920301", name="Garenkokerskwartier", level="buurt", parent=zijlweg, year=2024
    )
    return {"gemeente": gemeente, "oude_stad": oude_stad, "zijlweg": zijlweg, "buurt": buurt}


def test_area_page_lists_public_organisations_here_and_in_parts(
    client: Client, haarlem: dict[str, Area]
) -> None:
    badhuis = OrganisationFactory(name="Het Badhuis", slug="het-badhuis")
    badhuis.areas.set([haarlem["buurt"]])
    hidden = OrganisationFactory(name="Verborgen", slug="verborgen", is_public=False)
    hidden.areas.set([haarlem["buurt"]])
    elsewhere = OrganisationFactory(name="Elders", slug="elders")
    elsewhere.areas.set([haarlem["oude_stad"]])
    html = client.get(reverse("areas:detail", args=["WK039203"])).content.decode()
    assert "Organisaties die hier werken" in html
    assert "Het Badhuis" in html
    assert "Verborgen" not in html
    assert "Elders" not in html
    gemeente_html = client.get(reverse("areas:detail", args=["GM0392"])).content.decode()
    assert "Het Badhuis" in gemeente_html and "Elders" in gemeente_html
    # An organisation working in two parts of the gemeente is listed once.
    badhuis.areas.add(haarlem["oude_stad"])
    gemeente_html = client.get(reverse("areas:detail", args=["GM0392"])).content.decode()
    assert gemeente_html.count("Het Badhuis") == 1


def test_area_page_without_organisations_says_so(client: Client, haarlem: dict[str, Area]) -> None:
    html = client.get(reverse("areas:detail", args=["WK039201"])).content.decode()
    assert "Er werkt hier nog geen organisatie met een openbaar profiel." in html


def test_demo_organisations_refer_to_areas_that_exist() -> None:
    areas_demo.load_demo(io.StringIO())
    for spec in ORGANISATIONS:
        for name in spec["areas"]:
            assert Area.objects.filter(name=name).exclude(level="gemeente").exists(), name
        if spec.get("area_municipality"):
            assert Area.objects.filter(level="gemeente", name=spec["area_municipality"]).exists()
