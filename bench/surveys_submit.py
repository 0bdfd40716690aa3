"""Survey submissions: many respondents against a real gunicorn server.

    collectief bench surveys_submit [backend=sqlite|postgres] [users=200] [duration=60]
        [kill=1] [workers=4] [threads=8] [port=8765]

Each simulated respondent (asyncio + httpx, own cookies) loops: open the
public link, fill in the one page of five statements and send it. One in
twenty sends the same page twice (a double click / retry). A submission is
*acknowledged* when the server answers with the redirect to the thank-you
page. Afterwards every acknowledged submission must be stored exactly once.
With kill=1 the server is killed with SIGKILL halfway through, restarted at
once, and the check runs again over the whole run.

The server runs with bench/settings_bench.py on var/bench/submit.sqlite3 or
the PostgreSQL database collectief_bench, never on the development database.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench._child import ROOT, database_url, ensure_postgres_database, in_child, run_child

NAME = "surveys_submit"
STATE_RE = re.compile(r'name="state" value="([^"]+)"')
FIELD_RE = re.compile(r'name="(q\d+)"')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def run(stdout: Any, **options: Any) -> None:
    backend = str(options.get("backend", "sqlite"))
    if in_child():
        step = options.get("step")
        if step == "setup":
            _setup(stdout)
        elif step == "verify":
            _verify(stdout, Path(str(options["acked"])))
        return
    if backend == "postgres":
        ensure_postgres_database()
    database = database_url("submit", backend)
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(database.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    _main(stdout, backend, database, options)


# Child steps (run with DATABASE_URL on the bench database) ------------------


def _setup(stdout: Any) -> None:
    from django.core.management import call_command

    from collectief.accounts.models import Organisation
    from collectief.surveys import services
    from collectief.surveys.models import Question, Survey

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    organisation, _ = Organisation.objects.get_or_create(
        slug="bench-submit", defaults={"name": "Bench", "kind": "overig"}
    )
    Survey.objects.filter(organisation=organisation).delete()
    survey = services.create_survey(organisation, by=None, title="Bench submissions")
    section = services.add_section(survey, by=None, title="Stellingen")
    for i in range(5):
        services.add_question(
            section,
            by=None,
            text=f"Stelling {i + 1}",
            type=Question.Type.LIKERT5,
            code=f"s{i + 1}",
            audit=False,
        )
    services.set_survey_status(survey, Survey.Status.OPEN, by=None)
    stdout.write(f"TOKEN {survey.public_token}\n")


def _verify(stdout: Any, acked_file: Path) -> None:
    from django.db.models import Count

    from collectief.surveys.models import Response, Survey
    from collectief.surveys.views import _unsign

    survey = Survey.objects.get(organisation__slug="bench-submit")
    keys = []
    for line in acked_file.read_text().splitlines():
        state = _unsign(survey, line.strip())
        if state is None:
            stdout.write("VERIFY unreadable state\n")
            continue
        keys.append(state["k"])
    stored = dict(
        Response.objects.filter(survey=survey)
        .values_list("idempotency_key")
        .annotate(n=Count("id"))
        .order_by()
    )
    missing = [k for k in keys if stored.get(k, 0) == 0]
    doubles = [k for k, n in stored.items() if n > 1]
    unacked = len(set(stored) - set(keys))
    with_answers = Response.objects.filter(survey=survey, answers__isnull=False).distinct().count()
    stdout.write(
        f"VERIFY acknowledged={len(keys)} distinct={len(set(keys))} stored={sum(stored.values())} "
        f"missing={len(missing)} stored_twice={len(doubles)} "
        f"stored_not_acknowledged={unacked} complete_responses={with_answers}\n"
    )


# Parent: server and load -----------------------------------------------------


def _start_server(env: dict[str, str], port: int, workers: int, threads: int) -> Any:
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


def _kill(process: Any) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


async def _respondent(
    number: int, base: str, token: str, deadline: float, stats: dict[str, Any]
) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        counter = 0
        while time.monotonic() < deadline:
            counter += 1
            try:
                started = time.monotonic()
                page = await client.get(f"/v/{token}/")
                stats["get"].append(time.monotonic() - started)
                match = STATE_RE.search(page.text)
                if page.status_code != 200 or not match:
                    stats["errors"][f"GET {page.status_code}"] += 1
                    await asyncio.sleep(0.05)
                    continue
                state = match.group(1).replace("&amp;", "&")
                data = {
                    name: str(1 + (number + counter + i) % 5)
                    for i, name in enumerate(dict.fromkeys(FIELD_RE.findall(page.text)))
                }
                data.update({"state": state, "action": "next", "website": ""})
                csrf = CSRF_RE.search(page.text)
                if csrf:
                    data["csrfmiddlewaretoken"] = csrf.group(1)
                times = 2 if (number + counter) % 20 == 0 else 1
                for attempt in range(times):
                    started = time.monotonic()
                    response = await client.post(f"/v/{token}/", data=data)
                    elapsed = time.monotonic() - started
                    if response.status_code == 302 and "bedankt" in response.headers.get(
                        "location", ""
                    ):
                        stats["post"].append(elapsed)
                        if attempt == 0:
                            stats["acked"].append(state)
                        else:
                            stats["double_acked"] += 1
                    else:
                        stats["errors"][f"POST {response.status_code}"] += 1
            except httpx.HTTPError as error:
                stats["errors"][type(error).__name__] += 1
                await asyncio.sleep(0.1)


async def _load(base: str, token: str, users: int, duration: float, stats: dict[str, Any]) -> None:
    deadline = time.monotonic() + duration
    await asyncio.gather(*(_respondent(i, base, token, deadline, stats) for i in range(users)))


def _main(stdout: Any, backend: str, database: str, options: dict[str, Any]) -> None:
    from collections import Counter
    from io import StringIO

    users = int(options.get("users", 200))
    duration = float(options.get("duration", 60))
    kill = bool(int(options.get("kill", 0)))
    workers = int(options.get("workers", 4))
    threads = int(options.get("threads", 8))
    port = int(options.get("port", 8765))
    # The server and the checking child must sign and read states with the same key.
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijkl")
    setup_out = StringIO()
    if run_child(NAME, database, {"step": "setup"}, setup_out):
        stdout.write(setup_out.getvalue())
        return
    token = re.search(r"TOKEN (\S+)", setup_out.getvalue()).group(1)  # type: ignore[union-attr]
    env = dict(
        os.environ,
        DATABASE_URL=database,
        DJANGO_SETTINGS_MODULE="bench.settings_bench",
        DEBUG="0",
        PYTHONPATH=str(ROOT),
    )
    server = _start_server(env, port, workers, threads)
    stats: dict[str, Any] = {
        "get": [],
        "post": [],
        "acked": [],
        "double_acked": 0,
        "errors": Counter(),
    }
    restarted_after = None

    async def killer() -> None:
        nonlocal server, restarted_after
        await asyncio.sleep(duration / 2)
        _kill(server)
        started = time.monotonic()
        server = await asyncio.to_thread(_start_server, env, port, workers, threads)
        restarted_after = time.monotonic() - started

    async def both() -> None:
        tasks = [_load(f"http://127.0.0.1:{port}", token, users, duration, stats)]
        if kill:
            tasks.append(killer())
        await asyncio.gather(*tasks)

    started = time.monotonic()
    try:
        asyncio.run(both())
    finally:
        elapsed = time.monotonic() - started
        _kill(server)
    acked_file = ROOT / "var" / "bench" / f"acked-{backend}{'-kill' if kill else ''}.txt"
    acked_file.write_text("\n".join(stats["acked"]))
    verify = StringIO()
    run_child(NAME, database, {"step": "verify", "acked": str(acked_file)}, verify)
    posts = stats["post"]
    stdout.write(
        f"backend={backend} users={users} duration={duration:.0f}s workers={workers} "
        f"threads={threads} kill={'yes' if kill else 'no'}\n"
        f"acknowledged submissions: {len(stats['acked'])} "
        f"({len(stats['acked']) / elapsed:.1f}/s); double submits acknowledged: "
        f"{stats['double_acked']}\n"
        f"POST latency p50={_percentile(posts, 50) * 1000:.0f} ms "
        f"p95={_percentile(posts, 95) * 1000:.0f} ms p99={_percentile(posts, 99) * 1000:.0f} ms "
        f"(mean {statistics.fmean(posts) * 1000 if posts else 0:.0f} ms)\n"
        f"GET latency p50={_percentile(stats['get'], 50) * 1000:.0f} ms "
        f"p95={_percentile(stats['get'], 95) * 1000:.0f} ms "
        f"p99={_percentile(stats['get'], 99) * 1000:.0f} ms\n"
        f"errors: {dict(stats['errors']) or 'none'}\n"
    )
    if restarted_after is not None:
        stdout.write(
            f"server killed with SIGKILL at {duration / 2:.0f}s; back after {restarted_after:.1f}s\n"
        )
    stdout.write(verify.getvalue())
