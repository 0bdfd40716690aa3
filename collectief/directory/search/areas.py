"""Areas in the sociale kaart search: the area filter and neighbouring areas.

Collectief has no area geometry, so "neighbouring" is defined from what it
does know: the other buurten of a wijk, and the wijken of the same gemeente
whose known locations lie close together (see :func:`neighbouring_areas`).
:func:`area_filter` selects services located in an area (or below it) or
serving it or a larger area.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from django.db.models import Count, Q, Sum

from collectief.areas.models import Area
from collectief.directory.models import Location, ServiceArea, ServiceAtLocation

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


# Scopes of an area search: everything (None), only what is in the area itself,
# or only what is there because it serves a larger area (the whole gemeente).
SCOPE_HERE = "hier"
SCOPE_WIDER = "breder"
SCOPES = (SCOPE_HERE, SCOPE_WIDER)


def area_filter(area: Area, *, include_neighbours: bool = False, scope: str | None = None) -> Q:
    """Services with a location in the area (or below it), or serving it or a larger area.

    ``scope=SCOPE_HERE`` keeps the services located in the area or serving
    (a part of) it; ``scope=SCOPE_WIDER`` keeps the others: services that are
    there only because they serve a larger area, such as the whole gemeente.
    The two together are exactly the services without a scope; the coverage
    table counts them the same way.
    """
    areas = [area, *(neighbouring_areas(area) if include_neighbours else [])]
    inside = _descendant_ids(areas)
    # "pk IN (subquery)" lets the database start from the few matching rows
    # instead of testing every service (much faster than EXISTS on SQLite).
    located = ServiceAtLocation.objects.filter(location__area_id__in=inside).values("service_id")
    served_here = ServiceArea.objects.filter(area_id__in=inside).values("service_id")
    here = Q(pk__in=located) | Q(pk__in=served_here)
    if scope == SCOPE_HERE:
        return here
    # A service for the whole gemeente also serves each of its wijken.
    ancestors = {a.pk for a in area.ancestors()} - inside
    served_wider = Q(pk__in=ServiceArea.objects.filter(area_id__in=ancestors).values("service_id"))
    if scope == SCOPE_WIDER:
        return served_wider & ~here
    return here | served_wider


def neighbouring_wijken(wijken: Sequence[Area]) -> dict[int, set[int]]:
    """``neighbouring_areas`` for every wijk of a list at once, with one query for the positions.

    Same rule: wijken of the same gemeente within NEIGHBOUR_RADIUS_KM, or
    without known positions. For tables of all wijken (the wijkbeeld heat
    table), where one call per wijk would cost a query per row.
    """
    centroids = _centroids(wijken)
    result: dict[int, set[int]] = {}
    for wijk in wijken:
        here = centroids.get(wijk.pk)
        result[wijk.pk] = {
            other.pk
            for other in wijken
            if other.pk != wijk.pk
            and other.parent_id == wijk.parent_id
            and (
                here is None
                or other.pk not in centroids
                or _distance_km(here, centroids[other.pk]) <= NEIGHBOUR_RADIUS_KM
            )
        }
    return result
