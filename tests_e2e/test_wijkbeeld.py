"""The wijkbeeld in the browser: from the menu to "Wat speelt er in deze wijk?".

A wijkteam member of Almere (who sets up two-factor login first, as the
wijkteam must) opens Wijkbeeld from the organisation menu and chooses Almere
Haven: CBS figures marked as demo, the rode draden and the provision per
theme, the map of the gemeente's wijken (keyboard) and the trend charts; and
Dock Zuidwest goes from the gap in Zuidwest to the Dichterswijk project and
starts a new project from another gap. The page without two-factor login is
covered by the view tests. axe
on every page, at 320 and 1280 px; at 320 px no page scrolls sideways
(WCAG 1.4.10).
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


def _wijkbeeld(page: Page) -> None:
    login(page, "wijkteam@almere.demo")
    set_up_two_factor(page)
    page.goto("/o/wijkteam-almere/")
    with page.expect_navigation():
        page.get_by_role("link", name="Wijkbeeld", exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name="Wijkbeeld")).to_be_visible()
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Wijk 01 Almere Haven").click()
    expect(
        page.get_by_role("heading", level=1, name="Wat speelt er in deze wijk?")
    ).to_be_visible()
    expect(page.get_by_text("deze cijfers zijn verzonnen voor de demonstratie")).to_be_visible()
    expect(page.get_by_text("Rode draden zie je alleen")).to_have_count(0)
    expect(page.get_by_role("columnheader", name="Rode draden", exact=False)).to_be_visible()
    _check(page)

    # The table of all wijken, sorted by a theme with a link (no script needed).
    page.goto("/o/wijkteam-almere/wijkbeeld/gemeente/GM0034/")
    expect(
        page.get_by_role("heading", level=1, name="Wijken van Almere per thema")
    ).to_be_visible()
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Geldzorgen en schulden", exact=True).click()
    expect(page.locator("th[aria-sort=descending]")).to_have_count(1)
    _check(page)

    # The map of that theme beside the table: every wijk a link, reached with Tab from the
    # theme links above the map, and Enter opens the wijk.
    expect(
        page.get_by_role("heading", level=2, name="Kaart: Geldzorgen en schulden")
    ).to_be_visible()
    map_links = page.locator("svg.map a.map__link")
    expect(map_links).to_have_count(5)
    expect(page.get_by_text("met de hand getekend voor de demonstratie")).to_be_visible()
    page.locator(".map-themes a").last.focus()
    page.keyboard.press("Tab")
    expect(map_links.first).to_be_focused()
    label = map_links.first.get_attribute("aria-label") or ""
    assert "keer zo vaak" in label or "geen vergelijking" in label
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", level=1, name="Wat speelt er in deze wijk?")
    ).to_be_visible()
    # The trend as small line charts, and the beschikkingen compared with the gemeente.
    expect(page.locator("svg.trend").first).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Beschikkingen")).to_be_visible()
    _check(page)


def _dichterswijk(page: Page) -> None:
    """The gap in Zuidwest leads to the demo's Dichterswijk project."""
    login(page, "dock@zuidwest.demo")
    page.goto("/o/dock-zuidwest/wijkbeeld/WK034408/")
    expect(
        page.get_by_role("heading", level=2, name="Kansen voor collectief aanbod")
    ).to_be_visible()
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Bekijk project\W+Samen één straat")).click()
    expect(
        page.get_by_role("heading", level=1, name="Samen één straat in de Dichterswijk")
    ).to_be_visible()
    page.go_back()
    with page.expect_navigation():
        page.get_by_role(
            "link", name=re.compile(r"^Start een collectief project\W+Geldzorgen en schulden")
        ).click()
    expect(page.get_by_label("Wijk", exact=True)).to_have_value("WK034408")
    expect(page.get_by_text("Gestart vanuit een kans voor collectief aanbod")).to_be_visible()
    _check(page)


def test_wijkbeeld_at_320_px(small_page: Page, demo: None) -> None:
    _wijkbeeld(small_page)


def test_wijkbeeld_at_1280_px(page: Page, demo: None) -> None:
    _wijkbeeld(page)


def test_gap_to_project_at_320_px(small_page: Page, demo: None) -> None:
    _dichterswijk(small_page)


def test_gap_to_project_at_1280_px(page: Page, demo: None) -> None:
    _dichterswijk(page)
