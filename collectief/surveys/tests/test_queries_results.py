"""No N+1 queries on the results pages and the survey API (issue 9, point 3)."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.models import Organisation, User
from collectief.surveys import services
from collectief.surveys.models import Question
from collectief.surveys.tests.results_helpers import add_responses, make_survey

pytestmark = pytest.mark.django_db

_numbers = count()


def _survey_with_answers(organisation: Organisation) -> Any:
    survey = make_survey(organisation)
    add_responses(survey, [{"kennen": ["4"], "komt": ["1"], "mening": ["Fijn hier"]}] * 6)
    section = survey.sections.first()

    def more() -> None:
        """More questions (each with a chart and a table) and more open answers."""
        for _ in range(2):
            n = next(_numbers)
            services.add_question(
                section,
                by=None,
                text=f"Hoe vaak {n}?",
                type=Question.Type.SINGLE_CHOICE,
                code=f"vaak_{n}",
                choices=[
                    services.ChoiceSpec("Vaak", "vaak"),
                    services.ChoiceSpec("Nooit", "nooit"),
                ],
            )
        add_responses(
            survey,
            [{"kennen": ["5"], "komt": ["0"], "mening": ["Gezellig"]}] * 3,
            prefix=f"m{next(_numbers)}-",
        )

    return survey, more


@pytest.mark.parametrize("page", ["results", "open_answers"])
def test_results_pages(
    assert_flat_queries: Any, client_for: Any, admin: User, own_org: Organisation, page: str
) -> None:
    survey, more = _survey_with_answers(own_org)
    url = reverse(f"surveys:{page}", args=[own_org.slug, survey.pk])
    assert_flat_queries(client_for(admin), url, more)


def test_survey_api(
    assert_flat_queries: Any, client_for: Any, api_auth: Any, admin: User, own_org: Organisation
) -> None:
    survey, more = _survey_with_answers(own_org)
    headers = api_auth(admin)
    client = client_for(None)
    assert_flat_queries(client, f"/api/v1/organisations/{own_org.slug}/surveys/", more, **headers)
    url = f"/api/v1/organisations/{own_org.slug}/surveys/{survey.pk}/"
    assert_flat_queries(client, url, more, **headers)
