"""Fixtures of samen duiden: a change story with two effects, sessions and a questionnaire."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from collectief.accounts.models import Organisation
from collectief.changestories.models import ChangeStory, Effect, Indicator
from collectief.duiding import services
from collectief.duiding.models import ArenaSession, InterpretationSession, TriangleSession
from collectief.surveys import services as survey_services
from collectief.surveys.models import Question, Survey

TODAY = datetime.date(2026, 11, 20)


def make_effects(organisation: Organisation, prefix: str = "") -> list[Effect]:
    story = ChangeStory.objects.create(organisation=organisation)
    connected = Effect.objects.create(
        story=story,
        key="e1",
        position=1,
        name=f"{prefix}VERBONDENHEID",
        description="Wijkbewoners voelen zich verbonden met elkaar",
    )
    Indicator.objects.create(effect=connected, key="i1", text="Bewoners kennen elkaar")
    network = Effect.objects.create(
        story=story,
        key="e2",
        position=2,
        name=f"{prefix}STEUNEND NETWERK",
        description="Wijkbewoners helpen elkaar",
    )
    return [connected, network]


@pytest.fixture
def effects(own_org: Organisation) -> list[Effect]:
    return make_effects(own_org)


@pytest.fixture
def other_effects(other_org: Organisation) -> list[Effect]:
    return make_effects(other_org, prefix="ANDER ")


def make_survey(
    organisation: Organisation, effect: Effect, answers: list[str], *, title: str = "Buurtmeting"
) -> Survey:
    """A questionnaire with one statement about ``effect`` and one open question.

    ``answers`` are the statement's answers, one response each ("1".."5" or "dk").
    """
    survey = survey_services.create_survey(organisation, by=None, title=title)
    section = survey_services.add_section(survey, by=None, title="Contacten")
    statement = survey_services.add_question(
        section,
        by=None,
        text="Door het buurthuis ken ik andere buurtbewoners.",
        type=Question.Type.LIKERT5,
        code="kennen",
        allow_dont_know=True,
        effect=effect,
    )
    open_question = survey_services.add_question(
        section,
        by=None,
        text="Wat betekent het buurthuis voor je?",
        type=Question.Type.LONG_TEXT,
        code="betekenis",
        effect=effect,
    )
    for index, answer in enumerate(answers):
        survey_services.submit_response(
            survey,
            {statement.pk: [answer], open_question.pk: [f"Antwoord nummer {index}"]},
            idempotency_key=f"{title}-{index}",
            check_open=False,
        )
    return survey


@pytest.fixture
def triangle(own_org: Organisation, effects: list[Effect]) -> TriangleSession:
    return services.create_triangle_session(
        own_org, by=None, title="Driehoek met vrijwilligers", held_on=TODAY, effects=effects[:1]
    )


@pytest.fixture
def arena(own_org: Organisation, effects: list[Effect]) -> ArenaSession:
    return services.create_arena_session(
        own_org, by=None, title="Arena in de buurt", held_on=TODAY, effects=effects
    )


@pytest.fixture
def session(own_org: Organisation, effects: list[Effect]) -> InterpretationSession:
    return services.create_interpretation_session(
        own_org,
        by=None,
        title="Samen duiden najaar",
        held_on=TODAY,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 10, 31),
    )


def scores(r: Any, l: Any, b: Any) -> dict[str, Any]:  # noqa: E741
    return {"rendement": r, "legitimiteit": l, "betrokkenheid": b}
