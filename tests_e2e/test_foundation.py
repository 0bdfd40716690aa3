"""Main flows of the foundation in a real browser, with accessibility checks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests_e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e

DOWNLOADS = (".pdf", ".svg", ".csv", ".xlsx", ".json", ".zip")


def test_home_page_shows_the_three_initiatives(page: Page, demo: None) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    for name in ["Het Badhuis", "Ontmoetingscentrum De Sleutel", "Buurttuin Kempenaar"]:
        expect(page.get_by_role("link", name=name)).to_be_visible()
    assert_accessible(page)


def test_skip_link_is_the_first_stop_and_moves_focus(page: Page, demo: None) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_pages_fit_a_320_pixel_screen(small_page: Page, demo: None) -> None:
    for path in ["/", "/gebieden/", "/organisaties/het-badhuis/", "/accounts/login/"]:
        small_page.goto(path)
        assert_no_horizontal_scroll(small_page)


def test_admin_invites_a_member_with_the_keyboard(page: Page, demo: None) -> None:
    login(page, "beheerder@badhuis.demo")
    page.goto("/o/het-badhuis/leden/")
    assert_accessible(page)
    page.get_by_role("link", name="Iemand uitnodigen").click()
    assert_accessible(page)
    page.get_by_role("button", name="Uitnodiging versturen").click()
    # The error summary gets focus and names the field.
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill("nieuw@badhuis.demo")
    page.get_by_label("Lezer").check()
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("listitem").filter(has_text="nieuw@badhuis.demo")).to_be_visible()


def test_wijkteam_member_must_set_up_two_factor_login(page: Page, demo: None) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill("wijkteam@almere.demo")
    page.get_by_label("Wachtwoord").fill("collectief-demo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/|/mijn/|/o/"))
    page.goto("/o/wijkteam-almere/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    assert_accessible(page)


def test_reachable_demo_pages_have_no_serious_accessibility_problems(
    page: Page, demo: None
) -> None:
    """Crawl every same-site link reachable from the home page and the admin's pages."""
    login(page, "beheerder@badhuis.demo")
    to_visit = ["/", "/o/het-badhuis/", "/mijn/", "/api/v1/docs/", "/api/tokens/"]
    seen: set[str] = set()
    skip = ("/accounts/logout", "/beheer/", "/api/v1/openapi.json", "/static/", "/media/")
    while to_visit and len(seen) < 80:
        path = to_visit.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(path)
        assert response is not None
        content_type = response.headers.get("content-type", "")
        if "text/html" not in content_type:
            continue
        assert response.status < 400, f"{path} answered {response.status}"
        assert_accessible(page)
        for href in page.eval_on_selector_all(
            "main a[href^='/'], nav a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
        ):
            clean = href.split("#")[0]
            is_download = clean.rsplit("/", 1)[-1].endswith(DOWNLOADS)
            if (
                clean
                and clean not in seen
                and not clean.startswith(skip)
                and "?" not in clean
                and not is_download
            ):
                to_visit.append(clean)
    assert len(seen) > 5
