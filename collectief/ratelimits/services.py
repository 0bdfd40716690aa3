"""Counting requests per client and hour, and pruning what has expired."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.lib.clients import client_key
from collectief.lib.errors import ServiceError
from collectief.ratelimits.models import RateBucket


class RateLimitExceededError(ServiceError):
    """The client did this too often in the current hour."""

    def __init__(self) -> None:
        super().__init__(_("Too many attempts from this address. Try again in an hour."))


@dataclass(frozen=True)
class RateLimit:
    """``per_hour`` hits of ``scope`` for one client (``client`` is a hash, never an address)."""

    scope: str
    client: str
    per_hour: int

    @classmethod
    def for_request(cls, request: HttpRequest, scope: str, per_hour: int) -> RateLimit:
        return cls(scope=scope, client=client_key(request, scope), per_hour=per_hour)


def _hour(now: datetime) -> datetime:
    return now.replace(minute=0, second=0, microsecond=0)


def count_hit(limit: RateLimit, *, now: datetime | None = None) -> int:
    """Count one hit and return the number of hits this hour, this one included.

    One ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` on both SQLite and
    PostgreSQL: no read before the write, no cache culling. Call it inside
    the transaction of the work it protects, so a refused attempt (which
    rolls back) is not counted and an accepted one costs no extra commit.
    """
    table = RateBucket._meta.db_table
    hour = connection.ops.adapt_datetimefield_value(_hour(now or timezone.now()))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, client, hour, hits) VALUES (%s, %s, %s, 1) "  # noqa: S608 - the table name is ours
            f"ON CONFLICT (scope, client, hour) DO UPDATE SET hits = {table}.hits + 1 "
            "RETURNING hits",
            [limit.scope, limit.client, hour],
        )
        row = cursor.fetchone()
    return int(row[0])


def hit_within_limit_sql(limit: RateLimit, *, now: datetime | None = None) -> tuple[str, list]:
    """SQL that counts one hit only while under the limit, with its parameters.

    For a caller that puts the count into one statement with its own write
    (a PostgreSQL ``WITH`` clause): the statement ``RETURNING hits`` gives a row
    when the hit was counted and no row when the client is at its limit, in
    which case nothing was counted. Like ``check_limit``, a hit that is over
    the limit leaves no trace.
    """
    table = RateBucket._meta.db_table
    hour = connection.ops.adapt_datetimefield_value(_hour(now or timezone.now()))
    sql = (
        f"INSERT INTO {table} (scope, client, hour, hits) VALUES (%s, %s, %s, 1) "  # noqa: S608 - the table name is ours
        f"ON CONFLICT (scope, client, hour) DO UPDATE SET hits = {table}.hits + 1 "
        f"WHERE {table}.hits < %s RETURNING hits"
    )
    return sql, [limit.scope, limit.client, hour, limit.per_hour]


def check_limit(limit: RateLimit, *, now: datetime | None = None) -> None:
    """Count one hit; raise RateLimitExceededError (rolling back the count) when over the limit.

    Must run inside a transaction (``transaction.atomic``): the caller's
    write and the count commit together.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("check_limit() must run inside transaction.atomic()")
    if count_hit(limit, now=now) > limit.per_hour:
        raise RateLimitExceededError


@transaction.atomic
def hit_or_refuse(limit: RateLimit, *, now: datetime | None = None) -> None:
    """Count one hit in a transaction of its own; raise RateLimitExceededError when over the limit.

    For work without a write of its own to share (a refused login, a form
    that only sends an e-mail); leaving the block with the exception rolls
    the count back.
    """
    check_limit(limit, now=now)


def prune_rate_buckets(*, now: datetime | None = None) -> int:
    """Delete counters of hours that are over; return how many were deleted."""
    before = _hour(now or timezone.now()) - timedelta(hours=1)
    deleted, _details = RateBucket.objects.filter(hour__lt=before).delete()
    return deleted
