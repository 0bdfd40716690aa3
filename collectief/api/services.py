from __future__ import annotations

import secrets

from allauth.mfa.utils import is_mfa_enabled
from django.db import transaction
from django.utils import timezone

from collectief.accounts.middleware import user_requires_two_factor
from collectief.accounts.models import User, hash_token
from collectief.api.models import ApiToken
from collectief.audit.services import record_event

TOKEN_PREFIX = "clf_"  # noqa: S105 - a public prefix, not a secret.


@transaction.atomic
def create_api_token(*, user: User, name: str, by: User) -> tuple[ApiToken, str]:
    """Create a token for ``user``; the plain token is returned only here."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=plain[:8], key_hash=hash_token(plain)
    )
    record_event("api_token.create", token, by=by)
    return token, plain


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User) -> None:
    record_event("api_token.revoke", token, by=by)
    token.delete()


def authenticate_token(plain: str) -> User | None:
    """The active user behind a token, or None. Marks the token as used."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(plain)).first()
    if token is None or not token.user.is_active:
        return None
    # Members of a wijkteam or gemeente need two-factor login (DESIGN.md §4). The
    # token page already requires it, but someone may switch it off afterwards:
    # then the token stops working, like their browser session.
    if user_requires_two_factor(token.user) and not is_mfa_enabled(token.user):
        return None
    now = timezone.now()
    # Writing on every request would make reads into writes; once a minute
    # is precise enough to see whether a token is still in use.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
