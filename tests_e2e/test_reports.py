"""The initiative's own magazine in a real browser: a volunteer opens the Badhuis
report, writes the lessons, looks at the preview (accessible, 320 px), publishes
it and asks for the PDF."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from tests_e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e

STAFF = "medewerker@badhuis.demo"


@pytest.fixture
def reports_demo(transactional_db: None) -> None:
    """Only the demo parts the Badhuis report needs."""
    from collectief.accounts.demo import load_demo as load_accounts
    from collectief.areas.demo import load_demo as load_areas
    from collectief.changestories.demo import load_demo as load_stories
    from collectief.figures.demo import load_demo as load_figures
    from collectief.reports.demo import load_demo as load_reports
    from collectief.surveys.demo import load_demo as load_surveys

    with open(os.devnull, "w") as devnull:
        for load in (
            load_areas,
            load_accounts,
            load_stories,
            load_figures,
            load_surveys,
            load_reports,
        ):
            load(devnull)


def test_the_badhuis_report_from_editor_to_published_version(
    phone_page: Page, reports_demo: None
) -> None:
    page = phone_page
    login(page, STAFF)
    page.goto("/o/het-badhuis/rapporten/")
    expect(page.get_by_role("heading", level=1, name="Ons eigen magazine")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Het Badhuis: ons eigen magazine").click()
    expect(
        page.get_by_role("heading", level=1, name="Het Badhuis: ons eigen magazine")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Bekijk het rapport zoals het wordt afgedrukt").click()
    expect(
        page.get_by_role("heading", level=1, name="Het Badhuis: ons eigen magazine")
    ).to_be_visible()
    expect(page.get_by_role("table", name="Tabel 1: Onderlinge contacten")).to_be_visible()
    expect(page.get_by_role("table", name="Tabel 4: Empowerment")).to_be_visible()
    expect(page.get_by_role("link", name="73%")).to_be_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    page.get_by_role("link", name="Terug naar het bewerken").click()
    page.get_by_role("button", name="Deze versie publiceren").press("Enter")
    expect(page.get_by_text("Versie 1 is gepubliceerd.")).to_be_visible()
    expect(page.get_by_role("table", name="Tabel 3: Steunend netwerk")).to_be_visible()
    assert_accessible(page)
