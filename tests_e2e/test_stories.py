"""Verhalen in the browser: a Badhuis medewerker reads, withdraws, and a resident tells.

The medewerker opens Verhalen from the organisation menu, reads Jan Willem's
story, withdraws the consent after the confirmation page (the public page is
then gone), looks at the quotes and the Most Significant Change round; a
resident sends a story in through the public story link. axe on every page;
at 320 px no page scrolls sideways (WCAG 1.4.10).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from collectief.stories.models import Story, StoryLink
from tests_e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e

JAN_WILLEM = "Het Badhuis heeft een hele belangrijke functie voor de buurt"


def _check(page: Page) -> None:
    assert_accessible(page)
    if page.viewport_size and page.viewport_size["width"] <= 320:
        assert_no_horizontal_scroll(page)


def _go(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=True).first.click()


def _stories(page: Page) -> None:
    story = Story.objects.get(title=JAN_WILLEM)
    public_url = f"/organisaties/het-badhuis/verhalen/{story.pk}/"
    login(page, "medewerker@badhuis.demo")
    page.goto("/o/het-badhuis/")
    _go(page, "Verhalen")
    expect(page.get_by_role("heading", level=1, name="Verhalen")).to_be_visible()
    _check(page)
    _go(page, JAN_WILLEM)
    expect(page.locator(".story__text")).to_contain_text("internetbankieren")
    _check(page)
    _go(page, "Toestemming intrekken")
    expect(page.get_by_role("heading", level=1, name="Toestemming intrekken")).to_be_visible()
    _check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Toestemming intrekken").press("Enter")
    expect(page.locator(".story__text")).to_be_visible()
    expect(
        page.get_by_text("Dit verhaal wordt niet buiten je organisatie getoond.")
    ).to_be_visible()
    assert page.goto(public_url).status == 404  # type: ignore[union-attr]

    page.goto("/o/het-badhuis/verhalen/citaten/")
    expect(page.get_by_role("heading", level=2, name="VERBONDENHEID")).to_be_visible()
    _check(page)
    page.goto("/o/het-badhuis/verhalen/msc/")
    _go(page, "Najaar 2022: wat veranderde er door het Badhuis?")
    expect(page.get_by_text("Het panel herkende hierin")).to_be_visible()
    _check(page)

    link = StoryLink.objects.get(organisation__slug="het-badhuis")
    page.goto(f"/verhaal/{link.token}/")
    _check(page)
    page.get_by_label("Geef je verhaal een titel").fill("Samen koken")
    page.get_by_label("Jouw verhaal").fill(
        "Door het samen koken op dinsdag eet ik niet meer alleen."
    )
    page.get_by_label("anoniem publiceren").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Mijn verhaal versturen").click()
    expect(page.get_by_role("heading", level=1, name="Dank je wel!")).to_be_visible()
    _check(page)
    assert Story.objects.filter(title="Samen koken", source="formulier").exists()


def test_stories_at_320_px(small_page: Page, demo: None) -> None:
    _stories(small_page)


def test_stories_at_1280_px(page: Page, demo: None) -> None:
    _stories(page)
