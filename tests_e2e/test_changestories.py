"""Veranderverhaal in a real browser: a volunteer writes a change story from
scratch on a phone with the keyboard only, using the examples, then prints
the poster. Every page is checked with axe-core."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from tests_e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e

STAFF = "medewerker@badhuis.demo"
BASE = "/o/het-badhuis/veranderverhaal/"


@pytest.fixture
def accounts_demo(transactional_db: None) -> None:
    """Organisations and users only: Het Badhuis starts without a change story."""
    from collectief.accounts.demo import load_demo as load_accounts
    from collectief.areas.demo import load_demo as load_areas

    with open(os.devnull, "w") as devnull:
        load_areas(devnull)
        load_accounts(devnull)


def press(page: Page, locator: object) -> None:
    """Move the keyboard focus to a control and press Enter, as a keyboard user does."""
    locator.focus()  # type: ignore[attr-defined]
    page.keyboard.press("Enter")


def type_into(page: Page, locator: object, text: str) -> None:
    locator.focus()  # type: ignore[attr-defined]
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def next_question(page: Page) -> None:
    press(page, page.get_by_role("button", name="Opslaan en naar de volgende vraag"))
    page.wait_for_load_state("networkidle")


def test_volunteer_writes_a_change_story_on_a_phone(phone_page: Page, accounts_demo: None) -> None:
    page = phone_page
    login(page, STAFF)
    page.goto(BASE)
    expect(page.get_by_text("Er is nog geen veranderverhaal.")).to_be_visible()
    assert_accessible(page)
    press(page, page.get_by_role("link", name="Begin met vraag 1"))

    # 1. Doelgroep: pick an example (htmx adds it as an editable row), then change it.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wie is de doelgroep?")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    press(page, page.get_by_role("button", name="Toevoegen: Bewoners van de Leidsebuurt Haarlem"))
    field = page.locator("#id_items-0-text")
    expect(field).to_have_value("Bewoners van de Leidsebuurt Haarlem")
    type_into(page, field, "Bewoners van de Leidsebuurt en de Kleverparkbuurt")
    next_question(page)

    # 2. Wat willen jullie bereiken?
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wat willen jullie bereiken?")
    type_into(page, page.locator("#id_items-0-text"), "Meer sociale cohesie in de wijk")
    next_question(page)

    # 3. Aanpak
    expect(page.get_by_role("heading", level=1)).to_contain_text("aanpak en houding")
    type_into(page, page.locator("#id_items-0-text"), "Samen koken en eten op vrijdag")
    next_question(page)

    # 4. Directe effecten, with level and links chosen with the space bar.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wat zie je veranderen?")
    assert_accessible(page)
    type_into(page, page.locator("#id_items-0-name"), "VERBONDENHEID")
    type_into(page, page.locator("#id_items-0-description"), "Bewoners voelen zich verbonden")
    page.get_by_label("wijk").first.focus()
    page.keyboard.press("Space")
    page.get_by_label("Samen koken en eten op vrijdag").focus()
    page.keyboard.press("Space")
    page.get_by_label("Meer sociale cohesie in de wijk").focus()
    page.keyboard.press("Space")
    next_question(page)

    # 5. Indicators: the check warns that the effect has none yet.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Waaraan zie of merk je het?")
    expect(page.get_by_text("Dit directe effect heeft nog geen indicator.")).to_be_visible()
    assert_accessible(page)
    type_into(
        page,
        page.get_by_label("Waaraan zie of merk je het?").first,
        "Door de activiteiten ken ik andere buurtbewoners",
    )
    press(page, page.get_by_role("button", name="Opslaan en klaar"))
    page.wait_for_load_state("networkidle")

    # The overview, the history and the poster.
    expect(page.get_by_role("heading", level=1, name="Veranderverhaal")).to_be_visible()
    expect(page.get_by_text("Versie 5, laatst opgeslagen", exact=False)).to_be_visible()
    assert_accessible(page)
    press(page, page.get_by_role("link", name="Geschiedenis"))
    expect(page.get_by_text("5 versies")).to_be_visible()
    assert_accessible(page)
    press(page, page.get_by_role("link", name="Wat is er veranderd").first)
    expect(page.get_by_text("Door de activiteiten ken ik andere buurtbewoners")).to_be_visible()
    assert_accessible(page)

    page.goto(BASE + "poster/")
    for text in (
        "DOELGROEP",
        "AANPAK",
        "DIRECTE EFFECTEN",
        "DRAAGT INDIRECT BIJ AAN",
        "Bewoners van de Leidsebuurt en de Kleverparkbuurt",
        "Samen koken en eten op vrijdag",
        "Bewoners voelen zich verbonden",
    ):
        expect(page.locator(".poster").get_by_text(text, exact=False).first).to_be_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    # Print: the print stylesheet hides the site's header and the tools.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".poster-tools")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    # The PDF is built in the background; the status page shows the download when ready.
    page.emulate_media(media="screen")
    press(page, page.get_by_role("button", name="PDF maken"))
    expect(page.get_by_role("status")).to_contain_text("De poster is klaar.")
    expect(page.get_by_role("link", name="Download veranderverhaal-", exact=False)).to_be_visible()
    assert_accessible(page)


def test_demo_poster_is_public_and_accessible(page: Page, accounts_demo: None) -> None:
    from collectief.changestories.demo import load_demo

    with open(os.devnull, "w") as devnull:
        load_demo(devnull)
    page.goto("/organisaties/het-badhuis/")
    press(page, page.get_by_role("link", name="Bekijk de poster"))
    for text in (
        "STEUNEND NETWERK",
        "EMPOWERMENT",
        "VERBONDENHEID",
        "Diversiteit in aanbod creëren",
    ):
        expect(page.get_by_text(text).first).to_be_visible()
    assert_accessible(page)
