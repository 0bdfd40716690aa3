"""Fixtures: an initiative's results and a gemeente to share them with."""

from __future__ import annotations

from decimal import Decimal

import pytest

from collectief.accounts.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    with_two_factor,
)
from collectief.accounts.models import Organisation, Role, User
from collectief.changestories.models import ChangeStory, Effect, TargetGroup
from collectief.figures import services as figure_services
from collectief.sharing import services
from collectief.sharing.models import Share
from collectief.surveys.models import Survey
from collectief.surveys.tests.results_helpers import make_survey


@pytest.fixture
def gemeente(db: None) -> Organisation:
    return OrganisationFactory(
        slug="gemeente-haarlem", name="Gemeente Haarlem", kind=Organisation.Kind.MUNICIPALITY
    )


@pytest.fixture
def gemeente_reader(gemeente: Organisation) -> User:
    user = UserFactory(email="beleid@haarlem.test")
    MembershipFactory(user=user, organisation=gemeente, role=Role.READER)
    with_two_factor(user)  # a gemeente member logs in with two factors
    return user


@pytest.fixture
def story(own_org: Organisation) -> ChangeStory:
    story = ChangeStory.objects.create(organisation=own_org, tagline="Een tweede huiskamer")
    TargetGroup.objects.create(story=story, key="t1", text="Alle buurtbewoners")
    Effect.objects.create(
        story=story, key="e1", name="Ontmoeting", description="Bewoners leren elkaar kennen"
    )
    return story


@pytest.fixture
def survey(own_org: Organisation) -> Survey:
    return make_survey(own_org)


@pytest.fixture
def figure(own_org: Organisation) -> None:
    figure_services.create_figure(own_org, by=None, label="vrijwilligers", value=Decimal(94))


@pytest.fixture
def story_share(own_org: Organisation, gemeente: Organisation, story: ChangeStory) -> Share:
    return services.share_result(
        own_org, by=None, kind="veranderverhaal", object_id=str(story.pk), recipient=gemeente
    )


@pytest.fixture
def survey_share(own_org: Organisation, gemeente: Organisation, survey: Survey) -> Share:
    return services.share_result(
        own_org, by=None, kind="vragenlijst", object_id=str(survey.pk), recipient=gemeente
    )
