"""When a server loads the de-identification word lists (collectief/wsgi.py, gunicorn_conf)."""

from __future__ import annotations

import gc
import importlib
import os
import sys
import threading
from typing import Any

import pytest

from collectief.signals import deidentify


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records how collectief.wsgi loads deduce instead of loading 1 GB."""
    calls: list[str] = []
    monkeypatch.setattr(deidentify, "load_now", lambda: calls.append("now"))
    monkeypatch.setattr(deidentify, "preload_in_background", lambda: calls.append("background"))
    return calls


@pytest.mark.parametrize(
    ("setting", "expected"),
    [(None, ["background"]), ("background", ["background"]), ("now", ["now"]), ("0", [])],
)
def test_wsgi_loads_the_word_lists_as_configured(
    monkeypatch: pytest.MonkeyPatch, loads: list[str], setting: str | None, expected: list[str]
) -> None:
    if setting is None:
        monkeypatch.delenv("COLLECTIEF_PRELOAD_DEIDENTIFY", raising=False)
    else:
        monkeypatch.setenv("COLLECTIEF_PRELOAD_DEIDENTIFY", setting)
    monkeypatch.delitem(sys.modules, "collectief.wsgi", raising=False)
    importlib.import_module("collectief.wsgi")
    assert loads == expected


def test_load_now_loads_in_this_thread_when_the_cache_exists(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[str] = []

    def fake_engine() -> Any:
        threads.append(threading.current_thread().name)
        return object()

    monkeypatch.setattr(deidentify, "engine", fake_engine)
    monkeypatch.setattr(deidentify, "is_ready", lambda: True)
    deidentify.load_now()
    assert threads == [threading.current_thread().name]

    monkeypatch.setattr(deidentify, "is_ready", lambda: False)
    deidentify.load_now()  # no cache yet: nothing to load, and no error
    assert len(threads) == 1


def test_gunicorn_master_loads_before_forking_and_freezes_what_it_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Importing the config sets the variable for this process; monkeypatch undoes it.
    monkeypatch.setenv("COLLECTIEF_PRELOAD_DEIDENTIFY", "unset")
    monkeypatch.delenv("COLLECTIEF_PRELOAD_DEIDENTIFY")
    from collectief import gunicorn_conf

    importlib.reload(gunicorn_conf)
    assert os.environ["COLLECTIEF_PRELOAD_DEIDENTIFY"] == "now"
    assert gunicorn_conf.preload_app is True
    assert gunicorn_conf.worker_class == "gthread"
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    gunicorn_conf.pre_fork(object(), object())
    assert frozen == [True]
