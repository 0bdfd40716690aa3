"""Only http(s) websites in the sociale kaart: form, HSDS import, API, export, pages."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from collectief.accounts.models import Organisation, User
from collectief.directory import models as m
from collectief.directory.hsds import import_hsds

from .test_hsds import export_csv, export_json

pytestmark = pytest.mark.django_db

UNSAFE = [
    "javascript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "//evil.example/",
]


@pytest.fixture(autouse=True)
def _dutch() -> Any:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()
    with translation.override("nl"):
        yield


@pytest.fixture
def entry(own_org: Organisation) -> m.Service:
    organization = m.DirectoryOrganization.objects.create(name="Het Badhuis", organisation=own_org)
    return m.Service.objects.create(organization=organization, name="Koffieochtend")


def _feed(**service: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "name": "Koffieochtend", "status": "active", **service}


@pytest.mark.parametrize("url", UNSAFE)
def test_edit_form_refuses_an_unsafe_website(
    client_for: Any, entry: m.Service, staff: User, url: str
) -> None:
    edit = reverse("directory:maintain_edit", args=["own-org", entry.pk])
    response = client_for(staff).post(
        edit, {"name": "Koffieochtend", "status": "active", "url": url}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "data-error-summary" in body
    assert "toegestaan" in body or "onzichtbare tekens" in body or "volledig webadres" in body
    entry.refresh_from_db()
    assert entry.url == ""


def test_edit_form_keeps_a_web_address(client_for: Any, entry: m.Service, staff: User) -> None:
    edit = reverse("directory:maintain_edit", args=["own-org", entry.pk])
    data = {"name": "Koffieochtend", "status": "active", "url": "www.hetbadhuis.nl/koffie"}
    assert client_for(staff).post(edit, data).status_code == 302
    entry.refresh_from_db()
    assert entry.url == "https://www.hetbadhuis.nl/koffie"


@pytest.mark.parametrize("url", UNSAFE)
def test_hsds_json_import_refuses_unsafe_links_with_their_path(url: str) -> None:
    document = _feed(
        url="https://www.hetbadhuis.nl",
        organization={
            "id": str(uuid.uuid4()),
            "name": "Het Badhuis",
            "description": "Buurthuis",
            "website": url,
        },
        schedules=[{"id": str(uuid.uuid4()), "freq": "WEEKLY", "schedule_link": url}],
    )
    result = import_hsds(json.dumps(document).encode(), "feed.json")
    problems = [str(p) for p in result.problems]
    assert any(p.startswith("organization.website:") for p in problems), problems
    assert any(p.startswith("schedules[0].schedule_link:") for p in problems), problems
    assert m.Service.objects.count() == 0 and m.DirectoryOrganization.objects.count() == 0


def test_hsds_import_checks_links_of_tables_it_does_not_model() -> None:
    # The HSDS url table (additional websites) is kept as raw rows.
    document = _feed(
        additional_urls=[{"id": str(uuid.uuid4()), "label": "Aanmelden", "url": "javascript:x"}]
    )
    result = import_hsds(json.dumps(document).encode(), "feed.json")
    assert [str(p) for p in result.problems] == [
        "additional_urls[0].url: “javascript:” is hier niet toegestaan. Gebruik een webadres "
        "dat begint met https:// of http://."
    ]
    assert m.HsdsRecord.objects.count() == 0


def test_hsds_csv_import_names_file_row_and_column() -> None:
    service_id, organization_id = str(uuid.uuid4()), str(uuid.uuid4())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "datapackage.json",
            json.dumps(
                {
                    "name": "x",
                    "resources": [
                        {"name": "organizations", "path": "organizations.csv"},
                        {"name": "services", "path": "services.csv"},
                    ],
                }
            ),
        )
        archive.writestr(
            "organizations.csv", f"id,name,description\n{organization_id},Badhuis,Buurthuis\n"
        )
        archive.writestr(
            "services.csv",
            "id,organization_id,name,status,url\n"
            f"{service_id},{organization_id},Koffieochtend,active,javascript:alert(1)\n",
        )
    result = import_hsds(buffer.getvalue(), "feed.zip")
    problems = [str(p) for p in result.problems]
    assert any("services.csv" in p and "url" in p and "niet toegestaan" in p for p in problems), (
        problems
    )
    assert m.Service.objects.count() == 0


def test_safe_links_import_and_export_unchanged() -> None:
    document = _feed(url="https://www.hetbadhuis.nl/koffie?week=1")
    assert import_hsds(json.dumps(document).encode(), "feed.json").ok
    _raw, exported = export_json()
    assert exported["contents"][0]["url"] == "https://www.hetbadhuis.nl/koffie?week=1"


def test_legacy_unsafe_links_never_leave_as_links(client: Any, entry: m.Service) -> None:
    """Stored before the check (or around it): pages, API and exports leave them out."""
    m.Service.objects.filter(pk=entry.pk).update(url="javascript:alert(1)", is_public=True)
    m.DirectoryOrganization.objects.filter(pk=entry.organization_id).update(
        website="java\tscript:alert(2)"
    )
    m.HsdsRecord.objects.create(
        table="url",
        id=uuid.uuid4(),
        service=entry,
        data={"service_id": str(entry.pk), "url": "data:text/html,x"},
    )
    pages = [
        reverse("directory:service", args=[entry.pk]),
        reverse("directory:organization", args=[entry.organization_id]),
        f"/api/v1/hsds/services/{entry.pk}",
        "/api/v1/hsds/services",
        f"/api/v1/hsds/organizations/{entry.organization_id}",
        "/api/v1/hsds/organizations",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        body = response.content.decode()
        assert "script:alert" not in body and "data:text" not in body, page
    raw, _document = export_json()
    assert b"script:alert" not in raw and b"data:text" not in raw
    assert b"script:alert" not in export_csv()
