"""Wijkbeeld writes and reads: importing CBS indicators, and their latest values.

``import_cbs`` is shared by the command line (``collectief wijkbeeld
import-cbs``), the demo and any later upload page. It is all-or-nothing:
every problem in the file is listed with its place, and then nothing is
written; or every value is written in one transaction with the audit log.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collectief.areas.importing import Problem
from collectief.areas.models import Area
from collectief.audit.services import record_event
from collectief.insights import bulk_postgres
from collectief.insights.catalogue import ensure_catalogue
from collectief.insights.display import published_number
from collectief.insights.importing import (
    COUNTRY_CODES,
    KWB_TABLES,
    TABLE_YEARS,
    Catalogue,
    ParsedFile,
    Properties,
    UnreadableFileError,
    normalise_title,
    parse_cbs_file,
    parse_properties,
)
from collectief.insights.models import Indicator, IndicatorValue, ProvisionCount
from collectief.lib.disclosure import Shown, show_count
from collectief.lib.errors import ServiceError

DEFAULT_MAX_IMPORT_BYTES = 100 * 1024 * 1024


def max_import_bytes() -> int:
    return int(getattr(settings, "WIJKBEELD_MAX_IMPORT_BYTES", DEFAULT_MAX_IMPORT_BYTES))


class CbsImportError(ServiceError):
    """The file was not imported; ``problems`` says why, with the place of each."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message, field="file")
        self.problems = problems or []

    def lines(self) -> list[str]:
        return [self.message, *(f"- {problem}" for problem in self.problems)]


@dataclass
class CbsImportResult:
    table_id: str
    year: int
    format: str
    values: int = 0
    by_level: dict[str, int] = field(default_factory=dict)
    skipped_regions: int = 0
    ignored_columns: int = 0

    def summary(self) -> str:
        return _(
            "CBS table %(table)s (%(year)s) imported: %(values)s values. Regions outside "
            "the municipalities in Collectief skipped: %(skipped)s; columns not in the "
            "indicator catalogue skipped: %(columns)s."
        ) % {
            "table": self.table_id,
            "year": self.year,
            "values": self.values,
            "skipped": self.skipped_regions,
            "columns": self.ignored_columns,
        }


