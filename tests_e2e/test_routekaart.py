"""The routekaart in the browser: Dock Zuidwest's Dichterswijk project and its pages.

A medewerker of Dock (a welfare organisation: no two-factor login) opens
Projecten from the organisation menu, the demo project with its four steps
and ten partners, partner management with the confirmation before removing,
"wie is aan zet?" and the new-project form. axe on every page, at 320 and
1280 px; at 320 px no page scrolls sideways (WCAG 1.4.10).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests_e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e


def _check(page: Page) -> None:
    assert_accessible(page)
    if page.viewport_size and page.viewport_size["width"] <= 320:
        assert_no_horizontal_scroll(page)


def _routekaart(page: Page) -> None:
    login(page, "dock@zuidwest.demo")
    page.goto("/o/dock-zuidwest/")
    with page.expect_navigation():
        page.get_by_role("link", name="Projecten", exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name="Projecten")).to_be_visible()
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Samen één straat in de Dichterswijk").click()
    expect(page.locator("ol.steps > li")).to_have_count(4)
    expect(page.locator('ol.steps > li[aria-current="step"]')).to_contain_text("Plan van aanpak")
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Partners beheren").click()
    expect(page.get_by_role("heading", level=1, name="Partners")).to_be_visible()
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Weghalen\s+GGZ-team")).click()
    expect(page.get_by_role("heading", level=1, name="Partner weghalen")).to_be_visible()
    _check(page)
    page.goto("/o/dock-zuidwest/projecten/")
    with page.expect_navigation():
        page.get_by_role("link", name="Samen één straat in de Dichterswijk").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Vastleggen wie aan zet is").click()
    expect(page.get_by_role("heading", level=1, name="Wie is aan zet?")).to_be_visible()
    _check(page)
    page.goto("/o/dock-zuidwest/projecten/nieuw/")
    expect(page.get_by_role("heading", level=1, name="Nieuw project")).to_be_visible()
    _check(page)


def test_routekaart_at_320_px(small_page: Page, demo: None) -> None:
    _routekaart(small_page)


def test_routekaart_at_1280_px(page: Page, demo: None) -> None:
    _routekaart(page)
