from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """People join an organisation by invitation, so there is no open sign-up."""

    def is_open_for_signup(self, request: Any) -> bool:
        return False
