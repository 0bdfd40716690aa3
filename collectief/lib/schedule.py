"""Periodic background work that apps declare on their ``AppConfig``.

An app lists its periodic tasks in ``scheduled_tasks``; the worker
(``collectief worker``, see ``collectief.jobs.scheduler``) enqueues each one
once per hour or day, even when several workers run::

    class RateLimitsConfig(AppConfig):
        scheduled_tasks = [
            Periodic("collectief.ratelimits.tasks.prune_rate_buckets_task", HOURLY),
        ]

The task is named by its dotted path so that declaring it imports nothing at
start-up, and so that ``lib`` stays below every app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

HOURLY = "hourly"
DAILY = "daily"


@dataclass(frozen=True)
class Periodic:
    """A task (dotted path to a django-tasks ``Task`` without arguments) and how often."""

    task: str
    every: str = DAILY
    # Daily tasks wait until this local hour, so e-mails do not go out at night.
    hour: int = 3

    def __post_init__(self) -> None:
        if self.every not in (HOURLY, DAILY):
            raise ValueError(f"every must be {HOURLY!r} or {DAILY!r}, not {self.every!r}")
        if not 0 <= self.hour <= 23:
            raise ValueError("hour must be 0..23")

    def period(self, now: datetime) -> str | None:
        """The period ``now`` (local time) falls in, or None when a daily task is not due yet.

        Each period is claimed once (a unique database row), so the key is what
        makes two workers agree on "already done".
        """
        if self.every == HOURLY:
            return now.strftime("%Y-%m-%dT%H")
        if now.hour < self.hour:
            return None
        return now.strftime("%Y-%m-%d")
