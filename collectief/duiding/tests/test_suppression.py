"""DESIGN §4: survey numbers from fewer than 5 people never reach the presentation, the
report or the export of a samen-duiden session."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.models import Organisation, User
from collectief.changestories.models import Effect
from collectief.duiding import services
from collectief.duiding.models import InterpretationSession
from collectief.duiding.report import report_context, session_as_json
from collectief.duiding.slides import build_slides
from collectief.duiding.tests.conftest import TODAY, make_survey
from collectief.stories import services as stories
from collectief.stories.models import ConsentLevel, ConsentMethod
from collectief.stories.services import mark_answer_quote as mark_quote
from collectief.surveys.models import Answer

pytestmark = pytest.mark.django_db


def _session(organisation: Organisation, survey: Any) -> InterpretationSession:
    return services.create_interpretation_session(
        organisation,
        by=None,
        title="Sessie",
        held_on=TODAY,
        period_start=TODAY,
        period_end=TODAY,
        survey=survey,
    )


def _present(client: Any, session: InterpretationSession) -> str:
    url = reverse("duiding:present", args=["own-org", session.pk, 1])
    return str(client.get(url).content.decode())


def test_a_survey_with_four_responses_shows_no_numbers(
    client_for: Any, reader: User, own_org: Organisation, effects: list[Effect]
) -> None:
    session = _session(own_org, make_survey(own_org, effects[0], ["5", "5", "4", "1"]))
    part = build_slides(session)[0].survey
    assert part is not None and part.suppressed and part.rows == [] and part.n_responses is None
    text = _present(client_for(reader), session)
    assert "minder dan 5 antwoorden" in text
    assert "%" not in re.sub(r"<[^>]+>", "", text.split("Vragenlijst:")[1].split("</section>")[0])
    data = session_as_json(session)["effects"][0]["survey"]
    assert data == {
        "title": "Buurtmeting",
        "suppressed": True,
        "responses": None,
        "statements": [],
    }


def test_a_statement_with_four_valid_answers_shows_neither_share_nor_n(
    client_for: Any, reader: User, own_org: Organisation, effects: list[Effect]
) -> None:
    # Seven responses, but only four gave an opinion: the statement is hidden.
    session = _session(
        own_org, make_survey(own_org, effects[0], ["5", "5", "4", "1"] + ["dk"] * 3)
    )
    part = build_slides(session)[0].survey
    assert part is not None and not part.suppressed
    (row,) = part.rows
    assert (row.shown, row.agree_pct, row.n, row.ci95) == (False, None, None, None)
    assert part.chart is None
    text = _present(client_for(reader), session)
    assert "niet getoond: minder dan 5 antwoorden" in text
    assert "75%" not in text  # 3 of 4 agree
    statements = session_as_json(session)["effects"][0]["survey"]["statements"]
    assert statements == [
        {
            "text": "Door het buurthuis ken ik andere buurtbewoners.",
            "shown": False,
            "agree_pct": None,
            "n": None,
        }
    ]


def test_five_answers_are_shown_with_the_small_sample_warning(
    client_for: Any, reader: User, own_org: Organisation, effects: list[Effect]
) -> None:
    session = _session(own_org, make_survey(own_org, effects[0], ["5", "5", "4", "1", "2"]))
    (row,) = build_slides(session)[0].survey.rows  # type: ignore[union-attr]
    assert row.shown and row.n == 5 and row.agree_pct == pytest.approx(60.0)
    text = _present(client_for(reader), session)
    assert "60%" in text
    assert "een indruk, geen meting" in text


def test_the_pdf_report_of_a_small_survey_has_no_numbers(
    own_org: Organisation, effects: list[Effect]
) -> None:
    from django.template.loader import render_to_string

    session = _session(
        own_org, make_survey(own_org, effects[0], ["5", "5", "4", "1"] + ["dk"] * 3)
    )
    html = render_to_string("duiding/report_document.html", report_context(session))
    assert "niet getoond: minder dan 5 antwoorden" in html
    assert "75%" not in html and "57%" not in html


def test_quotes_of_a_survey_below_five_responses_are_not_shown(
    own_org: Organisation, effects: list[Effect]
) -> None:
    small = make_survey(own_org, effects[0], ["5", "4", "3"], title="Klein")
    answer = Answer.objects.filter(question__survey=small, text__isnull=False).first()
    assert answer is not None
    mark_quote(answer, by=None)
    session = _session(own_org, small)
    assert build_slides(session)[0].quotes == []


def test_marked_quotes_of_the_effect_are_shown(
    client_for: Any, reader: User, own_org: Organisation, effects: list[Effect]
) -> None:
    survey = make_survey(own_org, effects[0], ["5"] * 6)
    answer = Answer.objects.filter(question__survey=survey, text="Antwoord nummer 2").get()
    mark_quote(answer, by=None)
    session = _session(own_org, survey)
    slides = build_slides(session)
    assert [q.text for q in slides[0].quotes] == ["Antwoord nummer 2"]
    assert slides[1].quotes == []  # another effect
    assert "Antwoord nummer 2" in _present(client_for(reader), session)
    assert "Antwoord nummer 3" not in _present(client_for(reader), session)


def test_a_story_quote_shows_until_consent_is_withdrawn(
    own_org: Organisation, effects: list[Effect]
) -> None:
    survey = make_survey(own_org, effects[0], ["5"] * 6)
    story = stories.create_story(
        own_org,
        by=None,
        title="Weer onder de mensen",
        text="Sinds de koffieochtend ken ik de buren weer.",
        author_role="deelnemer",
        told_on=TODAY,
        consent_level=ConsentLevel.NAMED,
        consent_method=ConsentMethod.WRITTEN,
        author_name="Jan Willem",
        effects=[effects[0]],
    )
    stories.create_quote(story, by=None, text="ken ik de buren weer", effect=effects[0])
    session = _session(own_org, survey)
    shown = build_slides(session)[0].quotes
    assert [(q.text, q.source) for q in shown] == [("ken ik de buren weer", "Jan Willem")]
    stories.withdraw_consent(story, by=None)
    assert build_slides(session)[0].quotes == []
