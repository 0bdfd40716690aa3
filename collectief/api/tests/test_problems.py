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


def test_a_parameter_given_twice_is_refused(client: Client):
    """Django would take the last value; the document says one (schemathesis found it)."""
    body = assert_problem(client.get("/api/v1/areas/?per_page=[]&per_page=10"), 400)
    assert body["detail"] == "per_page mag maar één keer in het adres staan."
    assert client.get("/api/v1/areas/?per_page=10").status_code == 200


def test_filters_with_a_fixed_set_of_values_are_documented_as_such(client: Client):
    from collectief.api.openapi import build_document

    paths = build_document()["paths"]
    params = {p["name"]: p["schema"] for p in paths["/api/v1/areas/"]["get"]["parameters"]}
    assert params["level"]["enum"] == ["", "gemeente", "wijk", "buurt"]
    params = {p["name"]: p["schema"] for p in paths["/api/v1/organisations/"]["get"]["parameters"]}
    assert "" in params["kind"]["enum"] and len(params["kind"]["enum"]) > 2
    assert_problem(client.get("/api/v1/areas/?level=stad"), 400)
    assert client.get("/api/v1/areas/?level=").status_code == 200


def test_form_bounds_are_in_the_document():
    from collectief.api.openapi import build_document

    operation = build_document()["paths"]["/api/v1/organisations/{slug}/surveys/"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema["properties"]["max_responses"]["minimum"] == 0


def test_an_unknown_area_filter_is_not_found(client: Client):
    body = assert_problem(client.get("/api/v1/hsds/services?area=Atlantis"), 404)
    assert "Er is geen gebied met de naam 'Atlantis'" in body["detail"]
    assert client.get("/api/v1/hsds/services?taxonomy_id=").status_code == 200


def test_a_body_with_unknown_fields_is_documented_as_closed():
    from collectief.api.openapi import build_document

    paths = build_document()["paths"]
    figures = paths["/api/v1/organisations/{slug}/figures/"]["post"]
    surveys = paths["/api/v1/organisations/{slug}/surveys/"]["post"]
    body = figures["requestBody"]["content"]["application/json"]["schema"]
    assert body["additionalProperties"] is False
    assert (
        "additionalProperties"
        not in surveys["requestBody"]["content"]["application/json"]["schema"]
    )


def test_a_post_to_a_collection_is_documented_as_answering_the_created_item():
    from collectief.api.openapi import build_document

    paths = build_document()["paths"]
    for path in ("/api/v1/organisations/{slug}/surveys/", "/api/v1/organisations/{slug}/figures/"):
        created = paths[path]["post"]["responses"]["201"]["content"]["application/json"]
        listed = paths[path]["get"]["responses"]["200"]["content"]["application/json"]
        assert created["schema"]["type"] == "object" and "id" in created["schema"]["properties"]
        assert created != listed
