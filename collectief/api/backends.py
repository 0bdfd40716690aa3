"""The API token as a Django authentication backend.

``collectief.lib.api`` (below every app) authenticates a request with
``django.contrib.auth.authenticate(request, api_token=...)``; Django asks
each backend in ``AUTHENTICATION_BACKENDS`` and only this one accepts an
``api_token``. That keeps the framework free of an import of this app.
"""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from collectief.accounts.models import User
from collectief.api.services import authenticate_token


class ApiTokenBackend(BaseBackend):
    # No get_user(): a token never starts a browser session, so a session
    # that names this backend finds no user.

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, api_token: str | None = None
    ) -> User | None:
        if not api_token:
            return None
        return authenticate_token(api_token)
