"""Area pages in a real browser: search, breadcrumb, keyboard, accessibility."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests_e2e.conftest import assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.e2e


def test_search_an_area_and_open_it_with_the_keyboard(page: Page, demo: None) -> None:
    page.goto("/gebieden/")
    expect(page.get_by_role("heading", level=1, name="Gebieden")).to_be_visible()
    assert_accessible(page)
    search = page.get_by_label("Zoek op naam of CBS-code")
    search.fill("zijlweg")
    search.press("Enter")
    link = page.get_by_role("link", name="Zijlwegkwartier")
    expect(link).to_be_visible()
    assert_accessible(page)
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Zijlwegkwartier")).to_be_visible()
    breadcrumb = page.get_by_role("navigation", name="Je bent hier")
    expect(breadcrumb.get_by_role("link", name="Haarlem")).to_be_visible()
    expect(page.get_by_role("link", name="Het Badhuis")).to_be_visible()
    assert_accessible(page)


def test_no_result_and_gemeente_page(page: Page, demo: None) -> None:
    page.goto("/gebieden/?q=atlantis")
    expect(page.get_by_text("Geen gebied gevonden")).to_be_visible()
    assert_accessible(page)
    page.goto("/gebieden/GM0392/")
    expect(page.get_by_role("heading", level=2, name="Wijken")).to_be_visible()
    expect(page.get_by_role("link", name="Oude Stad")).to_be_visible()
    assert_accessible(page)


def test_area_pages_fit_320_pixels(small_page: Page, demo: None) -> None:
    for path in ["/gebieden/", "/gebieden/?q=wijk", "/gebieden/GM0392/", "/gebieden/BU03920301/"]:
        small_page.goto(path)
        assert_no_horizontal_scroll(small_page)
