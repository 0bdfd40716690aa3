"""The gemeente's first page, a shared result and the randvoorwaardenscan in the browser.

The demo gemeente (Haarlem, two-factor login) lands on Mijn wijken, opens what
Het Badhuis shares (its veranderverhaal and its survey results); Dock opens the
Dichterswijk scan with its disagreements and the form to fill it in. axe on every
page; at 320 px no page scrolls sideways (WCAG 1.4.10).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests_e2e.conftest import (
    assert_accessible,
    assert_no_horizontal_scroll,
    login,
    set_up_two_factor,
)

pytestmark = pytest.mark.e2e


def _check(page: Page) -> None:
    assert_accessible(page)
    if page.viewport_size and page.viewport_size["width"] <= 320:
        assert_no_horizontal_scroll(page)


def _gemeente(page: Page) -> None:
    login(page, "gemeente@haarlem.demo")
    set_up_two_factor(page)
    page.goto("/o/gemeente-haarlem/gemeente/")
    expect(page.get_by_role("heading", level=1, name="Mijn wijken")).to_be_visible()
    expect(
        page.get_by_role("link", name="Ouderen ontmoeten elkaar in het Zijlwegkwartier")
    ).to_be_visible()
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Veranderverhaal: ")).click()
    expect(page.get_by_role("heading", level=1, name="Veranderverhaal")).to_be_visible()
    _check(page)
    page.goto("/o/gemeente-haarlem/gemeente/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Resultaten van een vragenlijst: ")).click()
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Resultaten: "))).to_be_visible()
    _check(page)


def _scan(page: Page) -> None:
    login(page, "dock@zuidwest.demo")
    page.goto("/o/dock-zuidwest/projecten/")
    with page.expect_navigation():
        page.get_by_role("link", name="Samen één straat in de Dichterswijk").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Open de randvoorwaardenscan").click()
    expect(
        page.get_by_role("heading", level=2, name="Waar jullie het oneens zijn")
    ).to_be_visible()
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Vul de scan in voor ")).click()
    expect(
        page.get_by_role("heading", level=1, name="Randvoorwaardenscan invullen")
    ).to_be_visible()
    _check(page)


def test_gemeente_at_1280_px(page: Page, demo: None) -> None:
    _gemeente(page)


def test_scan_at_320_px(small_page: Page, demo: None) -> None:
    _scan(small_page)
