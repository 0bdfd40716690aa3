"""The Django admin (``/beheer/``) behind the same two-factor login as the rest.

Site administrators can see and change everything, so a password alone must
never open ``/beheer/``: the admin's own login form is replaced by a redirect
to the allauth login (password, then the code from the app), and every admin
page checks that this session really passed the second step.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def session_passed_second_factor(request: HttpRequest) -> bool:
    """Whether this session's login (or a later re-check) included the app code.

    allauth records each authentication step in the session; a session made
    any other way (a password form elsewhere, a stolen session from before
    two-factor was set up) has no ``mfa`` record.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


class SecureAdminSite(AdminSite):
    site_header = "Collectief – beheer"
    site_title = "Collectief"

    def has_permission(self, request: HttpRequest) -> bool:
        return (
            super().has_permission(request)
            and is_mfa_enabled(request.user)
            and session_passed_second_factor(request)
        )

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        """Never a password form here: send each person to the step they still need.

        A POST with a password is ignored on purpose, so there is no way to log
        in to ``/beheer/`` that skips the second step.
        """
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = ""
        next_url = next_url or reverse("admin:index")
        user = request.user
        if not user.is_authenticated:
            return HttpResponseRedirect(_with_next("account_login", next_url))
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not is_mfa_enabled(user):
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        if not session_passed_second_factor(request):
            return HttpResponseRedirect(_with_next("mfa_reauthenticate", next_url))
        return HttpResponseRedirect(next_url)

    def password_change(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> Any:
        """One place to change a password: allauth's, which also limits attempts."""
        return HttpResponseRedirect(reverse("account_change_password"))
