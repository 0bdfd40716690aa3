"""Fixtures for the stories tests: a veranderverhaal with effects, stories with consent."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from collectief.accounts.models import Organisation
from collectief.changestories.models import ChangeStory, Effect
from collectief.signals.tests.conftest import _deduce_cache  # noqa: F401 - the session fixture
from collectief.stories import services
from collectief.stories.models import ConsentLevel, ConsentMethod, Story

TOLD_ON = datetime.date(2026, 5, 4)


def add_effects(organisation: Organisation) -> dict[str, Effect]:
    change_story = ChangeStory.objects.create(organisation=organisation)
    return {
        "verbondenheid": Effect.objects.create(
            story=change_story,
            key="e1",
            position=1,
            name="VERBONDENHEID",
            description="Buurtbewoners voelen zich verbonden met elkaar",
        ),
        "zelfvertrouwen": Effect.objects.create(
            story=change_story,
            key="e2",
            position=2,
            name="",
            description="Bewoners krijgen meer zelfvertrouwen",
        ),
    }


@pytest.fixture
def effects(own_org: Organisation) -> dict[str, Effect]:
    return add_effects(own_org)


@pytest.fixture
def other_effects(other_org: Organisation) -> dict[str, Effect]:
    return add_effects(other_org)


def make_story(
    organisation: Organisation,
    *,
    level: str = ConsentLevel.NAMED,
    title: str = "Mijn buren ken ik nu",
    text: str = "Sinds de koffieochtend ken ik mijn buren. Ik groet iedereen op straat.",
    name: str = "Jan Willem",
    effects: Any = (),
    **extra: Any,
) -> Story:
    return services.create_story(
        organisation,
        by=None,
        title=title,
        text=text,
        author_role="vrijwilliger",
        author_name=name,
        told_on=TOLD_ON,
        effects=effects,
        consent_level=level,
        consent_method=ConsentMethod.ORAL,
        consent_asked_by="Silke",
        consent_asked_on=TOLD_ON,
        **extra,
    )


@pytest.fixture
def story(own_org: Organisation, effects: dict[str, Effect]) -> Story:
    """A story with consent to publish with name, linked to VERBONDENHEID."""
    return make_story(own_org, effects=[effects["verbondenheid"]])
