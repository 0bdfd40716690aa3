"""Wijkbeeld: a full CBS year (17,442 areas) × 100 indicators, imported and ranked.

Issue 12's targets: importing a Kerncijfers Wijken en Buurten file of every
gemeente, wijk and buurt with 100 indicators under 30 s, and ranking every
area on every indicator under 1 s, against NumPy over the same matrix in
the same run.

    collectief bench wijkbeeld [backend=sqlite|postgres] [gemeenten=342]
        [indicators=100] [repeat=3] [database=collectief_bench_wijkbeeld]

It writes a synthetic OData v3 ``TypedDataSet`` and its ``DataProperties``
(table 85984NED, keys with the year's numeric suffix) to var/bench/, creates
342 gemeenten × 10 wijken × 4 buurten in its own database (var/bench/
wijkbeeld.sqlite3 or the PostgreSQL database collectief_bench_wijkbeeld),
and times:

- ``services.import_cbs`` on the file, first into an empty table and then
  again over the same values (every row an update);
- reading every area's values of the year into an areas × indicators matrix;
- ``matrix.rank_cells``: the ranking the pages use (disclosure control,
  expected counts, exact Poisson interval, Empirical-Bayes smoothing, call)
  for every wijk and buurt against its gemeente, on every indicator;
- the floor: the ratio and its exact Poisson interval with NumPy and SciPy
  over the same matrix, without disclosure control or smoothing (the
  chi-square quantiles once per distinct count), and once the naive way
  with a quantile per cell.
"""

from __future__ import annotations

import contextlib
import gc
import json
import platform
import time
from pathlib import Path
from typing import Any

from bench._child import (
    database_url,
    ensure_postgres_database,
    in_child,
    run_child,
    work_folder,
)

NAME = "wijkbeeld"
POSTGRES_NAME = "collectief_bench_wijkbeeld"
TABLE = "85984NED"
YEAR = 2024
WIJKEN_PER_GEMEENTE = 10
BUURTEN_PER_WIJK = 4
FIRST_GEMEENTE = 1000  # GM1000 onwards: no real gemeente has these codes


