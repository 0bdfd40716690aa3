from __future__ import annotations

from collections.abc import Callable
from typing import cast

from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from collectief.accounts.models import Membership, Organisation, User
from collectief.accounts.two_factor import remember_destination

# Paths a user without two-factor login may still open: the pages to set it
# up, logging out, and the files those pages need.
_ALLOWED_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
    "/accounts/password/",
    "/static/",
    "/i18n/",
)


def user_requires_two_factor(user: object) -> bool:
    """Site administrators and members of a wijkteam or gemeente must use two-factor login."""
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(
        user=cast(User, user), organisation__kind__in=Organisation.TWO_FACTOR_KINDS
    ).exists()


class RequireTwoFactorMiddleware:
    """Members of a wijkteam or gemeente, and site staff, must set up two-factor login first.

    They see signals about the neighbourhood (DESIGN.md §4), and site staff
    can see and change everything, so until they have an authenticator app
    linked, every page sends them to the set-up.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and user_requires_two_factor(user)
            and not is_mfa_enabled(user)
        ):
            remember_destination(request)
            return redirect("mfa_activate_totp")
        return self.get_response(request)
