"""How often one caller may use the API: per token, or per address without one.

A caller with a valid token is counted by (a hash of) that token, so that
many people behind one address (a gemeente's network) do not share one
limit; a caller without a token is counted by its address. An invalid
token is refused with 401 before anything is counted. The counters are
the shared hourly ones of the ``ratelimits`` app, so the limit holds across
server processes.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from collectief.ratelimits.services import RateLimit, RateLimitExceededError, hit_or_refuse

SCOPE_ADDRESS = "api"
SCOPE_TOKEN = "api-token"  # noqa: S105 - a counter scope, not a secret


def _token_key(token: str) -> str:
    # Keyed with the secret key: the stored counter never reveals the token.
    return hmac.new(settings.SECRET_KEY.encode(), token.encode(), hashlib.sha256).hexdigest()[:40]


def seconds_to_next_hour(now: datetime) -> int:
    """The counters are per clock hour: a refused caller may try again when the next one starts."""
    start = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return max(1, int((start - now).total_seconds()))


def api_rate_limit(request: HttpRequest, token: str | None) -> int | None:
    """Count this request; None when it may go on, else the seconds until it may try again."""
    per_hour = int(settings.API_REQUESTS_PER_HOUR)
    if per_hour <= 0:
        return None
    if token:
        limit = RateLimit(scope=SCOPE_TOKEN, client=_token_key(token), per_hour=per_hour)
    else:
        limit = RateLimit.for_request(request, SCOPE_ADDRESS, per_hour)
    now = timezone.now()
    try:
        hit_or_refuse(limit, now=now)
    except RateLimitExceededError:
        return seconds_to_next_hour(now)
    return None
