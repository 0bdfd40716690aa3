"""Rode draden summary: a gemeente of 100 wijken × 13 themes × 24 months, 1,000,000 signals.

Times ``summarise`` (the code behind the summary page, the API and
``collectief signals summary``: the running totals of the month and the one
before it from ``SignalCount``, then disclosure control on both 100 × 13
tables) and its JSON, against a plain SQL GROUP BY over the same two months
of signals as the floor, and the same counts grouped from the signals (the
path before the running totals). It checks that both paths give the same
tables, and times the cost of the triggers on writes: 5,000 signals with
their themes inserted with and without them (rolled back).

    collectief bench signals_summary [backend=sqlite|postgres] [signals=1000000]
        [wijken=100] [months=24] [repeat=5]

The data is generated once per size into var/bench/signals-<n>.sqlite3 or the
PostgreSQL database collectief_bench_signals, never into the development
database. Counts per wijk and theme are skewed (a few big wijken and themes,
many small ones) so that disclosure control has real work: small cells,
complementary suppression.
"""

from __future__ import annotations

import datetime
import platform
import random
import time
from typing import Any

from bench._child import database_url, ensure_postgres_database, in_child, run_child

NAME = "signals_summary"
POSTGRES_NAME = "collectief_bench_signals"
GEMEENTE_CODE = "GM9901"
FIRST_MONTH = datetime.date(2024, 1, 1)


def run(stdout: Any, **options: Any) -> None:
    backend = str(options.get("backend", "sqlite"))
    signals = int(options.get("signals", 1_000_000))
    if not in_child():
        if backend == "postgres":
            ensure_postgres_database(POSTGRES_NAME)
        database = database_url(f"signals-{signals}", backend, postgres_name=POSTGRES_NAME)
        stdout.write(f"database: {database}\n")
        run_child(NAME, database, {**options, "backend": backend}, stdout)
        return
    _measure(stdout, backend=backend, signals=signals, options=options)


def _months(n: int) -> list[datetime.date]:
    months = [FIRST_MONTH]
    while len(months) < n:
        months.append((months[-1] + datetime.timedelta(days=32)).replace(day=1))
    return months


def _generate(signals: int, n_wijken: int, n_months: int, stdout: Any) -> Any:
    """The gemeente, its wijken and the signals, bulk-loaded with raw SQL in one transaction."""
    from django.db import connection, transaction

    from collectief.accounts.models import Organisation
    from collectief.areas.models import Area
    from collectief.signals.models import Signal, SignalTheme
    from collectief.signals.summary import theme_list

    gemeente, _ = Area.objects.get_or_create(
        code=GEMEENTE_CODE,
        defaults={"name": "Benchstad", "level": Area.Level.GEMEENTE, "year": 2024},
    )
    wijken = []
    for i in range(n_wijken):
        wijk, _ = Area.objects.get_or_create(
            code=f"WK9901{i:02d}" if i < 100 else f"WK9901{chr(55 + i // 36)}{i % 36}",
            defaults={
                "name": f"Wijk {i + 1:02d}",
                "level": Area.Level.WIJK,
                "parent": gemeente,
                "year": 2024,
            },
        )
        wijken.append(wijk)
    organisation, _ = Organisation.objects.get_or_create(
        slug="bench-wijkteam", defaults={"name": "Bench wijkteam", "kind": "wijkteam"}
    )
    if Signal.objects.filter(organisation=organisation).count() == signals:
        return gemeente
    Signal.objects.filter(organisation=organisation).delete()
    themes = theme_list()
    months = _months(n_months)
    rng = random.Random(11)
    # Zipf-like weights: wijk 1 gets 100 times what wijk 100 gets; themes likewise.
    wijk_weights = [1 / (i + 1) for i in range(len(wijken))]
    theme_weights = [1 / (j + 1) ** 1.2 for j in range(len(themes))]
    started = time.perf_counter()
    signal_table = connection.ops.quote_name(Signal._meta.db_table)
    theme_table = connection.ops.quote_name(SignalTheme._meta.db_table)
    batch = 50_000
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {signal_table}")
        first_id = int(cursor.fetchone()[0]) + 1
        for start in range(0, signals, batch):
            count = min(batch, signals - start)
            ids = range(first_id + start, first_id + start + count)
            areas = rng.choices(wijken, wijk_weights, k=count)
            rows, links = [], []
            for signal_id, wijk in zip(ids, areas, strict=True):
                month = rng.choice(months)
                day = month.replace(day=rng.randint(1, 28))
                rows.append(
                    (
                        signal_id,
                        organisation.pk,
                        wijk.pk,
                        "wijkteam",
                        "",
                        day,
                        "",
                        "snel",
                        "2024-01-01 00:00:00+00:00",
                    )
                )
                chosen = {t.pk for t in rng.choices(themes, theme_weights, k=rng.randint(1, 3))}
                links.extend((signal_id, theme_id) for theme_id in chosen)
            cursor.executemany(
                f"INSERT INTO {signal_table} (id, organisation_id, area_id, source_role, "
                "age_band, date, note, channel, created_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
            cursor.executemany(
                f"INSERT INTO {theme_table} (signal_id, theme_id) VALUES (%s, %s)",
                [(s, t if connection.vendor == "postgresql" else t.hex) for s, t in links],
            )
            if (start // batch) % 4 == 0:
                stdout.write(f"  loaded {start + count:,} signals\n")
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Signal]):
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM ANALYZE {signal_table}")
            cursor.execute(f"VACUUM ANALYZE {theme_table}")
        else:
            cursor.execute("ANALYZE")
    stdout.write(f"  generated in {time.perf_counter() - started:.0f} s\n")
    return gemeente


