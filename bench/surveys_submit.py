"""Survey submissions: many respondents against a real gunicorn server.

    collectief bench surveys_submit [backend=sqlite|postgres] [users=10] [duration=30]
        [rounds=3] [rate=20] [kill=1] [workers=4] [threads=8] [port=8765]

One run has three phases against the same server:

1. *floor*: closed loop on a bare view that inserts one row (bench/floor.py),
   with the same settings and middleware: what the stack itself costs;
2. *survey*: closed loop on the real public survey page (``users``
   respondents for ``duration`` seconds); floor and survey take turns in
   ``rounds`` slices so both meet the same background load;
3. *open loop*: new respondents arrive at a fixed ``rate`` per second for
   ``duration`` seconds, whatever the server's speed, which is how real
   respondents behave; latency is measured at that load (rate=0 skips it).

Each simulated respondent (asyncio + httpx, own cookies) opens the page,
fills in the one page of five statements and sends it. One in twenty sends
the same page twice (a double click / retry). A submission is *acknowledged*
when the server answers with the redirect to the thank-you page. Afterwards
every acknowledged submission must be stored exactly once, for the floor and
for the survey. With kill=1 the server is killed with SIGKILL halfway through
the survey phase (in its middle slice), restarted at once, and the check
covers the whole run.

The server runs with bench/settings_bench.py on var/bench/submit.sqlite3 or
the PostgreSQL database collectief_bench, never on the development database.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path
from typing import Any

from bench._child import in_child, run_child, work_folder
from bench._server import (
    form_data,
    fresh_database,
    kill_server,
    server_env,
    set_up_survey,
    start_server,
)

NAME = "surveys_submit"


def run(stdout: Any, **options: Any) -> None:
    backend = str(options.get("backend", "sqlite"))
    if in_child():
        step = options.get("step")
        if step == "setup":
            _setup(stdout)
        elif step == "verify":
            _verify(stdout, Path(str(options["acked"])))
        return
    _main(stdout, backend, fresh_database("submit", backend), options)


# Child steps (run with DATABASE_URL on the bench database) ------------------


def _setup(stdout: Any) -> None:
    from django.core.management import call_command

    from bench.floor import create_table
    from collectief.accounts.models import Organisation
    from collectief.surveys import services
    from collectief.surveys.models import Question, Survey

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    create_table()
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
    from bench.floor import stored_keys

    floor_keys = [
        line.strip()
        for line in acked_file.with_suffix(".floor").read_text().splitlines()
        if line.strip()
    ]
    floor_stored = stored_keys()
    stdout.write(
        f"VERIFY floor acknowledged={len(floor_keys)} "
        f"missing={sum(1 for k in floor_keys if not floor_stored.get(k))} "
        f"stored_twice={sum(1 for n in floor_stored.values() if n > 1)}\n"
    )


# Parent: server and load -----------------------------------------------------


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


class Phase:
    """Counters of one phase of the run."""

    def __init__(self, name: str) -> None:
        from collections import Counter

        self.name = name
        self.get: list[float] = []
        self.post: list[float] = []
        self.acked: list[str] = []
        self.double_acked = 0
        self.errors: Counter[str] = Counter()
        self.elapsed = 0.0

    @property
    def rate(self) -> float:
        return len(self.acked) / self.elapsed if self.elapsed else 0.0

    def summary(self) -> str:
        posts = self.post
        return (
            f"[{self.name}] acknowledged: {len(self.acked)} ({self.rate:.1f}/s); "
            f"double submits acknowledged: {self.double_acked}\n"
            f"[{self.name}] POST latency p50={_percentile(posts, 50) * 1000:.0f} ms "
            f"p95={_percentile(posts, 95) * 1000:.0f} ms "
            f"p99={_percentile(posts, 99) * 1000:.0f} ms "
            f"(mean {statistics.fmean(posts) * 1000 if posts else 0:.0f} ms)\n"
            f"[{self.name}] GET latency p50={_percentile(self.get, 50) * 1000:.0f} ms "
            f"p95={_percentile(self.get, 95) * 1000:.0f} ms "
            f"p99={_percentile(self.get, 99) * 1000:.0f} ms\n"
            f"[{self.name}] errors: {dict(self.errors) or 'none'}\n"
        )


async def _submit_once(client: Any, path: str, number: int, counter: int, phase: Phase) -> None:
    """Open the page and send it (twice for one in twenty respondents)."""
    started = time.monotonic()
    page = await client.get(path)
    phase.get.append(time.monotonic() - started)
    data = form_data(page.text, lambda i: str(1 + (number + counter + i) % 5))
    if page.status_code != 200 or data is None:
        phase.errors[f"GET {page.status_code}"] += 1
        await asyncio.sleep(0.05)
        return
    state = data["state"]
    data["website"] = ""
    times = 2 if (number + counter) % 20 == 0 else 1
    for attempt in range(times):
        started = time.monotonic()
        response = await client.post(path, data=data)
        elapsed = time.monotonic() - started
        if response.status_code == 302 and "bedankt" in response.headers.get("location", ""):
            phase.post.append(elapsed)
            if attempt == 0:
                phase.acked.append(state)
            else:
                phase.double_acked += 1
        else:
            phase.errors[f"POST {response.status_code}"] += 1


async def _closed_loop(base: str, path: str, users: int, duration: float, phase: Phase) -> None:
    import httpx

    deadline = time.monotonic() + duration

    async def respondent(number: int) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            counter = 0
            while time.monotonic() < deadline:
                counter += 1
                try:
                    await _submit_once(client, path, number, counter, phase)
                except httpx.HTTPError as error:
                    phase.errors[type(error).__name__] += 1
                    await asyncio.sleep(0.1)

    started = time.monotonic()
    await asyncio.gather(*(respondent(i) for i in range(users)))
    phase.elapsed += time.monotonic() - started


async def _open_loop(base: str, path: str, rate: float, duration: float, phase: Phase) -> None:
    """A new respondent every 1/rate seconds, whatever the server's speed.

    The respondents share one connection pool: a client per respondent would
    spend the load generator's CPU (on the same two cores as the server) on
    setting up clients instead of sending requests. They share the cookie jar
    too, seeded by one request first, so they all carry the same CSRF cookie,
    which the server keeps; its cost per request is the same as for separate
    browsers.
    """
    import httpx

    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        await client.get(path)

        async def respondent(number: int) -> None:
            try:
                await _submit_once(client, path, number, 1, phase)
            except httpx.HTTPError as error:
                phase.errors[type(error).__name__] += 1

        started = time.monotonic()
        tasks = []
        number = 0
        while True:
            due = started + number / rate
            if due - started >= duration:
                break
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            tasks.append(asyncio.create_task(respondent(number)))
            number += 1
        await asyncio.gather(*tasks)
        phase.elapsed = time.monotonic() - started


def _main(stdout: Any, backend: str, database: str, options: dict[str, Any]) -> None:
    from io import StringIO

    users = int(options.get("users", 10))
    duration = float(options.get("duration", 30))
    rate = float(options.get("rate", 20))
    kill = bool(int(options.get("kill", 0)))
    workers = int(options.get("workers", 4))
    threads = int(options.get("threads", 8))
    port = int(options.get("port", 8765))
    token = set_up_survey(database, stdout)
    if token is None:
        return
    env = server_env(database)
    base = f"http://127.0.0.1:{port}"
    survey_path = f"/v/{token}/"
    server = start_server(env, port, workers, threads)
    floor, survey, open_loop = Phase("floor"), Phase("survey"), Phase(f"open loop {rate:g}/s")
    restarted_after = None

    rounds = max(1, int(options.get("rounds", 3)))
    slice_seconds = duration / rounds

    async def killer() -> None:
        nonlocal server, restarted_after
        await asyncio.sleep(slice_seconds / 2)
        kill_server(server)
        started = time.monotonic()
        server = await asyncio.to_thread(start_server, env, port, workers, threads)
        restarted_after = time.monotonic() - started

    async def survey_slice(with_kill: bool) -> None:
        tasks = [_closed_loop(base, survey_path, users, slice_seconds, survey)]
        if with_kill:
            tasks.append(killer())
        await asyncio.gather(*tasks)

    try:
        # Floor and survey take turns in short slices, so that whatever else
        # the machine is doing weighs on both alike and the ratio stays fair.
        for number in range(rounds):
            asyncio.run(_closed_loop(base, "/bench/floor/", users, slice_seconds, floor))
            asyncio.run(survey_slice(kill and number == rounds // 2))
        if rate > 0:
            asyncio.run(_open_loop(base, survey_path, rate, duration, open_loop))
    finally:
        kill_server(server)
    acked_file = work_folder() / f"acked-{backend}{'-kill' if kill else ''}.txt"
    acked_file.write_text("\n".join(survey.acked + open_loop.acked))
    acked_file.with_suffix(".floor").write_text("\n".join(floor.acked))
    verify = StringIO()
    run_child(NAME, database, {"step": "verify", "acked": str(acked_file)}, verify)
    ratio = survey.rate / floor.rate if floor.rate else float("nan")
    stdout.write(
        f"backend={backend} users={users} duration={duration:.0f}s workers={workers} "
        f"threads={threads} kill={'yes' if kill else 'no'}\n"
        + floor.summary()
        + survey.summary()
        + (open_loop.summary() if rate > 0 else "")
        + f"capacity ratio survey/floor: {ratio:.2f} "
        f"({survey.rate:.1f}/s against {floor.rate:.1f}/s)\n"
    )
    if restarted_after is not None:
        stdout.write(
            f"server killed with SIGKILL {slice_seconds / 2:.0f}s into a survey slice; "
            f"back after {restarted_after:.1f}s\n"
        )
    stdout.write(verify.getvalue())