def _status_mb(field: str) -> float:
    """A line of /proc/self/status in MB (VmRSS now, VmHWM the peak); 0 where there is none."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    # Writing 5 to clear_refs resets VmHWM to the current size (Linux >= 4.0), so the
    # peak is the import's, not that of writing the file or creating the areas.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def run(stdout: Any, **options: Any) -> None:
    backend = str(options.get("backend", "sqlite"))
    if not in_child():
        # database=NAME: a PostgreSQL database of one's own, when others run this benchmark
        # on the same server at the same time.
        postgres_name = str(options.pop("database", POSTGRES_NAME))
        if backend == "postgres":
            ensure_postgres_database(postgres_name)
        database = database_url(NAME, backend, postgres_name=postgres_name)
        stdout.write(f"database: {database}\n")
        run_child(NAME, database, {**options, "backend": backend}, stdout)
        return
    _measure(stdout, backend=backend, options=options)


def _codes(gemeenten: int) -> list[tuple[str, str, str]]:
    """(code, level, parent code) for every area, gemeenten first, then wijken, then buurten."""
    numbers = [f"{FIRST_GEMEENTE + g:04d}" for g in range(gemeenten)]
    rows = [(f"GM{n}", "gemeente", "") for n in numbers]
    rows += [
        (f"WK{n}{w:02d}", "wijk", f"GM{n}") for n in numbers for w in range(WIJKEN_PER_GEMEENTE)
    ]
    rows += [
        (f"BU{n}{w:02d}{b:02d}", "buurt", f"WK{n}{w:02d}")
        for n in numbers
        for w in range(WIJKEN_PER_GEMEENTE)
        for b in range(BUURTEN_PER_WIJK)
    ]
    return rows


def _ensure_areas(gemeenten: int, stdout: Any) -> None:
    from collectief.areas.models import Area

    codes = _codes(gemeenten)
    if Area.objects.filter(code__startswith="BU").count() == gemeenten * 40:
        return
    started = time.perf_counter()
    ids: dict[str, int] = {}
    for level in ("gemeente", "wijk", "buurt"):
        Area.objects.bulk_create(
            [
                Area(
                    code=code,
                    name=f"{level.title()} {code[2:]}",
                    level=level,
                    parent_id=ids.get(parent),
                    year=YEAR,
                )
                for code, lvl, parent in codes
                if lvl == level
            ],
            batch_size=2000,
            ignore_conflicts=True,  # areas of an earlier, smaller run stay
        )
        ids.update(Area.objects.filter(level=level).values_list("code", "pk"))
    stdout.write(f"  {len(codes):,} areas created in {time.perf_counter() - started:.1f} s\n")


def _ensure_indicators(total: int) -> list[Any]:
    """The standard catalogue plus made-up count indicators up to ``total``."""
    from collectief.insights.catalogue import ensure_catalogue
    from collectief.insights.models import Indicator

    indicators = ensure_catalogue()
    inhabitants = next(i for i in indicators if i.key == "AantalInwoners")
    extra = total - len(indicators)
    for n in range(max(0, extra)):
        Indicator.objects.get_or_create(
            key=f"BenchMaat{n:03d}",
            defaults={
                "title": f"Benchmaat {n}",
                "cbs_title": f"Benchmaat {n}",
                "unit": Indicator.Unit.COUNT,
                "denominator": inhabitants,
                "direction": Indicator.Direction.HIGHER_WORSE,
                "order": 1000 + n,
            },
        )
    return list(Indicator.objects.order_by("order", "key")[:total])


def _write_files(indicators: list[Any], gemeenten: int) -> tuple[bytes, bytes, dict[str, int]]:
    """A TypedDataSet and DataProperties of every area; population and counts are Poisson draws."""
    import numpy as np

    rng = np.random.default_rng(12)
    codes = _codes(gemeenten)
    buurten = [c for c in codes if c[1] == "buurt"]
    n_buurten = len(buurten)
    keys = [f"{indicator.key}_{index + 5}" for index, indicator in enumerate(indicators)]
    population = rng.integers(20, 4000, size=n_buurten).astype(np.float64)
    # Per indicator a base rate; per buurt a lognormal effect, so some buurten really differ.
    rates = rng.uniform(0.002, 0.2, size=len(indicators))
    effect = rng.lognormal(0.0, 0.35, size=(n_buurten, len(indicators)))
    counts = rng.poisson(population[:, None] * rates[None, :] * effect).astype(np.float64)
    inhabitants = next(i for i, ind in enumerate(indicators) if ind.key == "AantalInwoners")
    counts[:, inhabitants] = population
    wijk_counts = counts.reshape(-1, BUURTEN_PER_WIJK, len(indicators)).sum(axis=1)
    gemeente_counts = wijk_counts.reshape(-1, WIJKEN_PER_GEMEENTE, len(indicators)).sum(axis=1)
    matrix = np.vstack([gemeente_counts, wijk_counts, counts])
    # About 1 % of the values are missing (null in a TypedDataSet: unknown or secret).
    missing = rng.random(matrix.shape) < 0.01
    missing[:, inhabitants] = False
    rows = [
        {
            "ID": 0,
            "WijkenEnBuurten": "NL01      ",
            "Gemeentenaam_1": "Nederland",
            "SoortRegio_2": "Land",
            **{key: int(v) for key, v in zip(keys, matrix[:gemeenten].sum(axis=0), strict=True)},
        }
    ]
    for index, ((code, level, _parent), values, gaps) in enumerate(
        zip(codes, matrix.tolist(), missing.tolist(), strict=True)
    ):
        row: dict[str, Any] = {
            "ID": index + 1,
            "WijkenEnBuurten": f"{code:<10}",
            "Gemeentenaam_1": f"Gemeente {code[2:6]}",
            "SoortRegio_2": level.title(),
        }
        for key, value, gap in zip(keys, values, gaps, strict=True):
            row[key] = None if gap else int(value)
        rows.append(row)
    base = f"https://opendata.cbs.nl/ODataApi/odata/{TABLE}/$metadata#Cbs.OData"
    data = json.dumps(
        {"odata.metadata": f"{base}.TypedDataSet", "value": rows}, separators=(",", ":")
    ).encode()
    properties = json.dumps(
        {
            "odata.metadata": f"{base}.DataProperties",
            "value": [
                {"Key": "WijkenEnBuurten", "Title": "Wijken en buurten"},
                {"Key": "Gemeentenaam_1", "Title": "Gemeentenaam"},
                {"Key": "SoortRegio_2", "Title": "Soort regio"},
                *(
                    {"Key": key, "Title": indicator.cbs_title or indicator.title}
                    for key, indicator in zip(keys, indicators, strict=True)
                ),
            ],
        }
    ).encode()
    folder = work_folder()
    (folder / "wijkbeeld-TypedDataSet.json").write_bytes(data)
    (folder / "wijkbeeld-DataProperties.json").write_bytes(properties)
    return data, properties, {"rows": len(rows), "columns": len(keys)}


def _best(function: Any, repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def _read_matrix(indicators: list[Any]) -> dict[str, Any]:
    """Every area's values of the year as an areas × indicators matrix (NaN: no number)."""
    import numpy as np

    from collectief.areas.models import Area
    from collectief.insights.models import IndicatorValue

    areas = list(Area.objects.order_by("id").values_list("id", "level", "parent_id"))
    row_of = {area_id: n for n, (area_id, _level, _parent) in enumerate(areas)}
    column_of = {indicator.pk: n for n, indicator in enumerate(indicators)}
    values = np.full((len(areas), len(indicators)), np.nan)
    found = IndicatorValue.objects.filter(year=YEAR, area__isnull=False).values_list(
        "area_id", "indicator_id", "value"
    )
    for area_id, indicator_id, value in found:
        if value is not None and indicator_id in column_of:
            values[row_of[area_id], column_of[indicator_id]] = float(value)
    return {"areas": areas, "row_of": row_of, "values": values}


