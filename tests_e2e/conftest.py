"""Browser tests: Playwright for Python driving Debian's Chromium, with axe-core.

Run with `make e2e`. Each test gets a live server on a fresh database, a
Chromium page (phone-sized with `phone_page`), `login(page, email)` and
`assert_accessible(page)`, which runs axe-core and fails on any serious or
critical violation. Pages also fail on Content-Security-Policy violations
and JavaScript errors, so a forbidden inline script is caught here.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DEMO_PASSWORD = "collectief-demo"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SMALLEST = {"width": 320, "height": 640}
BLOCKING_IMPACTS = {"serious", "critical"}

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _page(browser: Browser, live_server: Any, viewport: dict[str, int]) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="nl-NL")
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: (
            problems.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not problems, f"Browser errors: {problems}"


@pytest.fixture
def page(browser: Browser, live_server: Any, transactional_db: None) -> Iterator[Page]:
    yield from _page(browser, live_server, {"width": 1280, "height": 900})


@pytest.fixture
def phone_page(browser: Browser, live_server: Any, transactional_db: None) -> Iterator[Page]:
    yield from _page(browser, live_server, PHONE)


@pytest.fixture
def small_page(browser: Browser, live_server: Any, transactional_db: None) -> Iterator[Page]:
    yield from _page(browser, live_server, SMALLEST)


def _load_demo() -> None:
    with open(os.devnull, "w") as devnull:
        call_command("demo", force=True, stdout=devnull)


def _sqlite_connection() -> sqlite3.Connection | None:
    """The DB-API connection of the in-memory SQLite test database, or None."""
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        return None
    connection.ensure_connection()
    return connection.connection  # type: ignore[no-any-return]


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target)
    # The copy replaced every row, content types included: forget the cached ones.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(scope="session", autouse=True)
def _migrated_database(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[sqlite3.Connection | None]:
    """A copy of the test database as the migrations left it, before any test ran.

    Autouse, so that it is taken before the first test's flush removes what
    the data migrations added.
    """
    with django_db_blocker.unblock():
        live = _sqlite_connection()
        if live is None:
            yield None
            return
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        live.backup(copy)
    yield copy
    copy.close()


@pytest.fixture(scope="session")
def _demo_database(
    _migrated_database: sqlite3.Connection | None, django_db_blocker: Any
) -> Iterator[sqlite3.Connection | None]:
    """A copy of the test database with the full demo, loaded once per test process.

    Loading the demo takes seconds of CPU; copying the database back takes
    milliseconds. The copy starts from the migrated database (with what the
    data migrations add), as ``collectief demo`` on a new installation does.
    """
    if _migrated_database is None:
        yield None
        return
    with django_db_blocker.unblock():
        live = _sqlite_connection()
        assert live is not None
        _copy(_migrated_database, live)
        _load_demo()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        live.backup(copy)
    yield copy
    copy.close()


@pytest.fixture
def demo(transactional_db: None, _demo_database: sqlite3.Connection | None) -> None:
    """The full demo data (organisations, users, and every app's demo).

    On SQLite (make e2e) the database is replaced by the copy made after one
    demo load; the flush after the test empties it again as before. Other
    databases load the demo for each test.
    """
    live = _sqlite_connection()
    if _demo_database is None or live is None:
        _load_demo()
        return
    _copy(_demo_database, live)


def login(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real login form, with the keyboard."""
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.keyboard.press("Enter")
    # Wait for the navigation itself: right after Enter the login page may still be
    # the current, idle page (a race that failed under load).
    try:
        page.wait_for_url(lambda url: "/accounts/login/" not in url, timeout=20_000)
    except PlaywrightTimeoutError:
        raise AssertionError("login failed") from None
    page.wait_for_load_state("networkidle")


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for this secret."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def set_up_two_factor(page: Page) -> str:
    """On the set-up page: read the secret as a person would type it into the app, confirm.

    Returns the secret. Ends on the page after the recovery codes.
    """
    page.goto("/accounts/2fa/totp/activate/")
    secret_box = page.locator("#authenticator_secret")
    secret = str(secret_box.evaluate("el => el.value || el.textContent")).replace(" ", "").strip()
    page.get_by_label("Code", exact=False).first.fill(totp_code(secret))
    page.keyboard.press("Enter")
    page.wait_for_url("**/recovery-codes/**")
    return secret


def assert_accessible(page: Page, *, context: Any = None) -> None:
    """Run axe-core (WCAG 2.1 A/AA rules) and fail on serious or critical findings."""
    options = {
        "resultTypes": ["violations"],
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    }
    results = Axe().run(page, context=context, options=options)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, f"{page.url}:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
            for n in v["nodes"][:5]
        )
        for v in blocking
    )


def assert_no_horizontal_scroll(page: Page) -> None:
    """At 320 px nothing may force sideways scrolling of the whole page (WCAG 1.4.10)."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{page.url} scrolls sideways by {overflow}px"


@pytest.fixture
def accessible() -> Callable[[Page], None]:
    return assert_accessible
