"""Run a benchmark step in a child process on its own database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHILD_FLAG = "COLLECTIEF_BENCH_CHILD"


def work_folder() -> Path:
    """var/bench, created when missing: benchmark databases and result files live here."""
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def database_url(name: str, backend: str, *, postgres_name: str = "collectief_bench") -> str:
    if backend == "postgres":
        base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
        return f"{base.rstrip('/')}/{postgres_name}"
    return f"sqlite:///{work_folder() / f'{name}.sqlite3'}"


def in_child() -> bool:
    return os.environ.get(CHILD_FLAG) == "1"


def run_child(
    name: str,
    database: str,
    options: dict[str, Any],
    stdout: Any,
    *,
    env: dict[str, str] | None = None,
) -> int:
    """Run ``collectief bench NAME`` again with DATABASE_URL pointing at the bench DB."""
    env = dict(os.environ, DATABASE_URL=database, **{CHILD_FLAG: "1"}, **(env or {}))
    env.setdefault("DEBUG", "1")
    args = [sys.executable, "-m", "collectief.cli", "bench", name]
    args += [f"{k}={v}" for k, v in options.items()]
    process = subprocess.run(
        [sys.executable, "-c", "from collectief.cli import main; main()", *args[3:]],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    stdout.write(process.stdout)
    if process.returncode:
        stdout.write(process.stderr[-4000:])
    return process.returncode


def ensure_postgres_database(name: str = "collectief_bench") -> None:
    import psycopg

    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    with psycopg.connect(f"{base.rstrip('/')}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
