"""Client addresses behind trusted proxies, and the hash that stands in for them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import RequestFactory

from collectief.lib.clients import client_address, client_key


def _request(remote: str = "198.51.100.9", xff: str | None = None, agent: str = "A"):
    extra = {"REMOTE_ADDR": remote, "HTTP_USER_AGENT": agent}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request(xff="203.0.113.1")) == "198.51.100.9"


@pytest.mark.parametrize(
    ("count", "xff", "expected"),
    [
        # nginx appends the address it was connected from: the last entry.
        (1, "203.0.113.1", "203.0.113.1"),
        # A client that forges the header only adds entries on the left.
        (1, "10.9.9.9, 203.0.113.1", "203.0.113.1"),
        # Two proxies (a load balancer, then nginx): the second entry from the right.
        (2, "10.9.9.9, 203.0.113.1, 10.0.0.2", "203.0.113.1"),
        # Ports and IPv6 brackets as some proxies write them.
        (1, "203.0.113.1:50123", "203.0.113.1"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_trusted_proxies_are_followed_from_the_right(settings, count, xff, expected) -> None:
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(_request(remote="10.0.0.1", xff=xff)) == expected


@pytest.mark.parametrize("xff", ["", "not-an-address", " , "])
def test_missing_or_garbled_header_falls_back_to_the_peer(settings, xff) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(remote="10.0.0.1", xff=xff)) == "10.0.0.1"


def test_fewer_hops_than_proxies_falls_back_to_the_peer(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request(remote="10.0.0.1", xff="203.0.113.1")) == "10.0.0.1"


def test_key_depends_on_address_scope_and_day_only(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    day = datetime(2026, 12, 1, 12, tzinfo=UTC)
    key = client_key(_request(agent="Firefox"), "survey:1", now=day)
    assert key == client_key(_request(agent="Safari"), "survey:1", now=day)
    assert key != client_key(_request(remote="198.51.100.10"), "survey:1", now=day)
    assert key != client_key(_request(), "survey:2", now=day)
    assert key != client_key(_request(), "survey:1", now=datetime(2026, 12, 2, 12, tzinfo=UTC))
    assert "198.51.100.9" not in key and len(key) == 40
    int(key, 16)  # hexadecimal: nothing of the address in it
