"""Fixtures for the routekaart tests: a wijk in Breda, the themes, a project with a partner."""

from __future__ import annotations

import pytest

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Organisation, Role, User
from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.directory.taxonomy_data import ensure_taxonomies
from collectief.directory.tests.search_helpers import breda
from collectief.projects import services
from collectief.projects.models import Project


@pytest.fixture
def areas(db: None) -> dict[str, Area]:
    return breda()


@pytest.fixture
def themes(db: None) -> dict[str, TaxonomyTerm]:
    # A transactional test empties every table, the migrated themes included.
    ensure_taxonomies()
    return {term.code: term for term in TaxonomyTerm.objects.themes()}


@pytest.fixture
def partner_org(db: None) -> Organisation:
    return OrganisationFactory(slug="partner-org", name="Partner in de wijk")


def member(organisation: Organisation, role: str, email: str) -> User:
    user = UserFactory(email=email)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def partner_staff(partner_org: Organisation) -> User:
    return member(partner_org, Role.STAFF, "staff@partner.test")


@pytest.fixture
def project(
    own_org: Organisation,
    partner_org: Organisation,
    areas: dict[str, Area],
    themes: dict[str, TaxonomyTerm],
) -> Project:
    project = services.create_project(
        own_org,
        by=None,
        title="Samen tegen eenzaamheid",
        question="Veel ouderen in de wijk zien niemand.",
        wijk=areas["haagse_beemden"],
        theme=themes["eenzaamheid"],
    )
    services.add_partner(project, partner_org, by=None)
    return project


def other_project(other_org: Organisation, areas: dict[str, Area], theme: TaxonomyTerm) -> Project:
    return services.create_project(
        other_org,
        by=None,
        title="Project van een ander",
        question="Geheim",
        wijk=areas["centrum"],
        theme=theme,
    )