def _groups(read: dict[str, Any]) -> tuple[Any, Any, Any]:
    """Per area the row of its gemeente, and which rows are ranked (wijken and buurten)."""
    import numpy as np

    areas, row_of = read["areas"], read["row_of"]
    parent = {area_id: parent_id for area_id, _level, parent_id in areas}
    level = {area_id: lvl for area_id, lvl, _parent in areas}

    def gemeente(area_id: int) -> int:
        while level[area_id] != "gemeente":
            area_id = parent[area_id]
        return area_id

    ranked = np.array([lvl != "gemeente" for _id, lvl, _p in areas])
    gemeente_row = np.array([row_of[gemeente(area_id)] for area_id, _l, _p in areas])
    # Wijken are compared with the wijken of their gemeente, buurten with its buurten.
    kind = np.array([1 if lvl == "buurt" else 0 for _id, lvl, _p in areas])
    return ranked, gemeente_row, kind


def _rank_all(values: Any, bases_column: Any, ranked: Any, gemeente_row: Any, kind: Any) -> Any:
    """``matrix.rank_cells`` for every ranked area × every indicator, in one call."""
    import numpy as np

    from collectief.insights import matrix

    rows = np.flatnonzero(ranked)
    n_indicators = values.shape[1]
    counts = values[rows]
    bases = values[rows][:, bases_column]
    gemeente_of = gemeente_row[rows]
    # A group per gemeente × level × indicator; its rate is the gemeente's own.
    gemeente_ids, gemeente_index = np.unique(gemeente_of, return_inverse=True)
    group = (gemeente_index * 2 + kind[rows])[:, None] * n_indicators + np.arange(n_indicators)
    n_groups = len(gemeente_ids) * 2 * n_indicators
    gemeente_values = values[gemeente_ids]
    gemeente_bases = gemeente_values[:, bases_column]
    per_group = np.repeat(gemeente_values, 2, axis=0).ravel()
    per_group_bases = np.repeat(gemeente_bases, 2, axis=0).ravel()
    rates = matrix.group_rates(
        per_group,
        per_group_bases,
        counts.ravel(),
        bases.ravel(),
        group.ravel(),
        n_groups,
    )
    return matrix.rank_cells(counts.ravel(), bases.ravel(), group.ravel(), rates)


def _floor(values: Any, bases_column: Any, ranked: Any, gemeente_row: Any, *, naive: bool) -> Any:
    """The ratio and its exact Poisson interval in plain NumPy and SciPy: nothing else.

    No disclosure control, no groups, no smoothing. ``naive``: one chi-square
    quantile per cell; otherwise once per distinct count (``np.unique``).
    """
    import numpy as np
    from scipy.stats import chi2

    rows = np.flatnonzero(ranked)
    counts = values[rows]
    bases = values[rows][:, bases_column]
    gemeente = values[gemeente_row[rows]]
    expected = gemeente / gemeente[:, bases_column] * bases
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = counts / expected
        if naive:
            low = chi2.ppf(0.025, 2 * counts) / 2
            high = chi2.ppf(0.975, 2 * (counts + 1)) / 2
        else:
            distinct, index = np.unique(np.nan_to_num(counts), return_inverse=True)
            low = (chi2.ppf(0.025, 2 * distinct) / 2)[index].reshape(counts.shape)
            high = (chi2.ppf(0.975, 2 * (distinct + 1)) / 2)[index].reshape(counts.shape)
        return ratio, low / expected, high / expected


