"""Template helpers for the two-factor login pages (accounts/two_factor.py)."""

from __future__ import annotations

from typing import Any

from django import template

from collectief.accounts import two_factor
from collectief.accounts.middleware import user_requires_two_factor

register = template.Library()


@register.filter
def group_secret(secret: str) -> str:
    """The set-up key in groups of four characters, easier to read and type over."""
    return two_factor.group_secret(str(secret))


@register.simple_tag(takes_context=True)
def two_factor_next_url(context: dict[str, Any]) -> str:
    """The page "Ga verder" leads to after the recovery codes."""
    return two_factor.destination(context["request"])


@register.simple_tag(takes_context=True)
def two_factor_login_pending(context: dict[str, Any]) -> bool:
    """True while the password step is done but the app is not linked yet."""
    return bool(context["request"].session.get(two_factor.PENDING_LOGIN_KEY))


@register.simple_tag(takes_context=True)
def two_factor_required(context: dict[str, Any]) -> bool:
    """True for members of a wijkteam or gemeente and site staff: they must keep it on."""
    return user_requires_two_factor(context["request"].user)
