"""A small initiative with a change story, figures and a finished survey in 2022.

The survey has 20 respondents in March 2022. Statement ``kennen`` (linked to
the VERBONDENHEID effect): 14 agree, 6 do not (70%). Statement ``helpen``:
3 agree, 17 do not, so its share would tell something about 3 people and is
hidden. One open answer is marked as a quote.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from collectief.accounts.models import Organisation
from collectief.changestories import services as story_services
from collectief.changestories.tests.conftest import sample_content
from collectief.figures import services as figure_services
from collectief.reports import services
from collectief.reports.models import Report
from collectief.stories.services import mark_answer_quote as mark_quote
from collectief.surveys import services as survey_services
from collectief.surveys.models import Answer, Question, Survey

QUOTE = "Door de activiteiten ken ik mijn buren en groet ik iedereen op straat."
N = 20


def make_world(organisation: Organisation) -> dict[str, Any]:
    story = story_services.save_change_story(organisation, sample_content(), by=None)
    effect = story.effects.get(key="e1")
    figure = figure_services.create_figure(
        organisation,
        by=None,
        label="vrijwilligers",
        value=Decimal(94),
        date=dt.date(2022, 6, 1),
        is_highlighted=True,
    )
    survey = survey_services.create_survey(organisation, by=None, title="Buurtmeting 2022")
    section = survey_services.add_section(survey, by=None, title="Tabel 1: Onderlinge contacten")
    for code, text in (
        ("kennen", "Door de activiteiten ken ik andere buurtbewoners."),
        ("helpen", "Door de activiteiten help ik vaker anderen."),
    ):
        survey_services.add_question(
            section,
            by=None,
            text=text,
            type=Question.Type.LIKERT5,
            code=code,
            allow_dont_know=True,
            effect=effect,
        )
    survey_services.add_question(
        section,
        by=None,
        text="Wat betekent het voor je?",
        type=Question.Type.LONG_TEXT,
        code="open",
    )
    survey_services.set_survey_status(survey, Survey.Status.OPEN, by=None)
    questions = {q.code: q.pk for q in survey.questions.all()}
    for index in range(N):
        answers = {
            questions["kennen"]: ["5" if index < 7 else "4" if index < 14 else "2"],
            questions["helpen"]: ["4" if index < 3 else "2"],
        }
        if index == 0:
            answers[questions["open"]] = [QUOTE]
        survey_services.submit_response(
            survey,
            answers,
            idempotency_key=f"w{index}",
            check_open=False,
            submitted_at=dt.datetime(2022, 3, 1 + index, 12, tzinfo=dt.UTC),
        )
    mark_quote(Answer.objects.get(text=QUOTE), by=None)
    return {"story": story, "figure": figure, "survey": survey, "effect": effect}


@pytest.fixture
def world(own_org: Organisation) -> dict[str, Any]:
    return make_world(own_org)


@pytest.fixture
def report(own_org: Organisation, world: dict[str, Any]) -> Report:
    return services.create_report(own_org, by=None, title="Ons magazine", period="2022")
