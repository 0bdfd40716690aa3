"""Contact details (issue 10, point 3): one source, shown by every route.

The service page, the organisation page, the printable list, the map popup,
the HSDS API and the CLI JSON all show how to reach an activity, phones as
``tel:`` links and e-mail as ``mailto:``; "Wanneer: vraag het" names whom.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from collectief.directory import services
from collectief.directory.contact import service_contact, tel_href, web_href
from collectief.directory.demo import ORGANISATIONS, load_demo
from collectief.directory.hsds import import_hsds
from collectief.directory.hsds.schema import validator
from collectief.directory.models import (
    Address,
    Contact,
    DirectoryOrganization,
    Location,
    Phone,
    Service,
)
from collectief.directory.search import with_display_data
from collectief.directory.tests.search_helpers import breda, make_service

pytestmark = pytest.mark.django_db

FICTIONAL_PHONE = re.compile(r"^06-123456\d\d$")
FICTIONAL_POSTCODE = re.compile(r"^\d{4} S[AD]$")


@pytest.fixture(autouse=True)
def _taxonomies(db: None) -> None:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()


@pytest.fixture
def demo() -> dict[str, Any]:
    areas = breda()
    load_demo(io.StringIO())
    return areas


def _service(name: str, organisation: str = "Ontmoetingscentrum De Sleutel") -> Service:
    return with_display_data(
        Service.objects.filter(name=name, organization__name=organisation)
    ).get()


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("06-12345678", "tel:+31612345678"),
        ("020 123 45 67", "tel:+31201234567"),
        ("+32 2 123 45 67", "tel:+3221234567"),
        ("0032 2 123 45 67", "tel:+3221234567"),
        ("112", "tel:112"),
        ("bel de receptie", ""),
    ],
)
def test_tel_href(number: str, href: str) -> None:
    assert tel_href(number) == href


def test_web_href_adds_https_and_refuses_other_schemes() -> None:
    assert web_href("www.example.org") == "https://www.example.org"
    assert web_href("http://example.org") == "http://example.org"
    assert web_href("javascript:alert(1)") == ""


def test_service_details_fall_back_to_the_organisation() -> None:
    org = DirectoryOrganization.objects.create(
        name="Buurthuis", email="info@buurthuis.example", website="buurthuis.example"
    )
    Phone.objects.create(organization=org, number="06-12345699")
    Contact.objects.create(organization=org, name="Anna Kok", title="coördinator")
    service = make_service("Koffie", organization=org)
    details = service_contact(service)
    assert [p.number for p in details.phones] == ["06-12345699"]
    assert details.email == "info@buurthuis.example"
    assert details.url_href == "https://buurthuis.example"
    assert details.whom == "Anna Kok (coördinator, Buurthuis)"
    # The activity's own contact person and phone win.
    person = Contact.objects.create(service=service, name="Piet Smits", title="vrijwilliger")
    Phone.objects.create(contact=person, number="06-12345698")
    details = service_contact(service)
    assert [p.number for p in details.phones] == ["06-12345698"]
    assert details.whom == "Piet Smits (vrijwilliger, Buurthuis)"
    Phone.objects.create(service=service, number="06-12345697")
    assert service_contact(service).phone.number == "06-12345697"  # type: ignore[union-attr]


def test_every_demo_organisation_and_located_service_is_complete_and_fictional(
    demo: dict[str, Any],
) -> None:
    assert DirectoryOrganization.objects.count() == len(ORGANISATIONS)
    for org in DirectoryOrganization.objects.all():
        assert org.email.endswith(".example"), org
        assert re.match(r"^https://[a-z0-9.-]+\.example$", org.website), org
        numbers = [p.number for p in org.phones.all()]
        assert numbers and all(FICTIONAL_PHONE.match(n) for n in numbers), org
        addresses = Address.objects.filter(location__organization=org)
        assert addresses.exists(), org
        for address in addresses:
            assert FICTIONAL_POSTCODE.match(address.postal_code), address
    for service in with_display_data(Service.objects.all()):
        details = service_contact(service)
        assert details.reachable and details.url and details.whom, service
        assert all(FICTIONAL_PHONE.match(p.number) for p in details.phones), service
        if service.service_at_locations.exists():
            assert details.address, service
    # The organisation says its details are invented.
    assert "fictief" in DirectoryOrganization.objects.get(name="Het Badhuis").description


def test_service_page_links_phone_mail_and_site(client: Client, demo: dict[str, Any]) -> None:
    service = _service("Koffie-inloop")
    html = client.get(f"/sociale-kaart/aanbod/{service.pk}/").content.decode()
    assert '<a href="tel:+31612345602">06-12345602</a>' in html
    assert '<a href="mailto:welkom@desleutel-breda.example">' in html
    assert '<a href="https://desleutel-breda.example" rel="noopener nofollow">' in html
    assert "Samira El Amrani (coördinator)" in html
    assert "Kesterenstraat 12, 4823 SD Breda" in html


def test_ask_when_names_whom_to_ask(client: Client, demo: dict[str, Any]) -> None:
    service = _service("Open buurttuin met kippen", "Buurttuin Kempenaar")
    assert not service.schedules.exists()
    html = client.get(f"/sociale-kaart/aanbod/{service.pk}/").content.decode()
    assert (
        "Vraag het aan Joost Verbeek (vrijwilliger buurttuin, Buurttuin Kempenaar): "
        '<a href="tel:+31612345603">06-12345603</a> of '
        '<a href="mailto:tuin@buurttuinkempenaar.example">'
    ) in html
    printed = client.get("/sociale-kaart/afdrukken/", {"gebied": "GM0758"}).content.decode()
    assert "Vraag het aan" in printed


def test_organisation_page_shows_address_person_and_links(
    client: Client, demo: dict[str, Any]
) -> None:
    org = DirectoryOrganization.objects.get(name="Grote Broer Grote Zus")
    html = client.get(f"/sociale-kaart/organisatie/{org.pk}/").content.decode()
    assert "Maatjeslaan 4, 4812 SA Breda" in html
    assert '<a href="tel:+31612345607">06-12345607</a>' in html
    assert '<a href="mailto:aanmelden@grotebroergrotezus.example">' in html
    sleutel = DirectoryOrganization.objects.get(name="Ontmoetingscentrum De Sleutel")
    html = client.get(f"/sociale-kaart/organisatie/{sleutel.pk}/").content.decode()
    assert "Samira El Amrani (coördinator)" in html


def test_printable_list_and_result_cards_carry_the_contact(
    client: Client, demo: dict[str, Any]
) -> None:
    printed = client.get("/sociale-kaart/afdrukken/", {"gebied": "BU07581001"}).content.decode()
    assert "06-12345602" in printed and "welkom@desleutel-breda.example" in printed
    results = client.get("/sociale-kaart/", {"gebied": "BU07581001"}).content.decode()
    assert '<a href="tel:+31612345602">06-12345602</a>' in results


def test_map_popup_data_has_address_phone_and_mail(client: Client, demo: dict[str, Any]) -> None:
    data = client.get("/sociale-kaart/kaart.json", {"gebied": "BU07581001"}).json()
    item = next(i for i in data["results"] if i["name"] == "Koffie-inloop")
    assert item["address"] == "Kesterenstraat 12, 4823 SD Breda"
    assert item["phone"] == "06-12345602" and item["phone_href"] == "tel:+31612345602"
    assert item["email"] == "welkom@desleutel-breda.example"


def test_cli_json_has_address_and_contact(demo: dict[str, Any]) -> None:
    out = io.StringIO()
    call_command(
        "directory", "search", "koffie", "--area", "Kesteren", "--format", "json", stdout=out
    )
    item = next(r for r in json.loads(out.getvalue())["results"] if r["name"] == "Koffie-inloop")
    assert item["address"] == "Kesterenstraat 12, 4823 SD Breda"
    assert item["contact"] == {
        "phone": "06-12345602",
        "email": "welkom@desleutel-breda.example",
        "url": "https://desleutel-breda.example",
        "person": "Samira El Amrani",
    }
    # An activity without a place has address null, and still a way to ask.
    out = io.StringIO()
    call_command("directory", "search", "maatje", "--format", "json", stdout=out)
    item = json.loads(out.getvalue())["results"][0]
    assert item["address"] is None and item["contact"]["phone"] == "06-12345607"
    out = io.StringIO()
    call_command("directory", "search", "koffie", "--area", "Kesteren", stdout=out)
    assert "Contact: Samira El Amrani (coördinator, Ontmoetingscentrum De Sleutel)" in (
        out.getvalue()
    )


def test_hsds_api_nests_hsds_contact_objects(client: Client, demo: dict[str, Any]) -> None:
    service = _service("Koffie-inloop")
    item = client.get(f"/api/v1/hsds/services/{service.pk}").json()
    assert list(validator("service").iter_errors(item)) == []
    assert item["organization"]["email"] == "welkom@desleutel-breda.example"
    assert item["organization"]["website"] == "https://desleutel-breda.example"
    location = item["service_at_locations"][0]["location"]
    assert location["addresses"][0]["address_1"] == "Kesterenstraat 12"
    assert location["addresses"][0]["postal_code"] == "4823 SD"
    choir = Service.objects.get(name="Seniorenkoor")
    item = client.get(f"/api/v1/hsds/services/{choir.pk}").json()
    assert list(validator("service").iter_errors(item)) == []
    assert item["contacts"][0]["name"] == "Wim Bakker"
    assert item["contacts"][0]["phones"][0]["number"] == "06-12345611"
    org = client.get(f"/api/v1/hsds/organizations/{service.organization_id}").json()
    assert list(validator("organization").iter_errors(org)) == []
    assert org["phones"][0]["number"] == "06-12345602"
    assert org["contacts"][0]["name"] == "Samira El Amrani"


def test_hsds_import_reads_contacts_phones_and_addresses() -> None:
    org_id = "8a1b2c3d-0000-4000-8000-000000000001"
    document = {
        "id": "8a1b2c3d-0000-4000-8000-000000000002",
        "name": "Taalcafé",
        "status": "active",
        "email": "taal@bieb.example",
        "organization": {"id": org_id, "name": "Bibliotheek", "description": "Bieb"},
        "contacts": [
            {
                "id": "8a1b2c3d-0000-4000-8000-000000000003",
                "name": "Els Kok",
                "title": "taalcoach",
                "phones": [{"id": "8a1b2c3d-0000-4000-8000-000000000004", "number": "06-1"}],
            }
        ],
        "service_at_locations": [
            {
                "id": "8a1b2c3d-0000-4000-8000-000000000005",
                "location": {
                    "id": "8a1b2c3d-0000-4000-8000-000000000006",
                    "location_type": "physical",
                    "addresses": [
                        {
                            "id": "8a1b2c3d-0000-4000-8000-000000000007",
                            "address_1": "Boekenlaan 1",
                            "city": "Breda",
                            "region": "",
                            "state_province": "Noord-Brabant",
                            "postal_code": "4811 SA",
                            "country": "NL",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
    }
    import_hsds(json.dumps(document).encode(), "taalcafe.json")
    details = service_contact(with_display_data(Service.objects.filter(name="Taalcafé")).get())
    assert details.address == "Boekenlaan 1, 4811 SA Breda"
    assert details.whom == "Els Kok (taalcoach, Bibliotheek)"
    assert details.phone is not None and details.phone.number == "06-1"
    assert details.email == "taal@bieb.example"
    assert Location.objects.count() == 1


def test_contact_person_is_kept_through_the_service_layer(admin: Any) -> None:
    service = make_service("Koffie")
    services.update_service(service, by=admin, contact_person="  Anna   Kok ")
    assert services.service_contact_person(service) == "Anna Kok"
    services.update_service(service, by=admin, contact_person="")
    assert not service.contacts.exists()
