"""What the benchmarks against a real server share: a fresh database with one
open survey, gunicorn with the benchmark settings, and reading the survey page.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

from bench._child import ROOT, database_url, ensure_postgres_database, run_child

STATE_RE = re.compile(r'name="state" value="([^"]+)"')
FIELD_RE = re.compile(r'name="(q\d+)"')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The server and the checking child processes must sign and read states with one key.
SECRET_KEY = "bench-only-secret-key-0123456789abcdefghijkl"


def fresh_database(name: str, backend: str, *, postgres_name: str = "collectief_bench") -> str:
    """The URL of an empty benchmark database (an SQLite file is removed first)."""
    if backend == "postgres":
        ensure_postgres_database(postgres_name)
    database = database_url(name, backend, postgres_name=postgres_name)
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(database.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    return database


def set_up_survey(database: str, stdout: Any) -> str | None:
    """Migrate ``database`` and open the benchmark survey; its public token, or None."""
    os.environ.setdefault("SECRET_KEY", SECRET_KEY)
    out = StringIO()
    if run_child("surveys_submit", database, {"step": "setup"}, out):
        stdout.write(out.getvalue())
        return None
    found = re.search(r"TOKEN (\S+)", out.getvalue())
    return found.group(1) if found else None


def server_env(database: str, **extra: str) -> dict[str, str]:
    """The environment of a benchmark server: production settings on ``database``."""
    return dict(
        os.environ,
        DATABASE_URL=database,
        DJANGO_SETTINGS_MODULE="bench.settings_bench",
        DEBUG="0",
        PYTHONPATH=str(ROOT),
        COLLECTIEF_PRELOAD_DEIDENTIFY="0",
        **extra,
    )


def start_server(env: dict[str, str], port: int, workers: int, threads: int) -> Any:
    """gunicorn on 127.0.0.1:``port``, returned once it answers."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "collectief.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--backlog",
            "2048",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    import httpx

    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def kill_server(process: Any) -> None:
    """SIGKILL a server and all its workers (a crash, not a shutdown)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def form_data(page_text: str, answer: Callable[[int], str]) -> dict[str, str] | None:
    """What a respondent posts back for a survey page: ``answer(i)`` for the i-th question.

    None when the page has no submission state (not a survey page).
    """
    state = STATE_RE.search(page_text)
    if not state:
        return None
    data = {name: answer(i) for i, name in enumerate(dict.fromkeys(FIELD_RE.findall(page_text)))}
    data["state"] = state.group(1).replace("&amp;", "&")
    csrf = CSRF_RE.search(page_text)
    if csrf:
        data["csrfmiddlewaretoken"] = csrf.group(1)
    return data
