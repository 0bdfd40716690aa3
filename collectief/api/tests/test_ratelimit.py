"""The API answers 429 with problem details and Retry-After when a caller asks too often."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from collectief.api.ratelimit import seconds_to_next_hour
from collectief.api.tests.test_problems import assert_problem
from collectief.ratelimits.models import RateBucket

pytestmark = pytest.mark.django_db


@override_settings(API_REQUESTS_PER_HOUR=3)
def test_an_address_without_a_token_gets_429_after_the_limit(client: Client) -> None:
    for _ in range(3):
        assert client.get("/api/v1/areas/").status_code == 200
    response = client.get("/api/v1/organisations/")
    body = assert_problem(response, 429)
    assert body["title"] == "Te veel verzoeken"
    assert body["detail"].startswith("Te veel verzoeken. Probeer het over ")
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 3600
    # Another address has its own count.
    assert client.get("/api/v1/areas/", REMOTE_ADDR="192.0.2.9").status_code == 200
    # No address is stored, only a salted hash.
    assert not RateBucket.objects.filter(client__contains="127.0.0.1").exists()


@override_settings(API_REQUESTS_PER_HOUR=2)
def test_a_token_has_its_own_count_apart_from_its_address(
    client: Client, api_auth: Any, staff: Any
) -> None:
    headers = api_auth(staff)
    for _ in range(2):
        assert client.get("/api/v1/areas/").status_code == 200
    assert_problem(client.get("/api/v1/areas/"), 429)
    # The same address with a token: counted by the token, not refused.
    for _ in range(2):
        assert client.get("/api/v1/areas/", **headers).status_code == 200
    assert_problem(client.get("/api/v1/areas/", **headers), 429)
    # An invalid token is refused as such, not counted as a token.
    assert_problem(client.get("/api/v1/areas/", HTTP_AUTHORIZATION="Bearer fout"), 401)


@override_settings(API_REQUESTS_PER_HOUR=0)
def test_zero_switches_the_limit_off(client: Client) -> None:
    for _ in range(5):
        assert client.get("/api/v1/areas/").status_code == 200
    assert not RateBucket.objects.exists()


def test_retry_after_is_the_start_of_the_next_hour() -> None:
    now = datetime.datetime(2026, 12, 1, 10, 59, 30, tzinfo=datetime.UTC)
    assert seconds_to_next_hour(now) == 30
    assert seconds_to_next_hour(now.replace(minute=0, second=0)) == 3600
    assert 1 <= seconds_to_next_hour(timezone.now()) <= 3600


def test_the_document_describes_429() -> None:
    from collectief.api.openapi import build_document

    operation = build_document()["paths"]["/api/v1/areas/"]["get"]
    assert operation["responses"]["429"] == {"$ref": "#/components/responses/TooManyRequests"}
