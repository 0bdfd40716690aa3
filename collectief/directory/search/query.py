"""The search itself: :func:`search_services` and the filters it combines.

``search_services()`` is the only place that turns a question ("iets voor
ouderen tegen eenzaamheid in Kesteren op dinsdag, gratis") into a query: the
area, theme and target group, weekday, free, no referral, wheelchair,
collective and "today / this week" filters, then the full-text match. The
result is a lazy queryset of services. Also :func:`with_schedules`, the
prefetch the day checks need.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from collectief.areas.models import Area
from collectief.directory.models import (
    TARGET_GROUPS_TAXONOMY_ID,
    THEMES_TAXONOMY_ID,
    Attribute,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from collectief.directory.search.areas import area_filter
from collectief.directory.search.fulltext import _text_filter, query_words
from collectief.directory.search.schedules import RRULE_DAYS, occurrences_on, parse_day

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
    scope: str | None = None,
) -> QuerySet[Service]:
    """Active services matching every given filter; None/False means "don't filter".

    ``theme`` and ``target_group`` are term codes (``eenzaamheid``, ``ouderen``);
    a service for ``iedereen`` matches every target group;
    ``day`` is a weekday (0 = Monday, or "di", "dinsdag"); ``when`` is
    ``"vandaag"`` (open today, closing periods respected) or ``"week"`` (open on
    at least one of the next seven days); ``scope`` (with an area) is
    ``"hier"`` (only located in or serving the area itself) or ``"breder"``
    (only there because it serves a larger area, such as the whole gemeente).
    """
    today = today or timezone.localdate()
    qs = Service.objects.filter(status=Service.Status.ACTIVE)
    if public_only:
        qs = qs.filter(is_public=True)
    if area is not None:
        qs = qs.filter(area_filter(area, include_neighbours=include_neighbours, scope=scope))
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


def with_schedules(qs: QuerySet[Service]) -> QuerySet[Service]:
    return qs.prefetch_related(
        "schedules",
        Prefetch("service_at_locations", ServiceAtLocation.objects.all()),
        "service_at_locations__schedules",
    )
