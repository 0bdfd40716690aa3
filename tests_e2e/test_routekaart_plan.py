"""The plan of action in the browser: Dock's Dichterswijk project, step 2.

A medewerker of Dock opens the plan (werkgroep with two kartrekkers, roles,
goals, planning, change story), adds a goal, opens its remove page (which
asks first) and cancels, records an agreement with a partner, marks it
missed and records a follow-up; the agreements page shows it. axe on every
page, at 320 and 1280 px; at 320 px no page scrolls sideways (WCAG 1.4.10).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests_e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e


def _check(page: Page) -> None:
    assert_accessible(page)
    if page.viewport_size and page.viewport_size["width"] <= 320:
        assert_no_horizontal_scroll(page)


def _plan_flow(page: Page, goal: str, what: str) -> None:
    login(page, "dock@zuidwest.demo")
    page.goto("/o/dock-zuidwest/projecten/")
    with page.expect_navigation():
        page.get_by_role("link", name="Samen één straat in de Dichterswijk").click()
    with page.expect_navigation():
        page.get_by_role("link", name="2. Plan van aanpak").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan van aanpak")
    expect(page.get_by_role("button", name="Geen kartrekker meer")).to_have_count(2)
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Doel toevoegen").click()
    _check(page)
    page.get_by_label("Doel").fill(goal)
    with page.expect_navigation():
        page.get_by_role("button", name="Toevoegen").click()
    # The new goal is listed with its own change link (the goal is in the link's name).
    expect(page.get_by_role("link", name=f"Wijzigen – {goal}")).to_be_visible()
    # Removing asks first, on a page of its own; cancelling keeps the goal.
    with page.expect_navigation():
        page.get_by_role("link", name=f"Verwijderen – {goal}").click()
    expect(page.get_by_role("heading", level=1, name="Dit doel weghalen?")).to_be_visible()
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Annuleren", exact=True).click()
    expect(page.get_by_role("link", name=f"Wijzigen – {goal}")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Afspraken", exact=True).click()
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Nieuwe afspraak").click()
    _check(page)
    page.get_by_label("Wie komt de afspraak na?").select_option(
        label="Woningcorporatie Zuidwest (demo)"
    )
    page.get_by_label("Wat is er afgesproken?").fill(what)
    page.get_by_label("Wanneer klaar?").fill("2027-01-15")
    with page.expect_navigation():
        page.get_by_role("button", name="Afspraak vastleggen").click()
    with page.expect_navigation():
        page.get_by_role("button", name=f"Gemist – {what}").click()
    expect(
        page.get_by_role("heading", level=1, name="Vervolg op een gemiste afspraak")
    ).to_be_visible()
    _check(page)
    page.get_by_label("De partner aanspreken op de afspraak").check()
    page.get_by_label("Notitie").fill("Gebeld en opnieuw gepland.")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Gebeld en opnieuw gepland.")).to_be_visible()
    _check(page)
    response = page.request.get(page.url.replace("afspraken/", "plan-van-aanpak.pdf"))
    assert response.ok and response.headers["content-type"] == "application/pdf"


def test_plan_at_320_px(small_page: Page, demo: None) -> None:
    _plan_flow(small_page, "Bewoners kiezen zelf het thema", "Zaal reserveren (320)")


def test_plan_at_1280_px(page: Page, demo: None) -> None:
    _plan_flow(page, "Elke maand een straatgesprek", "Zaal reserveren (1280)")
