"""The scheduler: enqueue each app's periodic tasks once per hour or day.

It runs as a thread inside every worker (``collectief worker``). Several
workers may run it at the same time: a period is claimed by inserting a
``ScheduledRun`` row with a unique (task, period) key, in the same transaction
as the enqueue, so exactly one worker enqueues it and a crash loses nothing.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from django.apps import apps
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from collectief.jobs.models import ScheduledRun
from collectief.lib.schedule import Periodic

logger = logging.getLogger(__name__)

# How often a worker looks whether something is due; a daily task therefore
# starts within a minute of its hour.
TICK_SECONDS = 60


def scheduled_tasks() -> list[Periodic]:
    """Every ``Periodic`` declared in an ``AppConfig.scheduled_tasks``, in app order."""
    found: list[Periodic] = []
    for config in apps.get_app_configs():
        found.extend(getattr(config, "scheduled_tasks", []))
    return found


def claim(periodic: Periodic, period: str, worker: str = "") -> bool:
    """Enqueue ``periodic`` for ``period`` unless another worker already did; True if we did."""
    if ScheduledRun.objects.filter(task=periodic.task, period=period).exists():
        return False
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(task=periodic.task, period=period, worker=worker[:64])
            import_string(periodic.task).enqueue()
    except IntegrityError:
        # The other worker inserted the same key between our check and insert.
        return False
    return True


def enqueue_due(now: datetime | None = None, worker: str = "") -> list[str]:
    """Enqueue every periodic task that is due at ``now``; returns their dotted paths."""
    local = timezone.localtime(now or timezone.now())
    enqueued = []
    for periodic in scheduled_tasks():
        period = periodic.period(local)
        if period is not None and claim(periodic, period, worker):
            logger.info("Scheduled %s for %s", periodic.task, period)
            enqueued.append(periodic.task)
    return enqueued


class SchedulerThread(threading.Thread):
    """Calls ``enqueue_due`` at start and then every ``TICK_SECONDS`` until stopped."""

    def __init__(self, worker: str, interval: float = TICK_SECONDS) -> None:
        super().__init__(name="collectief-scheduler", daemon=True)
        self.worker = worker
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while True:
            try:
                close_old_connections()
                enqueue_due(worker=self.worker)
            except Exception:
                # A database hiccup must not stop the scheduler; the next tick tries again.
                logger.exception("The scheduler could not enqueue the periodic tasks")
            finally:
                connection.close()
            if self.stopped.wait(self.interval):
                return

    def stop(self) -> None:
        self.stopped.set()
