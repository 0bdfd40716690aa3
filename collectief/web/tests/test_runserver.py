"""``collectief runserver`` starts the background worker beside itself and stops it again."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.staticfiles.management.commands.runserver import (
    Command as StaticfilesRunserver,
)
from django.test import override_settings

from collectief.web.management.commands import runserver

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class FakeWorker:
    def __init__(self, args: list[str]) -> None:
        self.args = args
        self.terminated = False

    def poll(self) -> int | None:
        return 0 if self.terminated else None

    def terminate(self) -> None:
        self.terminated = True

    def wait(self, timeout: float | None = None) -> int:
        return 0


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[FakeWorker]:
    workers: list[FakeWorker] = []

    def popen(args: list[str]) -> FakeWorker:
        workers.append(FakeWorker(args))
        return workers[-1]

    def serve(self: Any, *args: Any, **options: Any) -> None:
        # The server "runs" and ends (Ctrl-C) while the worker is alive.
        assert all(not w.terminated for w in workers)
        raise KeyboardInterrupt

    monkeypatch.setattr(runserver.subprocess, "Popen", popen)
    monkeypatch.setattr(StaticfilesRunserver, "handle", serve)
    monkeypatch.delenv("RUN_MAIN", raising=False)
    return workers


def _run(*args: str) -> str:
    command = runserver.Command(stdout=io.StringIO())
    parser = command.create_parser("collectief", "runserver")
    options = vars(parser.parse_args(list(args)))
    with pytest.raises(KeyboardInterrupt):
        command.execute(**options)
    return command.stdout._out.getvalue()  # type: ignore[attr-defined]


def test_the_server_starts_and_stops_the_worker(started: list[FakeWorker]) -> None:
    with override_settings(TASKS=DB_TASKS):
        out = _run()
    assert "De achtergrondverwerking start (collectief worker)." in out
    [worker] = started
    assert worker.args[1:] == ["-m", "collectief.cli", "worker"]
    assert worker.terminated


def test_no_worker_when_asked_or_when_tasks_run_at_once(started: list[FakeWorker]) -> None:
    with override_settings(TASKS=DB_TASKS):
        _run("--no-worker")
    _run()  # the test settings run tasks immediately
    assert started == []


def test_the_reloaded_child_does_not_start_a_second_worker(
    started: list[FakeWorker], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUN_MAIN", "true")
    with override_settings(TASKS=DB_TASKS):
        _run()
    assert started == []
