"""The gemeente's wijkbeeld pages that change something, in the browser.

A staff member of the demo gemeente Utrecht searches a wijk by name, opens a
theme ranked on several sources, opens the beschikkingen upload and sends an
empty file (the errors are listed), and opens the change and remove pages of a
goal for its wijkteam. axe on every page; at 320 px no page scrolls sideways.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from collectief.insights.models import TeamGoal
from tests_e2e.conftest import (
    assert_accessible,
    assert_no_horizontal_scroll,
    login,
    set_up_two_factor,
)

pytestmark = pytest.mark.e2e

UTRECHT = "demo-gemeente-utrecht-zuidwest"


def _check(page: Page) -> None:
    assert_accessible(page)
    if page.viewport_size and page.viewport_size["width"] <= 320:
        assert_no_horizontal_scroll(page)


def _flow(page: Page) -> None:
    login(page, "gemeente@utrecht.demo")
    set_up_two_factor(page)

    page.goto(reverse("insights:overview", args=[UTRECHT]) + "?zoek=Zuidwest")
    expect(page.get_by_role("heading", level=1, name="Wijkbeeld")).to_be_visible()
    expect(page.get_by_role("link", name="Zuidwest", exact=False).first).to_be_visible()
    _check(page)

    page.goto(reverse("insights:theme", args=[UTRECHT, "GM0344", "ontmoeting"]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ontmoeting")
    _check(page)

    page.goto(reverse("insights:counts_upload", args=[UTRECHT, "GM0344"]))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _check(page)
    page.locator("input[type=file]").set_input_files(
        {"name": "leeg.csv", "mimeType": "text/csv", "buffer": b"gebied;categorie\n"}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_text("leeg.csv")).to_be_visible()
    _check(page)

    goal = TeamGoal.objects.filter(organisation__slug=UTRECHT).first()
    assert goal is not None, "the demo gives Utrecht goals for its wijkteam"
    page.goto(reverse("insights:goal_edit", args=[UTRECHT, goal.pk]))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _check(page)
    page.goto(reverse("insights:goal_remove", args=[UTRECHT, goal.pk]))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _check(page)


def test_gemeente_wijkbeeld_at_320_px(small_page: Page, demo: None) -> None:
    _flow(small_page)


def test_gemeente_wijkbeeld_at_1280_px(page: Page, demo: None) -> None:
    _flow(page)
