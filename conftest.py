"""Shared test fixtures: the personas every view test uses.

Personas (one organisation "own", one "other"):
- admin: beheerder of own — may do everything in own.
- staff: medewerker of own — does the work, cannot manage members.
- reader: lezer of own — may only look.
- outsider: beheerder of other — must never see anything of own.
Anonymous visitors are the Django test client without login.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import socket
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Organisation, Role, User

ROOT = Path(__file__).resolve().parent
MIGRATED_CACHE_DIR = ROOT / "var" / "test-migrated"


def _migrated_cache_key(migration_modules: str) -> str:
    """What the migrated test database depends on: Python, the packages and our code.

    Every .py file of the project outside the tests counts, not only the
    migrations: a data migration may read any module (the taxonomy lists, the
    area names). Third-party migrations change with the package versions, and
    MIGRATION_MODULES can point an app at other migrations.
    """
    from importlib.metadata import distributions

    digest = hashlib.sha256(sys.version.encode())
    digest.update(migration_modules.encode())
    digest.update(sqlite3.sqlite_version.encode())
    for dist in sorted(distributions(), key=lambda d: str(d.metadata["Name"])):
        digest.update(f"{dist.metadata['Name']}=={dist.version}\n".encode())
    for path in sorted((ROOT / "collectief").rglob("*.py")):
        if "tests" not in path.relative_to(ROOT).parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def _reuse_migrated_sqlite() -> None:
    """Migrate an in-memory SQLite test database once per code version, then copy it.

    Migrating takes more than 30 s of CPU (Django renders the model states of
    100 migrations), and every test process creates its own database: two
    for the suite, two for the browser tests. The first process to migrate
    saves the result under var/test-migrated/ (a lock makes the other wait
    for it); the others copy it in, which takes milliseconds. PostgreSQL
    always migrates for real, so CI still runs every migration there.
    """
    from django.conf import settings
    from django.core.management.commands import migrate
    from django.db import connections
    from django.db.backends.base.creation import BaseDatabaseCreation

    original = migrate.Command.handle
    original_create = BaseDatabaseCreation.create_test_db
    creating: list[str] = []

    def create_test_db(self: Any, *args: Any, **kwargs: Any) -> Any:
        creating.append(self.connection.alias)
        try:
            return original_create(self, *args, **kwargs)
        finally:
            creating.pop()

    def handle(self: Any, *args: Any, **options: Any) -> Any:
        # Only the migrate that creates a test database: a test that runs
        # migrate itself (test_mention_counts) gets the real command.
        # Nor with --nomigrations: pytest-django then replaces MIGRATION_MODULES
        # with an object that turns every migration off, and the tables made
        # without the data migrations must not be saved as the migrated database.
        alias = options.get("database") or "default"
        connection = connections[alias]
        if (
            alias not in creating
            or connection.vendor != "sqlite"
            or not connection.is_in_memory_db()
            or not isinstance(settings.MIGRATION_MODULES, dict)
        ):
            return original(self, *args, **options)
        MIGRATED_CACHE_DIR.mkdir(parents=True, exist_ok=True)
        key = _migrated_cache_key(repr(sorted(settings.MIGRATION_MODULES.items())))
        cached = MIGRATED_CACHE_DIR / f"{key}.sqlite3"
        with open(MIGRATED_CACHE_DIR / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            connection.ensure_connection()
            if cached.exists():
                source = sqlite3.connect(cached)
                try:
                    source.backup(connection.connection)
                finally:
                    source.close()
                from django.contrib.contenttypes.models import ContentType

                ContentType.objects.clear_cache()
                return None
            result = original(self, *args, **options)
            partial = cached.with_suffix(f".{os.getpid()}.part")
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
            partial.replace(cached)
            for older in MIGRATED_CACHE_DIR.glob("*.sqlite3"):
                if older != cached:
                    older.unlink(missing_ok=True)
            return result

    BaseDatabaseCreation.create_test_db = create_test_db  # type: ignore[method-assign]
    migrate.Command.handle = handle  # type: ignore[method-assign]


def pytest_configure(config: pytest.Config) -> None:
    _reuse_migrated_sqlite()


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


@pytest.fixture(scope="module")
def module_db(django_db_setup: None, django_db_blocker: Any) -> Iterator[Callable[..., Any]]:
    """module_db(write) writes rows once that every test of the module reads.

    Django's ``setUpTestData`` for pytest: a transaction stays open for the
    whole module and ``write()`` runs inside it; each test's own transaction
    (the ``db`` fixture) is a savepoint within it, so what a test changes is
    undone after that test, and the shared rows are undone after the module.
    Loading the demo once per module instead of once per test saves seconds
    per test. Database access stays blocked outside ``write()`` and the
    tests that ask for ``db``. Not for a module with ``transactional_db``
    tests: they commit, and the open transaction would hold their rows.
    """
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()

    def write(function: Callable[[], Any]) -> Any:
        with django_db_blocker.unblock():
            return function()

    try:
        yield write
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
