"""Signals in the browser: quick entry, the antenne form, rode draden and bespreken.

A wijkteam member sets up two-factor login (signals demand it), records a
signal with the keyboard on a 320 px phone, reads the rode draden and opens
the bespreken page of Almere Buiten. A volunteer hands in what they hear on
the antenne form (no two-factor needed). axe on every page, at 320 and at
1280 px; at 320 px no page scrolls sideways (WCAG 1.4.10).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from collectief.areas.models import Area
from collectief.signals.models import Signal
from tests_e2e.conftest import (
    assert_accessible,
    assert_no_horizontal_scroll,
    login,
    set_up_two_factor,
)

pytestmark = pytest.mark.e2e

ALMERE = "/o/wijkteam-almere/signalen/"


def _check(page: Page) -> None:
    assert_accessible(page)
    if page.viewport_size and page.viewport_size["width"] <= 320:
        assert_no_horizontal_scroll(page)


def _wijkteam_pages(page: Page) -> None:
    """Quick entry (saving one signal), rode draden and bespreken, each checked with axe."""
    login(page, "wijkteam@almere.demo")
    set_up_two_factor(page)
    before = Signal.objects.filter(organisation__slug="wijkteam-almere").count()

    page.goto(ALMERE + "nieuw/")
    expect(page.get_by_role("heading", level=1, name="Nieuw signaal")).to_be_visible()
    _check(page)
    buiten = Area.objects.get(code="WK003403")  # Almere Buiten, discussed in the demo
    page.get_by_label("Gebied").select_option(value=str(buiten.pk))
    page.get_by_role("group", name="Thema's").get_by_label("Wonen", exact=True).check()
    page.get_by_role("button", name="Opslaan").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Het signaal is opgeslagen. Dank je wel.")).to_be_visible()
    _check(page)
    assert Signal.objects.filter(organisation__slug="wijkteam-almere").count() == before + 1

    # An error is shown on the page itself, with the input kept.
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Kies minstens één thema.").first).to_be_visible()
    _check(page)

    page.goto(ALMERE + "rode-draden/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rode draden")
    expect(page.locator("table").first).to_be_visible()
    _check(page)

    with page.expect_navigation():
        page.get_by_role("link", name=buiten.name, exact=True).click()
    expect(page).to_have_url(re.compile(r"/bespreken/WK003403/\d{4}-\d{2}/$"))
    expect(page.get_by_label("Herkennen we dit?")).to_be_visible()
    _check(page)


def test_wijkteam_pages_at_320_px(small_page: Page, demo: None) -> None:
    _wijkteam_pages(small_page)


def test_wijkteam_pages_at_1280_px(page: Page, demo: None) -> None:
    _wijkteam_pages(page)


@pytest.mark.parametrize("page_fixture", ["small_page", "page"])
def test_antenna_form_without_two_factor(
    page_fixture: str, request: pytest.FixtureRequest, demo: None
) -> None:
    page: Page = request.getfixturevalue(page_fixture)
    login(page, "lezer@badhuis.demo")
    page.goto("/o/het-badhuis/signalen/antenne/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wat hoor je in de buurt?")
    _check(page)
