"""The first page every respondent opens is drawn once and then only filled in.

What must hold for each respondent, whatever is kept: an own submission code,
an own CSRF token that the server accepts, and the survey as it is now.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from collectief.ratelimits.services import RateLimit, RateLimitExceededError
from collectief.surveys import services
from collectief.surveys.models import Response, Survey
from collectief.surveys.tests.survey_factories import make_survey, q
from collectief.surveys.views.respond import _CSRF_MARK, _STATE_MARK, _unsign

pytestmark = pytest.mark.django_db


def _state(page) -> str:
    return re.search(r'name="state" value="([^"]+)"', page.content.decode()).group(1)


def _csrf(page) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)


def test_each_respondent_gets_an_own_code_and_a_token_that_works(own_org) -> None:
    survey = make_survey(own_org)
    url = reverse("surveys:respond", args=[survey.public_token])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one, page_two = first.get(url), second.get(url)
    codes = {_unsign(survey, _state(page))["k"] for page in (page_one, page_two)}
    assert len(codes) == 2
    for page in (page_one, page_two):
        assert _STATE_MARK not in page.content.decode()
        assert _CSRF_MARK not in page.content.decode()
    answers = {
        f"q{q(survey, 'ken_buren').pk}": "4",
        f"q{q(survey, 'bezoek').pk}": "0",
    }
    for client, page in ((first, page_one), (second, page_two)):
        step = client.post(
            url, {"state": _state(page), "csrfmiddlewaretoken": _csrf(page), **answers}
        )
        assert step.status_code == 200, step.content.decode()[:300]
        done = client.post(url, {"state": _state(step), "csrfmiddlewaretoken": _csrf(step)})
        assert done.status_code == 302
    assert Response.objects.filter(survey=survey).count() == 2


def test_a_forged_token_is_still_refused(own_org) -> None:
    survey = make_survey(own_org)
    url = reverse("surveys:respond", args=[survey.public_token])
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    refused = client.post(url, {"state": _state(page), "csrfmiddlewaretoken": "x" * 64})
    assert refused.status_code == 403


@pytest.mark.parametrize("change", ["title", "intro", "question", "closed"])
def test_a_changed_survey_shows_at_once(own_org, change) -> None:
    survey = make_survey(own_org)
    url = reverse("surveys:respond", args=[survey.public_token])
    assert Client().get(url).status_code == 200  # drawn and kept
    if change == "title":
        services.update_survey(survey, by=None, title="Nieuwe titel")
        assert "Nieuwe titel" in Client().get(url).content.decode()
    elif change == "intro":
        services.update_survey(survey, by=None, intro="Welkom bij de nieuwe vragen.")
        assert "Welkom bij de nieuwe vragen." in Client().get(url).content.decode()
    elif change == "question":
        question = q(survey, "ken_buren")
        services.update_question(question, by=None, text="Ik groet buren", type=question.type)
        assert "Ik groet buren" in Client().get(url).content.decode()
    else:
        services.set_survey_status(survey, Survey.Status.CLOSED, by=None)
        assert Client().get(url).status_code == 410


def test_the_page_follows_the_language(own_org) -> None:
    survey = make_survey(own_org)
    url = reverse("surveys:respond", args=[survey.public_token])
    dutch = Client().get(url).content.decode()
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert "Wat gebeurt er met je antwoorden?" in dutch
    assert "What happens with your answers?" in english
    assert 'lang="en"' in english and 'lang="nl"' in dutch


def test_a_path_with_a_query_is_drawn_as_asked(own_org) -> None:
    survey = make_survey(own_org)
    url = reverse("surveys:respond", args=[survey.public_token])
    page = Client().get(url + "?bron=poster").content.decode()
    assert 'name="next" value="' + url + '?bron=poster"' in page


def test_a_repeated_code_returns_the_stored_response_after_closing(own_org) -> None:
    survey = make_survey(own_org)
    answers = {q(survey, "ken_buren").pk: ["4"], q(survey, "bezoek").pk: ["0"]}
    stored, created = services.submit_response(survey, answers, idempotency_key="twice")
    assert created
    services.set_survey_status(survey, Survey.Status.CLOSED, by=None)
    again, created = services.submit_response(survey, answers, idempotency_key="twice")
    assert (again.pk, created) == (stored.pk, False)
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_repeated_code_is_not_counted_against_the_limit(own_org, rf) -> None:
    survey = make_survey(own_org)
    answers = {q(survey, "ken_buren").pk: ["4"], q(survey, "bezoek").pk: ["0"]}
    limit = RateLimit.for_request(rf.get("/", REMOTE_ADDR="198.51.100.7"), "test:repeat", 1)
    services.submit_response(survey, answers, idempotency_key="once", rate_limit=limit)
    for _ in range(3):
        _again, created = services.submit_response(
            survey, answers, idempotency_key="once", rate_limit=limit
        )
        assert not created
    with pytest.raises(
        RateLimitExceededError, match=r"Te vaak geprobeerd vanaf dit adres\. Probeer het over een"
    ):
        services.submit_response(survey, answers, idempotency_key="other", rate_limit=limit)
    assert Response.objects.filter(survey=survey).count() == 1
