"""Samen duiden in the browser: Het Badhuis reads its bewonersmeting together.

A medewerker of the Badhuis sees the open actions on the home page, opens
Samen duiden from the organisation menu, the demo session, and walks the
presentation with the keyboard only: → to the next effect, ← back. axe on
every page, at 320 and 1280 px; at 320 px no page scrolls sideways (WCAG
1.4.10). The Waardendriehoek page with its triangle and table is checked too.
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


def _samen_duiden(page: Page) -> None:
    login(page, "medewerker@badhuis.demo")
    page.goto("/o/het-badhuis/")
    panel = page.get_by_role("region", name="Acties uit samen duiden")
    expect(panel.get_by_role("listitem")).to_have_count(2)
    expect(panel).to_contain_text("Jan Willem")
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Samen duiden", exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name="Samen duiden")).to_be_visible()
    _check(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Waardendriehoek met vrijwilligers en bestuur").click()
    expect(page.get_by_role("img", name=re.compile("Waardendriehoek"))).to_be_visible()
    expect(page.get_by_role("table", name="Scores van 7 deelnemers")).to_be_visible()
    _check(page)

    page.go_back()
    with page.expect_navigation():
        page.get_by_role("link", name="Samen duiden: de bewonersmeting").first.click()
    expect(
        page.get_by_role("heading", level=1, name="Samen duiden: de bewonersmeting")
    ).to_be_visible()
    _check(page)

    # The presentation: one effect per page, with the keyboard only.
    with page.expect_navigation():
        page.get_by_role("link", name="Presentatie starten").click()
    first = page.get_by_role("heading", level=1).inner_text()
    expect(page.get_by_text("effect 1 van 3")).to_be_visible()
    expect(page.get_by_role("table", name="Deel dat het (helemaal) eens is")).to_be_visible()
    _check(page)
    with page.expect_navigation():
        page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"/presentatie/2/$"))
    expect(page.get_by_text("effect 2 van 3")).to_be_visible()
    assert page.get_by_role("heading", level=1).inner_text() != first
    _check(page)
    with page.expect_navigation():
        page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"/presentatie/3/$"))
    # The last effect: → does nothing, the way back is a link.
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"/presentatie/3/$"))
    expect(page.get_by_role("link", name="Terug naar de sessie")).to_be_visible()
    with page.expect_navigation():
        page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"/presentatie/2/$"))
    with page.expect_navigation():
        page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("heading", level=1)).to_have_text(first)
    # Tab reaches the navigation links (no keyboard trap in presentation mode).
    next_link = page.get_by_role("link", name=re.compile("Volgend effect"))
    for _ in range(40):
        page.keyboard.press("Tab")
        if next_link.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("Volgend effect is not reachable with Tab")


def test_samen_duiden_at_320_px(small_page: Page, demo: None) -> None:
    _samen_duiden(small_page)


def test_samen_duiden_at_1280_px(page: Page, demo: None) -> None:
    _samen_duiden(page)
