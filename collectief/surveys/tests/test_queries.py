"""No N+1 queries on the survey pages that list things (issue 9, point 3)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from collectief.accounts.models import Organisation, User
from collectief.surveys import services
from collectief.surveys.models import Question
from collectief.surveys.tests.survey_factories import make_survey


def test_survey_list(
    assert_flat_queries: Any, client_for: Any, staff: User, own_org: Organisation
) -> None:
    def more() -> None:
        for _ in range(3):
            make_survey(own_org)

    assert_flat_queries(client_for(staff), reverse("surveys:list", args=[own_org.slug]), more)


def test_survey_detail(
    assert_flat_queries: Any, client_for: Any, staff: User, own_org: Organisation
) -> None:
    survey = make_survey(own_org)
    section = survey.sections.first()
    count = iter(range(100))

    def more() -> None:
        for _ in range(3):
            n = next(count)
            services.add_question(
                section,
                by=None,
                text=f"Hoe vaak {n}?",
                type=Question.Type.SINGLE_CHOICE,
                code=f"extra_{n}",
                choices=[
                    services.ChoiceSpec("Vaak", "vaak"),
                    services.ChoiceSpec("Nooit", "nooit"),
                ],
            )

    url = reverse("surveys:detail", args=[own_org.slug, survey.pk])
    assert_flat_queries(client_for(staff), url, more)
