"""Feiten & cijfers in a real browser: add a figure with the keyboard on a phone,
follow it over time (SVG chart and table), import a file with an error, and
check accessibility and the 320 px layout."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from tests_e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e

STAFF = "medewerker@badhuis.demo"
READER = "lezer@badhuis.demo"
LIST = "/o/het-badhuis/cijfers/"


@pytest.fixture
def figures_demo(transactional_db: None) -> None:
    """Only the demo parts this feature needs, so other apps' demos cannot break it."""
    from collectief.accounts.demo import load_demo as load_accounts
    from collectief.areas.demo import load_demo as load_areas
    from collectief.figures.demo import load_demo as load_figures

    with open(os.devnull, "w") as devnull:
        load_areas(devnull)
        load_accounts(devnull)
        load_figures(devnull)


def test_add_a_figure_with_the_keyboard_on_a_phone(phone_page: Page, figures_demo: None) -> None:
    page = phone_page
    login(page, STAFF)
    page.goto(LIST)
    expect(page.get_by_role("heading", level=1, name="Feiten & cijfers")).to_be_visible()
    expect(page.get_by_role("paragraph").filter(has_text="vaste huurders")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Cijfer toevoegen").first.click()
    expect(page.get_by_role("heading", level=1, name="Cijfer toevoegen")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Wat je telt").fill("bezoekers van de filmavond")
    page.get_by_label("Getal", exact=True).fill("veel")
    page.get_by_label("over een periode met een naam").check()
    page.get_by_role("button", name="Opslaan").press("Enter")
    # The error summary names the problems; what was typed is still there.
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(page.get_by_label("Wat je telt")).to_have_value("bezoekers van de filmavond")
    expect(page.get_by_label("Getal", exact=True)).to_have_value("veel")
    assert_accessible(page)

    page.get_by_label("Getal", exact=True).fill("1.250,5")
    page.get_by_label("Naam van de periode").fill("seizoen 2022–2023")
    page.get_by_role("button", name="Opslaan").press("Enter")
    expect(
        page.get_by_role("heading", level=1, name="1.250,5 bezoekers van de filmavond")
    ).to_be_visible()
    assert_accessible(page)


def test_follow_a_figure_over_time(page: Page, figures_demo: None) -> None:
    login(page, STAFF)
    page.goto(LIST)
    page.get_by_role("link", name="31").click()
    chart = page.get_by_role("img", name="bezoekers van de koffieochtend (voorbeeldreeks)")
    expect(chart).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("07-11-2022")
    assert_accessible(page)
    page.get_by_label("Datum").fill("2022-11-14")
    page.get_by_label("Getal", exact=True).fill("33")
    page.get_by_role("button", name="Meting toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("33 bezoekers")
    expect(page.get_by_role("table")).to_contain_text("14-11-2022")
    assert_accessible(page)


def test_import_with_an_error_shows_row_and_column(page: Page, figures_demo: None) -> None:
    login(page, STAFF)
    page.goto(LIST + "importeren/")
    assert_accessible(page)
    content = "omschrijving;waarde\nkoffie;veel\n".encode("cp1252")
    page.get_by_label("Bestand").set_input_files(
        {"name": "cijfers.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Rij 2, kolom 'waarde': 'veel' is geen getal."
    )
    assert_accessible(page)


def test_reader_sees_no_edit_buttons(page: Page, figures_demo: None) -> None:
    login(page, READER)
    page.goto(LIST)
    expect(page.get_by_text("94", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Cijfer toevoegen")).to_have_count(0)
    expect(page.get_by_role("link", name="Downloaden als Excel")).to_be_visible()


def test_pages_fit_320_pixels(small_page: Page, figures_demo: None) -> None:
    login(small_page, STAFF)
    small_page.goto(LIST)
    assert_no_horizontal_scroll(small_page)
    small_page.get_by_role("link", name="31").click()
    assert_no_horizontal_scroll(small_page)
    for path in ["nieuw/", "importeren/"]:
        small_page.goto(LIST + path)
        assert_no_horizontal_scroll(small_page)


def test_a_large_import_shows_its_job_page_on_a_phone(
    phone_page: Page, figures_demo: None
) -> None:
    """More than 1,000 rows go to the worker (immediate in tests); the job page tells the result."""
    page = phone_page
    login(page, STAFF)
    page.goto(LIST + "importeren/")
    rows = [
        f"bezoekers van de inloop;{n};aantal;per dag;{1 + n % 28:02d}-{1 + n // 28 % 12:02d}-"
        f"{2000 + n // 336}"
        for n in range(1001)
    ]
    content = ("omschrijving;waarde;eenheid;periode;datum\n" + "\n".join(rows)).encode()
    page.get_by_label("Bestand").set_input_files(
        {"name": "inloop.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cijfers inlezen voor Het Badhuis")
    expect(page.get_by_role("status")).to_contain_text("1 cijfer toegevoegd, 0 bijgewerkt")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_role("link", name="Verder").click()
    expect(page.get_by_role("heading", level=1, name="Feiten & cijfers")).to_be_visible()
