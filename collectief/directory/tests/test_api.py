"""The HSDS API under /api/v1/hsds/: pagination, filters, public data only."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from collectief.areas.models import Area
from collectief.directory.hsds import import_hsds
from collectief.directory.hsds.schema import validator
from collectief.directory.models import (
    THEMES_TAXONOMY_ID,
    Attribute,
    DirectoryOrganization,
    Location,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from collectief.directory.taxonomy_data import ensure_taxonomies

pytestmark = pytest.mark.django_db
# The HSDS 3.1 examples, vendored with their licence note (see SOURCE.md there).
EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "hsds-examples"


@pytest.fixture
def data() -> dict[str, Any]:
    ensure_taxonomies()
    gemeente = Area.objects.create(code="GM0001", name="Dorp", level="gemeente", year=2024)
    wijk = Area.objects.create(
        code="WK000101", name="Centrum", level="wijk", parent=gemeente, year=2024
    )
    buurt = Area.objects.create(
        code="BU00010101", name="Kern", level="buurt", parent=wijk, year=2024
    )
    badhuis = DirectoryOrganization.objects.create(name="Het Badhuis", description="Buurthuis")
    kerk = DirectoryOrganization.objects.create(name="Kerk", description="Parochie")
    koffie = Service.objects.create(
        organization=badhuis, name="Koffieochtend", search_text="Koffieochtend ontmoeting"
    )
    soep = Service.objects.create(
        organization=kerk, name="Soep op zondag", search_text="Soep op zondag"
    )
    Service.objects.create(organization=kerk, name="Gestopt", status=Service.Status.DEFUNCT)
    Service.objects.create(organization=kerk, name="Verborgen", is_public=False)
    location = Location.objects.create(name="Badhuis", area=buurt)
    ServiceAtLocation.objects.create(service=koffie, location=location)
    theme = TaxonomyTerm.objects.get(code="ontmoeting")
    Attribute.objects.create(
        taxonomy_term=theme, service=koffie, link_id=koffie.pk, link_entity="service"
    )
    Service.objects.filter(pk=soep.pk).update(last_modified=timezone.now() - timedelta(days=10))
    return {"koffie": koffie, "soep": soep, "badhuis": badhuis, "theme": theme}


def get(client: Client, url: str, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def names(page: dict[str, Any]) -> list[str]:
    return [item["name"] for item in page["contents"]]


def test_root(client: Client) -> None:
    assert get(client, "/api/v1/hsds/")["version"] == "3.1"


def test_services_only_active_and_public(client: Client, data: dict[str, Any]) -> None:
    page = get(client, "/api/v1/hsds/services")
    assert names(page) == ["Koffieochtend", "Soep op zondag"]
    assert (
        page["total_items"] == 2 and page["first_page"] and page["last_page"] and not page["empty"]
    )
    for item in page["contents"]:
        assert list(validator("service").iter_errors(item)) == []


def test_services_pagination(client: Client, data: dict[str, Any]) -> None:
    page = get(client, "/api/v1/hsds/services", per_page=1, page=2)
    assert names(page) == ["Soep op zondag"]
    assert page["total_pages"] == 2 and page["page_number"] == 2 and page["size"] == 1
    assert not page["first_page"] and page["last_page"]
    beyond = get(client, "/api/v1/hsds/services", per_page=1, page=9)
    assert beyond["empty"] and beyond["contents"] == []
    assert client.get("/api/v1/hsds/services", {"page": "x"}).status_code == 400


def test_services_filters(client: Client, data: dict[str, Any]) -> None:
    url = "/api/v1/hsds/services"
    assert names(get(client, url, search="koffie")) == ["Koffieochtend"]
    assert names(get(client, url, taxonomy_term_id=str(data["theme"].pk))) == ["Koffieochtend"]
    assert names(get(client, url, taxonomy_id=str(THEMES_TAXONOMY_ID))) == ["Koffieochtend"]
    assert names(get(client, url, organization_id=str(data["badhuis"].pk))) == ["Koffieochtend"]
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert names(get(client, url, modified_after=since)) == ["Koffieochtend"]
    assert names(get(client, url, area="WK000101")) == ["Koffieochtend"]
    assert names(get(client, url, area="GM0001")) == ["Koffieochtend"]
    assert client.get(url, {"area": "WK999999"}).status_code == 404  # no such area
    assert client.get(url, {"organization_id": "nope"}).status_code == 400
    assert client.get(url, {"modified_after": "gisteren"}).status_code == 400


def test_service_detail(client: Client, data: dict[str, Any]) -> None:
    item = get(client, f"/api/v1/hsds/services/{data['koffie'].pk}")
    assert item["organization"]["name"] == "Het Badhuis"
    assert item["service_at_locations"][0]["location"]["name"] == "Badhuis"
    assert item["attributes"][0]["taxonomy_term"]["code"] == "ontmoeting"
    hidden = Service.objects.get(name="Verborgen")
    assert client.get(f"/api/v1/hsds/services/{hidden.pk}").status_code == 404


def test_organizations(client: Client, data: dict[str, Any]) -> None:
    page = get(client, "/api/v1/hsds/organizations")
    assert names(page) == ["Het Badhuis", "Kerk"]
    assert names(get(client, "/api/v1/hsds/organizations", search="parochie")) == ["Kerk"]
    item = get(client, f"/api/v1/hsds/organizations/{data['badhuis'].pk}")
    assert [s["name"] for s in item["services"]] == ["Koffieochtend"]
    assert list(validator("organization").iter_errors(item)) == []
    assert (
        client.get("/api/v1/hsds/organizations/00000000-0000-0000-0000-000000000000").status_code
        == 404
    )


def test_service_at_locations(client: Client, data: dict[str, Any]) -> None:
    page = get(client, "/api/v1/hsds/service_at_locations")
    assert page["total_items"] == 1
    item = page["contents"][0]
    assert item["service"]["name"] == "Koffieochtend" and item["location"]["name"] == "Badhuis"
    assert get(client, "/api/v1/hsds/service_at_locations", area="GM0001")["total_items"] == 1
    assert (
        get(client, "/api/v1/hsds/service_at_locations", service_id=str(data["soep"].pk))[
            "total_items"
        ]
        == 0
    )


def test_taxonomies_and_terms(client: Client, data: dict[str, Any]) -> None:
    taxonomies = get(client, "/api/v1/hsds/taxonomies")
    assert {t["name"] for t in taxonomies["contents"]} == {
        "Collectief thema's",
        "Collectief doelgroepen",
    }
    terms = get(
        client, "/api/v1/hsds/taxonomy_terms", taxonomy_id=str(THEMES_TAXONOMY_ID), per_page=200
    )
    codes = [t["code"] for t in terms["contents"]]
    assert codes[0] == "eenzaamheid" and "leefbaarheid-en-groen" in codes and len(codes) == 13
    for term in terms["contents"]:
        assert list(validator("taxonomy_term").iter_errors(term)) == []


def test_write_methods_are_refused(client: Client, data: dict[str, Any]) -> None:
    response = client.post("/api/v1/hsds/services")
    assert response.status_code == 405
    assert response["Allow"] == "GET"


def test_endpoints_are_in_openapi(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    paths = set(document["paths"])
    for suffix in (
        "hsds/services",
        "hsds/organizations",
        "hsds/taxonomy_terms",
        "hsds/service_at_locations",
    ):
        assert any(p.endswith(suffix) for p in paths), suffix


def test_imported_example_is_served(client: Client) -> None:
    assert import_hsds((EXAMPLES / "service_full.json").read_bytes(), "service_full.json").ok
    item = get(client, "/api/v1/hsds/services/ac148810-d857-441c-9679-408f346de14b")
    source = json.loads((EXAMPLES / "service_full.json").read_bytes())
    assert item["name"] == source["name"]
    assert item["schedules"][0]["byday"] == "TH,FR"
