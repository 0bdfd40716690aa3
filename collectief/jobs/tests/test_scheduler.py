"""The scheduler: each periodic task once per period, whatever the number of workers."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db.models import QuerySet
from django_tasks import task

from collectief.jobs import scheduler
from collectief.jobs.models import ScheduledRun
from collectief.lib.schedule import DAILY, HOURLY, Periodic

AMS = ZoneInfo("Europe/Amsterdam")
RUNS: list[str] = []


@task()
def hourly_task() -> None:
    RUNS.append("hourly")


@task()
def daily_task() -> None:
    RUNS.append("daily")


HOURLY_JOB = Periodic(f"{__name__}.hourly_task", HOURLY)
DAILY_JOB = Periodic(f"{__name__}.daily_task", DAILY, hour=8)


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch, db: None) -> list[str]:
    RUNS.clear()
    monkeypatch.setattr(scheduler, "scheduled_tasks", lambda: [HOURLY_JOB, DAILY_JOB])
    return RUNS


def test_periods_are_local_hours_and_days() -> None:
    morning = datetime(2026, 3, 29, 7, 59, tzinfo=AMS)
    assert HOURLY_JOB.period(morning) == "2026-03-29T07"
    assert DAILY_JOB.period(morning) is None  # not before 08:00
    assert DAILY_JOB.period(morning.replace(hour=8, minute=0)) == "2026-03-29"
    assert DAILY_JOB.period(morning.replace(hour=23)) == "2026-03-29"


def test_a_periodic_needs_a_known_rhythm() -> None:
    with pytest.raises(ValueError, match="every must be 'hourly' or 'daily', not 'weekly'"):
        Periodic("x.y", "weekly")
    with pytest.raises(ValueError, match=r"hour must be 0\.\.23"):
        Periodic("x.y", DAILY, hour=24)


def test_apps_register_their_periodic_tasks() -> None:
    tasks = {p.task: p.every for p in scheduler.scheduled_tasks()}
    assert tasks["collectief.ratelimits.tasks.prune_rate_buckets_task"] == HOURLY
    assert tasks["collectief.directory.tasks.send_reminders_task"] == DAILY
    assert tasks["collectief.jobs.tasks.purge_finished_jobs_task"] == DAILY
    assert tasks["collectief.signals.tasks.purge_signal_notes_task"] == DAILY


def test_each_task_runs_once_per_period(registered: list[str]) -> None:
    at_seven = datetime(2026, 12, 1, 7, 30, tzinfo=AMS)
    assert scheduler.enqueue_due(at_seven) == [HOURLY_JOB.task]
    assert scheduler.enqueue_due(at_seven.replace(minute=59)) == []
    at_nine = at_seven.replace(hour=9)
    assert scheduler.enqueue_due(at_nine) == [HOURLY_JOB.task, DAILY_JOB.task]
    assert scheduler.enqueue_due(at_nine.replace(hour=10)) == [HOURLY_JOB.task]
    assert registered == ["hourly", "hourly", "daily", "hourly"]
    assert set(ScheduledRun.objects.values_list("period", flat=True)) == {
        "2026-12-01T07",
        "2026-12-01T09",
        "2026-12-01T10",
        "2026-12-01",
    }


def test_a_second_worker_finds_the_period_claimed(registered: list[str]) -> None:
    at = datetime(2026, 12, 1, 9, 0, tzinfo=AMS)
    assert scheduler.claim(DAILY_JOB, "2026-12-01", worker="een")
    assert not scheduler.claim(DAILY_JOB, "2026-12-01", worker="twee")
    assert scheduler.enqueue_due(at, worker="twee") == [HOURLY_JOB.task]
    assert registered == ["daily", "hourly"]
    assert ScheduledRun.objects.get(period="2026-12-01").worker == "een"


def test_a_claim_lost_in_the_race_enqueues_nothing(registered: list[str]) -> None:
    """Both workers passed the quick check; the unique key lets only the first insert."""
    ScheduledRun.objects.create(task=DAILY_JOB.task, period="2026-12-01", worker="een")
    with mock.patch.object(QuerySet, "exists", return_value=False):
        assert not scheduler.claim(DAILY_JOB, "2026-12-01", worker="twee")
    assert registered == []
    assert ScheduledRun.objects.count() == 1


def test_the_scheduler_thread_survives_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def failing(worker: str = "") -> Any:
        calls.append(worker)
        thread.stop()
        raise RuntimeError("database weg")

    monkeypatch.setattr(scheduler, "enqueue_due", failing)
    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)
    thread = scheduler.SchedulerThread(worker="w1", interval=0)
    thread.run()  # in this thread: returns once stopped, without raising
    assert calls == ["w1"]
