"""Fixtures: an initiative and a wijkteam in Breda, and a gemeente elsewhere."""

from __future__ import annotations

import pytest

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Organisation, Role, User
from collectief.areas.models import Area
from collectief.directory.tests.search_helpers import area, breda
from collectief.support import services
from collectief.support.models import Kind, SupportRequest


def member(organisation: Organisation, role: str, email: str) -> User:
    user = UserFactory(email=email, name=email.split("@")[0].capitalize())
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def areas(db: None) -> dict[str, Area]:
    return breda()


@pytest.fixture
def initiative(areas: dict[str, Area]) -> Organisation:
    org = OrganisationFactory(
        slug="de-sleutel", name="De Sleutel", kind=Organisation.Kind.INITIATIVE
    )
    org.areas.set([areas["kesteren"]])
    return org


@pytest.fixture
def team(areas: dict[str, Area]) -> Organisation:
    org = OrganisationFactory(
        slug="wijkteam-breda", name="Wijkteam Breda", kind=Organisation.Kind.WELFARE
    )
    org.areas.set([areas["breda"]])
    return org


@pytest.fixture
def far_team(db: None) -> Organisation:
    org = OrganisationFactory(
        slug="welzijn-elders", name="Welzijn Elders", kind=Organisation.Kind.WELFARE
    )
    org.areas.set([area("GM0999", "Elders")])
    return org


@pytest.fixture
def initiative_staff(initiative: Organisation) -> User:
    return member(initiative, Role.STAFF, "natasja@sleutel.test")


@pytest.fixture
def team_staff(team: Organisation) -> User:
    return member(team, Role.STAFF, "sociaalwerker@team.test")


@pytest.fixture
def far_staff(far_team: Organisation) -> User:
    return member(far_team, Role.STAFF, "ander@elders.test")


@pytest.fixture
def asked(initiative: Organisation, areas: dict[str, Area]) -> SupportRequest:
    return services.ask_support(
        initiative,
        by=None,
        gemeente=areas["breda"],
        kind=Kind.VOLUNTEERS,
        question="Wie helpt op zaterdag in de kringloopwinkel?",
    )
