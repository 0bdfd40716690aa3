"""Rate limits: one upsert per hit, per client address only, shared through the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction

from collectief.ratelimits.models import RateBucket
from collectief.ratelimits.services import (
    RateLimit,
    RateLimitExceededError,
    check_limit,
    count_hit,
    hit_or_refuse,
    prune_rate_buckets,
)

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 12, 1, 12, 30, tzinfo=UTC)


def test_count_hit_counts_per_scope_client_and_hour() -> None:
    limit = RateLimit("s", "c" * 40, per_hour=3)
    with transaction.atomic():
        assert [count_hit(limit, now=NOON) for _ in range(3)] == [1, 2, 3]
        assert count_hit(RateLimit("s", "d" * 40, 3), now=NOON) == 1
        assert count_hit(RateLimit("t", "c" * 40, 3), now=NOON) == 1
        assert count_hit(limit, now=NOON + timedelta(hours=1)) == 1
    bucket = RateBucket.objects.get(scope="s", client="c" * 40, hour=NOON.replace(minute=0))
    assert bucket.hits == 3


def test_over_the_limit_is_refused_and_not_counted() -> None:
    limit = RateLimit("s", "c" * 40, per_hour=2)
    hit_or_refuse(limit, now=NOON)
    hit_or_refuse(limit, now=NOON)
    with pytest.raises(RateLimitExceededError, match="Te vaak geprobeerd"):
        hit_or_refuse(limit, now=NOON)
    # The refused attempt rolled back with its transaction.
    assert RateBucket.objects.get().hits == 2


@pytest.mark.django_db(transaction=True)
def test_check_limit_needs_the_callers_transaction() -> None:
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        check_limit(RateLimit("s", "c" * 40, per_hour=2))


def test_prune_keeps_the_current_and_previous_hour() -> None:
    for hours_ago in (0, 1, 2, 30):
        hit_or_refuse(
            RateLimit(f"s{hours_ago}", "c" * 40, 9), now=NOON - timedelta(hours=hours_ago)
        )
    assert prune_rate_buckets(now=NOON) == 2
    assert sorted(RateBucket.objects.values_list("scope", flat=True)) == ["s0", "s1"]


def test_prune_command_says_what_it_did_in_dutch() -> None:
    from io import StringIO

    from django.core.management import call_command

    hit_or_refuse(RateLimit("s", "c" * 40, 9), now=NOON - timedelta(days=2))
    out = StringIO()
    call_command("ratelimits", "prune", stdout=out)
    assert "1 verlopen teller verwijderd" in out.getvalue()
