"""Errors of the API are RFC 9457 problem details in Dutch, never HTML or a 500 (issue 8 point 14)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["type"] == "about:blank"
    assert body["title"] and body["detail"] == body["error"]
    return body


def test_unknown_api_path_is_a_problem_not_an_html_page(client: Client):
    body = assert_problem(client.get("/api/v1/bestaat-niet/"), 404)
    assert body["title"] == "Niet gevonden"
    assert_problem(client.get("/api/v1/organisations/bestaat-niet/"), 404)
    assert_problem(client.get("/api/v1/hsds/services/niet-een-uuid"), 404)


def test_wrong_method_and_missing_token(client: Client, own_org):
    response = client.delete("/api/v1/organisations/")
    assert_problem(response, 405)
    assert response["Allow"] == "GET"
    body = assert_problem(client.get("/api/v1/organisations/own-org/surveys/"), 401)
    assert body["title"] == "Niet ingelogd"
    assert_problem(client.get("/api/v1/", HTTP_AUTHORIZATION="Bearer fout"), 401)


@pytest.mark.parametrize(
    "query",
    [
        {"page": "9" * 5000},
        {"page": "0"},
        {"page": "-1"},
        {"page": "x"},
        {"per_page": "201"},
        {"per_page": "0"},
        {"per_page": "9" * 40},
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/organisations/", "/api/v1/hsds/services"])
def test_bad_paging_is_refused_as_documented(client: Client, path, query):
    body = assert_problem(client.get(path, query), 400)
    assert "page" in body["detail"]


def test_documented_maximum_is_accepted(client: Client):
    assert client.get("/api/v1/organisations/", {"per_page": "200"}).status_code == 200
    assert client.get("/api/v1/areas/", {"per_page": "1000"}).status_code == 200
    assert_problem(client.get("/api/v1/areas/", {"per_page": "1001"}), 400)
    document = client.get("/api/v1/openapi.json").json()
    areas = document["paths"]["/api/v1/areas/"]["get"]["parameters"]
    assert next(p for p in areas if p["name"] == "per_page")["schema"]["maximum"] == 1000


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01T10:00:00", "gisteren"])
def test_impossible_date_is_a_problem(client: Client, value):
    body = assert_problem(client.get("/api/v1/hsds/services", {"modified_after": value}), 400)
    assert "modified_after" in body["detail"]


def test_document_describes_problem_details(client: Client):
    document = client.get("/api/v1/openapi.json").json()
    error = document["components"]["responses"]["Error"]["content"]
    assert list(error) == [PROBLEM]
