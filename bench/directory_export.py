"""Sociale kaart: HSDS export of all 50,000 services (target 30 s, flat memory).

    collectief bench directory_export [backend=sqlite|postgres] [format=hsds-json|hsds-csv]
        [services=50000] [wijken=500] [limit=N]

Uses the database of the directory_search benchmark (generated when missing).
Runs the export twice in fresh processes: once for time and peak RSS
(resource.getrusage), once under tracemalloc for the peak of Python
allocations. Memory is "flat" when the peak is small and does not grow with
the number of services: compare ``limit=10000`` (the first 10,000 services
by id; hsds-json only) with the full export.

The child runs with DEBUG off, as in production: with DEBUG on, Django keeps
the text of the last 9,000 queries in memory, which is not the exporter's.
"""

from __future__ import annotations

import os
import resource
import time
import tracemalloc
from pathlib import Path
from typing import Any

from bench.directory_search import CHILD_FLAG, ROOT, child, database_url, machine, prepare


def _rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(stdout: Any, **options: Any) -> None:
    backend = str(options.get("backend", "sqlite"))
    fmt = str(options.get("format", "hsds-json"))
    limit = int(options.get("limit", 0))
    if os.environ.get(CHILD_FLAG) == "1":
        export(stdout, fmt, traced=bool(int(options.get("traced", 0))), limit=limit)
        return
    prepare(backend, options, stdout)
    stdout.write(f"Machine: {machine()}\nBackend: {backend} ({database_url(backend)})\n")
    stdout.write(f"Load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    for traced in (0, 1):
        child(
            "directory_export", backend, {"format": fmt, "traced": traced, "limit": limit}, stdout
        )


def export(stdout: Any, fmt: str, *, traced: bool, limit: int = 0) -> None:
    from django.conf import settings
    from django.db import connection

    from collectief.directory.hsds import export_hsds
    from collectief.directory.models import Service

    settings.DEBUG = False  # as in production: no query log
    options: dict[str, Any] = {}
    if limit:
        if fmt != "hsds-json":
            raise ValueError("limit= works with format=hsds-json only")
        services = Service.objects.order_by("id")
        boundary = next(iter(services.values_list("id", flat=True)[limit : limit + 1]), None)
        options["queryset"] = services.filter(id__lt=boundary) if boundary else services

    target = (
        ROOT
        / "var"
        / "bench"
        / ("directory-export.json" if fmt == "hsds-json" else "directory-export.zip")
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    connection.ensure_connection()
    baseline = _rss_mb()
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    with Path(target).open("wb") as out:
        count = export_hsds(fmt, out, **options)
    elapsed = time.perf_counter() - started
    size_mb = target.stat().st_size / 1024 / 1024
    if traced:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        stdout.write(
            f"Export {fmt} under tracemalloc: {count} services, {size_mb:.0f} MB written, "
            f"peak Python allocations {peak / 1024 / 1024:.1f} MB ({elapsed:.1f} s with tracing).\n"
        )
        return
    stdout.write(
        f"Export {fmt} on {connection.vendor}: {count} services in {elapsed:.1f} s, "
        f"{size_mb:.0f} MB written; RSS before {baseline:.0f} MB, peak RSS {_rss_mb():.0f} MB\n"
        f"  target <= 30 s: {'OK' if elapsed <= 30 else 'NOT MET'}\n"
    )
