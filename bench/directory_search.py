"""Sociale kaart: filtered search over 50,000 services in 500 wijken (p95 target 100 ms).

    collectief bench directory_search [backend=sqlite|postgres] [services=50000]
        [wijken=500] [queries=300] [fresh=0]

Generates the data (once; fresh=1 to rebuild) into a separate database,
never the development one: var/bench/directory.sqlite3, or the PostgreSQL
database collectief_bench_dir. Then it runs a seeded mix of the searches the
web page makes (full text in Dutch, area, theme, target group, day, free, no
referral, wheelchair, in combinations) and times them twice:

- the search: what a results page asks of the database, the count plus the
  first page of 20 with everything a result card shows (``display_page``);
- the whole page: ``GET /sociale-kaart/?...`` through Django's test client
  (middleware, the search form with its 2,500 areas, the template), without
  a network.

The measuring child runs with DEBUG off, as in production.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from bench._child import work_folder

ROOT = Path(__file__).resolve().parent.parent

CHILD_FLAG = "COLLECTIEF_BENCH_DIR_CHILD"
PG_NAME = "collectief_bench_dir"

WORDS = [
    "koffie",
    "inloop",
    "ontmoeting",
    "ouderen",
    "eenzaamheid",
    "taalcafé",
    "computerles",
    "naailes",
    "schaken",
    "koken",
    "wandelen",
    "spreekuur",
    "geldzaken",
    "opvoeden",
    "huiswerk",
    "moestuin",
    "kringloop",
    "repaircafé",
    "muziek",
    "koor",
    "yoga",
    "maatje",
]
THEMES = [
    "eenzaamheid",
    "geldzorgen-en-schulden",
    "opvoeden-en-opgroeien",
    "vechtscheiding",
    "psychische-gezondheid",
    "wonen",
    "taal-en-digitale-vaardigheden",
    "werk-en-dagbesteding",
    "mantelzorg",
    "ontmoeting",
    "gezondheid-en-bewegen",
    "veiligheid",
    "leefbaarheid-en-groen",
]
GROUPS = ["iedereen", "ouderen", "jeugd", "ouders", "mantelzorgers", "nieuwkomers"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def database_url(backend: str) -> str:
    if backend == "postgres":
        base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
        return f"{base.rstrip('/')}/{PG_NAME}"
    return f"sqlite:///{work_folder() / 'directory.sqlite3'}"


def machine() -> str:
    cpus = os.cpu_count()
    return f"{platform.machine()}, {cpus} CPU(s), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def child(bench: str, backend: str, options: dict[str, Any], stdout: Any) -> int:
    env = dict(os.environ, DATABASE_URL=database_url(backend), **{CHILD_FLAG: "1"})
    env.setdefault("DEBUG", "1")
    args = [sys.executable, "-c", "from collectief.cli import main; main()", "bench", bench]
    args += [f"{k}={v}" for k, v in options.items()]
    process = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    stdout.write(process.stdout)
    if process.returncode:
        stdout.write(process.stderr[-4000:])
    return process.returncode


def prepare(backend: str, options: dict[str, Any], stdout: Any) -> None:
    """Create the bench database, migrate it and fill it (unless it is already filled)."""
    fresh = bool(int(options.get("fresh", 0)))
    if backend == "postgres":
        import psycopg

        base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
        with psycopg.connect(f"{base.rstrip('/')}/postgres", autocommit=True) as conn:
            if fresh:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
            if not conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME]
            ).fetchone():
                conn.execute(f"CREATE DATABASE {PG_NAME}")
    elif fresh:
        path = Path(database_url(backend).removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    env = dict(os.environ, DATABASE_URL=database_url(backend), DEBUG="1")
    subprocess.run(
        [sys.executable, "-c", "from collectief.cli import main; main()", "migrate", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    keep = {k: v for k, v in options.items() if k in ("services", "wijken")}
    if child("directory_search", backend, {"step": "generate", **keep}, stdout):
        raise RuntimeError("generating the bench data failed")


def run(stdout: Any, **options: Any) -> None:
    backend = str(options.get("backend", "sqlite"))
    if os.environ.get(CHILD_FLAG) == "1":
        step = options.get("step")
        if step == "generate":
            generate(stdout, int(options.get("services", 50_000)), int(options.get("wijken", 500)))
        elif step == "measure":
            measure(stdout, int(options.get("queries", 300)))
        return
    prepare(backend, options, stdout)
    stdout.write(f"Machine: {machine()}\nBackend: {backend} ({database_url(backend)})\n")
    stdout.write(f"Load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    child(
        "directory_search",
        backend,
        {"step": "measure", "queries": options.get("queries", 300)},
        stdout,
    )


# --- child steps -------------------------------------------------------------------


def generate(stdout: Any, n_services: int, n_wijken: int) -> None:
    from django.db import connection, transaction

    from collectief.areas.models import Area
    from collectief.directory.models import (
        Attribute,
        DirectoryOrganization,
        Location,
        Schedule,
        Service,
        ServiceAtLocation,
        TaxonomyTerm,
    )

    if Service.objects.count() >= n_services:
        stdout.write(f"Data: {Service.objects.count()} services already there.\n")
        return
    rng = random.Random(20230201)
    started = time.perf_counter()
    terms = {t.code: t for t in TaxonomyTerm.objects.exclude(code="")}
    per_gemeente = 50
    with transaction.atomic():
        gemeenten = [
            Area(code=f"GM9{g:03d}", name=f"Benchgemeente {g}", level="gemeente", year=2024)
            for g in range((n_wijken + per_gemeente - 1) // per_gemeente)
        ]
        Area.objects.bulk_create(gemeenten)
        gemeenten = list(Area.objects.filter(code__startswith="GM9").order_by("code"))
        wijken = []
        for i in range(n_wijken):
            g = gemeenten[i // per_gemeente]
            wijken.append(
                Area(
                    code=f"WK{g.code[2:]}{i % per_gemeente:02d}",
                    name=f"Wijk {i}",
                    level="wijk",
                    parent=g,
                    year=2024,
                )
            )
        Area.objects.bulk_create(wijken)
        wijken = list(Area.objects.filter(level="wijk", code__startswith="WK9").order_by("code"))
        buurten = [
            Area(
                code=f"BU{w.code[2:]}{b:02d}",
                name=f"Buurt {w.code}-{b}",
                level="buurt",
                parent=w,
                year=2024,
            )
            for w in wijken
            for b in range(4)
        ]
        Area.objects.bulk_create(buurten, batch_size=2000)
        buurten = list(
            Area.objects.filter(level="buurt", code__startswith="BU9").select_related("parent")
        )
        centre = {w.pk: (51.0 + rng.random() * 2, 4.0 + rng.random() * 2.5) for w in wijken}
        orgs = [
            DirectoryOrganization(
                id=uuid.UUID(int=rng.getrandbits(128)),
                name=f"Organisatie {i}",
                description="Bench",
            )
            for i in range(n_services // 10)
        ]
        DirectoryOrganization.objects.bulk_create(orgs, batch_size=2000)
        batch = 5000
        for start in range(0, n_services, batch):
            services, locations, sals, attributes, schedules = [], [], [], [], []
            for i in range(start, min(start + batch, n_services)):
                words = rng.sample(WORDS, 3)
                themes = rng.sample(THEMES, rng.choice((1, 2)))
                group = rng.choice(GROUPS)
                name = f"{words[0].capitalize()} {i}"
                description = f"{words[1].capitalize()} en {words[2]} in de buurt."
                text = "\n".join(
                    [
                        name,
                        description,
                        orgs[i % len(orgs)].name,
                        *(terms[t].name for t in themes),
                        terms[group].name,
                    ]
                )
                service = Service(
                    id=uuid.UUID(int=rng.getrandbits(128)),
                    organization=orgs[i % len(orgs)],
                    name=name,
                    description=description,
                    search_text=text,
                    is_free=rng.random() < 0.5,
                    referral=rng.choice(["", "", "", "verwijzing"]),
                    wheelchair_accessible=rng.random() < 0.4,
                    delivery=rng.choice(["collectief", "collectief", "individueel"]),
                    status="active" if rng.random() < 0.95 else "inactive",
                )
                services.append(service)
                buurt = rng.choice(buurten)
                lat, lon = centre[buurt.parent_id]
                location = Location(
                    id=uuid.UUID(int=rng.getrandbits(128)),
                    name=f"Plek {i}",
                    area=buurt,
                    latitude=lat + rng.random() / 100,
                    longitude=lon + rng.random() / 100,
                )
                locations.append(location)
                sals.append(
                    ServiceAtLocation(
                        id=uuid.UUID(int=rng.getrandbits(128)), service=service, location=location
                    )
                )
                attributes.extend(
                    Attribute(
                        id=uuid.UUID(int=rng.getrandbits(128)),
                        service=service,
                        taxonomy_term=terms[code],
                        link_id=service.id,
                        link_entity="service",
                    )
                    for code in [*themes, group]
                )
                schedules.append(
                    Schedule(
                        id=uuid.UUID(int=rng.getrandbits(128)),
                        service=service,
                        freq="WEEKLY",
                        byday=",".join(
                            sorted(rng.sample(DAYS, rng.choice((1, 2))), key=DAYS.index)
                        ),
                    )
                )
            Service.objects.bulk_create(services)
            Location.objects.bulk_create(locations)
            ServiceAtLocation.objects.bulk_create(sals)
            Attribute.objects.bulk_create(attributes)
            Schedule.objects.bulk_create(schedules)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    stdout.write(
        f"Data: {n_services} services in {n_wijken} wijken generated in {time.perf_counter() - started:.0f} s.\n"
    )


def _random_search(rng: random.Random, wijken: list[Any], buurten: list[Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    if rng.random() < 0.6:
        kwargs["query"] = " ".join(rng.sample(WORDS, rng.choice((1, 1, 2))))
    if rng.random() < 0.7:
        kwargs["area"] = rng.choice(wijken if rng.random() < 0.6 else buurten)
        kwargs["include_neighbours"] = rng.random() < 0.3
    if rng.random() < 0.5:
        kwargs["theme"] = rng.choice(THEMES)
    if rng.random() < 0.3:
        kwargs["target_group"] = rng.choice(GROUPS[1:])
    if rng.random() < 0.4:
        kwargs["day"] = rng.randrange(7)
    kwargs["free"] = rng.random() < 0.3
    kwargs["no_referral"] = rng.random() < 0.3
    kwargs["wheelchair"] = rng.random() < 0.2
    if len(kwargs) <= 3:  # at least one real filter: this measures *filtered* search
        kwargs["theme"] = rng.choice(THEMES)
    return kwargs


def _page_params(kwargs: dict[str, Any]) -> dict[str, str]:
    """The GET parameters of the search page for one search."""
    params: dict[str, str] = {}
    if kwargs.get("query"):
        params["q"] = kwargs["query"]
    if kwargs.get("area") is not None:
        params["gebied"] = kwargs["area"].code
    if kwargs.get("include_neighbours"):
        params["omgeving"] = "on"
    if kwargs.get("theme"):
        params["thema"] = kwargs["theme"]
    if kwargs.get("target_group"):
        params["doelgroep"] = kwargs["target_group"]
    if kwargs.get("day") is not None:
        params["dag"] = ("ma", "di", "wo", "do", "vr", "za", "zo")[kwargs["day"]]
    for name, param in (("free", "gratis"), ("no_referral", "zonder_verwijzing")):
        if kwargs.get(name):
            params[param] = "on"
    if kwargs.get("wheelchair"):
        params["rolstoel"] = "on"
    return params


def _summary(label: str, timings: list[float]) -> str:
    timings = sorted(timings)
    p95 = timings[int(0.95 * (len(timings) - 1))]
    return (
        f"{label}:\n"
        f"  p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms\n"
        f"  target p95 <= 100 ms: {'OK' if p95 <= 100 else 'NOT MET'}\n"
    )


def measure(stdout: Any, queries: int) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from collectief.areas.models import Area
    from collectief.directory.models import Service
    from collectief.directory.search import display_page, search_services

    settings.DEBUG = False  # as in production: no query log, no template debugging
    rng = random.Random(7)
    wijken = list(Area.objects.filter(level="wijk"))
    buurten = list(Area.objects.filter(level="buurt"))
    stdout.write(
        f"Data: {Service.objects.count()} services, {len(wijken)} wijken, {len(buurten)} buurten.\n"
    )
    searches = [_random_search(rng, wijken, buurten) for _ in range(queries)]
    for kwargs in searches[:10]:  # warm up caches and connections
        display_page(search_services(**kwargs), 1, 20)
    timings = []
    hits = []
    for kwargs in searches:
        started = time.perf_counter()
        page = display_page(search_services(**kwargs), 1, 20)
        timings.append((time.perf_counter() - started) * 1000)
        total = page.paginator.count
        hits.append(total)
        assert len(page.object_list) == min(total, 20)
    stdout.write(
        _summary(
            f"Filtered search on {connection.vendor}, {queries} queries (count + first page of 20)",
            timings,
        )
        + f"  median hits {statistics.median(hits):.0f}, most hits {max(hits)}\n"
    )

    client = Client(HTTP_HOST="localhost")
    for kwargs in searches[:10]:
        client.get("/sociale-kaart/", _page_params(kwargs))
    page_timings = []
    for kwargs in searches:
        started = time.perf_counter()
        response = client.get("/sociale-kaart/", _page_params(kwargs))
        page_timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    stdout.write(
        _summary(
            f"Whole search page (GET /sociale-kaart/ in process) on {connection.vendor}, "
            f"{queries} requests",
            page_timings,
        )
    )
    stdout.write(f"Load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
