"""No N+1 queries on the sociale-kaart pages that list things (issue 9, point 3).

Every service added here has what a result card or a detail page shows: a
location with an address in a buurt, a schedule, themes, a phone and a
contact person with a phone of their own, so that a missing prefetch of any
of them shows up as a query per row.
"""

from __future__ import annotations

from datetime import time
from itertools import count
from typing import Any

import pytest
from django.urls import reverse

from collectief.directory.models import Contact, DirectoryOrganization, Phone, Service
from collectief.directory.tests.search_helpers import breda, make_service

pytestmark = pytest.mark.django_db

_numbers = count()


@pytest.fixture(autouse=True)
def _taxonomies(db: None) -> None:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()


def rich_service(organization: DirectoryOrganization | None = None) -> Service:
    areas = breda()
    n = next(_numbers)
    service = make_service(
        f"Koffieochtend {n}",
        description="Samen koffie drinken",
        where=areas["kesteren"],
        serves=areas["haagse_beemden"],
        themes=("eenzaamheid",),
        groups=("ouderen",),
        byday="TU",
        opens=time(10),
        closes=time(12),
        point=(51.6, 4.75),
        organization=organization,
    )
    Phone.objects.create(service=service, number=f"06-1234{n:04d}")
    person = Contact.objects.create(service=service, name=f"Piet {n}", title="vrijwilliger")
    Phone.objects.create(contact=person, number=f"06-5678{n:04d}")
    return service


def _more(organization: DirectoryOrganization | None = None) -> Any:
    def more() -> None:
        for _ in range(3):
            rich_service(organization)

    return more


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("directory:search", {}),
        ("directory:search", {"q": "koffie"}),
        ("directory:print", {}),
        ("directory:map_data", {}),
        ("directory:agenda", {"wanneer": "week"}),
    ],
)
def test_public_lists(
    assert_flat_queries: Any, client_for: Any, name: str, query: dict[str, str]
) -> None:
    assert_flat_queries(client_for(None), reverse(name), _more(), data=query)


def test_organisation_page(assert_flat_queries: Any, client_for: Any) -> None:
    organization = DirectoryOrganization.objects.create(name="Buurthuis", email="a@b.example")
    url = reverse("directory:organization", args=[organization.pk])
    assert_flat_queries(client_for(None), url, _more(organization))


def test_wijk_etalage(assert_flat_queries: Any, client_for: Any) -> None:
    url = reverse("directory:wijk", args=["WK075810"])
    assert_flat_queries(client_for(None), url, _more())
    embed = reverse("directory:wijk_embed", args=["WK075810"])
    assert_flat_queries(client_for(None), embed, _more())


def test_service_page(assert_flat_queries: Any, client_for: Any) -> None:
    """One service with more locations, schedules and contact persons."""
    from collectief.directory.models import Address, Location, Schedule, ServiceAtLocation

    service = rich_service()
    areas = breda()

    def more() -> None:
        for _ in range(3):
            n = next(_numbers)
            location = Location.objects.create(name=f"Plek {n}", area=areas["heilaar"])
            Address.objects.create(location=location, address_1=f"Straat {n}", city="Breda")
            sal = ServiceAtLocation.objects.create(service=service, location=location)
            Schedule.objects.create(service_at_location=sal, freq="WEEKLY", byday="MO")
            person = Contact.objects.create(service=service, name=f"Anna {n}")
            Phone.objects.create(contact=person, number=f"06-9999{n:04d}")

    url = reverse("directory:service", args=[service.pk])
    assert_flat_queries(client_for(None), url, more)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/hsds/services",
        "/api/v1/hsds/organizations",
        "/api/v1/hsds/service_at_locations",
    ],
)
def test_hsds_lists(assert_flat_queries: Any, client_for: Any, path: str) -> None:
    assert_flat_queries(client_for(None), path, _more())


def test_hsds_taxonomy_terms(assert_flat_queries: Any, client_for: Any) -> None:
    from collectief.directory.models import Taxonomy, TaxonomyTerm

    taxonomy = Taxonomy.objects.first()
    numbers = count(1000)

    def more() -> None:
        for _ in range(3):
            n = next(numbers)
            TaxonomyTerm.objects.create(taxonomy=taxonomy, code=f"extra-{n}", name=f"Extra {n}")

    assert_flat_queries(client_for(None), "/api/v1/hsds/taxonomy_terms", more)


def test_every_service_at_location_carries_its_service(client_for: Any) -> None:
    """The services are fetched for the whole page at once, and none is lost on the way."""
    for _ in range(3):
        rich_service()
    contents = client_for(None).get("/api/v1/hsds/service_at_locations").json()["contents"]
    assert len(contents) == 3
    assert {item["service"]["name"] for item in contents} == {
        s.name for s in Service.objects.all()
    }


def test_maintain_index(
    assert_flat_queries: Any, client_for: Any, staff: Any, own_org: Any
) -> None:
    """The organisation's own entries in the sociale kaart, with what needs attention."""
    organization = DirectoryOrganization.objects.create(name="Eigen aanbod", organisation=own_org)
    url = reverse("directory:maintain_index", args=[own_org.slug])
    assert_flat_queries(client_for(staff), url, _more(organization))
