"""A small survey with answers for the analysis and results-page tests."""

from __future__ import annotations

from typing import Any

from collectief.surveys import services
from collectief.surveys.models import Question, Survey


def make_survey(organisation: Any, by: Any = None) -> Survey:
    survey = services.create_survey(organisation, by=by, title="Buurtmeting")
    section = services.add_section(survey, by=by, title="Contacten")
    services.add_question(
        section,
        by=by,
        text="Ik ken andere buurtbewoners.",
        type=Question.Type.LIKERT5,
        code="kennen",
        allow_dont_know=True,
    )
    services.add_question(
        section,
        by=by,
        text="Komt u in het buurthuis?",
        type=Question.Type.YES_NO,
        code="komt",
    )
    services.add_question(
        section,
        by=by,
        text="Wat vindt u van de buurt?",
        type=Question.Type.LONG_TEXT,
        code="mening",
    )
    return survey


def add_responses(
    survey: Survey, rows: list[dict[str, list[str]]], *, prefix: str = "r", wave: Any = None
) -> None:
    questions = {q.code: q for q in survey.questions.all()}
    for index, row in enumerate(rows):
        services.submit_response(
            survey,
            {questions[code].pk: keys for code, keys in row.items()},
            idempotency_key=f"{prefix}{index}",
            check_open=False,
            wave=wave,
        )
