"""The compiled survey structure: read once per version, never stale, cheap submissions."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collectief.surveys import access, services
from collectief.surveys.compiled import clear_cache, compiled_survey
from collectief.surveys.models import Question, Response, Survey
from collectief.surveys.tests.survey_factories import make_survey, q

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_cache()
    yield
    clear_cache()


def _fresh(survey: Survey) -> Survey:
    return Survey.objects.get(pk=survey.pk)


def _state(page) -> str:
    return re.search(r'name="state" value="([^"]+)"', page.content.decode()).group(1)


def test_structure_is_read_once_per_version(own_org, django_assert_num_queries) -> None:
    survey = make_survey(own_org)
    first = compiled_survey(_fresh(survey))
    fresh = _fresh(survey)
    with django_assert_num_queries(0):
        again = compiled_survey(fresh)
    assert again is first
    assert [s.title for s in first.sections] == ["Contact", "Over jou"]
    assert [x.code for x in first.questions] == ["ken_buren", "bezoek", "hoe_vaak", "open"]


@pytest.mark.parametrize("change", ["edit", "add", "delete", "choices", "section"])
def test_every_structural_change_raises_the_version(own_org, change) -> None:
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    before = compiled_survey(_fresh(survey))
    question = q(survey, "hoe_vaak")
    if change == "edit":
        services.update_question(
            question, by=None, text="Hoe vaak kom je langs?", type=question.type
        )
    elif change == "add":
        services.add_question(
            question.section, by=None, text="Nieuwe vraag", type=Question.Type.YES_NO
        )
    elif change == "delete":
        services.delete_question(q(survey, "open"), by=None)
    elif change == "choices":
        choice = question.choices.get(value="week")
        choice.label = "Iedere week"
        choice.save()
    else:
        services.update_section(question.section, by=None, title="Over jezelf")
    after = compiled_survey(_fresh(survey))
    assert after.version > before.version
    assert after is not before


@pytest.fixture
def long_page_window(monkeypatch):
    """Pages keep a survey for an hour, so no test depends on the clock's second."""
    monkeypatch.setattr(access, "PAGE_SURVEY_SECONDS", 3600.0)


def test_respondent_page_reads_only_the_survey_once_compiled(
    own_org, django_assert_num_queries, long_page_window
) -> None:
    survey = make_survey(own_org)
    url = reverse("surveys:respond", args=[survey.public_token])
    Client().get(url)  # compiles the structure
    access.survey_changed()  # as after a change: the page reads the survey again
    with django_assert_num_queries(1):
        assert Client().get(url).status_code == 200
    with django_assert_num_queries(0):  # kept for the page window
        assert Client().get(url).status_code == 200


def test_a_page_is_never_older_than_a_change_in_this_process(own_org, long_page_window) -> None:
    survey = make_survey(own_org)
    url = reverse("surveys:respond", args=[survey.public_token])
    assert Client().get(url).status_code == 200
    survey.status = Survey.Status.CLOSED
    survey.save()
    assert Client().get(url).status_code == 410


def test_a_submission_reads_the_survey_afresh(own_org, long_page_window) -> None:
    """Closed by another process (no signal here): the page may lag, the submission not."""
    survey = make_survey(own_org)
    url = reverse("surveys:respond", args=[survey.public_token])
    client = Client()
    page = client.get(url)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    assert client.get(url).status_code == 200  # the page window
    sent = client.post(
        url,
        {
            "state": _state(page),
            f"q{q(survey, 'ken_buren').pk}": "4",
            f"q{q(survey, 'bezoek').pk}": "0",
        },
    )
    assert sent.status_code == 410
    assert Response.objects.count() == 0


def test_each_page_gets_its_own_copy(own_org, long_page_window) -> None:
    survey = make_survey(own_org)
    first = access.get_open_survey_for_page(survey.public_token)
    first.title = "Veranderd in een view"
    assert access.get_open_survey_for_page(survey.public_token).title == survey.title


def test_page_shows_an_edit_at_once(own_org) -> None:
    survey = make_survey(own_org)
    url = reverse("surveys:respond", args=[survey.public_token])
    assert "Door de activiteiten ken ik" in Client().get(url).content.decode()
    question = q(survey, "ken_buren")
    services.update_question(
        question, by=None, text="Ik ken meer buren dan vroeger", type=question.type
    )
    text = Client().get(url).content.decode()
    assert "Ik ken meer buren dan vroeger" in text
    assert "Door de activiteiten ken ik" not in text


def test_a_submission_is_one_short_write(own_org) -> None:
    """The rate-limit count and the response commit together; no cache table is touched."""
    survey = make_survey(own_org)
    url = reverse("surveys:respond", args=[survey.public_token])
    client = Client(REMOTE_ADDR="198.51.100.1")
    page = client.get(url)
    page2 = client.post(
        url,
        {
            "state": _state(page),
            f"q{q(survey, 'ken_buren').pk}": "4",
            f"q{q(survey, 'bezoek').pk}": "0",
        },
    )
    with CaptureQueriesContext(connection) as queries:
        done = client.post(url, {"state": _state(page2)})
    assert done.status_code == 302
    statements = [query["sql"] for query in queries.captured_queries]
    writes = [
        sql
        for sql in statements
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "WITH"))
    ]
    if connection.vendor == "postgresql":
        # One statement: the count, the response and its answers (WITH … INSERT …).
        assert len(writes) == 1, writes
        assert writes[0].count("INSERT INTO") == 3
    else:
        assert len(writes) == 3, writes  # rate-limit upsert, response, its answers
    assert "ratelimits_ratebucket" in writes[0]
    assert not any("collectief_cache" in sql for sql in statements)
    # Sections, questions and choices come from the compiled structure.
    assert not any('FROM "surveys_question"' in sql for sql in statements)
    # One read (the survey behind the link), then the write transaction: no lookup
    # of the submission code first (a repeated code fails the insert instead).
    assert len(statements) <= 6, statements
    assert Response.objects.count() == 1


def test_stale_survey_instance_still_submits_new_questions(own_org) -> None:
    survey = make_survey(own_org)
    stale = _fresh(survey)
    compiled_survey(stale)
    extra = services.add_question(
        q(survey, "open").section, by=None, text="Nog iets?", type=Question.Type.YES_NO
    )
    response, created = services.submit_response(
        stale,
        {q(survey, "ken_buren").pk: ["3"], extra.pk: ["1"]},
        idempotency_key="stale-1",
    )
    assert created
    assert response.answers.filter(question=extra, value=1).exists()


def test_a_new_wave_takes_new_responses_at_once(own_org) -> None:
    from datetime import timedelta

    from django.utils import timezone

    survey = make_survey(own_org)
    compiled_survey(_fresh(survey))
    wave = services.add_wave(
        survey,
        by=None,
        name="Nameting",
        kind="nameting",
        starts_at=timezone.now() - timedelta(minutes=1),
    )
    fresh = _fresh(survey)
    response, _created = services.submit_response(
        fresh,
        {q(survey, "ken_buren").pk: ["4"]},
        idempotency_key="wave-1",
        structure=compiled_survey(fresh),
    )
    assert response.wave_id == wave.pk
