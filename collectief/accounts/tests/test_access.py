"""Exhaustive tests of the access helpers: every role × own/other × anonymous."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from collectief.accounts.access import (
    can_edit,
    get_member_of_organisation_for_user,
    get_organisation_for_user,
    get_organisation_object_for_user,
    get_public_organisation,
)
from collectief.accounts.models import Membership, Role

pytestmark = pytest.mark.django_db

ROLES = [Role.ADMIN, Role.STAFF, Role.READER]

# (role of the user, minimum role asked) -> allowed?
EXPECTED = {
    (Role.ADMIN, Role.ADMIN): True,
    (Role.ADMIN, Role.STAFF): True,
    (Role.ADMIN, Role.READER): True,
    (Role.STAFF, Role.ADMIN): False,
    (Role.STAFF, Role.STAFF): True,
    (Role.STAFF, Role.READER): True,
    (Role.READER, Role.ADMIN): False,
    (Role.READER, Role.STAFF): False,
    (Role.READER, Role.READER): True,
}


@pytest.mark.parametrize(("role", "min_role"), list(EXPECTED))
def test_it_applies_the_role_order_in_own_organisation(request, own_org, role, min_role):
    user = request.getfixturevalue(
        {"beheerder": "admin", "medewerker": "staff", "lezer": "reader"}[role]
    )
    if EXPECTED[(role, min_role)]:
        assert get_organisation_for_user(user, own_org.slug, min_role=min_role) == own_org
    else:
        with pytest.raises(PermissionDenied):
            get_organisation_for_user(user, own_org.slug, min_role=min_role)


@pytest.mark.parametrize("min_role", ROLES)
def test_it_hides_another_organisation_from_its_outsiders(own_org, outsider, min_role):
    with pytest.raises(Http404):
        get_organisation_for_user(outsider, own_org.slug, min_role=min_role)


@pytest.mark.parametrize("min_role", ROLES)
def test_it_hides_organisations_from_anonymous_users(own_org, min_role):
    with pytest.raises(Http404):
        get_organisation_for_user(AnonymousUser(), own_org.slug, min_role=min_role)


def test_it_gives_404_for_an_unknown_slug(admin):
    with pytest.raises(Http404):
        get_organisation_for_user(admin, "does-not-exist")


def test_public_profile_is_visible_only_when_public(own_org):
    assert get_public_organisation(own_org.slug) == own_org
    own_org.is_public = False
    own_org.save()
    with pytest.raises(Http404):
        get_public_organisation(own_org.slug)


def test_admin_may_manage_another_member(own_org, admin, staff):
    target = Membership.objects.get(user=staff)
    assert get_member_of_organisation_for_user(admin, own_org.slug, target.pk) == target


@pytest.mark.parametrize("persona", ["staff", "reader"])
def test_non_admins_may_not_manage_others(request, own_org, admin, persona):
    user = request.getfixturevalue(persona)
    target = Membership.objects.get(user=admin)
    with pytest.raises(PermissionDenied):
        get_member_of_organisation_for_user(user, own_org.slug, target.pk)


@pytest.mark.parametrize("persona", ["admin", "staff", "reader"])
def test_every_member_may_manage_their_own_membership(request, own_org, persona):
    user = request.getfixturevalue(persona)
    own = Membership.objects.get(user=user)
    assert get_member_of_organisation_for_user(user, own_org.slug, own.pk) == own


def test_outsider_cannot_reach_members_through_their_own_organisation(
    own_org, other_org, admin, outsider
):
    target = Membership.objects.get(user=admin)
    with pytest.raises(Http404):
        get_member_of_organisation_for_user(outsider, other_org.slug, target.pk)
    with pytest.raises(Http404):
        get_member_of_organisation_for_user(outsider, own_org.slug, target.pk)


def test_anonymous_cannot_reach_memberships(own_org, admin):
    target = Membership.objects.get(user=admin)
    with pytest.raises(Http404):
        get_member_of_organisation_for_user(AnonymousUser(), own_org.slug, target.pk)


# can_edit: the one rule for showing the controls that change an organisation's work.
CAN_EDIT = {"admin": True, "staff": True, "reader": False, "outsider": False}


@pytest.mark.parametrize(("persona", "expected"), list(CAN_EDIT.items()))
def test_can_edit_follows_the_role_in_the_organisation(request, own_org, persona, expected):
    user = request.getfixturevalue(persona)
    assert can_edit(user, own_org) is expected
    # The same answer when the organisation came from the access check.
    if persona != "outsider":
        assert can_edit(user, get_organisation_for_user(user, own_org.slug)) is expected


def test_can_edit_is_false_for_anonymous_users(own_org):
    assert can_edit(AnonymousUser(), own_org) is False


def test_can_edit_does_not_reuse_another_users_membership(own_org, admin, reader):
    """The membership remembered by the access check belongs to one user only."""
    organisation = get_organisation_for_user(admin, own_org.slug)
    assert can_edit(reader, organisation) is False


def test_can_edit_after_the_access_check_needs_no_query(own_org, staff, django_assert_num_queries):
    organisation = get_organisation_for_user(staff, own_org.slug)
    with django_assert_num_queries(0):
        assert can_edit(staff, organisation)


# get_organisation_object_for_user: one object of the organisation, same answers.


@pytest.mark.parametrize(("role", "min_role"), list(EXPECTED))
def test_object_of_own_organisation_follows_the_role_order(request, own_org, role, min_role):
    user = request.getfixturevalue(
        {"beheerder": "admin", "medewerker": "staff", "lezer": "reader"}[role]
    )
    membership = Membership.objects.get(user=user, organisation=own_org)
    queryset = Membership.objects.all()
    if EXPECTED[(role, min_role)]:
        found = get_organisation_object_for_user(
            user, own_org.slug, queryset, min_role=min_role, pk=membership.pk
        )
        assert found == membership
    else:
        with pytest.raises(PermissionDenied):
            get_organisation_object_for_user(
                user, own_org.slug, queryset, min_role=min_role, pk=membership.pk
            )


def test_object_of_another_organisation_is_404(own_org, other_org, admin, outsider):
    """Asking for another organisation's object through your own slug finds nothing."""
    theirs = Membership.objects.get(user=outsider, organisation=other_org)
    with pytest.raises(Http404):
        get_organisation_object_for_user(
            admin, own_org.slug, Membership.objects.all(), pk=theirs.pk
        )
    with pytest.raises(Http404):
        get_organisation_object_for_user(
            outsider, own_org.slug, Membership.objects.all(), pk=theirs.pk
        )
    with pytest.raises(Http404):
        get_organisation_object_for_user(
            AnonymousUser(), own_org.slug, Membership.objects.all(), pk=theirs.pk
        )