def _best(function: Any, repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def _measure(stdout: Any, *, backend: str, signals: int, options: dict[str, Any]) -> None:
    from django.core.management import call_command
    from django.db import connection

    from collectief.lib.disclosure import Kind, protect_table
    from collectief.signals.models import Signal, SignalTheme
    from collectief.signals.summary import Period, count_mentions, summarise, theme_list

    n_wijken = int(options.get("wijken", 100))
    n_months = int(options.get("months", 24))
    repeat = int(options.get("repeat", 5))
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    stdout.write(f"  migrate: {time.perf_counter() - started:.0f} s\n")
    gemeente = _generate(signals, n_wijken, n_months, stdout)
    period = Period(_months(n_months)[-1])
    previous = period.previous()
    signal_table = connection.ops.quote_name(Signal._meta.db_table)
    theme_table = connection.ops.quote_name(SignalTheme._meta.db_table)

    def floor() -> Any:
        # The same two months, the same wijken, no disclosure control, no ORM.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.area_id, st.theme_id, s.date >= %s, COUNT(*) "
                f"FROM {theme_table} st JOIN {signal_table} s ON s.id = st.signal_id "
                f"JOIN areas_area a ON a.id = s.area_id "
                f"WHERE s.date >= %s AND s.date < %s AND a.parent_id = %s "
                f"GROUP BY s.area_id, st.theme_id, s.date >= %s",
                [period.start, previous.start, period.end, gemeente.pk, period.start],
            )
            return cursor.fetchall()

    wijken = list(gemeente.children.order_by("code"))
    themes = theme_list()
    months = [previous, period]
    floor_time, rows = _best(floor, repeat)
    slow_time, slow = _best(
        lambda: count_mentions(wijken, themes, months, from_signals=True), repeat
    )
    count_time, counts = _best(lambda: count_mentions(wijken, themes, months), repeat)
    protect_time, table = _best(lambda: protect_table(counts[period]), repeat)
    summary_time, summary = _best(lambda: summarise(gemeente, period), repeat)
    json_time, _ = _best(summary.as_dict, repeat)
    with_triggers = _write_cost(wijken, themes, triggers=True)
    without_triggers = _write_cost(wijken, themes, triggers=False)
    cells = [c for row in table.cells for c in row]
    mentions = sum(map(sum, counts[period]))
    stdout.write(
        f"{NAME} on {backend} ({connection.vendor}), Python {platform.python_version()}, "
        f"{signals:,} signals, {len(wijken)} wijken × {len(themes)} themes × {n_months} months; "
        f"period {period}: {mentions:,} theme mentions, "
        f"{sum(c.kind is Kind.SMALL for c in cells)} cells <10, "
        f"{sum(c.kind is Kind.HIDDEN for c in cells)} hidden as x; best of {repeat}:\n"
        f"  plain SQL GROUP BY (floor):        {floor_time * 1000:8.1f} ms ({len(rows)} groups)\n"
        f"  count_mentions from the signals:   {slow_time * 1000:8.1f} ms (reference)\n"
        f"  count_mentions from the totals:    {count_time * 1000:8.1f} ms "
        f"(same tables: {'yes' if counts == slow else 'NO'})\n"
        f"  protect_table (one month):         {protect_time * 1000:8.1f} ms\n"
        f"  summarise (all of it):             {summary_time * 1000:8.1f} ms\n"
        f"  as_dict (JSON of CLI and API):     {json_time * 1000:8.1f} ms\n"
        f"  summary + JSON: {'OK' if summary_time + json_time < 1 else 'TOO SLOW'} "
        f"(target under 1 s), {(summary_time + json_time) / floor_time:.2f}× the floor\n"
        f"  writing {WRITE_SIGNALS:,} signals with their themes: "
        f"{with_triggers * 1000:.0f} ms with the counting triggers, "
        f"{without_triggers * 1000:.0f} ms without "
        f"(+{(with_triggers / without_triggers - 1) * 100:.0f}%)\n"
    )


WRITE_SIGNALS = 5_000


def _write_cost(wijken: list[Any], themes: list[Any], *, triggers: bool) -> float:
    """Seconds to insert WRITE_SIGNALS signals with 1-3 themes each; rolled back."""
    from django.db import transaction

    from collectief.accounts.models import Organisation
    from collectief.signals import mention_counts
    from collectief.signals.models import Signal, SignalTheme

    rng = random.Random(3)
    organisation = Organisation.objects.get(slug="bench-wijkteam")
    day = datetime.date(2024, 6, 1)
    with transaction.atomic():
        if not triggers:
            mention_counts.drop_triggers()
        started = time.perf_counter()
        made = Signal.objects.bulk_create(
            [
                Signal(organisation=organisation, area=rng.choice(wijken), date=day)
                for _ in range(WRITE_SIGNALS)
            ],
            batch_size=1000,
        )
        SignalTheme.objects.bulk_create(
            [
                SignalTheme(signal=signal, theme=theme)
                for signal in made
                for theme in rng.sample(themes, rng.randint(1, 3))
            ],
            batch_size=1000,
        )
        elapsed = time.perf_counter() - started
        # Nothing of this stays, the dropped triggers included (DDL is transactional).
        transaction.set_rollback(True)
    return elapsed
