"""The poster printed from the browser is one page too, and its settings screen is accessible.

Chromium prints the poster page with the print stylesheet (``page.pdf``,
the same engine as the browser's print button); pypdf counts the pages. The
demo stories and a long one (12 items in every layer) must each fill
exactly one A4 and one A3 page. axe checks the poster and its settings form
at 1280 and 320 px, with the organisation's colour and a photo.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tests_e2e.conftest import (
    SMALLEST,
    _page,
    assert_accessible,
    assert_no_horizontal_scroll,
    login,
)

pytestmark = pytest.mark.e2e

STAFF = "medewerker@badhuis.demo"
POSTER = "/o/het-badhuis/veranderverhaal/poster/"
HEIGHT = {"A4": 842, "A3": 1191}


@pytest.fixture
def stories(transactional_db: None) -> None:
    """Organisations, users, the demo change stories and their figures."""
    from collectief.accounts.demo import load_demo as load_accounts
    from collectief.areas.demo import load_demo as load_areas
    from collectief.changestories.demo import load_demo as load_stories
    from collectief.figures.demo import load_demo as load_figures

    with open(os.devnull, "w") as devnull:
        load_areas(devnull)
        load_accounts(devnull)
        load_stories(devnull)
        load_figures(devnull)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def printed_pages(page: Page, paper: str) -> int:
    """Print the page as the browser does (print media, the CSS page size) and count pages."""
    page.emulate_media(media="print")
    pdf = page.pdf(format=paper, prefer_css_page_size=True, print_background=True)
    page.emulate_media(media="screen")
    reader = PdfReader(io.BytesIO(pdf))
    assert round(float(reader.pages[0].mediabox.height)) == HEIGHT[paper]
    return len(reader.pages)


def long_story() -> None:
    from collectief.accounts.models import Organisation
    from collectief.changestories import services

    text = "Bewoners die samen iets opzetten leren elkaar kennen en"
    services.save_change_story(
        Organisation.objects.get(slug="het-badhuis"),
        {
            "target_groups": [{"id": "", "text": f"Doelgroep {i}: {text}"} for i in range(12)],
            "approaches": [{"id": "", "text": f"Aanpak {i}: {text}"} for i in range(12)],
            "effects": [
                {
                    "id": "",
                    "name": f"EFFECT {i}",
                    "description": f"Effect {i}: {text}",
                    "level": "wijk",
                    "indicators": [],
                }
                for i in range(12)
            ],
            "contributions": [{"id": "", "text": f"Bijdrage {i}: {text}"} for i in range(12)],
            "links": [],
        },
        by=None,
    )


def test_browser_prints_every_poster_on_one_page(page: Page, stories: None) -> None:
    login(page, "beheerder@badhuis.demo")
    for slug in ("het-badhuis", "de-sleutel", "buurttuin-kempenaar"):
        # Each organisation's admin sees its own poster; the public page is the same poster.
        from collectief.accounts.models import Organisation
        from collectief.changestories import services

        services.update_poster_settings(
            Organisation.objects.get(slug=slug), tagline="", is_public=True, by=None
        )
        page.goto(f"/organisaties/{slug}/veranderverhaal/")
        expect(page.locator(".poster")).to_contain_text("DOELGROEP")
        assert printed_pages(page, "A4") == 1, slug
        page.goto(f"/organisaties/{slug}/veranderverhaal/?formaat=a3")
        assert printed_pages(page, "A3") == 1, slug
    long_story()
    page.goto(POSTER)
    expect(page.locator(".poster")).to_contain_text("Bijdrage 11")
    assert printed_pages(page, "A4") == 1
    page.goto(POSTER + "?formaat=a3")
    assert printed_pages(page, "A3") == 1
    # The long story: the type got smaller, the figures moved beside the layers.
    classes = page.locator(".poster").get_attribute("class") or ""
    assert "poster--columns" in classes and "poster--fit-0" not in classes
    assert_accessible(page)


@pytest.mark.parametrize("width", [1280, 320])
def test_colour_and_photo_settings_accessible(
    browser: Browser, live_server: Any, stories: None, media: Path, tmp_path: Path, width: int
) -> None:
    from PIL import Image

    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (600, 400), (40, 90, 160)).save(photo, format="JPEG")
    viewport = SMALLEST if width == 320 else {"width": 1280, "height": 900}
    pages = _page(browser, live_server, viewport)
    page = next(pages)
    login(page, STAFF)
    page.goto(POSTER)
    page.get_by_text("Instellingen van de poster").click()
    # A wrong colour: the error summary names the field, nothing is saved.
    page.get_by_label("Kleur van de poster").fill("geel")
    page.get_by_role("button", name="Instellingen opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul een kleur in als # met zes tekens")
    assert_accessible(page)
    page.get_by_label("Kleur van de poster").fill("#ffdd00")
    page.locator("#id_image").set_input_files(str(photo))
    page.get_by_label("Wat er op de afbeelding staat").fill("Bewoners in de tuin")
    page.get_by_role("button", name="Instellingen opslaan").click()
    expect(page.get_by_role("img", name="Bewoners in de tuin")).to_be_visible()
    # Yellow gets black text on the header.
    expect(page.locator(".poster__name")).to_have_css("color", "rgb(0, 0, 0)")
    assert_accessible(page)
    if width == 320:
        assert_no_horizontal_scroll(page)
    assert printed_pages(page, "A4") == 1
    next(pages, None)


@pytest.mark.parametrize("width", [1280, 320])
def test_full_poster_tip_on_overview_and_questions(
    browser: Browser, live_server: Any, stories: None, width: int
) -> None:
    """A story near the limit gets the tip on the overview and on every question."""
    from collectief.accounts.models import Organisation
    from collectief.changestories import services

    long_story()
    services.update_poster_settings(
        Organisation.objects.get(slug="het-badhuis"), tagline="", is_public=True, by=None
    )
    viewport = SMALLEST if width == 320 else {"width": 1280, "height": 900}
    pages = _page(browser, live_server, viewport)
    page = next(pages)
    login(page, STAFF)
    for address in (
        "/o/het-badhuis/veranderverhaal/",
        "/o/het-badhuis/veranderverhaal/stap/1/",
        POSTER,
    ):
        page.goto(address)
        expect(page.get_by_text("De poster is", exact=False).first).to_be_visible()
        assert_accessible(page)
        if width == 320:
            assert_no_horizontal_scroll(page)
    page.goto("/organisaties/het-badhuis/veranderverhaal/")
    expect(page.locator(".poster")).to_contain_text("Bijdrage 11")
    assert_accessible(page)
    if width == 320:
        assert_no_horizontal_scroll(page)
    next(pages, None)
