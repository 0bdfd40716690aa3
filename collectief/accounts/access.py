"""Access checks. Views call these helpers and never check permissions inline.

Each helper returns the object the user may see, or raises Http404 when the
user may not know it exists (anonymous users, other organisations) and
PermissionDenied when the user is a member but the role is too low.

Looking is get_organisation_for_user (any member); ``can_edit`` answers the
question a page asks to decide which controls to show. Every app uses these,
so the rule "readers look, medewerkers and beheerders change" lives in one
place (``EDIT_ROLE``).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from collectief.accounts.models import Membership, Organisation, Role

M = TypeVar("M", bound=Model)


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
    organisation = membership.organisation
    # can_edit/can_view on this page need not look the membership up again.
    organisation._viewer_membership = membership  # type: ignore[attr-defined]
    return organisation


def get_organisation_object_for_user(
    user: Any,
    organisation_slug: str,
    queryset: QuerySet[M],
    *,
    min_role: str = Role.READER,
    **lookup: Any,
) -> M:
    """One object of the organisation (``queryset.filter(organisation=..., **lookup)``).

    The same answers as get_organisation_for_user, and Http404 when the object
    does not exist or belongs to another organisation. The object's
    ``organisation`` is the one already loaded, so it costs no extra query.
    """
    organisation = get_organisation_for_user(user, organisation_slug, min_role=min_role)
    found = queryset.filter(organisation=organisation, **lookup).first()
    if found is None:
        raise Http404
    found.organisation = organisation  # type: ignore[attr-defined]
    return found


def _viewer_membership(user: Any, organisation: Organisation) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    known = getattr(organisation, "_viewer_membership", None)
    if known is not None and known.user_id == user.pk:
        return known
    return Membership.objects.filter(user=user, organisation=organisation).first()


def can_edit(user: Any, organisation: Organisation) -> bool:
    """Whether the user may change the organisation's work (medewerker or beheerder).

    For showing or hiding controls; the view that makes a change checks again
    with a get_..._for_user(..., min_role=Role.STAFF) helper.
    """
    membership = _viewer_membership(user, organisation)
    return membership is not None and membership.can_edit


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
