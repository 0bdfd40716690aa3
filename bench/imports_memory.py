"""Imports: peak memory for hostile and large legitimate files (issue 8 point 5; target < 300 MB).

    collectief bench imports_memory [case=NAME] [limit_mb=300]

Every file is built first in this process and written to ``var/bench/imports``;
then each is read in a fresh child process through the same reading layer the
imports use (``collectief.lib.tabular``, ``collectief.lib.reading``, the HSDS
reader), and the child reports its peak resident memory
(``resource.getrusage``: ru_maxrss) with the Django baseline before reading,
the outcome (refused with which message, or read) and the time.
"""

from __future__ import annotations

import contextlib
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHILD_FLAG = "COLLECTIEF_BENCH_CHILD"
FOLDER = ROOT / "var" / "bench" / "imports"


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> None:
    # A child inherits its parent's ru_maxrss across fork and exec; writing 5
    # to clear_refs resets the peak (VmHWM) to the current size (Linux >= 4.0).
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _current_mb() -> float:
    return _status_mb("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return _status_mb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _legit_csv(rows: int, columns: int) -> bytes:
    header = ";".join(f"vraag_{c}" for c in range(columns)) + "\n"
    lines = (
        ";".join(
            str((r * 7 + c) % 5 + 1) if c % 4 else f"Antwoord {r} over het Badhuis"
            for c in range(columns)
        )
        for r in range(rows)
    )
    return (header + "\n".join(lines) + "\n").encode()


def _legit_xlsx(rows: int, columns: int) -> bytes:
    from collectief.lib.tabular import write_xlsx

    headers = [f"vraag_{c}" for c in range(columns)]
    data = [
        [
            ((r * 7 + c) % 5 + 1) if c % 4 else f"Antwoord {r} over het Badhuis"
            for c in range(columns)
        ]
        for r in range(rows)
    ]
    return write_xlsx({"Antwoorden": (headers, data)})


def _legit_json(objects: int) -> bytes:
    import json
    import uuid

    items = [
        {
            "id": str(uuid.UUID(int=i)),
            "name": f"Koffie-inloop {i}",
            "description": "Elke dinsdag koffie en een praatje in het buurthuis. " * 3,
            "email": f"info{i}@example.org",
            "url": f"https://example.org/{i}",
            "phones": [{"id": str(uuid.UUID(int=10**9 + i)), "number": "020 123 4567"}],
        }
        for i in range(objects)
    ]
    return json.dumps(items).encode()


def cases() -> dict[str, tuple[str, Callable[[], bytes], str]]:
    """name -> (file name, builder, reader kind)."""
    from collectief.lib.tests import hostile

    return {
        "xlsx_1200mb_spaces": ("spaces.xlsx", lambda: hostile.huge_cell_xlsx(1200), "table"),
        "xlsx_sparse_xfd1048576": ("sparse.xlsx", hostile.sparse_xlsx, "table"),
        "xlsx_sparse_no_dimension": ("sparse2.xlsx", hostile.undimensioned_sparse_xlsx, "table"),
        "csv_2m_rows": ("rows.csv", lambda: hostile.csv_rows(2_000_000), "table"),
        "zip_bomb_1gb": ("bomb.zip", lambda: hostile.zip_bomb(1024), "hsds"),
        "zip_under_declared_1gb": ("under.zip", lambda: hostile.under_declared_zip(1024), "hsds"),
        "json_100000_deep": ("deep.json", lambda: hostile.deep_json(100_000), "json"),
        "legit_csv_100000x20": ("legit.csv", lambda: _legit_csv(100_000, 20), "table"),
        "legit_xlsx_20000x30": ("legit.xlsx", lambda: _legit_xlsx(20_000, 30), "table"),
        "legit_json_25mb": ("legit.json", lambda: _legit_json(60_000), "json"),
    }


def measure(stdout: Any, name: str, path: Path, kind: str) -> None:
    """In the child: read one file as an import would and print one result line."""
    from collectief.directory.hsds.reading import Reader
    from collectief.lib import reading, tabular

    _reset_peak()
    data = path.read_bytes()
    baseline = _current_mb()
    started = time.perf_counter()
    outcome = "read"
    try:
        if kind == "table":
            table = tabular.read_table(data, path.name)
            outcome = f"read: {len(table.rows)} rows"
        elif kind == "json":
            document = reading.read_json(data)
            outcome = f"read: {len(document)} items"
        else:
            reader = Reader()
            reader.read_zip(data)
            if reader.problems:
                outcome = f"refused: {reader.problems[0].message}"
    except reading.TableError as exc:
        outcome = f"refused: {exc}"
    seconds = time.perf_counter() - started
    stdout.write(f"{name}\t{_peak_mb():.0f}\t{baseline:.0f}\t{seconds:.1f}\t{outcome}\n")


def run(stdout: Any, **options: Any) -> None:
    if os.environ.get(CHILD_FLAG) == "1":
        measure(stdout, str(options["case"]), Path(str(options["path"])), str(options["kind"]))
        return
    limit = float(options.get("limit_mb", 300))
    only = options.get("case")
    FOLDER.mkdir(parents=True, exist_ok=True)
    stdout.write(
        f"Imports, peak memory per import ({platform.machine()}, {os.cpu_count()} CPU(s), "
        f"Python {platform.python_version()}); limit {limit:.0f} MB\n"
    )
    stdout.write(f"{'case':<26} {'file':>9} {'peak MB':>8} {'base MB':>8} {'s':>6}  outcome\n")
    worst = 0.0
    for name, (filename, build, kind) in cases().items():
        if only and name != only:
            continue
        path = FOLDER / filename
        path.write_bytes(build())
        env = dict(os.environ, **{CHILD_FLAG: "1"}, LANGUAGE_CODE="nl")
        args = [sys.executable, "-c", "from collectief.cli import main; main()", "bench"]
        args += ["imports_memory", f"case={name}", f"path={path}", f"kind={kind}"]
        process = subprocess.run(
            args, env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        if process.returncode:
            stdout.write(f"{name}: child failed\n{process.stderr[-3000:]}\n")
            worst = float("inf")
            continue
        line = process.stdout.strip().splitlines()[-1]
        _case, peak, base, seconds, outcome = line.split("\t", 4)
        worst = max(worst, float(peak))
        size = path.stat().st_size / 1024 / 1024
        stdout.write(
            f"{name:<26} {size:>7.1f}MB {float(peak):>8.0f} {float(base):>8.0f} {float(seconds):>6.1f}  {outcome[:110]}\n"
        )
        path.unlink()
    verdict = "all under" if worst < limit else "NOT all under"
    stdout.write(f"Highest peak: {worst:.0f} MB — {verdict} {limit:.0f} MB.\n")
