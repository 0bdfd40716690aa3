"""The public API shows what the public pages show, and nothing more (issue 8 point 11).

Every GET path of the OpenAPI document is called without a token, with data
that has something public and something private of every kind. Each piece of
text or number in an anonymous answer must be readable on the public page of
the same object; internal fields and the private objects never appear. A
path added later is walked too: it must be listed in ``PAGES`` or ``CLOSED``.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from collectief.accounts.factories import OrganisationFactory
from collectief.accounts.models import Organisation, User
from collectief.areas.models import Area
from collectief.changestories import services as stories
from collectief.directory import models as dm
from collectief.directory import services as directory
from collectief.directory.services_entries import add_location
from collectief.directory.taxonomy_data import ensure_taxonomies
from collectief.figures import services as figures
from collectief.figures.models import Period, Unit, format_number
from collectief.surveys import services as surveys

pytestmark = pytest.mark.django_db

# Text of private things: none of it may appear in any anonymous answer.
SECRETS = [
    "Interne werkvoorraad",  # a figure that is not on the poster
    "Ik ken andere buurtbewoners",  # an indicator (working material)
    "Geheim huiswerkproject",  # a service that is not public
    "Gestopte breiclub",  # a service that stopped
    "Verborgen stichting",  # an organisation without a public profile
    "Vragenlijst over eenzaamheid",  # a survey
    "Besloten verhaal",  # the change story of a non-public poster
    "staff@own.test",  # a member's e-mail address
]
# Keys that are identifiers, codes, choices or machine data, not text a person reads.
STRUCTURAL = {
    "id", "slug", "organisation", "kind", "level", "code", "parent", "year", "version",
    "status", "is_public", "unit", "areas", "count", "page", "per_page", "total_pages",
    "total_items", "page_number", "size", "first_page", "last_page", "empty",
    "location_type", "address_type", "country", "freq", "byday", "wkst", "interval",
    "opens_at", "closes_at", "dtstart", "valid_from", "valid_to", "until", "timezone",
    "last_modified", "assured_date", "currency", "code_system", "term", "vocabulary",
    "link_type", "link_entity", "value_max", "minimum_age", "maximum_age", "attending_type",
    "latitude", "longitude", "language", "type", "order", "is_highlighted",
    "state_province",
}  # fmt: skip
# Public reference data of the sociale kaart: the vocabularies themselves
# (a taxonomy's name and description), the same for every entry.
VOCABULARY = {"taxonomy_detail", "taxonomy"}
# Nested objects that have their own public page: checked against that page.
OWN_PAGE = {"organization", "services"}
# Keys the API itself adds (links to the document), not data.
META_PATHS = {"/api/v1/", "/api/v1/openapi.json", "/api/v1/hsds/", "/api/v1/hsds/taxonomies"}
# Paths that answer anonymous readers with 401 or 404 only.
CLOSED = {
    "/api/v1/organisations/{slug}/figures/",
    "/api/v1/organisations/{slug}/figures/{figure_id}/",
    "/api/v1/organisations/{slug}/surveys/",
    "/api/v1/organisations/{slug}/surveys/{survey_id}/",
    "/api/v1/organisations/{slug}/signals/",
    "/api/v1/signals/summary/{code}/",
    "/api/v1/organisations/{slug}/wijkbeeld/wijken/{code}/",
    "/api/v1/organisations/{slug}/wijkbeeld/gemeenten/{code}/ranking/",
}


def visible_text(page: str) -> str:
    """The words a visitor reads: tags removed, entities decoded, spaces collapsed."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page))


def _leaves(value: Any, key: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [
            leaf
            for k, v in value.items()
            if k not in OWN_PAGE and k not in VOCABULARY
            for leaf in _leaves(v, k)
        ]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item, key)]
    return [(key, value)]


def missing_from(data: Any, page: str, where: str) -> list[str]:
    """What an API answer holds that its public page does not show."""
    text = visible_text(page)
    missing = []
    for key, value in _leaves(data):
        if value in (None, "", [], {}) or isinstance(value, bool):
            continue
        if key in STRUCTURAL or key.endswith("_id") or key.endswith("_url"):
            continue
        if isinstance(value, int | float):
            shown = format_number(Decimal(str(value)))
            if shown not in text:
                missing.append(f"{where}: {key}={value} ({shown})")
        elif str(value) not in text:
            missing.append(f"{where}: {key}={value!r}")
    return missing


