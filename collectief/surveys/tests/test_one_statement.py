"""Submissions on PostgreSQL outside a transaction: one statement, all or nothing.

The rest of the suite runs inside a test transaction, where the statement
takes a savepoint. These tests use real commits so the statement runs as in
production: on its own, committed by itself.
"""

from __future__ import annotations

import pytest
from django.db import connection

from collectief.lib.errors import ServiceError
from collectief.ratelimits.models import RateBucket
from collectief.ratelimits.services import RateLimit, RateLimitExceededError
from collectief.surveys import services
from collectief.surveys.models import Answer, Response, Survey
from collectief.surveys.tests.survey_factories import make_survey, q

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the one-statement path is PostgreSQL's"
    ),
]

LIMIT = RateLimit(scope="survey:test", client="c0ffee", per_hour=2)


def _answers(survey: Survey) -> dict[int, list[str]]:
    return {q(survey, "ken_buren").pk: ["4"], q(survey, "bezoek").pk: ["0"]}


def _hits() -> int:
    return sum(RateBucket.objects.filter(scope=LIMIT.scope).values_list("hits", flat=True))


def test_stores_the_response_its_answers_and_the_count(own_org) -> None:
    survey = make_survey(own_org)
    assert not connection.in_atomic_block
    response, created = services.submit_response(
        survey, _answers(survey), idempotency_key="een", rate_limit=LIMIT
    )
    assert created
    stored = Response.objects.get(pk=response.pk)
    assert stored.idempotency_key == "een"
    assert stored.answer_vector
    assert sorted(Answer.objects.filter(response=stored).values_list("value", flat=True)) == [
        0,
        4,
    ]
    assert _hits() == 1


def test_the_same_code_twice_is_stored_and_counted_once(own_org) -> None:
    survey = make_survey(own_org)
    first, created = services.submit_response(
        survey, _answers(survey), idempotency_key="twee", rate_limit=LIMIT
    )
    again, created_again = services.submit_response(
        survey, _answers(survey), idempotency_key="twee", rate_limit=LIMIT
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert Response.objects.filter(survey=survey).count() == 1
    assert Answer.objects.filter(response__survey=survey).count() == 2
    assert _hits() == 1


def test_over_the_limit_nothing_is_stored_or_counted(own_org) -> None:
    survey = make_survey(own_org)
    for key in ("a", "b"):
        services.submit_response(survey, _answers(survey), idempotency_key=key, rate_limit=LIMIT)
    with pytest.raises(RateLimitExceededError):
        services.submit_response(survey, _answers(survey), idempotency_key="c", rate_limit=LIMIT)
    assert Response.objects.filter(survey=survey).count() == 2
    assert _hits() == 2


def test_a_closed_survey_stores_nothing(own_org) -> None:
    survey = make_survey(own_org)
    survey.status = Survey.Status.CLOSED
    survey.save()
    with pytest.raises(ServiceError, match="gesloten"):
        services.submit_response(survey, _answers(survey), idempotency_key="d", rate_limit=LIMIT)
    assert not Response.objects.filter(survey=survey).exists()
    assert _hits() == 0
