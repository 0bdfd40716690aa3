"""Sociale kaart in a real browser: the wijkteam question, keyboard only, axe checks."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests_e2e.conftest import assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.e2e


def _area_label(page: Page) -> str:
    """Kesteren when the demo areas have the buurt, else the wijk De Sleutel is placed in."""
    labels = page.locator("#id_gebied option").all_inner_texts()
    for wanted in ("Kesteren", "Haagse Beemden", "Breda noord-west"):
        for label in labels:
            if label.strip("– ").strip() == wanted:
                return label
    raise AssertionError(f"No Breda area for De Sleutel in {labels}")


def test_wijkteam_question_with_the_keyboard(page: Page, demo: None) -> None:
    """'Is er iets voor eenzame ouderen in Kesteren op dinsdag, gratis en zonder verwijzing?'"""
    page.goto("/sociale-kaart/")
    expect(page.get_by_role("heading", level=1, name="Sociale kaart")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Zoekwoorden").focus()
    page.keyboard.type("eenzaam")
    page.locator("#id_gebied").select_option(label=_area_label(page))
    page.locator("#id_doelgroep").select_option(label="Ouderen")
    page.locator("#id_dag").select_option(label="dinsdag")
    for name in ("Gratis", "Geen verwijzing nodig"):
        page.get_by_label(name, exact=True).focus()
        page.keyboard.press("Space")
    page.get_by_role("button", name="Zoeken").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    results = page.get_by_role("heading", level=2, name="Resultaten").locator("..")
    link = results.get_by_role("link", name="Koffie-inloop")
    expect(link).to_be_visible()
    expect(results.get_by_role("link", name="Kringloopwinkel")).to_have_count(0)
    assert_accessible(page)
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Koffie-inloop")).to_be_visible()
    expect(page.get_by_text("Kom gewoon langs, je hebt geen verwijzing nodig")).to_be_visible()
    assert_accessible(page)


def test_agenda_print_coverage_and_embed(page: Page, demo: None) -> None:
    page.goto("/sociale-kaart/agenda/?wanneer=week")
    expect(page.get_by_role("heading", level=1, name="Wat is er deze week")).to_be_visible()
    assert_accessible(page)
    page.goto("/sociale-kaart/afdrukken/?gebied=GM0392")
    expect(page.get_by_role("heading", level=2, name="Het huiskamerproject")).to_be_visible()
    assert_accessible(page)
    page.goto("/sociale-kaart/dekking/?gemeente=GM0034")
    expect(page.get_by_role("table")).to_be_visible()
    assert_accessible(page)


def test_search_page_on_the_smallest_screen(small_page: Page, demo: None) -> None:
    small_page.goto("/sociale-kaart/?q=koffie")
    expect(small_page.get_by_role("heading", level=2, name="Resultaten")).to_be_visible()
    assert_no_horizontal_scroll(small_page)
    assert_accessible(small_page)


def _coverage_checks(page: Page) -> None:
    page.goto("/sociale-kaart/dekking/?gemeente=GM0758")
    table = page.get_by_role("table")
    expect(table).to_be_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    region = page.locator(".coverage-wrap")
    # The table scrolls inside its own box; its header row and district column stay put.
    region.evaluate(
        "box => { box.scrollTop = box.scrollHeight; box.scrollLeft = box.scrollWidth; }"
    )
    header = page.locator(".coverage thead th").first
    first_cell = page.locator(".coverage tbody th").first
    box = region.bounding_box()
    assert box is not None
    for sticky in (header, first_cell):
        bounds = sticky.bounding_box()
        assert bounds is not None
        assert bounds["x"] >= box["x"] - 1 and bounds["y"] >= box["y"] - 1
    # A number leads to exactly that many results.
    region.evaluate("box => { box.scrollTop = 0; box.scrollLeft = 0; }")
    link = page.locator("a.coverage__here").first
    number = link.inner_text().split()[0]
    link.click()
    expect(page.get_by_role("status").first).to_contain_text(f"{number} activiteit")


def test_coverage_fits_1280(page: Page, demo: None) -> None:
    _coverage_checks(page)
    page.goto("/sociale-kaart/dekking/?gemeente=GM0758")
    # At 1280 px the whole table is visible without scrolling sideways in its box.
    overflow = page.locator(".coverage-wrap").evaluate("box => box.scrollWidth - box.clientWidth")
    assert overflow <= 1, f"the coverage table is {overflow}px too wide"


def test_coverage_usable_at_320(small_page: Page, demo: None) -> None:
    _coverage_checks(small_page)
