"""Fixtures for the two-factor login tests: a gemeente and one of its members."""

from __future__ import annotations

import pytest

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Organisation, Role, User


@pytest.fixture
def gemeente(db: None) -> Organisation:
    return OrganisationFactory(
        slug="gemeente-almere", name="Gemeente Almere", kind=Organisation.Kind.MUNICIPALITY
    )


@pytest.fixture
def member(gemeente: Organisation) -> User:
    """A gemeente member without an app linked yet: two-factor login is required."""
    user = UserFactory(email="ambtenaar@almere.test")
    MembershipFactory(user=user, organisation=gemeente, role=Role.STAFF)
    return user
