from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.test import Client

from collectief.figures import services
from collectief.figures.models import Figure

pytestmark = pytest.mark.django_db

BASE = "/api/v1/organisations/own-org/figures/"


@pytest.fixture
def call(api_auth):
    return lambda user, method, path, body=None: _call(api_auth, user, method, path, body)


def _call(api_auth, user, method, path, body=None):
    client = Client()
    headers = api_auth(user) if user is not None else {}
    return getattr(client, method)(
        path,
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def figure(own_org, staff):
    return services.create_figure(own_org, by=staff, label="vrijwilligers", value=Decimal(94))


def test_reader_lists(reader, figure, call):
    response = call(reader, "get", BASE)
    assert response.status_code == 200
    item = response.json()["results"][0]
    assert (item["label"], item["value"], item["display"]) == (
        "vrijwilligers",
        94,
        "94 vrijwilligers",
    )


def test_anonymous_and_outsider_see_nothing(outsider, figure, call):
    assert call(None, "get", BASE).status_code == 404
    assert call(outsider, "get", BASE).status_code == 404
    assert call(outsider, "get", f"{BASE}{figure.pk}/").status_code == 404


def test_staff_creates_with_form_validation(staff, call):
    ok = call(
        staff,
        "post",
        BASE,
        {
            "label": "baromzet",
            "value": 1825.5,
            "unit": "euro",
            "period": "maand",
            "is_highlighted": True,
        },
    )
    assert ok.status_code == 201, ok.content
    assert ok.json()["display"] == "1.825,5 euro baromzet per maand"
    bad = call(
        staff, "post", BASE, {"label": "x", "value": "veel", "unit": "liter", "period": "periode"}
    )
    assert bad.status_code == 400
    errors = bad.json()["errors"]
    assert {"value", "unit", "period_name"} <= set(errors)
    assert Figure.objects.count() == 1


def test_unknown_fields_are_refused(staff, call):
    response = call(staff, "post", BASE, {"label": "x", "value": 1, "colour": "red"})
    assert response.status_code == 400
    assert "colour" in response.json()["errors"]


def test_reader_cannot_write(reader, figure, call):
    assert call(reader, "post", BASE, {"label": "x", "value": 1}).status_code == 403
    assert call(reader, "patch", f"{BASE}{figure.pk}/", {"value": 3}).status_code == 403
    assert call(reader, "delete", f"{BASE}{figure.pk}/").status_code == 403


def test_writes_need_a_token(figure, call):
    assert call(None, "post", BASE, {"label": "x", "value": 1}).status_code == 401


def test_patch_keeps_other_fields(staff, figure, call):
    services.update_figure(figure, by=staff, is_highlighted=True, qualifier="ruim")
    response = call(staff, "patch", f"{BASE}{figure.pk}/", {"value": 96})
    assert response.status_code == 200, response.content
    figure.refresh_from_db()
    assert (figure.value, figure.is_highlighted, figure.qualifier) == (96, True, "ruim")


def test_put_replaces(staff, figure, call):
    response = call(
        staff,
        "put",
        f"{BASE}{figure.pk}/",
        {"label": "vrijwilligers", "value": "95", "unit": "aantal", "period": "geen"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["value"] == 95


def test_delete(staff, figure, call):
    assert call(staff, "delete", f"{BASE}{figure.pk}/").status_code == 200
    assert not Figure.objects.exists()


def test_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert any("figures" in p for p in paths)
