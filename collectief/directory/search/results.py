"""Showing search results: one page of result cards, and the agenda per day.

:func:`display_page` finds the ids of a page and the total number of matches
in one query (:func:`page_ids`) and then fetches everything a result card
shows for those ids only (:func:`with_display_data`). :func:`agenda` lists,
per date, what happens, sorted by start time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Prefetch, QuerySet

from collectief.directory.contact import SERVICE_CONTACT_PREFETCH
from collectief.directory.models import Attribute, Service, ServiceAtLocation
from collectief.directory.search.query import WHEN_CANDIDATE_LIMIT, _with_open_schedule
from collectief.directory.search.schedules import Occurrence, day_name, occurrences_on


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


def display_page(qs: QuerySet[Service], number: int, per_page: int) -> Any:
    """One page of results with everything a result card shows.

    One narrow query returns the ids of the page together with the total
    (:func:`page_ids`), so the filters and the full-text match run once, not
    twice; the full rows and their related data are then fetched for those
    ids only. A page number past the end shows the last page, as
    ``Paginator.get_page`` does; ``number`` comes from
    :func:`collectief.lib.params.page_number`, so it is at least 1 and small
    enough for an offset.
    """
    from django.core.paginator import Paginator

    page: Any = None
    if number >= 1:
        ids, total = page_ids(qs, (number - 1) * per_page, per_page)
        if ids or number == 1:
            counted: Any = _CountedPage(total, ids)
            page = Paginator(counted, per_page).page(number)
    if page is None:
        page = Paginator(qs.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    found = {s.pk: s for s in with_display_data(Service.objects.filter(pk__in=ids))}
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page


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
        *SERVICE_CONTACT_PREFETCH,
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
