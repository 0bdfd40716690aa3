"""The wijkbeeld API: the JSON of show and ranking, with the access of the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from collectief.insights.tests.conftest import put_values

pytestmark = pytest.mark.django_db

BIJSTAND = "PersonenPerSoortUitkeringBijstand"
THEME = "geldzorgen-en-schulden"


@pytest.fixture
def data(own_org: Any, barendrecht: dict[str, Any], themes: Any) -> dict[str, Any]:
    own_org.areas.add(barendrecht["gemeente"])
    put_values(barendrecht["gemeente"], 2024, AantalInwoners=10000, **{BIJSTAND: 200})
    put_values(barendrecht["buitenoord"], 2024, AantalInwoners=2500, **{BIJSTAND: 90})
    put_values(barendrecht["centrum"], 2024, AantalInwoners=2500, **{BIJSTAND: 56})
    put_values(barendrecht["klein"], 2024, AantalInwoners=300, **{BIJSTAND: 4})
    put_values(barendrecht["weinig"], 2023, **{BIJSTAND: "x"})
    return barendrecht


def wijk_url(code: str = "WK048901", slug: str = "own-org") -> str:
    return reverse("api:wijkbeeld_wijk", args=[slug, code])


def ranking_url(code: str = "GM0489", slug: str = "own-org") -> str:
    return reverse("api:wijkbeeld_ranking", args=[slug, code])


def test_a_member_gets_the_indicators_of_a_wijk(
    client: Any, api_auth: Any, reader: Any, data: Any
) -> None:
    response = client.get(wijk_url(), **api_auth(reader))
    assert response.status_code == 200
    body = response.json()
    assert body["area"] == "WK048901"
    assert body["name"] == "Buitenoord"
    by_key = {i["key"]: i for i in body["indicators"]}
    assert by_key[BIJSTAND] == {
        "key": BIJSTAND,
        "title": "Mensen met bijstand",
        "year": 2024,
        "value": 90,
        "status": "ok",
    }
    assert body["provision_counts"] == []


def test_a_secret_value_keeps_its_status_and_year(
    client: Any, api_auth: Any, reader: Any, data: Any
) -> None:
    body = client.get(wijk_url("WK048904"), **api_auth(reader)).json()
    assert body["indicators"] == [
        {
            "key": BIJSTAND,
            "title": "Mensen met bijstand",
            "year": 2023,
            "value": None,
            "status": "secret",
        }
    ]


def test_a_member_gets_the_ranking_with_suppression(
    client: Any, api_auth: Any, reader: Any, data: Any
) -> None:
    response = client.get(ranking_url(), {"theme": THEME}, **api_auth(reader))
    assert response.status_code == 200
    rows = {row["area"]: row for row in response.json()["rows"]}
    assert rows["WK048901"]["observed"] == 90
    assert rows["WK048901"]["expected"] == 50.0
    assert rows["WK048901"]["ratio"] == 1.8
    assert rows["WK048901"]["ci95"] == [1.45, 2.21]
    assert rows["WK048901"]["call"] == "hoger"
    # 4 is published as "<10", with no ratio, interval or call.
    assert rows["WK048903"] == {
        "area": "WK048903",
        "observed": "<10",
        "expected": 6.0,
        "ratio": None,
        "ci95": None,
        "smoothed": None,
        "call": "niet te zeggen",
    }
    assert "4" not in str(rows["WK048903"]["observed"])


def test_anonymous_gets_401(client: Any, data: Any) -> None:
    for address in (wijk_url(), ranking_url() + f"?theme={THEME}"):
        response = client.get(address)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["detail"] == "Hiervoor is een API-sleutel nodig."


def test_another_organisation_gets_404(
    client: Any, api_auth: Any, outsider: Any, data: Any
) -> None:
    headers = api_auth(outsider)
    assert client.get(wijk_url(), **headers).status_code == 404
    assert client.get(ranking_url(), {"theme": THEME}, **headers).status_code == 404
    # Nor through the other organisation's own slug.
    assert client.get(wijk_url(slug="other-org"), **headers).status_code == 404
    assert (
        client.get(ranking_url(slug="other-org"), {"theme": THEME}, **headers).status_code == 404
    )


def test_a_member_of_another_gemeente_gets_404(
    client: Any, api_auth: Any, reader: Any, data: Any, almere: Any
) -> None:
    headers = api_auth(reader)
    assert client.get(wijk_url("WK003401"), **headers).status_code == 404
    assert client.get(ranking_url("GM0034"), {"theme": THEME}, **headers).status_code == 404


@pytest.mark.parametrize("code", ["GM0489", "BU04890101", "wijk", "WK0489011", "%20"])
def test_a_code_that_is_not_a_wijk_gives_404_that_says_what_a_code_is(
    client: Any, api_auth: Any, reader: Any, data: Any, code: str
) -> None:
    response = client.get(wijk_url(code), **api_auth(reader))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == {
        "code": ["Geef de CBS-code van een wijk, bijvoorbeeld WK034401."]
    }


def test_an_unknown_wijk_gives_404(client: Any, api_auth: Any, reader: Any, data: Any) -> None:
    assert client.get(wijk_url("WK048999"), **api_auth(reader)).status_code == 404


@pytest.mark.parametrize(
    ("code", "query", "field", "status"),
    [
        ("WK048901", {"theme": THEME}, "code", 404),
        ("GM04", {"theme": THEME}, "code", 404),
        ("GM0489", {}, "theme", 400),
        ("GM0489", {"theme": "bestaat-niet"}, "theme", 400),
    ],
)
def test_bad_ranking_input(
    client: Any,
    api_auth: Any,
    reader: Any,
    data: Any,
    code: str,
    query: Any,
    field: str,
    status: int,
) -> None:
    response = client.get(ranking_url(code), query, **api_auth(reader))
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert list(response.json()["errors"]) == [field]


def test_a_theme_without_a_count_indicator_gives_400(
    client: Any, api_auth: Any, reader: Any, data: Any
) -> None:
    response = client.get(ranking_url(), {"theme": "vechtscheiding"}, **api_auth(reader))
    assert response.status_code == 400
    message = (
        "Aan het thema (Vecht)scheiding zijn geen aantallen van het CBS en geen beschikkingen "
        "gekoppeld."
    )
    assert response.json()["errors"] == {"theme": [message]}


def test_the_endpoints_are_in_the_openapi_document(client: Any) -> None:
    document = client.get(reverse("api:openapi")).json()
    wijk = document["paths"]["/api/v1/organisations/{slug}/wijkbeeld/wijken/{code}/"]["get"]
    assert wijk["security"] == [{"token": []}]
    ranking = document["paths"]["/api/v1/organisations/{slug}/wijkbeeld/gemeenten/{code}/ranking/"]
    theme = next(p for p in ranking["get"]["parameters"] if p["name"] == "theme")
    assert theme["required"] is True
