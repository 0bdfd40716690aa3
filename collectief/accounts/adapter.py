from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from collectief.accounts import two_factor
from collectief.accounts.middleware import user_requires_two_factor
from collectief.lib.clients import client_address

_LOGGED_IN = "account/messages/logged_in.txt"
_APP_LINKED = "mfa/messages/totp_activated.txt"
_CODES_MADE = "mfa/messages/recovery_codes_generated.txt"


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "rate_limited": _("Too many tries. Wait a few minutes and then try again."),
    }

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        """Say "you are logged in" only when both steps are done.

        Someone who must use two-factor login but has no app linked yet is sent
        to the set-up right after the password. Telling them there that they are
        logged in is not true yet and confuses them, so the message waits until
        the app is linked.
        """
        user = (message_context or {}).get("user")
        if message_template == _LOGGED_IN and user is not None and _must_still_link_app(user):
            request.session[two_factor.PENDING_LOGIN_KEY] = True
            return
        if message_template == _CODES_MADE and getattr(request, "_collectief_app_linked", False):
            # Linking the app makes the first recovery codes; the page that
            # follows is all about them, so a message about them is noise.
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)
        if message_template == _APP_LINKED:
            request._collectief_app_linked = True  # type: ignore[attr-defined]
        if message_template == _APP_LINKED and request.session.pop(
            two_factor.PENDING_LOGIN_KEY, False
        ):
            super().add_message(request, messages.SUCCESS, _LOGGED_IN, {"user": request.user})

    def get_client_ip(self, request: Any) -> str:
        """The address allauth's login rate limits count by: the same as every other limit.

        Only ``TRUSTED_PROXY_COUNT`` proxies are believed in X-Forwarded-For, so
        a client cannot pick a fresh address per attempt by sending the header.
        """
        return client_address(request) or "0.0.0.0"  # noqa: S104 - a bucket, not a bind

    def is_open_for_signup(self, request: Any) -> bool:
        """People join an organisation by invitation, so there is no open sign-up."""
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """A login of a few minutes ago counts as confirming the password.

        Members of a wijkteam or gemeente are sent to set up two-factor login
        right after logging in; asking for the password a second time there
        only confuses people.
        """
        request = context.request
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            records = get_authentication_records(request, user)
            if records and time.time() - records[-1]["at"] < app_settings.REAUTHENTICATION_TIMEOUT:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)


def _must_still_link_app(user: Any) -> bool:
    return user_requires_two_factor(user) and not is_mfa_enabled(user)
