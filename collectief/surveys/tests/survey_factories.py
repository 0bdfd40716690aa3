"""Helpers to build surveys in tests of the build/collect part."""

from __future__ import annotations

from typing import Any

from collectief.surveys import services
from collectief.surveys.models import Question, Survey


def make_survey(organisation: Any, *, status: str = Survey.Status.OPEN, **fields: Any) -> Survey:
    """A survey with two parts: statements + yes/no, and a conditional choice + open text."""
    survey = services.create_survey(organisation, by=None, title="Buurtvragen", **fields)
    first = services.add_section(survey, by=None, title="Contact")
    second = services.add_section(survey, by=None, title="Over jou")
    services.add_question(
        first,
        by=None,
        text="Door de activiteiten ken ik andere buurtbewoners",
        type=Question.Type.LIKERT5,
        code="ken_buren",
        required=True,
    )
    visits = services.add_question(
        first, by=None, text="Kom je in het buurthuis?", type=Question.Type.YES_NO, code="bezoek"
    )
    services.add_question(
        second,
        by=None,
        text="Hoe vaak kom je?",
        type=Question.Type.SINGLE_CHOICE,
        code="hoe_vaak",
        choices=[
            services.ChoiceSpec("Elke week", "week"),
            services.ChoiceSpec("Elke maand", "maand"),
        ],
        show_if_question=visits,
        show_if_values=["1"],
        required=True,
    )
    services.add_question(
        second, by=None, text="Wat wil je nog kwijt?", type=Question.Type.LONG_TEXT, code="open"
    )
    if status != Survey.Status.DRAFT:
        services.set_survey_status(survey, status, by=None)
    return survey


def q(survey: Survey, code: str) -> Question:
    return survey.questions.get(code=code)
