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

from collectief.accounts.access import get_organisation_for_user
from collectief.accounts.models import Organisation, Role


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
