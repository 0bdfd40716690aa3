"""Less linkable respondents (issue 8.4): the hour only, a session CSRF cookie,
partial answers in the browser for the session only."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from collectief.accounts.models import Organisation
from collectief.surveys import services
from collectief.surveys.models import Response, Survey
from collectief.surveys.tests.survey_factories import make_survey, q

EXACT = datetime(2026, 3, 14, 15, 9, 26, 535897, tzinfo=UTC)
HOUR = datetime(2026, 3, 14, 15, 0, tzinfo=UTC)


@pytest.fixture
def survey(own_org: Organisation) -> Survey:
    return make_survey(own_org)


def _answers(survey: Survey) -> dict[int, list[str]]:
    return {q(survey, "ken_buren").pk: ["4"], q(survey, "bezoek").pk: ["0"]}


def test_web_submission_keeps_the_hour_only(survey: Survey, client_for) -> None:  # type: ignore[no-untyped-def]
    response, _ = services.submit_response(survey, _answers(survey), idempotency_key="web-1")
    stored = Response.objects.get(pk=response.pk).submitted_at
    assert (stored.minute, stored.second, stored.microsecond) == (0, 0, 0)
    assert response.submitted_at == stored


@pytest.mark.parametrize("source", [Response.Source.PAPER, Response.Source.IMPORT])
def test_a_given_moment_is_stored_to_the_hour(survey: Survey, source: str) -> None:
    response, _ = services.submit_response(
        survey,
        _answers(survey),
        idempotency_key=f"{source}-1",
        source=source,
        submitted_at=EXACT,
        check_open=False,
    )
    assert Response.objects.get(pk=response.pk).submitted_at == HOUR


def test_bulk_create_stores_the_hour(survey: Survey) -> None:
    """The import and the demo store responses with bulk_create."""
    Response.objects.bulk_create(
        [Response(survey=survey, idempotency_key=f"bulk-{i}", submitted_at=EXACT) for i in (1, 2)]
    )
    assert set(survey.responses.values_list("submitted_at", flat=True)) == {HOUR}


def test_the_migration_truncates_stored_responses(survey: Survey) -> None:
    services.submit_response(survey, _answers(survey), idempotency_key="old")
    survey.responses.update(submitted_at=EXACT)  # as stored before the migration
    assert survey.responses.get().submitted_at == EXACT
    migration = import_module("collectief.surveys.migrations.0005_response_submitted_at_hour")
    migration.truncate_to_the_hour(apps, None)
    assert survey.responses.get().submitted_at == HOUR


def test_the_same_submission_twice_in_one_hour_is_stored_once(survey: Survey) -> None:
    first, created = services.submit_response(survey, _answers(survey), idempotency_key="same")
    again, created_again = services.submit_response(
        survey, _answers(survey), idempotency_key="same"
    )
    other, _ = services.submit_response(survey, _answers(survey), idempotency_key="other")
    assert created and not created_again and again.pk == first.pk
    assert survey.responses.count() == 2
    # Same hour: the order of the list falls back on the id.
    assert list(survey.responses.values_list("pk", flat=True)) == [first.pk, other.pk]


def _csrf_cookie_header(http_response) -> str:  # type: ignore[no-untyped-def]
    morsel = http_response.cookies.get("csrftoken")
    assert morsel is not None, "no CSRF cookie set"
    return morsel.OutputString().lower()


def test_respondent_pages_set_a_session_csrf_cookie(client_for, survey: Survey) -> None:  # type: ignore[no-untyped-def]
    client = client_for(None)
    page = client.get(reverse("surveys:respond", args=[survey.public_token]))
    assert page.status_code == 200
    header = _csrf_cookie_header(page)
    assert "max-age" not in header and "expires" not in header, header
    # The form on it still works with that cookie: the first part goes on to the second.
    # (The first page is drawn once and cached, so the state is read from the HTML.)
    found = re.search(r'<input type="hidden" name="state" value="([^"]+)"', page.content.decode())
    assert found is not None
    state = found.group(1)
    posted = client.post(
        reverse("surveys:respond", args=[survey.public_token]),
        {"state": state, f"q{q(survey, 'ken_buren').pk}": "4", f"q{q(survey, 'bezoek').pk}": "0"},
    )
    assert posted.status_code == 200
    assert "max-age" not in _csrf_cookie_header(posted)
    thanks = client.get(reverse("surveys:thanks", args=[survey.public_token]))
    assert "max-age" not in _csrf_cookie_header(thanks)


def test_the_csrf_check_still_holds_on_respondent_pages(survey: Survey) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.get(reverse("surveys:respond", args=[survey.public_token]))
    refused = client.post(reverse("surveys:respond", args=[survey.public_token]), {"state": "x"})
    assert refused.status_code == 403


def test_other_pages_keep_the_normal_csrf_cookie(client_for) -> None:  # type: ignore[no-untyped-def]
    """The contrast that shows the test above can fail: a login page keeps Django's cookie."""
    page = client_for(None).get(reverse("account_login"))
    assert "max-age" in _csrf_cookie_header(page)


def test_partial_answers_live_in_session_storage_only() -> None:
    script = (
        Path(__file__).resolve().parents[1] / "static" / "surveys" / "respond.js"
    ).read_text()
    assert "sessionStorage" in script
    for forbidden in ("localStorage.setItem", "localStorage.getItem"):
        assert forbidden not in script
    assert "data-last" in script  # cleared when the last part is sent
