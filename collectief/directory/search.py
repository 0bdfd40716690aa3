"""Finding things in the sociale kaart: one search function for web, map, CLI and match.

``search_services()`` is the only place that turns a question ("iets voor
ouderen tegen eenzaamheid in Kesteren op dinsdag, gratis") into a query. The
result is a lazy queryset of :class:`~collectief.directory.models.Service`, so
pages can paginate it and the map can take the coordinates from it.

Full text, in Dutch:

- PostgreSQL: ``to_tsvector('dutch', search_text)`` with a GIN index (migration
  ``0100_search_indexes``); every word of the question is stemmed by the Dutch
  Snowball stemmer and matched as a prefix, so *eenzame* finds *eenzaamheid* and
  *koffie* finds *koffieochtend*. Results are ranked with ``ts_rank``.
- SQLite: an FTS5 table kept in sync with ``Service.search_text`` by triggers.
  FTS5 has no Dutch stemmer, so :func:`light_dutch_stem` strips the common Dutch
  endings and the stem is matched as a prefix. Results are ranked with bm25.

Neighbouring areas (``include_neighbours``): Collectief has no area geometry,
so "neighbouring" is defined from what it does know (see
:func:`neighbouring_areas`).

Days: a service "is on" a weekday when one of its open schedules (RFC 5545
rules: ``freq``/``byday``/``interval``/``bymonthday``) falls on that day; for a
concrete date also the validity dates count and a closing period (a schedule
of kind ``closed``, such as a zomerstop) wins over the open schedules.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from django import forms
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from collectief.areas.models import Area
from collectief.directory.models import (
    TARGET_GROUPS_TAXONOMY_ID,
    THEMES_TAXONOMY_ID,
    Attribute,
    Location,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

# --- Days ---------------------------------------------------------------------------

# Monday is 0, as in date.weekday().
DAY_SHORT = ("ma", "di", "wo", "do", "vr", "za", "zo")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_DAY_NAMES_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_day(value: str | int | None) -> int | None:
    """A weekday (0 = Monday) from "di", "dinsdag", "TU", "tuesday" or 1; None when empty.

    Raises ValueError for something that is not a day.
    """
    if value is None or value == "":
        return None
    if isinstance(value, int):
        if 0 <= value <= 6:
            return value
        raise ValueError(value)
    text = str(value).strip().lower()
    for names in (DAY_SHORT, _DAY_NAMES_NL, _DAY_NAMES_EN, tuple(d.lower() for d in RRULE_DAYS)):
        if text in names:
            return names.index(text)
    raise ValueError(value)


def day_name(weekday: int) -> str:
    """The translated name of a weekday ("dinsdag" in Dutch)."""
    return str(WEEKDAYS[weekday])


def _rule_days(byday: str) -> list[tuple[int | None, int]]:
    """Parse "MO,WE" or "1TU,-1FR" into (ordinal or None, weekday) pairs."""
    result: list[tuple[int | None, int]] = []
    for part in byday.upper().replace(" ", "").split(","):
        match = re.fullmatch(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)", part)
        if match:
            ordinal = int(match.group(1)) if match.group(1) else None
            result.append((ordinal, RRULE_DAYS.index(match.group(2))))
    return result


def _nth_weekday_matches(day: date, ordinal: int) -> bool:
    if ordinal > 0:
        return (day.day - 1) // 7 + 1 == ordinal
    days_in_month = ((day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(1)).day
    return (days_in_month - day.day) // 7 + 1 == -ordinal


def _within(schedule: Schedule, day: date) -> bool:
    starts = [d for d in (schedule.valid_from, schedule.dtstart) if d]
    ends = [d for d in (schedule.valid_to, schedule.until) if d]
    return all(day >= d for d in starts) and all(day <= d for d in ends)


def schedule_occurs_on(schedule: Schedule, day: date) -> bool:
    """Whether an open schedule falls on this date (validity dates included)."""
    if schedule.kind != Schedule.Kind.OPEN or not _within(schedule, day):
        return False
    freq = (schedule.freq or "").upper()
    interval = max(1, int(schedule.interval or 1))
    rule_days = _rule_days(schedule.byday or "")
    if freq == "WEEKLY" or (not freq and rule_days):
        weekdays = {wd for _, wd in rule_days} or (
            {schedule.dtstart.weekday()} if schedule.dtstart else set()
        )
        if day.weekday() not in weekdays:
            return False
        if interval > 1 and schedule.dtstart:
            first_monday = schedule.dtstart - timedelta(days=schedule.dtstart.weekday())
            return ((day - first_monday).days // 7) % interval == 0
        return True
    if freq == "MONTHLY":
        if interval > 1 and schedule.dtstart:
            months = (day.year - schedule.dtstart.year) * 12 + day.month - schedule.dtstart.month
            if months % interval:
                return False
        if schedule.bymonthday:
            wanted = {int(x) for x in re.findall(r"-?\d+", schedule.bymonthday)}
            return day.day in wanted
        if rule_days:
            return any(
                wd == day.weekday() and (ordinal is None or _nth_weekday_matches(day, ordinal))
                for ordinal, wd in rule_days
            )
        return bool(schedule.dtstart) and day.day == schedule.dtstart.day  # type: ignore[union-attr]
    # No rule: a single date.
    return schedule.dtstart == day or (
        not freq
        and schedule.valid_from is not None
        and schedule.valid_from == schedule.valid_to
        and schedule.valid_from == day
    )


def closed_on(schedules: Iterable[Schedule], day: date) -> Schedule | None:
    """The closing period (zomerstop, holiday) that covers this date, if any."""
    for schedule in schedules:
        if schedule.kind != Schedule.Kind.CLOSED:
            continue
        if schedule.valid_from and day < schedule.valid_from:
            continue
        if schedule.valid_to and day > schedule.valid_to:
            continue
        weekdays = {wd for _, wd in _rule_days(schedule.byday or "")}
        if weekdays and day.weekday() not in weekdays:
            continue
        return schedule
    return None


def service_schedules(service: Service) -> list[Schedule]:
    """The schedules of a service and of its locations-for-this-service (prefetched)."""
    result = list(service.schedules.all())
    for sal in service.service_at_locations.all():
        result += list(sal.schedules.all())
    return result


@dataclass(frozen=True)
class Occurrence:
    """One time a service happens on a date."""

    service: Service
    day: date
    opens_at: time | None
    closes_at: time | None
    description: str


def occurrences_on(service: Service, day: date) -> list[Occurrence]:
    """When the service happens on this date; empty when closed (zomerstop) or not on."""
    if service.status != Service.Status.ACTIVE:
        return []
    schedules = service_schedules(service)
    if closed_on(schedules, day):
        return []
    return [
        Occurrence(service, day, s.opens_at, s.closes_at, s.description)
        for s in schedules
        if schedule_occurs_on(s, day)
    ]


# --- Areas -----------------------------------------------------------------------------

# Two wijken count as neighbours when the average positions of their known
# locations are this close.
NEIGHBOUR_RADIUS_KM = 2.5


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat = math.radians((a[0] + b[0]) / 2)
    dx = (a[1] - b[1]) * 111.32 * math.cos(lat)
    dy = (a[0] - b[0]) * 110.57
    return math.hypot(dx, dy)


def _centroids(wijken: Sequence[Area]) -> dict[int, tuple[float, float]]:
    """Average position of the known locations in each wijk (and its buurten).

    The database sums per area (a few hundred rows), not Python per location.
    """
    wijk_of: dict[int, int] = {w.pk: w.pk for w in wijken}
    wijk_of.update(Area.objects.filter(parent__in=wijken).values_list("pk", "parent_id"))
    sums: dict[int, list[float]] = {}
    rows = (
        Location.objects.filter(
            area_id__in=list(wijk_of), latitude__isnull=False, longitude__isnull=False
        )
        .order_by()
        .values("area_id")
        .annotate(lat=Sum("latitude"), lon=Sum("longitude"), n=Count("pk"))
        .values_list("area_id", "lat", "lon", "n")
    )
    for area_id, lat, lon, n in rows:
        acc = sums.setdefault(wijk_of[area_id], [0.0, 0.0, 0.0])
        acc[0] += lat or 0.0
        acc[1] += lon or 0.0
        acc[2] += n
    return {k: (v[0] / v[2], v[1] / v[2]) for k, v in sums.items() if v[2]}


def neighbouring_areas(area: Area) -> list[Area]:
    """The areas "around" this one, without geometry.

    - a buurt: the other buurten of the same wijk;
    - a wijk: the other wijken of the same gemeente whose locations lie, on
      average, within NEIGHBOUR_RADIUS_KM of this wijk's locations; when either
      has no known coordinates, it counts as a neighbour (better one too many
      than a provision missed);
    - a gemeente: none.
    """
    if area.parent_id is None or area.level == Area.Level.GEMEENTE:
        return []
    siblings = list(Area.objects.filter(parent_id=area.parent_id).exclude(pk=area.pk))
    if area.level == Area.Level.BUURT:
        return siblings
    centroids = _centroids([area, *siblings])
    here = centroids.get(area.pk)
    if here is None:
        return siblings
    return [
        w
        for w in siblings
        if w.pk not in centroids or _distance_km(here, centroids[w.pk]) <= NEIGHBOUR_RADIUS_KM
    ]


def _descendant_ids(areas: Iterable[Area]) -> set[int]:
    ids = {a.pk for a in areas}
    frontier = set(ids)
    while frontier:
        frontier = set(Area.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier -= ids
        ids |= frontier
    return ids


def area_filter(area: Area, *, include_neighbours: bool = False) -> Q:
    """Services with a location in the area (or below it), or serving it or a larger area."""
    areas = [area, *(neighbouring_areas(area) if include_neighbours else [])]
    inside = _descendant_ids(areas)
    # A service for the whole gemeente also serves each of its wijken.
    covering = inside | {a.pk for a in area.ancestors()}
    # "pk IN (subquery)" lets the database start from the few matching rows
    # instead of testing every service (much faster than EXISTS on SQLite).
    located = ServiceAtLocation.objects.filter(location__area_id__in=inside).values("service_id")
    served = ServiceArea.objects.filter(area_id__in=covering).values("service_id")
    return Q(pk__in=located) | Q(pk__in=served)


# --- Full text ------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)
_SUFFIXES = ("heden", "heid", "ingen", "ing", "tjes", "jes", "tje", "je", "en", "e", "s")
_VOWELS = set("aeiouy")


def light_dutch_stem(word: str) -> str:
    """A small Dutch stemmer for SQLite, matched as a prefix.

    Strips one common ending and undoes the Dutch open-syllable spelling, so
    that eenzame, eenzaam and eenzaamheid share the prefix "eenza".
    """
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    # eenzam(e) -> eenza, eenzaam -> eenza: drop the last consonant after a
    # vowel so that single and doubled vowels match.
    if (
        len(word) >= 6
        and word[-1] not in _VOWELS
        and word[-2] in _VOWELS
        and (word[-3] not in _VOWELS or word[-3] == word[-2])
    ):
        word = word[:-1]
        if word[-1] == word[-2]:
            word = word[:-1]
    return word


def query_words(query: str) -> list[str]:
    return [w for w in _WORD.findall(query.lower()) if len(w) >= 2][:12]


def _pg_tsquery(words: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in words)


def _fts5_query(words: list[str]) -> str:
    return " ".join(f'"{light_dutch_stem(w)}"*' for w in words)


SQLITE_FTS_SQL = (
    # A plain table with a stable integer key, one row per service, as the
    # content of the FTS5 index (rowids of directory_service may change on VACUUM).
    "CREATE TABLE IF NOT EXISTS directory_service_search ("
    " id INTEGER PRIMARY KEY, service_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL DEFAULT '')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_service_fts USING fts5("
    "body, content='directory_service_search', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS directory_service_search_ai"
    " AFTER INSERT ON directory_service_search BEGIN"
    " INSERT INTO directory_service_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_search_ad"
    " AFTER DELETE ON directory_service_search BEGIN"
    " INSERT INTO directory_service_fts(directory_service_fts, rowid, body)"
    " VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_search_au"
    " AFTER UPDATE ON directory_service_search BEGIN"
    " INSERT INTO directory_service_fts(directory_service_fts, rowid, body)"
    " VALUES ('delete', old.id, old.body);"
    " INSERT INTO directory_service_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_fts_ai AFTER INSERT ON directory_service"
    " BEGIN INSERT INTO directory_service_search(service_id, body)"
    " VALUES (new.id, COALESCE(new.search_text, '')); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_fts_au"
    " AFTER UPDATE OF search_text ON directory_service BEGIN"
    " UPDATE directory_service_search SET body = COALESCE(new.search_text, '')"
    " WHERE service_id = new.id; END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_fts_ad AFTER DELETE ON directory_service"
    " BEGIN DELETE FROM directory_service_search WHERE service_id = old.id; END",
)
SQLITE_FTS_BACKFILL = (
    "INSERT INTO directory_service_search(service_id, body)"
    " SELECT id, COALESCE(search_text, '') FROM directory_service"
    " WHERE id NOT IN (SELECT service_id FROM directory_service_search)"
)


def ensure_sqlite_fts(conn: Any = None) -> None:
    """Create the SQLite FTS5 index if it is missing (tests build tables without migrations)."""
    conn = conn or connection
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'directory_service_fts_ad'"
        )
        if cursor.fetchone():
            return
        for statement in SQLITE_FTS_SQL:
            cursor.execute(statement)
        cursor.execute(SQLITE_FTS_BACKFILL)


# Whether directory_service has the stored search_document column of
# migration 0104, per database (tests create tables without migrations).
_STORED_DOCUMENT: dict[tuple[str, str], bool] = {}


def has_stored_search_document() -> bool:
    """Whether PostgreSQL has the generated ``search_document`` column (migration 0104)."""
    key = (connection.alias, str(connection.settings_dict.get("NAME")))
    if key not in _STORED_DOCUMENT:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
                " AND table_name = %s AND column_name = 'search_document'",
                [Service._meta.db_table],
            )
            _STORED_DOCUMENT[key] = cursor.fetchone() is not None
    return _STORED_DOCUMENT[key]


def _text_filter(qs: QuerySet[Service], words: list[str]) -> QuerySet[Service]:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVector,
            SearchVectorField,
        )

        vector: Any = SearchVector("search_text", config="dutch")
        if has_stored_search_document():
            # The same document, computed once per write instead of per match.
            table = connection.ops.quote_name(Service._meta.db_table)
            vector = RawSQL(  # noqa: S611 - a fixed column name
                f"{table}.search_document", [], output_field=SearchVectorField()
            )
        tsquery = SearchQuery(_pg_tsquery(words), config="dutch", search_type="raw")
        return (
            qs.annotate(search_document=vector)
            .filter(search_document=tsquery)
            .annotate(search_rank=SearchRank(vector, tsquery))
            .order_by("-search_rank", "name")
        )
    if connection.vendor == "sqlite":
        ensure_sqlite_fts()
        return qs.extra(
            tables=["directory_service_search", "directory_service_fts"],
            where=[
                "directory_service_search.service_id = directory_service.id",
                "directory_service_fts.rowid = directory_service_search.id",
                "directory_service_fts MATCH %s",
            ],
            params=[_fts5_query(words)],
            select={"search_rank": "-directory_service_fts.rank"},
        ).order_by("-search_rank", "name")
    # Other databases: a plain (slow, unstemmed) match on every word.
    for word in words:
        qs = qs.filter(search_text__icontains=word)
    return qs


# --- The search ----------------------------------------------------------------------


# Something for everyone is also something for ouderen, jeugd, ...
TARGET_GROUP_EVERYONE = "iedereen"


def _has_term(taxonomy_id: Any, code: str) -> Q:
    codes = [code]
    if taxonomy_id == TARGET_GROUPS_TAXONOMY_ID:
        codes.append(TARGET_GROUP_EVERYONE)
    # The term ids first (a tiny query), so that the database sees literal ids
    # and reads the service ids straight from the (taxonomy_term_id,
    # service_id) index of migration 0101.
    term_ids = list(
        TaxonomyTerm.objects.filter(code__in=codes, taxonomy_detail_id=taxonomy_id).values_list(
            "pk", flat=True
        )
    )
    if not term_ids:
        return Q(pk__in=[])
    return Q(
        pk__in=Attribute.objects.filter(
            taxonomy_term_id__in=term_ids, service_id__isnull=False
        ).values("service_id")
    )


def _weekday_sql(weekday: int, column: str) -> str:
    """Schedule rows open on a weekday, matching a partial index of migration 0102.

    The weekday code is written into the SQL (never a parameter) so that the
    condition is literally the one of the partial index
    ``directory_schedule_open_<day>``, which both SQLite and PostgreSQL then
    use instead of reading every schedule.
    """
    code = RRULE_DAYS[weekday]
    table = Schedule._meta.db_table
    return (
        f"SELECT {column} FROM {table}"  # noqa: S608 - fixed names, no user input
        f" WHERE kind = 'open' AND byday LIKE '%%{code}%%' AND {column} IS NOT NULL"
        " AND (valid_to IS NULL OR valid_to >= %s) AND (until IS NULL OR until >= %s)"
    )


def _on_weekday(weekday: int, today: date) -> Q:
    """Services with an open schedule on this weekday, of their own or of one of their locations.

    Two plain "id IN (...)" lists instead of one join over COALESCE(...): the
    join made the PostgreSQL planner re-read every schedule per candidate
    service (340 ms); the two lists are read once from the partial indexes.
    """
    # The SQL is built from fixed names and a weekday code from RRULE_DAYS;
    # the dates are parameters.
    params = (today, today)
    own = RawSQL(_weekday_sql(weekday, "service_id"), params)  # noqa: S611
    at_locations = ServiceAtLocation.objects.filter(
        pk__in=RawSQL(_weekday_sql(weekday, "service_at_location_id"), params)  # noqa: S611
    ).values("service_id")
    return Q(pk__in=own) | Q(pk__in=at_locations)


def _with_open_schedule() -> Q:
    rows = Schedule.objects.filter(kind=Schedule.Kind.OPEN)
    return Q(Exists(rows.filter(service_id=OuterRef("pk")))) | Q(
        Exists(rows.filter(service_at_location__service_id=OuterRef("pk")))
    )


WHEN_TODAY = "vandaag"
WHEN_WEEK = "week"
# The exact check of schedules for "today / this week" runs in Python; a
# larger candidate set is cut off (the page asks to choose a wijk).
WHEN_CANDIDATE_LIMIT = 3000


def search_services(
    query: str = "",
    *,
    area: Area | None = None,
    include_neighbours: bool = False,
    theme: str | None = None,
    target_group: str | None = None,
    day: int | str | None = None,
    free: bool | None = None,
    no_referral: bool | None = None,
    wheelchair: bool | None = None,
    collective: bool | None = None,
    when: str | None = None,
    today: date | None = None,
    public_only: bool = True,
) -> QuerySet[Service]:
    """Active services matching every given filter; None/False means "don't filter".

    ``theme`` and ``target_group`` are term codes (``eenzaamheid``, ``ouderen``);
    a service for ``iedereen`` matches every target group;
    ``day`` is a weekday (0 = Monday, or "di", "dinsdag"); ``when`` is
    ``"vandaag"`` (open today, closing periods respected) or ``"week"`` (open on
    at least one of the next seven days).
    """
    today = today or timezone.localdate()
    qs = Service.objects.filter(status=Service.Status.ACTIVE)
    if public_only:
        qs = qs.filter(is_public=True)
    if area is not None:
        qs = qs.filter(area_filter(area, include_neighbours=include_neighbours))
    if theme:
        qs = qs.filter(_has_term(THEMES_TAXONOMY_ID, theme))
    if target_group:
        qs = qs.filter(_has_term(TARGET_GROUPS_TAXONOMY_ID, target_group))
    weekday = parse_day(day) if not isinstance(day, int) else day
    if weekday is not None:
        qs = qs.filter(_on_weekday(weekday, today))
    if free:
        qs = qs.filter(is_free=True)
    if no_referral:
        qs = qs.filter(referral="")
    if wheelchair:
        qs = qs.filter(wheelchair_accessible=True)
    if collective:
        qs = qs.filter(delivery=Service.Delivery.COLLECTIVE)
    if when in (WHEN_TODAY, WHEN_WEEK):
        days = [today] if when == WHEN_TODAY else [today + timedelta(i) for i in range(7)]
        candidates = with_schedules(qs.filter(_with_open_schedule()))[:WHEN_CANDIDATE_LIMIT]
        ids = [s.pk for s in candidates if any(occurrences_on(s, d) for d in days)]
        qs = qs.filter(pk__in=ids)
    words = query_words(query or "")
    if words:
        return _text_filter(qs, words)
    return qs.order_by("name")


class _CountedPage:
    """A Paginator's object list whose total and current page are already known."""

    def __init__(self, total: int, ids: list[Any]) -> None:
        self.total = total
        self.ids = ids

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, key: slice) -> list[Any]:
        return self.ids