def _size_error(size: int) -> CbsImportError:
    return CbsImportError(
        _("The file is %(size)s MB; files up to %(max)s MB can be imported.")
        % {"size": size // (1024 * 1024), "max": max_import_bytes() // (1024 * 1024)}
    )


def check_size(size: int) -> None:
    """Refuse an oversized file before it is read into memory (the CLI calls this first)."""
    if size > max_import_bytes():
        raise _size_error(size)


def build_catalogue(indicators: Iterable[Indicator]) -> Catalogue:
    items = list(indicators)
    return Catalogue(
        by_stem={i.key: i.key for i in items},
        by_title={normalise_title(i.cbs_title): i.key for i in items if i.cbs_title},
        by_measure={i.measure_code: i.key for i in items if i.measure_code},
    )


def _decide_table(parsed: ParsedFile, year: int | None) -> tuple[str, int]:
    table = parsed.table_id
    if table is not None:
        if table not in TABLE_YEARS:
            raise CbsImportError(
                _(
                    "Table %(table)s is not a table of Kerncijfers Wijken en Buurten. "
                    "Known tables: %(known)s."
                )
                % {"table": table, "known": ", ".join(f"{t} ({y})" for y, t in KWB_TABLES.items())}
            )
        if year is not None and year != TABLE_YEARS[table]:
            raise CbsImportError(
                _("Table %(table)s holds the year %(actual)s, not %(year)s.")
                % {"table": table, "actual": TABLE_YEARS[table], "year": year}
            )
        return table, TABLE_YEARS[table]
    if year is None:
        raise CbsImportError(
            _("The file does not say which CBS table it is from. Give the year with --year.")
        )
    if year not in KWB_TABLES:
        raise CbsImportError(
            _("There is no Kerncijfers Wijken en Buurten table for %(year)s.") % {"year": year}
        )
    return KWB_TABLES[year], year


def _gemeente_of(code: str) -> str:
    return "GM" + code[2:6]


def _resolve_areas(parsed: ParsedFile) -> tuple[dict[str, Area], int]:
    """The areas of the regions in the file; unknown ones in a known gemeente are problems."""
    codes = {c.region for c in parsed.cells if c.region not in COUNTRY_CODES}
    wanted = codes | {_gemeente_of(c) for c in codes}
    areas = {a.code: a for a in Area.objects.filter(code__in=wanted)}
    skipped = 0
    reported: set[str] = set()
    for cell in parsed.cells:
        code = cell.region
        if code in COUNTRY_CODES or code in areas or code in reported:
            continue
        reported.add(code)
        if _gemeente_of(code) in areas:
            parsed.add(
                cell.location,
                _(
                    "Area %(code)s is not in Collectief, but its municipality is. Import the "
                    "areas of this year first (collectief areas import)."
                )
                % {"code": code},
            )
        else:
            skipped += 1
    return areas, skipped


def _fail(problems: list[Problem]) -> CbsImportError:
    return CbsImportError(
        ngettext(
            "Nothing was imported: the file has %(count)s problem.",
            "Nothing was imported: the file has %(count)s problems.",
            len(problems),
        )
        % {"count": len(problems)},
        problems,
    )


@transaction.atomic
def import_cbs(
    data: bytes,
    filename: str = "",
    *,
    properties: bytes | None = None,
    year: int | None = None,
    by: Any = None,
) -> CbsImportResult:
    """Import a Kerncijfers Wijken en Buurten file; all-or-nothing (CbsImportError)."""
    check_size(len(data))
    indicators = {i.key: i for i in ensure_catalogue()}
    try:
        props: Properties | None = (
            parse_properties(properties, max_import_bytes()) if properties is not None else None
        )
        parsed = parse_cbs_file(
            data,
            filename,
            build_catalogue(indicators.values()),
            properties=props,
            max_bytes=max_import_bytes(),
        )
    except UnreadableFileError as exc:
        raise CbsImportError(str(exc)) from exc
    if parsed.problems:
        raise _fail(parsed.problems)
    table, chosen_year = _decide_table(parsed, year)
    areas, skipped = _resolve_areas(parsed)
    if parsed.problems:
        raise _fail(parsed.problems)
    result = CbsImportResult(
        table_id=table,
        year=chosen_year,
        format=parsed.format,
        skipped_regions=parsed.skipped_regions + skipped,
        ignored_columns=len(parsed.ignored_columns),
    )
    # Counted first, then the rows are made one batch at a time while they are written, and
    # each cell is let go once written: a full year's 1.7 million rows never exist at once
    # next to its cells (docs/performance.md, import memory).
    levels: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    for cell in parsed.cells:
        area = areas.get(cell.region)
        if cell.region not in COUNTRY_CODES and area is None:
            continue
        levels[IndicatorValue.Level.COUNTRY if area is None else area.level] += 1
        regions[cell.region] += 1
    if sum(levels.values()) == levels[IndicatorValue.Level.COUNTRY]:
        raise CbsImportError(
            _(
                "Nothing was imported: no column is in the indicator catalogue, or no region "
                "of the file is a municipality, wijk or buurt in Collectief."
            )
        )
    ids = {key: indicator.pk for key, indicator in indicators.items()}
    _upsert_values(_rows(parsed.cells, areas, ids, chosen_year, table))
    result.values = sum(levels.values())
    result.by_level = {str(level): count for level, count in levels.items()}
    _audit(regions, by=by, filename=filename, table=table, year=chosen_year)
    return result


def _rows(
    cells: list[Any], areas: dict[str, Area], ids: dict[str, int], year: int, table: str
) -> Iterator[tuple[Any, ...]]:
    """The rows to write, made as they are written; each cell is dropped from the list once used."""
    for index, cell in enumerate(cells):
        cells[index] = None
        area = areas.get(cell.region)
        if cell.region not in COUNTRY_CODES and area is None:
            continue
        level = IndicatorValue.Level.COUNTRY if area is None else area.level
        yield (
            ids[cell.indicator],
            cell.region,
            area.pk if area is not None else None,
            str(level),
            year,
            cell.value,
            cell.status,
            table,
        )


# Rows per INSERT statement: 9 parameters each stays far below the limits of
# SQLite (32,766) and PostgreSQL (65,535).
UPSERT_BATCH = 2000


# SQLite's page cache during a large import, in KiB (negative: a size, not pages). With
# the default 2 MB the indexes of a full year no longer fit and every insert reads pages.
SQLITE_IMPORT_CACHE_KIB = 131_072


@contextmanager
def _sqlite_cache(cursor: Any) -> Iterator[None]:
    """A larger page cache on SQLite for the duration of an import, then the old size again."""
    if connection.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size")
    before = int(cursor.fetchone()[0])
    cursor.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {before}")


def _upsert_values(rows: Iterator[tuple[Any, ...]]) -> None:
    """Insert or replace the values with plain multi-row INSERT … ON CONFLICT statements.

    A full CBS year is about 1.7 million values. ``bulk_create`` spends more
    than 90 % of its time building and preparing model instances (about
    150 s for a full year on the development machine); plain rows keep the
    SQLite import within the 30 s of issue 12. PostgreSQL copies the rows and
    checks the foreign keys of a large import in one pass (bulk_postgres).
    """
    meta = IndicatorValue._meta
    table = connection.ops.quote_name(meta.db_table)
    now = meta.get_field("imported_at").get_db_prep_save(timezone.now(), connection)
    columns = "indicator_id, region, area_id, level, year, value, status, table_id, imported_at"
    update = ", ".join(
        f"{name} = excluded.{name}"
        for name in ("area_id", "level", "value", "status", "table_id", "imported_at")
    )
    if connection.vendor == "postgresql":
        bulk_postgres.upsert_values(rows, now, table, columns, update)
        return
    with connection.cursor() as cursor, _sqlite_cache(cursor):
        while batch := list(islice(rows, UPSERT_BATCH)):
            placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(batch))
            params: list[Any] = []
            for row in batch:
                params.extend(row)
                params.append(now)
            # The statement is built from the model's table name and constants; values are
            # parameters.
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {placeholders} "  # noqa: S608
                f"ON CONFLICT (indicator_id, region, year) DO UPDATE SET {update}",
                params,
            )