@pytest.fixture
def world(own_org: Organisation, staff: User, other_org: Organisation) -> dict[str, Any]:
    ensure_taxonomies()
    gemeente = Area.objects.create(code="GM0034", name="Almere", level="gemeente", year=2024)
    wijk = Area.objects.create(
        code="WK003401", name="Almere Haven", level="wijk", parent=gemeente, year=2024
    )
    buurt = Area.objects.create(
        code="BU00340101", name="Centrum Haven", level="buurt", parent=wijk, year=2024
    )
    own_org.tagline = "Samen sterk in de Haven"
    own_org.public_description = "Bewonersinitiatief in het oude badhuis."
    own_org.website = "https://www.hetbadhuis.nl"
    own_org.save()
    own_org.areas.set([wijk])
    hidden = OrganisationFactory(slug="verborgen", name="Verborgen stichting", is_public=False)

    content = {
        "target_groups": [{"id": "t1", "text": "Bewoners van Almere Haven"}],
        "approaches": [{"id": "a1", "text": "Samen activiteiten organiseren"}],
        "effects": [
            {
                "id": "e1",
                "name": "VERBONDENHEID",
                "description": "Wijkbewoners voelen zich verbonden met elkaar",
                "level": "wijk",
                "indicators": [
                    {"id": "i1", "text": "Ik ken andere buurtbewoners", "kind": "stelling"}
                ],
            }
        ],
        "contributions": [{"id": "c1", "text": "Meer sociale cohesie in de wijk"}],
        "links": [{"from": "a1", "to": "e1"}, {"from": "e1", "to": "c1"}],
    }
    stories.save_change_story(own_org, content, by=staff)
    stories.update_poster_settings(own_org, tagline="", is_public=True, by=staff)
    secret = {**content, "target_groups": [{"id": "t1", "text": "Besloten verhaal"}]}
    stories.save_change_story(other_org, secret, by=None)
    figures.create_figure(
        own_org,
        by=staff,
        label="bezoekers per week",
        value=Decimal("1825.5"),
        unit=Unit.COUNT,
        period=Period.YEAR,
        is_highlighted=True,
    )
    figures.create_figure(own_org, by=staff, label="Interne werkvoorraad", value=Decimal("7"))
    surveys.create_survey(own_org, by=staff, title="Vragenlijst over eenzaamheid")

    themes = list(dm.TaxonomyTerm.objects.themes()[:1])
    groups = list(dm.TaxonomyTerm.objects.target_groups()[:1])
    organization = dm.DirectoryOrganization.objects.create(
        name="Het Badhuis", description="Buurthuis in Almere Haven", organisation=own_org
    )
    public = directory.create_service(
        organization,
        by=staff,
        name="Koffieochtend",
        description="Elke woensdag koffie en een praatje.",
        themes=themes,
        target_groups=groups,
        phone="036 123 45 67",
        email="koffie@hetbadhuis.nl",
        url="https://www.hetbadhuis.nl/koffie",
        cost_amount=Decimal("2.50"),
        minimum_age=18,
    )
    add_location(
        public,
        by=staff,
        name="Het Badhuis",
        address_1="Havenstraat 1",
        postal_code="1353AA",
        city="Almere",
        state_province="Flevoland",
        area=buurt,
    )
    directory.create_service(
        organization, by=staff, name="Geheim huiswerkproject", is_public=False
    )
    stopped = directory.create_service(organization, by=staff, name="Gestopte breiclub")
    dm.Service.objects.filter(pk=stopped.pk).update(status=dm.Service.Status.INACTIVE)
    return {
        "slug": own_org.slug,
        "code": wijk.code,
        "service_id": str(public.pk),
        "organization_id": str(organization.pk),
        "figure_id": "1",
        "survey_id": "1",
        "hidden": hidden,
    }