def page_ids(qs: QuerySet[Service], start: int, size: int) -> tuple[list[Any], int]:
    """The ids of ``qs[start:start + size]`` and the number of matches, in one query.

    The matches are found once (a common table expression, MATERIALIZED on
    PostgreSQL), then counted with ``COUNT(*) OVER ()`` and ordered. Written
    out because the PostgreSQL planner, given ``ORDER BY name LIMIT 20``,
    walks the name index through every service and tests each one (170 ms
    for a theme with 5,000 matches) instead of finding the matches first.
    """
    if qs.query.is_empty():
        return [], 0
    ordering = [str(o) for o in qs.query.order_by] or ["pk"]
    columns = [o.lstrip("-") for o in ordering]
    inner = qs.order_by().values_list("pk", *columns)
    try:
        sql, params = inner.query.sql_with_params()
    except EmptyResultSet:
        return [], 0
    order_sql = ", ".join(
        f"{position} {'DESC' if o.startswith('-') else 'ASC'}"
        for position, o in enumerate(ordering, start=2)
    )
    materialized = "MATERIALIZED " if connection.vendor == "postgresql" else ""
    total_position = len(columns) + 2
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH matches AS {materialized}({sql})"  # noqa: S608 - SQL built by the ORM
            f" SELECT matches.*, COUNT(*) OVER () FROM matches ORDER BY {order_sql}"
            " LIMIT %s OFFSET %s",
            [*params, size, start],
        )
        rows = cursor.fetchall()
    to_python = Service._meta.pk.to_python
    return [to_python(row[0]) for row in rows], (rows[0][total_position - 1] if rows else 0)


