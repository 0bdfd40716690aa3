"""The read endpoints for areas in collectief/api/views.py."""

from __future__ import annotations

import pytest
from django.test import Client

from collectief.areas.models import Area

pytestmark = pytest.mark.django_db


def test_area_list(client: Client, haarlem: dict[str, Area]) -> None:
    response = client.get("/api/v1/areas/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    codes = [item["code"] for item in body["results"]]
    assert codes == sorted(codes)
    buurt = next(item for item in body["results"] if item["code"] == "BU03920301")
    assert buurt == {
        "code": "BU03920301",
        "name": "Garenkokerskwartier",
        "level": "buurt",
        "parent": "WK039203",
        "year": 2024,
    }


def test_area_list_filters(client: Client, haarlem: dict[str, Area]) -> None:
    wijken = client.get("/api/v1/areas/", {"level": "wijk"}).json()
    assert {item["code"] for item in wijken["results"]} == {"WK039201", "WK039203"}
    children = client.get("/api/v1/areas/", {"parent": "gm0392  "}).json()
    assert {item["code"] for item in children["results"]} == {"WK039201", "WK039203"}
    named = client.get("/api/v1/areas/", {"q": "garen"}).json()
    assert [item["code"] for item in named["results"]] == ["BU03920301"]


def test_area_list_bad_input(client: Client, haarlem: dict[str, Area]) -> None:
    response = client.get("/api/v1/areas/", {"level": "provincie"})
    assert response.status_code == 400
    assert "error" in response.json()
    assert client.get("/api/v1/areas/", {"page": "x"}).status_code == 400


def test_area_list_pagination(client: Client, haarlem: dict[str, Area]) -> None:
    body = client.get("/api/v1/areas/", {"per_page": 3, "page": 2}).json()
    assert (body["count"], body["total_pages"], len(body["results"])) == (4, 2, 1)


def test_area_list_empty(client: Client, db: None) -> None:
    assert client.get("/api/v1/areas/").json()["results"] == []


def test_area_detail(client: Client, haarlem: dict[str, Area]) -> None:
    response = client.get("/api/v1/areas/wk039203/")
    assert response.status_code == 200
    assert response.json()["parent"] == "GM0392"
    assert client.get("/api/v1/areas/GM0392/").json()["parent"] is None


def test_area_detail_unknown(client: Client, haarlem: dict[str, Area]) -> None:
    response = client.get("/api/v1/areas/GM9999/")
    assert response.status_code == 404
    assert "error" in response.json()


def test_area_endpoints_are_read_only(client: Client, haarlem: dict[str, Area]) -> None:
    assert client.post("/api/v1/areas/", {}).status_code == 405


def test_area_list_q_is_the_search_of_the_areas_page(client: Client, db: None) -> None:
    """Issue 12 point 6: ``q`` finds alternative names and ignores punctuation, as /gebieden/."""
    breda = Area.objects.create(code="GM0758", name="Breda", level="gemeente", year=2024)
    Area.objects.create(
        code="WK075806",
        name="Breda noord-west",
        level="wijk",
        parent=breda,
        year=2024,
        alternative_names="Haagse Beemden",
    )
    Area.objects.create(code="WK075801", name="Centrum", level="wijk", parent=breda, year=2024)

    def codes(q: str) -> list[str]:
        return [item["code"] for item in client.get("/api/v1/areas/", {"q": q}).json()["results"]]

    # Not in the CBS name: only the alternative name has it.
    assert codes("haagse beemden") == ["WK075806"]
    assert codes("breda noord west") == ["WK075806"]
    assert codes("wk0758") == ["WK075801", "WK075806"]
    assert codes("  ") == sorted(["GM0758", "WK075801", "WK075806"])
    assert codes("Ginneken") == []
    # The same areas as the page finds for the same words.
    page = client.get("/gebieden/", {"q": "haagse beemden"}).content.decode()
    assert ">Breda noord-west</a></th>" in page


def test_openapi_describes_the_search(client: Client, db: None) -> None:
    document = client.get("/api/v1/openapi.json").json()
    params = document["paths"]["/api/v1/areas/"]["get"]["parameters"]
    q = next(p for p in params if p["name"] == "q")
    assert "alternative name" in q["description"]
