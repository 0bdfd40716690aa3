"""Two web servers and a worker on one database: exactly once, and limits shared.

    collectief bench two_servers [backend=postgres|sqlite] [respondents=40] [limit=5]
        [ports=8771,8772]

The scaling promise of docs/deployment.md, checked without containers: two
gunicorn servers on two loopback ports and one task worker share one
database (PostgreSQL ``collectief_twoservers``, or one SQLite file).

1. *Exactly once across servers*: every simulated respondent opens the
   survey on one server and sends it to the other; one in three sends the
   same page again to the first server (a retry after a load balancer
   switched). Each respondent has its own client address (the servers trust
   one proxy, so ``X-Forwarded-For`` carries it). Every acknowledged
   submission must be stored once, none twice.
2. *Limits shared across servers*: one address sends ``limit + 4``
   submissions, alternating between the servers. Exactly ``limit`` may be
   stored; the rest must be refused (429), whichever server they reach.
3. *The worker*: a task enqueued through one server's settings (pruning
   rate-limit counters) must be run by the worker within 30 seconds.

Prints its figures; exits with status 1 when a promise is broken. CI runs it
on PostgreSQL (.ci/run).
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import time
from io import StringIO
from typing import Any

from bench._child import (
    ROOT,
    in_child,
    run_child,
)
from bench._server import (
    form_data,
    fresh_database,
    kill_server,
    server_env,
    set_up_survey,
    start_server,
)

NAME = "two_servers"
POSTGRES_NAME = "collectief_twoservers"


def run(stdout: Any, **options: Any) -> None:
    if in_child():
        step = options.get("step")
        if step == "enqueue":
            _enqueue(stdout)
        elif step == "task":
            _task_status(stdout, str(options["id"]))
        elif step == "count":
            _count(stdout)
        return
    backend = str(options.get("backend", "postgres"))
    database = fresh_database(NAME, backend, postgres_name=POSTGRES_NAME)
    failures = _main(stdout, backend, database, options)
    if failures:
        stdout.write("FAILED: " + "; ".join(failures) + "\n")
        raise SystemExit(1)
    stdout.write("two servers: every promise held\n")


# Child steps -------------------------------------------------------------------------


def _enqueue(stdout: Any) -> None:
    from collectief.ratelimits.tasks import prune_rate_buckets_task

    result = prune_rate_buckets_task.enqueue()
    stdout.write(f"TASK {result.id}\n")


def _task_status(stdout: Any, task_id: str) -> None:
    from collectief.ratelimits.tasks import prune_rate_buckets_task

    stdout.write(f"STATUS {prune_rate_buckets_task.get_result(task_id).status}\n")


def _count(stdout: Any) -> None:
    from django.db.models import Count

    from collectief.surveys.models import Response

    stored = dict(
        Response.objects.filter(survey__organisation__slug="bench-submit")
        .values_list("idempotency_key")
        .annotate(n=Count("id"))
        .order_by()
    )
    for key, count in stored.items():
        stdout.write(f"KEY {key} {count}\n")


# Parent ------------------------------------------------------------------------------


async def _respondent(
    servers: list[str], token: str, address: str, retry: bool, acked: list[str]
) -> int:
    """Open the survey on one server, send it to the other; return the last status."""
    import httpx

    path = f"/v/{token}/"
    headers = {"X-Forwarded-For": address}
    async with httpx.AsyncClient(timeout=30, headers=headers) as client:
        page = await _send(client, "GET", servers[0] + path)
        data = form_data(page.text, lambda _i: "4")
        if page.status_code != 200 or data is None:
            return page.status_code
        targets = [servers[1], servers[0]] if retry else [servers[1]]
        status = 0
        for target in targets:
            response = await _send(client, "POST", target + path, data=data)
            status = response.status_code
            if status == 302 and "bedankt" in response.headers.get("location", ""):
                acked.append(data["state"])
        return status


async def _send(client: Any, method: str, url: str, **kwargs: Any) -> Any:
    """Send like a browser does: once more when the connection drops.

    A server closes a kept-alive connection after two idle seconds; when that
    crosses a new request on the same connection, the client sees a read error
    without an answer. A browser then sends the same form again, and so does
    this respondent: the same page state, so the exactly-once check below also
    covers a submission whose answer got lost.
    """
    import httpx

    for attempt in range(3):
        try:
            return await client.request(method, url, **kwargs)
        except httpx.TransportError:
            if attempt == 2:
                raise
            _RESENT.append(url)
            await asyncio.sleep(0.2)
    raise AssertionError("unreachable")


_RESENT: list[str] = []


def _main(stdout: Any, backend: str, database: str, options: dict[str, Any]) -> list[str]:
    respondents = int(options.get("respondents", 40))
    limit = int(options.get("limit", 5))
    ports = [int(p) for p in str(options.get("ports", "8771,8772")).split(",")]
    token = set_up_survey(database, stdout)
    if token is None:
        return ["setup failed"]
    env = server_env(
        database,
        SURVEYS_SUBMISSIONS_PER_HOUR=str(limit),
        TRUSTED_PROXY_COUNT="1",
        TASKS_IMMEDIATE="0",
    )
    servers = [start_server(env, port, workers=2, threads=4) for port in ports]
    worker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from collectief.cli import main; main()",
            "worker",
            "--interval",
            "0.5",
            "--no-startup-delay",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    failures: list[str] = []
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        acked: list[str] = []

        async def phase_one() -> list[int]:
            return await asyncio.gather(
                *(
                    _respondent(
                        urls if n % 2 == 0 else urls[::-1],
                        token,
                        f"198.18.{n // 250}.{n % 250 + 1}",
                        retry=n % 3 == 0,
                        acked=acked,
                    )
                    for n in range(respondents)
                )
            )

        started = time.monotonic()
        statuses = asyncio.run(phase_one())
        stdout.write(
            f"phase 1: {respondents} respondents over two servers in "
            f"{time.monotonic() - started:.1f}s, statuses {sorted(set(statuses))}, "
            f"acknowledged {len(acked)} (retries included), "
            f"sent again after a dropped connection {len(_RESENT)}\n"
        )
        one_address: list[str] = []

        async def phase_two() -> list[int]:
            results = []
            for n in range(limit + 4):
                pair = urls if n % 2 == 0 else urls[::-1]
                results.append(
                    await _respondent(pair, token, "198.19.0.1", retry=False, acked=one_address)
                )
            return results

        limited = asyncio.run(phase_two())
        stdout.write(
            f"phase 2: one address, {limit + 4} submissions alternating servers: "
            f"statuses {limited}\n"
        )
        if limited.count(302) != limit or limited.count(429) != 4:
            failures.append(f"the limit of {limit} was not shared: {limited}")

        out = StringIO()
        run_child(NAME, database, {"step": "count"}, out)
        stored = {
            line.split()[1]: int(line.split()[2])
            for line in out.getvalue().splitlines()
            if line.startswith("KEY ")
        }
        acked_keys = set(_idempotency_keys(acked + one_address))
        missing = [k for k in acked_keys if k not in stored]
        doubled = [k for k, n in stored.items() if n > 1]
        stdout.write(
            f"stored {sum(stored.values())} responses for {len(acked_keys)} acknowledged "
            f"submission codes: missing {len(missing)}, stored twice {len(doubled)}\n"
        )
        if missing or doubled or sum(stored.values()) != len(acked_keys):
            failures.append(f"not exactly once: missing {len(missing)}, twice {len(doubled)}")

        out = StringIO()
        run_child(NAME, database, {"step": "enqueue"}, out, env={"TASKS_IMMEDIATE": "0"})
        task_id = re.search(r"^TASK (\S+)$", out.getvalue(), re.MULTILINE)
        status = "not enqueued"
        deadline = time.monotonic() + 30
        while task_id and time.monotonic() < deadline:
            out = StringIO()
            run_child(
                NAME,
                database,
                {"step": "task", "id": task_id.group(1)},
                out,
                env={"TASKS_IMMEDIATE": "0"},
            )
            found = re.search(r"^STATUS (\S+)$", out.getvalue(), re.MULTILINE)
            status = found.group(1) if found else "unknown"
            if status in ("SUCCESSFUL", "FAILED"):
                break
            time.sleep(0.5)
        stdout.write(f"phase 3: a task enqueued for the worker ended {status}\n")
        if status != "SUCCESSFUL":
            failures.append(f"the worker did not run the task ({status})")
    finally:
        for server in servers:
            kill_server(server)
        kill_server(worker)
    return failures


def _idempotency_keys(states: list[str]) -> list[str]:
    """The submission code ``k`` inside each signed page state."""
    import json
    import zlib

    from django.core import signing

    keys = []
    for state in states:
        # The servers checked every signature; here the payload is only read.
        payload = state.rsplit(":", 2)[0]
        compressed = payload.startswith(".")
        raw = signing.b64_decode(payload.lstrip(".").encode())
        if compressed:
            raw = zlib.decompress(raw)
        keys.append(str(json.loads(raw)["k"]))
    return keys
