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
- SQLite: an FTS5 table of the Snowball-stemmed ``Service.search_text``, kept in
  sync by triggers that call the same Snowball Dutch stemmer (registered on
  every connection); stems are matched as a prefix, ranked with bm25. Both
  databases leave out the same Dutch stop words, so they find the same.

Neighbouring areas (``include_neighbours``): Collectief has no area geometry,
so "neighbouring" is defined from what it does know (see
:func:`neighbouring_areas`).

Days: a service "is on" a weekday when one of its open schedules (RFC 5545
rules: ``freq``/``byday``/``interval``/``bymonthday``) falls on that day; for a
concrete date also the validity dates count and a closing period (a schedule
of kind ``closed``, such as a zomerstop) wins over the open schedules.

The package: ``schedules`` (days, RFC 5545 rules, closing periods, schedules
in words), ``areas`` (area filter, neighbouring areas), ``fulltext`` (per
database vendor), ``query`` (``search_services`` and its filters),
``results`` (a page of result cards, the agenda) and ``form`` (the search
form). Every name is re-exported here, so ``from collectief.directory.search
import ...`` works as before.
"""

from __future__ import annotations

from collectief.directory.search.areas import (
    NEIGHBOUR_RADIUS_KM,
    SCOPE_HERE,
    SCOPE_WIDER,
    _centroids,
    area_filter,
    neighbouring_areas,
    neighbouring_wijken,
)
from collectief.directory.search.form import (
    AreaField,
    QuickSelect,
    SearchForm,
    area_choices,
    term_choices,
)
from collectief.directory.search.fulltext import (
    light_dutch_stem,
    query_words,
)
from collectief.directory.search.query import (
    TARGET_GROUP_EVERYONE,
    WHEN_CANDIDATE_LIMIT,
    WHEN_TODAY,
    WHEN_WEEK,
    _weekday_sql,
    search_services,
    with_schedules,
)
from collectief.directory.search.results import (
    AgendaDay,
    agenda,
    display_page,
    page_ids,
    with_display_data,
)
from collectief.directory.search.schedules import (
    DAY_SHORT,
    RRULE_DAYS,
    Occurrence,
    closed_on,
    day_name,
    describe_schedule,
    describe_when,
    occurrences_on,
    parse_day,
    schedule_occurs_on,
    service_schedules,
)

__all__ = [
    "DAY_SHORT",
    "NEIGHBOUR_RADIUS_KM",
    "RRULE_DAYS",
    "SCOPE_HERE",
    "SCOPE_WIDER",
    "TARGET_GROUP_EVERYONE",
    "WHEN_CANDIDATE_LIMIT",
    "WHEN_TODAY",
    "WHEN_WEEK",
    "AgendaDay",
    "AreaField",
    "Occurrence",
    "QuickSelect",
    "SearchForm",
    "_centroids",
    "_weekday_sql",
    "agenda",
    "area_choices",
    "area_filter",
    "closed_on",
    "day_name",
    "describe_schedule",
    "describe_when",
    "display_page",
    "light_dutch_stem",
    "neighbouring_areas",
    "neighbouring_wijken",
    "occurrences_on",
    "page_ids",
    "parse_day",
    "query_words",
    "schedule_occurs_on",
    "search_services",
    "service_schedules",
    "term_choices",
    "with_display_data",
    "with_schedules",
]