def _measure(stdout: Any, *, backend: str, options: dict[str, Any]) -> None:
    import numpy as np
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from collectief.insights import matrix
    from collectief.insights.models import IndicatorValue
    from collectief.insights.services import import_cbs

    gemeenten = int(options.get("gemeenten", 342))
    n_indicators = int(options.get("indicators", 100))
    repeat = int(options.get("repeat", 3))
    # The child runs with DEBUG=1 (bench._child); a server does not, and the debug cursor
    # would spend seconds formatting every INSERT of the import for its query log.
    settings.DEBUG = False
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    stdout.write(f"  migrate: {time.perf_counter() - started:.0f} s\n")
    _ensure_areas(gemeenten, stdout)
    indicators = _ensure_indicators(n_indicators)
    started = time.perf_counter()
    data, properties, shape = _write_files(indicators, gemeenten)
    stdout.write(
        f"  file: {shape['rows']:,} regions × {shape['columns']} indicators, "
        f"{len(data) / 1e6:.1f} MB, written in {time.perf_counter() - started:.1f} s\n"
    )
    IndicatorValue.objects.filter(year=YEAR).delete()
    gc.collect()
    _reset_peak()
    memory_before = _status_mb("VmRSS")
    started = time.perf_counter()
    result = import_cbs(data, "TypedDataSet.json", properties=properties)
    first_import = time.perf_counter() - started
    memory_peak = _status_mb("VmHWM")
    started = time.perf_counter()
    import_cbs(data, "TypedDataSet.json", properties=properties)
    second_import = time.perf_counter() - started

    read_time, read = _best(lambda: _read_matrix(indicators), 1)
    values = read["values"]
    ranked, gemeente_row, kind = _groups(read)
    # Every indicator is ranked against its own denominator, or the inhabitants without one.
    inhabitants = next(n for n, i in enumerate(indicators) if i.key == "AantalInwoners")
    position = {i.pk: n for n, i in enumerate(indicators)}
    bases_column = np.array([position.get(i.denominator_id, inhabitants) for i in indicators])
    rank_time, out = _best(
        lambda: _rank_all(values, bases_column, ranked, gemeente_row, kind), repeat
    )
    floor_time, _floor_out = _best(
        lambda: _floor(values, bases_column, ranked, gemeente_row, naive=False), repeat
    )
    naive_time, _naive_out = _best(
        lambda: _floor(values, bases_column, ranked, gemeente_row, naive=True), 1
    )
    cells = int(ranked.sum()) * len(indicators)
    stdout.write(
        f"{NAME} on {backend} ({connection.vendor}), Python {platform.python_version()}, "
        f"NumPy {np.__version__}: {len(read['areas']):,} areas × {len(indicators)} indicators "
        f"({result.values:,} values written); best of {repeat} for the ranking:\n"
        f"  import_cbs, empty table:         {first_import:8.1f} s "
        f"({'OK' if first_import < 30 else 'TOO SLOW'}, target under 30 s)\n"
        f"  import_cbs peak memory:          {memory_peak:8.0f} MB resident "
        f"(before: {memory_before:.0f} MB, the file and its DataProperties already read)\n"
        f"  import_cbs, same file again:     {second_import:8.1f} s\n"
        f"  reading the year into a matrix:  {read_time:8.2f} s\n"
        f"  rank_cells, {cells:,} cells: {rank_time * 1000:8.0f} ms "
        f"({'OK' if rank_time < 1 else 'TOO SLOW'}, target under 1 s); "
        f"{int((out.call == matrix.HIGHER).sum()):,} hoger, "
        f"{int((out.call == matrix.LOWER).sum()):,} lager, "
        f"{int(out.small.sum()):,} counts <10\n"
        f"  NumPy floor (ratio + interval):  {floor_time * 1000:8.0f} ms; "
        f"rank_cells is {rank_time / floor_time:.2f}× the floor\n"
        f"  NumPy, chi2.ppf per cell:        {naive_time * 1000:8.0f} ms (once)\n"
    )