def _audit(
    regions: Counter[str],
    *,
    by: Any,
    filename: str,
    table: str,
    year: int,
) -> None:
    """One audit record per municipality whose values were written, not one per buurt."""
    per_gemeente: Counter[str] = Counter()
    for region, count in regions.items():
        if region not in COUNTRY_CODES:
            per_gemeente[_gemeente_of(region)] += count
    gemeenten = {a.code: a for a in Area.objects.filter(code__in=list(per_gemeente))}
    for code, count in sorted(per_gemeente.items()):
        if code in gemeenten:
            record_event(
                "insights.import_cbs",
                gemeenten[code],
                by=by,
                details={"file": filename, "table": table, "year": year, "values": count},
            )


# --- Reading -----------------------------------------------------------------


def latest_value(values: Iterable[IndicatorValue]) -> IndicatorValue | None:
    """The value to show: the latest year with a number (nil counts as 0).

    When no year has a number, the latest year's sign (unknown or secret), so
    the page can say "2024: geheim" instead of nothing. Always with its year.
    """
    ordered = sorted(values, key=lambda v: v.year, reverse=True)
    for value in ordered:
        if value.is_number:
            return value
    return ordered[0] if ordered else None


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator on a wijk page: the area's value and the same year for comparison."""

    indicator: Indicator
    value: IndicatorValue
    gemeente: IndicatorValue | None
    country: IndicatorValue | None

    def as_dict(self) -> dict[str, Any]:
        value = json_value(self.value)
        status = self.value.status
        if isinstance(value, str):
            # A count of people of 1-9 is kept secret here as CBS keeps its own small
            # counts: the contract's value is a number or null, so "<10" goes in "shown".
            return {
                "key": self.indicator.key,
                "title": self.indicator.title,
                "year": self.value.year,
                "value": None,
                "status": IndicatorValue.Status.SECRET.value,
                "shown": value,
            }
        return {
            "key": self.indicator.key,
            "title": self.indicator.title,
            "year": self.value.year,
            "value": value,
            "status": status,
        }


