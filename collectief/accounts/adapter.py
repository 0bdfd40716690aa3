from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context

from collectief.lib.clients import client_address


class AccountAdapter(DefaultAccountAdapter):
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