def display_page(qs: QuerySet[Service], number: Any, per_page: int) -> Any:
    """One page of results with everything a result card shows.

    One narrow query returns the ids of the page together with the total
    (:func:`page_ids`), so the filters and the full-text match run once, not
    twice; the full rows and their related data are then fetched for those
    ids only. A page number past the end shows the last page, as
    ``Paginator.get_page`` does.
    """
    from django.core.paginator import Paginator

    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    page: Any = None
    if wanted >= 1:
        ids, total = page_ids(qs, (wanted - 1) * per_page, per_page)
        if ids or wanted == 1:
            counted: Any = _CountedPage(total, ids)
            page = Paginator(counted, per_page).page(wanted)
    if page is None:
        page = Paginator(qs.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    found = {s.pk: s for s in with_display_data(Service.objects.filter(pk__in=ids))}
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page


def with_schedules(qs: QuerySet[Service]) -> QuerySet[Service]:
    return qs.prefetch_related(
        "schedules",
        Prefetch("service_at_locations", ServiceAtLocation.objects.all()),
        "service_at_locations__schedules",
    )


def with_display_data(qs: QuerySet[Service]) -> QuerySet[Service]:
    """Everything a result card shows, in a fixed number of queries."""
    return qs.select_related("organization").prefetch_related(
        "schedules",
        Prefetch(
            "service_at_locations",
            ServiceAtLocation.objects.select_related("location__area").prefetch_related(
                "location__addresses", "schedules"
            ),
        ),
        Prefetch("attributes", Attribute.objects.select_related("taxonomy_term")),
        "cost_options",
        "phones",
        "contacts",
    )


@dataclass
class AgendaDay:
    day: date
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def name(self) -> str:
        return day_name(self.day.weekday())


def agenda(qs: QuerySet[Service], start: date, days: int) -> tuple[list[AgendaDay], bool]:
    """Per date, what happens (sorted by start time); and whether the list was cut off."""
    candidates = list(
        with_display_data(qs.filter(_with_open_schedule()))[: WHEN_CANDIDATE_LIMIT + 1]
    )
    truncated = len(candidates) > WHEN_CANDIDATE_LIMIT
    result = []
    for offset in range(days):
        current = start + timedelta(days=offset)
        entry = AgendaDay(current)
        for service in candidates[:WHEN_CANDIDATE_LIMIT]:
            entry.occurrences += occurrences_on(service, current)
        entry.occurrences.sort(key=lambda o: (o.opens_at or time.min, o.service.name))
        result.append(entry)
    return result, truncated


# --- The search form (web page and JSON endpoint) --------------------------------------


def area_choices() -> list[tuple[str, Any]]:
    """Gemeenten and wijken, and the buurten where something is on, grouped per gemeente.

    Plain rows, not model instances: with 500 wijken and 2,000 buurten this
    runs on every search page.
    """
    # "Has a location" as an index probe per buurt: a DISTINCT over every
    # location took 7 ms on PostgreSQL.
    located = set(
        Area.objects.filter(level=Area.Level.BUURT)
        .filter(Exists(Location.objects.filter(area_id=OuterRef("pk"))))
        .values_list("pk", flat=True)
    )
    areas = list(
        Area.objects.order_by("name").values_list("pk", "code", "name", "level", "parent_id")
    )
    children: dict[int | None, list[tuple[Any, ...]]] = {}
    for row in areas:
        children.setdefault(row[4], []).append(row)
    groups: list[tuple[str, Any]] = [("", _("Everywhere"))]
    all_of = gettext("All of %(name)s")
    for pk, code, name, level, *_rest in areas:
        if level != Area.Level.GEMEENTE:
            continue
        options = [(code, all_of % {"name": name})]
        for wijk_pk, wijk_code, wijk_name, *_rest in children.get(pk, []):
            options.append((wijk_code, wijk_name))
            options.extend(
                (buurt[1], f"– {buurt[2]}")
                for buurt in children.get(wijk_pk, [])
                if buurt[0] in located
            )
        groups.append((name, options))
    return groups


class QuickSelect(forms.Select):
    """A select that writes its options in Python instead of one template per option.

    The same HTML as Django's ``select.html``; the area list has thousands of
    options (500 wijken, 2,000 buurten), which took most of the search page's time.
    """

    @property
    def choices(self) -> Any:
        return self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        # Given in Django's normalised shape (see AreaField): kept as they are.
        self._choices = list(value)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        wanted = set(self.format_value(value))
        has_selected = False
        parts = [f'<select name="{_escape(name)}"{_attrs(final_attrs)}>']
        # As Django's ChoiceWidget.optgroups: the first matching option is selected.
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                group_name, options = option_value, option_label
                parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
            else:
                group_name = None
                options = [("" if option_value is None else option_value, option_label)]
            for sub_value, sub_label in options:
                selected = (not has_selected or self.allow_multiple_selected) and str(
                    sub_value
                ) in wanted
                has_selected |= selected
                parts.append(
                    f'\n  <option value="{html.escape(str(sub_value))}"'
                    f"{' selected' if selected else ''}>{_escape(sub_label)}</option>\n"
                )
            if group_name is not None:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        # Every name, value and label above is escaped.
        return mark_safe("".join(parts))


class AreaField(forms.ChoiceField):
    """The area filter, with thousands of gemeenten, wijken and buurten.

    The choices from :func:`area_choices` already have the shape Django's
    ``normalize_choices`` returns, so they are set as they are: normalising
    2,500 areas took 11 ms on every search page.
    """

    widget = QuickSelect

    @property
    def choices(self) -> Any:
        return self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        prepared = list(value)
        self._choices = prepared
        widget: Any = self.widget
        widget.choices = prepared


def _escape(value: Any) -> str:
    """Django's conditional_escape, without its overhead for plain strings."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """HTML attributes as Django's ``attrs.html`` writes them (``stringformat:'s'``: always escaped)."""
    return "".join(
        f" {key}" if value is True else f' {key}="{html.escape(str(value))}"'
        for key, value in attrs.items()
        if value is not False
    )


def term_choices(taxonomy_id: Any, empty: Any) -> list[tuple[str, Any]]:
    terms = TaxonomyTerm.objects.filter(taxonomy_detail_id=taxonomy_id).order_by("order", "name")
    return [("", empty), *((t.code, t.name) for t in terms)]


class SearchForm(forms.Form):
    """The filters of the sociale kaart, as GET parameters (Dutch names in the address)."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    gebied = AreaField(label=_("Area"), required=False)
    omgeving = forms.BooleanField(label=_("Also in the neighbouring areas"), required=False)
    thema = forms.ChoiceField(label=_("Theme"), required=False)
    doelgroep = forms.ChoiceField(label=_("For whom"), required=False)
    dag = forms.ChoiceField(
        label=_("Day of the week"),
        required=False,
        choices=[("", _("Any day")), *((DAY_SHORT[i], WEEKDAYS[i]) for i in range(7))],
    )
    wanneer = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Any time")), (WHEN_TODAY, _("Today")), (WHEN_WEEK, _("This week"))],
    )
    gratis = forms.BooleanField(label=_("Free"), required=False)
    zonder_verwijzing = forms.BooleanField(label=_("No referral needed"), required=False)
    rolstoel = forms.BooleanField(label=_("Wheelchair accessible"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["gebied"].choices = area_choices()
        fields["thema"].choices = term_choices(THEMES_TAXONOMY_ID, _("All themes"))
        fields["doelgroep"].choices = term_choices(TARGET_GROUPS_TAXONOMY_ID, _("Everyone"))

    def clean_gebied(self) -> Area | None:
        code = (self.cleaned_data.get("gebied") or "").upper()
        return Area.objects.filter(code=code).first() if code else None

    def search_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "area": data.get("gebied"),
            "include_neighbours": bool(data.get("omgeving")),
            "theme": data.get("thema") or None,
            "target_group": data.get("doelgroep") or None,
            "day": data.get("dag") or None,
            "when": data.get("wanneer") or None,
            "free": bool(data.get("gratis")),
            "no_referral": bool(data.get("zonder_verwijzing")),
            "wheelchair": bool(data.get("rolstoel")),
        }

    def search(self, **extra: Any) -> QuerySet[Service]:
        return search_services(**{**self.search_kwargs(), **extra})


# --- Describing when something happens --------------------------------------------------

_ORDINALS = {
    1: _("first"),
    2: _("second"),
    3: _("third"),
    4: _("fourth"),
    -1: _("last"),
}


def _times(schedule: Schedule) -> str:
    if schedule.opens_at and schedule.closes_at:
        return _("%(start)s–%(end)s") % {
            "start": schedule.opens_at.strftime("%H:%M"),
            "end": schedule.closes_at.strftime("%H:%M"),
        }
    if schedule.opens_at:
        return _("from %(start)s") % {"start": schedule.opens_at.strftime("%H:%M")}
    return ""


def _join_days(weekdays: list[int]) -> str:
    names = [day_name(d) for d in weekdays]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def describe_schedule(schedule: Schedule) -> str:
    """A schedule in plain words: "dinsdag en donderdag 10:00–12:00"."""
    if schedule.kind == Schedule.Kind.CLOSED:
        reason = f" ({schedule.description})" if schedule.description else ""
        if schedule.valid_from and schedule.valid_to:
            return (
                str(
                    _("Closed from %(start)s to %(end)s")
                    % {
                        "start": schedule.valid_from.strftime("%d-%m-%Y"),
                        "end": schedule.valid_to.strftime("%d-%m-%Y"),
                    }
                )
                + reason
            )
        return str(_("Closed")) + reason
    rule_days = _rule_days(schedule.byday or "")
    times = _times(schedule)
    freq = (schedule.freq or "").upper()
    interval = int(schedule.interval or 1)
    if freq == "MONTHLY" and rule_days and rule_days[0][0] is not None:
        ordinal, weekday = rule_days[0]
        text = str(
            _("every %(nth)s %(day)s of the month")
            % {
                "nth": _ORDINALS.get(ordinal or 1, str(ordinal)),
                "day": day_name(weekday),
            }
        )
    elif freq == "MONTHLY":
        text = str(_("every month"))
    elif rule_days:
        days = _join_days(sorted({wd for _, wd in rule_days}))
        text = (
            str(_("every %(n)s weeks on %(days)s") % {"n": interval, "days": days})
            if interval > 1
            else str(_("every %(days)s") % {"days": days})
        )
    elif schedule.dtstart:
        text = schedule.dtstart.strftime("%d-%m-%Y")
    else:
        text = ""
    parts = [p for p in (text, times) if p]
    if schedule.description and not parts:
        return schedule.description
    summary = " ".join(parts)
    if schedule.description:
        summary = f"{summary} ({schedule.description})"
    return summary


def describe_when(service: Service) -> list[str]:
    """Every schedule of a service in words, open times first, closing periods after."""
    schedules = service_schedules(service)
    schedules.sort(key=lambda s: (s.kind != Schedule.Kind.OPEN, s.byday, s.opens_at or time.min))
    return [text for text in (describe_schedule(s) for s in schedules) if text]
