"""The data migration: quotes marked in survey results become stories quotes (one concept)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from collectief.accounts.factories import OrganisationFactory
from collectief.surveys.models import Answer
from collectief.surveys.tests.results_helpers import add_responses, make_survey

BEFORE = [
    ("surveys", "0005_response_submitted_at_hour"),
    ("stories", "0001_stories_consent_quotes_msc_rounds"),
]
AFTER = [("surveys", "0006_quote_moved_to_stories")]


@pytest.fixture
def executor(transactional_db: None) -> Iterator[MigrationExecutor]:
    executor = MigrationExecutor(connection)
    yield executor
    # Back to the newest state for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_marked_survey_answers_become_quotes_with_effect_and_marker(
    executor: MigrationExecutor,
) -> None:
    organisation = OrganisationFactory(slug="badhuis")
    survey = make_survey(organisation)
    add_responses(survey, [{"mening": ["Het Badhuis is mijn huiskamer"]}] * 5)
    answer = Answer.objects.filter(question__code="mening").first()
    assert answer is not None
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    old_apps.get_model("surveys", "Quote").objects.create(answer_id=answer.pk)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    quote = new_apps.get_model("stories", "Quote").objects.get()
    assert quote.answer_id == answer.pk
    assert quote.text == "Het Badhuis is mijn huiskamer"
    assert quote.organisation_id == organisation.pk
    assert quote.story_id is None
    assert "surveys_quote" not in connection.introspection.table_names()
