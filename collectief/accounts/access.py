"""Access checks. Views call these helpers and never check permissions inline.

Each helper returns the object the user may see, or raises Http404 when the
user may not know it exists (anonymous users, other organisations) and
PermissionDenied when the user is a member but the role is too low.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from collectief.accounts.models import Membership, Organisation, Role


def get_membership_for_user(user: Any, organisation_slug: str) -> Membership:
    """The user's membership of the organisation, or Http404."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation__slug=organisation_slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def get_organisation_for_user(
    user: Any, organisation_slug: str, *, min_role: str = Role.READER
) -> Organisation:
    """The organisation if the user is a member with at least ``min_role``.

    Readers may look, staff members may edit the organisation's work, and
    administrators manage members and the profile.
    """
    membership = get_membership_for_user(user, organisation_slug)
    if not membership.has_role(min_role):
        raise PermissionDenied
    return membership.organisation


def get_public_organisation(organisation_slug: str) -> Organisation:
    """An organisation whose public profile anyone may see, or Http404."""
    organisation = Organisation.objects.filter(slug=organisation_slug, is_public=True).first()
    if organisation is None:
        raise Http404
    return organisation


def get_member_of_organisation_for_user(
    user: Any, organisation_slug: str, membership_id: int
) -> Membership:
    """Another membership of an organisation the user administers.

    Members may always see and end their own membership; anything else
    needs the administrator role.
    """
    own = get_membership_for_user(user, organisation_slug)
    target = (
        Membership.objects.select_related("user", "organisation")
        .filter(pk=membership_id, organisation=own.organisation)
        .first()
    )
    if target is None:
        raise Http404
    if target.pk != own.pk and not own.has_role(Role.ADMIN):
        raise PermissionDenied
    return target
