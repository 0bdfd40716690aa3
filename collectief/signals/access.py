"""Access to signals (see collectief/accounts/access.py for the general rules).

Signals are the most sensitive data in Collectief (DESIGN.md §4), so on top
of membership every page, API call and command that shows or records
signals needs a user with two-factor login, whatever the kind of the
organisation. The one exception is the antenne form of an initiative: its
volunteers only hand in what they hear and never see other signals.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import PermissionDenied
from django.http import Http404

from collectief.accounts.access import get_organisation_for_user
from collectief.accounts.models import Organisation, Role
from collectief.areas.models import Area
from collectief.signals.models import Action


class TwoFactorRequired(PermissionDenied):
    """The user is a member but has no two-factor login yet; views send them to set it up."""


def has_two_factor(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and is_mfa_enabled(user)


def get_signals_organisation_for_user(
    user: Any, organisation_slug: str, *, min_role: str = Role.READER
) -> Organisation:
    """The organisation whose signals the user may see (or record, with ``Role.STAFF``).

    Http404 for non-members, PermissionDenied for a too low role and
    TwoFactorRequired for a member without two-factor login.
    """
    organisation = get_organisation_for_user(user, organisation_slug, min_role=min_role)
    if not has_two_factor(user):
        raise TwoFactorRequired
    return organisation


def get_antenna_organisation_for_user(user: Any, organisation_slug: str) -> Organisation:
    """The organisation for which a member may hand in what they hear (no two-factor).

    Any member may: volunteers of an initiative are often readers.
    """
    return get_organisation_for_user(user, organisation_slug, min_role=Role.READER)


def gemeenten_of(organisation: Organisation) -> list[Area]:
    """The gemeenten an organisation works in (directly or through a wijk or buurt)."""
    ids: set[int] = set()
    for area in organisation.areas.select_related("parent__parent"):
        ids.add(area.municipality.pk)
    return list(Area.objects.filter(pk__in=ids, level=Area.Level.GEMEENTE).order_by("name"))


def get_gemeente_for_user(user: Any, organisation_slug: str, gemeente_code: str) -> Area:
    """A gemeente whose suppressed summary the user may see through this organisation.

    Any member of any kind of organisation that works in the gemeente (the
    gemeente itself, the wijkteam, partners), with two-factor login. They see
    only the aggregates of ``summary.py``; another organisation's signals
    themselves never. Http404 for a gemeente the organisation does not work in.
    """
    organisation = get_signals_organisation_for_user(user, organisation_slug)
    for gemeente in gemeenten_of(organisation):
        if gemeente.code == gemeente_code.strip().upper():
            gemeente.viewer_organisation = organisation  # type: ignore[attr-defined]
            return gemeente
    raise Http404


def get_wijk_for_user(
    user: Any, organisation_slug: str, wijk_code: str, *, min_role: str = Role.READER
) -> tuple[Organisation, Area]:
    """A wijk the organisation may discuss (bespreken): in a gemeente it works in.

    ``min_role=Role.STAFF`` to record the discussion and its actions.
    """
    organisation = get_signals_organisation_for_user(user, organisation_slug, min_role=min_role)
    wijk = Area.objects.filter(code=wijk_code.strip().upper(), level=Area.Level.WIJK).first()
    if wijk is None or wijk.parent_id not in {g.pk for g in gemeenten_of(organisation)}:
        raise Http404
    return organisation, wijk


def get_gemeente_for_api_user(user: Any, gemeente_code: str) -> Area:
    """The API's answer to the same question: any organisation of the user will do."""
    if not has_two_factor(user):
        raise TwoFactorRequired
    code = gemeente_code.strip().upper()
    for organisation in Organisation.objects.for_user(user):
        for gemeente in gemeenten_of(organisation):
            if gemeente.code == code:
                return gemeente
    raise Http404


def get_action_for_user(
    user: Any, organisation_slug: str, action_id: int, *, min_role: str = Role.STAFF
) -> Action:
    """An action of one of the organisation's discussions (Http404 for another's)."""
    organisation = get_signals_organisation_for_user(user, organisation_slug, min_role=min_role)
    action = (
        Action.objects.select_related("discussion__area", "discussion__organisation")
        .filter(pk=action_id, discussion__organisation=organisation)
        .first()
    )
    if action is None:
        raise Http404
    return action
