"""Background work of the rate limits: deleting counters of hours that are over."""

from __future__ import annotations

from django_tasks import task

from collectief.ratelimits.services import prune_rate_buckets


@task()
def prune_rate_buckets_task() -> int:
    """Delete expired counters; returns how many. Scheduled daily, safe to run any time."""
    return prune_rate_buckets()