def _nested_pages(entry: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Nested objects with a page of their own: an organisation, its services."""
    found = []
    organization = entry.get("organization")
    if isinstance(organization, dict):
        found.append((f"/sociale-kaart/organisatie/{organization['id']}/", organization))
    found.extend(
        (f"/sociale-kaart/aanbod/{service['id']}/", service)
        for service in entry.get("services") or []
    )
    return found


def _page_for(path: str, item: dict[str, Any]) -> str | None:
    """The public page that shows the object an API answer describes."""
    if path.startswith("/api/v1/organisations/{slug}/change-story"):
        return f"/organisaties/{item['organisation']}/veranderverhaal/"
    if path.startswith("/api/v1/organisations"):
        return f"/organisaties/{item['slug']}/"
    if path.startswith("/api/v1/areas"):
        return f"/gebieden/{item['code']}/"
    if path.startswith("/api/v1/hsds/services"):
        return f"/sociale-kaart/aanbod/{item['id']}/"
    if path.startswith("/api/v1/hsds/service_at_locations"):
        return f"/sociale-kaart/aanbod/{item['service_id']}/"
    if path.startswith("/api/v1/hsds/organizations"):
        return f"/sociale-kaart/organisatie/{item['id']}/"
    if path.startswith("/api/v1/hsds/taxonom"):
        return "/sociale-kaart/"
    return None


def test_every_anonymous_answer_is_on_the_public_pages(client: Client, world: dict[str, Any]):
    document = client.get("/api/v1/openapi.json").json()
    checked = 0
    missing: list[str] = []
    for template, item in document["paths"].items():
        if "get" not in item:
            continue
        path = re.sub(r"\{(\w+)\}", lambda m: str(world[m.group(1)]), template)
        response = client.get(path)
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, f"{template}: {secret!r} in an anonymous answer"
        if template in CLOSED:
            assert response.status_code in (401, 404), template
            continue
        assert response.status_code == 200, (template, response.status_code, body[:200])
        if template in META_PATHS:
            continue
        data = response.json()
        items = data.get("results", data.get("contents", [data]))
        assert items, f"{template}: the fixture should give this path something to show"
        for entry in items:
            page_url = _page_for(template, entry)
            assert page_url, f"{template}: which public page shows this? Add it to _page_for."
            page = client.get(page_url)
            assert page.status_code == 200, (template, page_url)
            missing += missing_from(entry, page.content.decode(), f"{template} → {page_url}")
            checked += 1
            for nested_url, nested in _nested_pages(entry):
                nested_page = client.get(nested_url)
                assert nested_page.status_code == 200, (template, nested_url)
                missing += missing_from(nested, nested_page.content.decode(), nested_url)
    assert not missing, "Not on the public page:\n" + "\n".join(missing)
    assert checked >= 10


def test_change_story_public_answer_is_the_poster(client: Client, world: dict[str, Any]):
    data = client.get("/api/v1/organisations/own-org/change-story/").json()
    assert [f["label"] for f in data["figures"]] == ["bezoekers per week"]
    assert "links" not in data and "indicators" not in data["effects"][0]
    assert client.get("/api/v1/organisations/other-org/change-story/").status_code == 404


def test_members_still_read_the_whole_story(
    client: Client, world: dict[str, Any], api_auth, reader
):
    data = client.get("/api/v1/organisations/own-org/change-story/", **api_auth(reader)).json()
    assert sorted(f["label"] for f in data["figures"]) == [
        "Interne werkvoorraad",
        "bezoekers per week",
    ]
    assert data["effects"][0]["indicators"][0]["text"] == "Ik ken andere buurtbewoners"


def test_outsiders_read_only_the_public_story(client: Client, world, api_auth, outsider):
    data = client.get("/api/v1/organisations/own-org/change-story/", **api_auth(outsider)).json()
    assert [f["label"] for f in data["figures"]] == ["bezoekers per week"]


def test_hidden_organisations_are_not_listed(client: Client, world: dict[str, Any]):
    assert client.get("/api/v1/organisations/verborgen/").status_code == 404
    slugs = [o["slug"] for o in client.get("/api/v1/organisations/").json()["results"]]
    assert "verborgen" not in slugs and "own-org" in slugs
