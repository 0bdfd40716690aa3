"""The pages that tell someone why something is gone, in the browser.

A partner that left the Dichterswijk project opens it and reads why it no longer
sees it (410); Het Badhuis withdraws its open support request after the
confirmation page, and the gemeente that had it in its inbox reads that it was
withdrawn (410). axe on every page; at 320 px no page scrolls sideways.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from collectief.projects import demo as routekaart
from collectief.projects.models import Partnership
from collectief.projects.services import remove_partner
from collectief.support.models import Status, SupportRequest
from tests_e2e.conftest import (
    assert_accessible,
    assert_no_horizontal_scroll,
    login,
    set_up_two_factor,
)

pytestmark = pytest.mark.e2e

CORPORATIE = "demo-woningcorporatie-zuidwest"


def _check(page: Page) -> None:
    assert_accessible(page)
    if page.viewport_size and page.viewport_size["width"] <= 320:
        assert_no_horizontal_scroll(page)


def _left_partner(page: Page) -> None:
    partnership = Partnership.objects.get(
        project__title=routekaart.TITLE, organisation__slug=CORPORATIE, left_on__isnull=True
    )
    remove_partner(partnership, by=None)
    login(page, "corporatie@zuidwest.demo")
    response = page.goto(reverse("projects:detail", args=[CORPORATIE, partnership.project_id]))
    assert response is not None and response.status == 410
    expect(page.get_by_role("heading", level=1, name=routekaart.TITLE)).to_be_visible()
    expect(page.get_by_text("niet meer mee aan dit project")).to_be_visible()
    _check(page)


def _withdrawn_request(page: Page) -> None:
    request = SupportRequest.objects.filter(
        organisation__slug="het-badhuis", status=Status.OPEN
    ).first()
    assert request is not None, "the demo has an open request of Het Badhuis"
    login(page, "beheerder@badhuis.demo")
    page.goto(reverse("support:withdraw", args=["het-badhuis", request.pk]))
    expect(page.get_by_role("heading", level=1, name="Je vraag intrekken?")).to_be_visible()
    _check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Intrekken").click()
    page.context.clear_cookies()
    login(page, "gemeente@haarlem.demo")
    set_up_two_factor(page)
    response = page.goto(reverse("support:help_detail", args=["gemeente-haarlem", request.pk]))
    assert response is not None and response.status == 410
    expect(page.get_by_role("heading", level=1)).to_contain_text("ingetrokken")
    _check(page)


def test_gone_pages_at_320_px(small_page: Page, demo: None) -> None:
    _left_partner(small_page)
    small_page.context.clear_cookies()
    _withdrawn_request(small_page)


def test_gone_pages_at_1280_px(page: Page, demo: None) -> None:
    _left_partner(page)
    page.context.clear_cookies()
    _withdrawn_request(page)
