"""Maatschappelijke waarde in a real browser: De Sleutel's illustration, its assumptions,
the sensitivity chart with its table, and an outcome typed wrong with the keyboard;
axe on every page and no sideways scrolling at 320 px."""

from __future__ import annotations

import os
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests_e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e

ADMIN = "beheerder@desleutel.demo"
OVERVIEW = "/o/de-sleutel/waarde/"


@pytest.fixture
def valuation_demo(transactional_db: None, live_server: Any) -> None:
    """Only the demo parts this feature needs; the server answers one request first.

    The first request to a fresh live server imports every view and template (about
    ten seconds on a busy machine), longer than a page's navigation timeout.
    """
    from collectief.accounts.demo import load_demo as load_accounts
    from collectief.areas.demo import load_demo as load_areas
    from collectief.changestories.demo import load_demo as load_stories
    from collectief.figures.demo import load_demo as load_figures
    from collectief.valuation.demo import load_demo as load_valuation

    with open(os.devnull, "w") as devnull:
        load_areas(devnull)
        load_accounts(devnull)
        load_stories(devnull)
        load_figures(devnull)
        load_valuation(devnull)
    assert httpx.get(live_server.url + "/accounts/login/", timeout=120).status_code == 200


def test_read_the_value_and_its_assumptions(page: Page, valuation_demo: None) -> None:
    login(page, ADMIN)
    page.goto(OVERVIEW)
    expect(page.get_by_role("heading", level=1, name="Maatschappelijke waarde")).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text("Illustratie")
    expect(page.get_by_text("Per geïnvesteerde euro: ongeveer")).to_be_visible()
    expect(page.get_by_text("van deze waarde rust op schattingen (rood)")).to_be_visible()
    # The assumptions are one click away, on the same page.
    page.get_by_role("link", name="Bekijk de aannames").click()
    expect(page.get_by_role("table", name="Effectenkaart (impact map)")).to_contain_text(
        "Minder eenzaam, meer verbonden"
    )
    for title in ("Vervangingswaarde", "Investeringswaarde", "Marktwaarde"):
        expect(page.get_by_role("heading", level=3, name=title)).to_be_visible()
    page.get_by_text("Wat is dit getal, en wat is het niet?").click()
    expect(page.get_by_text("Het is geen geld op de bank.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Hoe zeker is dit?").first.click()
    expect(page.get_by_role("heading", level=1, name="Hoe zeker is dit?")).to_be_visible()
    expect(page.get_by_role("img", name="Tornadodiagram")).to_be_visible()
    expect(
        page.get_by_role("table", name="Alle aannames, met de meeste invloed bovenaan")
    ).to_contain_text("Disconteringsvoet")
    assert_accessible(page)


def test_add_an_outcome_with_the_keyboard_on_a_small_screen(
    small_page: Page, valuation_demo: None
) -> None:
    page = small_page
    login(page, ADMIN)
    page.goto(OVERVIEW)
    assert_no_horizontal_scroll(page)
    page.get_by_role("link", name="Uitkomst toevoegen").click()
    expect(page.get_by_role("heading", level=1, name="Uitkomst toevoegen")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Uitkomst", exact=True).fill("Meer zelfvertrouwen")
    page.get_by_label("Voor wie").fill("vrijwilligers")
    page.get_by_label("Aantal (Q)").fill("veel")
    page.get_by_label("Waarde per persoon (P) in euro").fill("300")
    page.get_by_label("Duur in jaren (D)").fill("200")
    page.get_by_label("rood: een schatting").check()
    page.get_by_label("25 % – anderen hielpen een beetje mee").check()
    page.get_by_role("button", name="Opslaan").press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Zeg waar dit getal vandaan komt")
    expect(summary).to_contain_text("De duur is minstens 1")
    expect(page.get_by_label("Uitkomst", exact=True)).to_have_value("Meer zelfvertrouwen")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    page.get_by_label("Aantal (Q)").fill("6")
    page.get_by_label("Duur in jaren (D)").fill("1")
    page.get_by_label("Bron van de waarde per persoon").fill("Schatting in het bestuur")
    page.get_by_role("button", name="Opslaan").press("Enter")
    expect(page.get_by_role("heading", level=1, name="Maatschappelijke waarde")).to_be_visible()
    expect(page.get_by_role("table", name="Effectenkaart (impact map)")).to_contain_text(
        "Meer zelfvertrouwen"
    )
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