def json_value(value: IndicatorValue) -> int | float | str | None:
    """The value as the page shows it (``display.published_number``): a count of people
    rounded to 5 or "<10", any other figure as CBS publishes it, None for a sign."""
    number = published_number(value)
    return number if isinstance(number, str) else json_number(number)


def json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _same_year_or_latest(values: list[IndicatorValue], year: int) -> IndicatorValue | None:
    for value in values:
        if value.year == year and value.is_number:
            return value
    return latest_value(values)


def area_overview(area: Area) -> list[IndicatorRow]:
    """Every indicator with a value for the area, against its municipality and the country."""
    gemeente = area.municipality
    regions = [area.code, gemeente.code, *COUNTRY_CODES]
    indicators = list(Indicator.objects.order_by("order", "key"))
    by_id = {i.pk: i for i in indicators}
    grouped: dict[tuple[int, str], list[IndicatorValue]] = defaultdict(list)
    for value in IndicatorValue.objects.filter(region__in=regions):
        value.indicator = by_id[value.indicator_id]  # no query per value on the page
        region = "NL" if value.region in COUNTRY_CODES else value.region
        grouped[(value.indicator_id, region)].append(value)
    rows = []
    for indicator in indicators:
        own = latest_value(grouped.get((indicator.pk, area.code), []))
        if own is None:
            continue
        rows.append(
            IndicatorRow(
                indicator=indicator,
                value=own,
                gemeente=None
                if gemeente.pk == area.pk
                else _same_year_or_latest(
                    grouped.get((indicator.pk, gemeente.code), []), own.year
                ),
                country=_same_year_or_latest(grouped.get((indicator.pk, "NL"), []), own.year),
            )
        )
    return rows


# The trend table shows at most this many years, the latest ones: it has to fit a phone.
TREND_YEARS = 6


@dataclass(frozen=True)
class Trend:
    """The area's own values per year: one row per indicator, one column per year."""

    years: list[int]
    rows: list[tuple[Indicator, list[IndicatorValue | None]]]


def area_trend(area: Area) -> Trend:
    """Every indicator of the area over the latest years it has values for, in one query.

    Each value keeps its CBS sign (unknown, secret, nil), so a year without a
    number shows why. Indicators with a value in only one of the years shown
    are included; the table is empty when the area has fewer than two years.
    """
    indicators = {i.pk: i for i in Indicator.objects.all()}
    values = list(IndicatorValue.objects.filter(area=area))
    years = sorted({v.year for v in values})[-TREND_YEARS:]
    if len(years) < 2:
        return Trend([], [])
    by_key: dict[tuple[int, int], IndicatorValue] = {}
    for value in values:
        value.indicator = indicators[value.indicator_id]  # no query per value on the page
        by_key[(value.indicator_id, value.year)] = value
    rows = []
    for indicator in sorted(indicators.values(), key=lambda i: (i.order, i.key)):
        cells = [by_key.get((indicator.pk, year)) for year in years]
        if any(cell is not None for cell in cells):
            rows.append((indicator, cells))
    return Trend(years, rows)


def provision_counts(area: Area) -> list[tuple[ProvisionCount, Shown]]:
    """The area's beschikkingen per category in its latest year, as they may be published.

    Each count on its own through the disclosure control (1-9 "<10", the rest
    rounded to 5). No totals are published anywhere, so no cell can be
    recovered by subtraction.
    """
    latest: dict[int, ProvisionCount] = {}
    for item in ProvisionCount.objects.filter(area=area).select_related("category"):
        if item.category_id not in latest or item.year > latest[item.category_id].year:
            latest[item.category_id] = item
    ordered = sorted(latest.values(), key=lambda c: (c.category.order, c.category.code))
    return [(item, show_count(item.count)) for item in ordered]


def show_area(area: Area) -> dict[str, Any]:
    """The JSON of ``collectief wijkbeeld show`` (and the API)."""
    return {
        "area": area.code,
        "name": area.name,
        "indicators": [row.as_dict() for row in area_overview(area)],
        "provision_counts": [
            {
                "category": item.category.code,
                "name": item.category.name,
                "year": item.year,
                "count": shown.number_or_sign,
            }
            for item, shown in provision_counts(area)
        ],
    }
