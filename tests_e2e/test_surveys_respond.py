"""A resident answers a survey on a 390 px phone, with the keyboard only."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from collectief.accounts.factories import OrganisationFactory
from collectief.surveys.models import Response
from collectief.surveys.tests.survey_factories import make_survey, q
from tests_e2e.conftest import assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.e2e


def tab_to(page: Page, target: Locator, limit: int = 60) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError("could not reach the element with Tab")


def test_resident_answers_with_keyboard_on_phone(phone_page: Page) -> None:
    page = phone_page
    organisation = OrganisationFactory(slug="badhuis", name="Het Badhuis")
    survey = make_survey(organisation)
    likert, visits = q(survey, "ken_buren"), q(survey, "bezoek")
    how_often, remarks = q(survey, "hoe_vaak"), q(survey, "open")

    page.goto(f"/v/{survey.public_token}/")
    # A copy an older version left in localStorage (which outlives the session) is removed.
    page.evaluate("localStorage.setItem('collectief-survey-oud', '{}')")
    page.reload()
    assert page.evaluate("localStorage.length") == 0
    expect(page.get_by_text("Deel 1 van 2")).to_be_visible()
    expect(page.get_by_text("Wat gebeurt er met je antwoorden?")).to_be_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    first = page.locator(f'input[name="q{likert.pk}"]').first
    tab_to(page, first)
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Mee eens", exact=True)).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator(f'input[name="q{visits.pk}"]').first).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Deel 2 van 2")).to_be_visible()
    expect(page.get_by_text("Hoe vaak kom je?")).to_be_visible()
    assert_accessible(page)

    # Sending without the required answer gives an error summary that gets the focus.
    tab_to(page, page.get_by_role("button", name="Verstuur mijn antwoorden"))
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Beantwoord deze vraag.")
    assert_accessible(page)
    assert Response.objects.count() == 0

    tab_to(page, page.locator(f'input[name="q{how_often.pk}"]').first)
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.locator(f'textarea[name="q{remarks.pk}"]')).to_be_focused()
    page.keyboard.type("Gezellige buurtkamer")
    # Partial answers are kept for this session only (sessionStorage), never in localStorage.
    key = f"collectief-survey-{survey.public_token}"
    assert "Gezellige buurtkamer" in page.evaluate(f"sessionStorage.getItem('{key}')")
    assert page.evaluate("localStorage.length") == 0
    tab_to(page, page.get_by_role("button", name="Verstuur mijn antwoorden"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1, name="Dank je wel!")).to_be_visible()
    assert page.evaluate(f"sessionStorage.getItem('{key}')") is None
    assert page.evaluate("localStorage.length") == 0
    assert_accessible(page)
    response = Response.objects.get()
    codes = set(response.answers.values_list("question__code", flat=True))
    assert codes == {"ken_buren", "bezoek", "hoe_vaak", "open"}
    assert response.answers.get(question=likert).value == 4


def test_closed_survey_page_is_accessible(phone_page: Page) -> None:
    organisation = OrganisationFactory(slug="badhuis", name="Het Badhuis")
    survey = make_survey(organisation, status="closed")
    phone_page.goto(f"/v/{survey.public_token}/")
    expect(phone_page.get_by_text("Deze vragenlijst is gesloten.", exact=False)).to_be_visible()
    assert_accessible(phone_page)
