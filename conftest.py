"""Shared test fixtures: the personas every view test uses.

Personas (one organisation "own", one "other"):
- admin: beheerder of own — may do everything in own.
- staff: medewerker of own — does the work, cannot manage members.
- reader: lezer of own — may only look.
- outsider: beheerder of other — must never see anything of own.
Anonymous visitors are the Django test client without login.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Organisation, Role, User


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests must not reach the internet; local connections stay allowed."""
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in ("127.0.0.1", "localhost", "::1")
            and not host.startswith("/")
        ):
            raise RuntimeError(f"Test tried to connect to {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language (Dutch), as a new process does.

    A test that activates English (a request with the language cookie, the
    CLI's --language en) must not leak it into the next test in the thread.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def own_org(db: None) -> Organisation:
    return OrganisationFactory(slug="own-org", name="Eigen initiatief")


@pytest.fixture
def other_org(db: None) -> Organisation:
    return OrganisationFactory(slug="other-org", name="Ander initiatief")


def _member(organisation: Organisation, role: str, email: str) -> User:
    user = UserFactory(email=email)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def admin(own_org: Organisation) -> User:
    return _member(own_org, Role.ADMIN, "admin@own.test")


@pytest.fixture
def staff(own_org: Organisation) -> User:
    return _member(own_org, Role.STAFF, "staff@own.test")


@pytest.fixture
def reader(own_org: Organisation) -> User:
    return _member(own_org, Role.READER, "reader@own.test")


@pytest.fixture
def outsider(other_org: Organisation) -> User:
    return _member(other_org, Role.ADMIN, "outsider@other.test")


@pytest.fixture
def client_for() -> Iterator[Any]:
    """client_for(user) gives a test client logged in as that user."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    yield make


@pytest.fixture
def api_auth(db: None) -> Any:
    """api_auth(user) gives request headers with a fresh API token of that user.

    A fixture here rather than an import in each app's tests: the domain apps
    (and their tests) sit below the ``api`` app and may not import it.
    """
    from collectief.api.services import create_api_token

    def make(user: User) -> dict[str, str]:
        _token, plain = create_api_token(user=user, name="test", by=user)
        return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}

    return make


@pytest.fixture
def assert_flat_queries(django_assert_num_queries: Any) -> Any:
    """assert_flat_queries(client, url, add_more) fails when a page has an N+1 query.

    ``add_more()`` adds rows of the collection the page shows (and of what each
    row links to). It is called once, the page is read to warm the
    per-process caches and counted; then it is called again and the page must
    need exactly as many queries with twice the rows. (Counting from an empty
    page would miss a query that only runs when there is a first row.)
    Returns the count.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def check(client: Client, url: str, add_more: Any, **get: Any) -> int:
        add_more()
        assert client.get(url, **get).status_code == 200
        with CaptureQueriesContext(connection) as before:
            client.get(url, **get)
        add_more()
        with django_assert_num_queries(len(before)):
            assert client.get(url, **get).status_code == 200
        return len(before)

    return check
