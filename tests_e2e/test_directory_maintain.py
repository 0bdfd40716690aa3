"""An initiative keeps its own sociale-kaart entries: a volunteer adds an activity
with a weekly time, keyboard only, on a phone-sized screen, and then finds it in
the public search. Every page is checked with axe."""

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


def _press(page: Page, locator: object, key: str = "Enter") -> None:
    locator.focus()  # type: ignore[attr-defined]
    page.keyboard.press(key)


def _type(page: Page, locator: object, text: str) -> None:
    locator.focus()  # type: ignore[attr-defined]
    page.keyboard.type(text)


def test_volunteer_adds_a_weekly_activity_with_the_keyboard(phone_page: Page, demo: None) -> None:
    page = phone_page
    login(page, "medewerker@badhuis.demo")
    page.goto("/o/het-badhuis/sociale-kaart/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Jullie gegevens in de sociale kaart"
    )
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    # 1. The activity.
    _press(page, page.get_by_role("link", name="Nieuwe activiteit van Het Badhuis"))
    expect(
        page.get_by_role("heading", level=1, name="Nieuwe activiteit van Het Badhuis")
    ).to_be_visible()
    assert_accessible(page)
    _type(page, page.get_by_label("Naam", exact=True), "Breiclub De Steek")
    _type(
        page, page.get_by_label(re.compile(r"^Beschrijving")), "Samen breien en haken, met thee."
    )
    _press(page, page.get_by_label("Ontmoeting", exact=True), "Space")
    _press(page, page.get_by_label("Ouderen", exact=True), "Space")
    _press(page, page.get_by_label("Gratis", exact=True), "Space")
    _press(page, page.get_by_role("button", name="Opslaan en verder"))
    expect(page.get_by_role("heading", level=1, name="Breiclub De Steek")).to_be_visible()
    expect(page.get_by_text("De activiteit is toegevoegd.")).to_be_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    # 2. A weekly time: first a mistake (ends before it starts), then right.
    _press(page, page.get_by_role("link", name="Een tijd of periode dicht toevoegen"))
    expect(
        page.get_by_role("heading", level=1, name="Wanneer is “Breiclub De Steek”?")
    ).to_be_visible()
    assert_accessible(page)
    _press(page, page.get_by_label("Elke week", exact=True), "Space")
    _press(page, page.get_by_label("woensdag", exact=True), "Space")
    _type(page, page.get_by_label("Begint om"), "1600")
    _type(page, page.get_by_label("Eindigt om"), "1400")
    _press(page, page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_text("De eindtijd moet na de begintijd liggen.").first).to_be_visible()
    expect(page.get_by_label("woensdag", exact=True)).to_be_checked()  # input kept
    assert_accessible(page)
    _type(page, page.get_by_label("Begint om"), "1400")
    _type(page, page.get_by_label("Eindigt om"), "1600")
    _press(page, page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_text("De tijd is opgeslagen.")).to_be_visible()
    expect(
        page.get_by_role("listitem").filter(has_text="elke woensdag 14:00–16:00").first
    ).to_be_visible()

    # 3. The place: the Badhuis the initiative already uses.
    _press(page, page.get_by_role("link", name="Een plek toevoegen"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Een plek toevoegen")
    assert_accessible(page)
    place = page.get_by_label("Een plek die je al gebruikt")
    place.focus()
    place.select_option(label="Het Badhuis")
    _press(page, page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_text("De plek is toegevoegd.")).to_be_visible()
    assert_accessible(page)

    # 4. Anyone finds it in the public sociale kaart.
    page.goto("/sociale-kaart/")
    _type(page, page.get_by_label("Zoekwoorden"), "breiclub")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    results = page.get_by_role("heading", level=2, name="Resultaten").locator("..")
    link = results.get_by_role("link", name="Breiclub De Steek")
    expect(link).to_be_visible()
    assert_accessible(page)
    _press(page, link)
    expect(page.get_by_role("heading", level=1, name="Breiclub De Steek")).to_be_visible()
    expect(page.get_by_text("elke woensdag 14:00–16:00")).to_be_visible()
    assert_accessible(page)


def test_confirmation_and_theme_pages_are_accessible(page: Page, demo: None) -> None:
    login(page, "medewerker@badhuis.demo")
    page.goto("/o/het-badhuis/sociale-kaart/")
    _press(page, page.get_by_role("link", name="Koffieochtend", exact=True))
    expect(page.get_by_role("heading", level=1, name="Koffieochtend")).to_be_visible()
    assert_accessible(page)
    for link, heading in (
        ("Deze activiteit voorlopig niet meer tonen", "“Koffieochtend” niet meer tonen?"),
        ("Deze activiteit verwijderen", "“Koffieochtend” verwijderen?"),
    ):
        _press(page, page.get_by_role("link", name=link))
        expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
        assert_accessible(page)
        _press(page, page.get_by_role("link", name="Annuleren"))
    _press(page, page.get_by_role("link", name="Deze activiteit voorlopig niet meer tonen"))
    _press(page, page.get_by_role("button", name="Ja, niet meer tonen"))
    expect(page.get_by_text("staat niet meer in de sociale kaart")).to_be_visible()
    assert_accessible(page)
    page.goto("/sociale-kaart/?q=koffieochtend")
    results = page.get_by_role("heading", level=2, name="Resultaten").locator("..")
    expect(results.get_by_role("link", name="Koffieochtend", exact=True)).to_have_count(0)

    page.context.clear_cookies()
    login(page, "admin@collectief.demo")
    set_up_two_factor(page)  # site staff must use two-factor login
    page.goto("/sociale-kaart/beheer/themas/")
    expect(page.get_by_role("heading", level=1, name="Thema's en doelgroepen")).to_be_visible()
    assert_accessible(page)
    _type(page, page.get_by_label("Naam", exact=True), "Klimaat en energie")
    _press(page, page.get_by_label("Thema's", exact=True), "Space")
    _press(page, page.get_by_role("button", name="Toevoegen"))
    expect(page.get_by_text("“Klimaat en energie” is toegevoegd.")).to_be_visible()
    _press(page, page.get_by_role("link", name="Naam veranderen Klimaat en energie"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Klimaat en energie")
    assert_accessible(page)
