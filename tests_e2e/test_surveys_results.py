"""A staff member reads the demo survey's results with the keyboard only.

Results page (chart and tables), a breakdown, the open answers with a quote,
and an import of a messy CSV export through the preview. axe on every page;
at 320 px the results page does not scroll sideways.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from collectief.stories.models import Quote
from collectief.surveys.demo import TITLE
from collectief.surveys.models import Response, Survey
from tests_e2e.conftest import SMALLEST, assert_accessible, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e

# A messy export: Windows-1252, semicolons, headers in other capitals and
# punctuation, Dutch answer variants, a time column and a column that
# matches no question.
MESSY_CSV = (
    "Tijdstempel;DOOR DE ACTIVITEITEN IN HET BADHUIS KEN IK ANDERE BUURTBEWONERS!;"
    "contact_praatje;Door de activiteiten in het Badhuis voel ik me meer welkom in de buurt;"
    "Opmerking van de invoerder\r\n"
    "1-3-2024 10:00;Helemaal eens;eens;Niet eens/niet oneens;café\r\n"
    "1-3-2024 10:05;oneens;Weet ik niet;  HELEMAAL   EENS ;\r\n"
    "1-3-2024 10:09;Neutraal / geen mening;5;Helemaal oneens;geen\r\n"
).encode("cp1252")


def tab_to(page: Page, target: Locator, limit: int = 400) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError("could not reach the element with Tab")


def follow(page: Page, target: Locator) -> None:
    """Reach a link or button with Tab and press Enter; wait for the next page."""
    tab_to(page, target)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")


def _screenshot(page: Page, name: str) -> None:
    """Save a full-page screenshot when SURVEYS_SCREENSHOTS names a folder (for review)."""
    folder = os.environ.get("SURVEYS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_staff_reads_results_breaks_down_quotes_and_imports(
    page: Page, demo: None, tmp_path: Path
) -> None:
    survey = Survey.objects.get(title=TITLE)
    assert survey.status == Survey.Status.CLOSED
    before = survey.responses.count()
    imported_before = survey.responses.filter(source="import").count()
    login(page, "medewerker@badhuis.demo")

    page.goto("/o/het-badhuis/vragenlijsten/")
    follow(page, page.get_by_role("link", name=TITLE))
    follow(page, page.get_by_role("link", name="Bekijk de resultaten"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resultaten")
    # Both demo measurements together: the magazine's 111 and the invented second one.
    expect(page.locator(".facts")).to_contain_text(str(before))
    chart = page.locator("svg.results-chart").first
    expect(chart).to_be_visible()
    expect(chart.locator("text.results-chart__label--long").first).to_contain_text(
        "ken ik andere buurtbewoners"
    )
    # Bars are about 30 px tall on a desktop, not hundreds (the old chart's bug).
    box = chart.locator("rect").first.bounding_box()
    assert box is not None and 20 <= box["height"] <= 40, box
    assert_accessible(page)
    _screenshot(page, "results-1280")

    # Break the results down by the first statement, with the keyboard.
    select = page.get_by_label("Vergelijk groepen naar hun antwoord op")
    tab_to(page, select)
    page.keyboard.press("ArrowDown")
    follow(page, select.locator("xpath=ancestor::form").get_by_role("button", name="Laat zien"))
    assert "uitsplitsen=" in page.url
    table = page.locator("table", has=page.locator("caption", has_text="per antwoord op"))
    expect(table).to_be_visible()
    expect(table).to_contain_text("n = ")
    assert_accessible(page)

    # Open answers: the demo marked the five printed answers as quotes (stories demo);
    # take the first one off and mark it again.
    marked = Quote.objects.filter(answer__response__survey=survey).count()
    assert marked == 5
    follow(page, page.get_by_role("link", name="Open antwoorden"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Open antwoorden")
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Geen citaat meer").first)
    expect(page.get_by_text("Het antwoord is geen citaat meer.")).to_be_visible()
    assert Quote.objects.filter(answer__response__survey=survey).count() == marked - 1
    follow(page, page.get_by_role("button", name="Gebruik als citaat").first)
    expect(page.get_by_text("Citaat voor het verslag").first).to_be_visible()
    assert Quote.objects.filter(answer__response__survey=survey).count() == marked
    assert_accessible(page)

    # Import a messy export: upload, check the preview, confirm.
    follow(page, page.get_by_role("link", name="Terug naar de resultaten"))
    follow(page, page.get_by_role("link", name="Antwoorden uit een bestand inlezen"))
    assert_accessible(page)
    messy = tmp_path / "export-badhuis.csv"
    messy.write_bytes(MESSY_CSV)
    page.locator('input[type="file"]').set_input_files(str(messy))
    follow(page, page.get_by_role("button", name="Bestand controleren"))
    expect(page.get_by_role("heading", name="Controleer voordat je inleest")).to_be_visible()
    preview = page.locator("#preview").locator("xpath=..")
    expect(preview).to_contain_text("Opmerking van de invoerder")  # matches no question
    expect(preview).to_contain_text("contact_kennen")
    assert_accessible(page)
    assert Response.objects.filter(survey=survey).count() == before  # nothing saved yet
    skip = page.get_by_label("Sla de kolommen over die bij geen vraag passen")
    tab_to(page, skip)
    page.keyboard.press("Space")
    expect(skip).to_be_checked()
    follow(page, page.get_by_role("button", name="3 antwoordenlijsten inlezen"))
    expect(page.locator(".facts")).to_contain_text(str(before + 3))
    assert Response.objects.filter(survey=survey, source="import").count() == imported_before + 3
    assert_accessible(page)

    # At 320 px the results page does not scroll sideways.
    page.set_viewport_size(SMALLEST)
    page.reload()
    assert_no_horizontal_scroll(page)
    _screenshot(page, "results-320")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert_no_horizontal_scroll(page)
    _screenshot(page, "results-390")
