"""Who is asking: the client's network address, and a hash of it that cannot be reversed.

Rate limits count requests per client address only. Behind a reverse proxy
(nginx, a load balancer) every request arrives from the proxy's address, so
the real client is read from ``X-Forwarded-For``. That header is trusted
only as far as the operator says: ``TRUSTED_PROXY_COUNT`` is the number of
proxies in front of the application. Each proxy appends the address it got
the request from, so the client is the entry that many places from the
right; anything further left was written by the client and may be forged.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone


def _clean(value: str) -> str | None:
    value = value.strip()
    # "[2001:db8::1]:443" and "192.0.2.1:8080" carry a port some proxies add.
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The address of the client, following only the configured trusted proxies.

    Returns an empty string when no valid address is known (a test client
    without REMOTE_ADDR, say); callers count those requests together.
    """
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    remote = _clean(request.META.get("REMOTE_ADDR", "")) or ""
    if proxies <= 0:
        return remote
    hops = [hop for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        # The request did not pass through every proxy (an internal health check,
        # or a misconfiguration): the direct peer is all we know for sure.
        return remote
    return _clean(hops[-proxies]) or remote


def client_key(request: HttpRequest, scope: str, *, now: datetime | None = None) -> str:
    """A salted hash of the client's address, valid for one day and one scope.

    The salt is derived from the secret key and the date, so yesterday's
    hashes cannot be linked to today's and nobody can recompute an address
    from a stored hash without the secret key (DESIGN.md §4: no IP address is
    stored, abuse limiting uses a salted, rotating hash).
    """
    day = timezone.localdate(now or timezone.now()).isoformat()
    salt = hmac.new(settings.SECRET_KEY.encode(), f"client:{scope}:{day}".encode(), "sha256")
    return hmac.new(salt.digest(), client_address(request).encode(), hashlib.sha256).hexdigest()[
        :40
    ]
