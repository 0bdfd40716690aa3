"""Routekaart step 1: is there already a fitting provision for this theme here?

``find_services(theme, area)`` lists the active provisions for a theme in and
around an area, with how well each fits: is it collective, can people come
without a referral, is it for the target group asked about, is it in the area
itself or around it. ``coverage_table(gemeente)`` shows per wijk and theme how
many active collective provisions there are, so gaps stand out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from collectief.areas.models import Area
from collectief.directory.models import (
    TARGET_GROUPS_TAXONOMY_ID,
    THEMES_TAXONOMY_ID,
    Attribute,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from collectief.directory.search import search_services, with_display_data


@dataclass
class Match:
    """One provision and how it fits the question."""

    service: Service
    in_area: bool
    collective: bool
    no_referral: bool
    free: bool
    # None when no target group was asked about.
    for_target_group: bool | None
    target_groups: list[str] = field(default_factory=list)

    @property
    def score(self) -> int:
        return (
            8 * self.in_area
            + 2 * self.collective
            + 2 * self.no_referral
            + 2 * bool(self.for_target_group)
            + self.free
        )

    @property
    def fit(self) -> list[str]:
        """The fit in words, for a page or a report."""
        words = [
            _("in the area") if self.in_area else _("in a neighbouring area"),
            _("collective") if self.collective else _("not collective"),
            _("no referral needed") if self.no_referral else _("referral needed"),
        ]
        if self.for_target_group is not None:
            words.append(
                _("for this target group") if self.for_target_group else _("other target group")
            )
        if self.free:
            words.append(_("free"))
        return words


def _code(term: str | TaxonomyTerm) -> str:
    return term.code if isinstance(term, TaxonomyTerm) else term


def find_services(
    theme: str | TaxonomyTerm,
    area: Area,
    *,
    target_group: str | TaxonomyTerm | None = None,
    include_neighbours: bool = True,
) -> list[Match]:
    """Active public provisions for a theme in and around an area, best fit first."""
    theme_code = _code(theme)
    group_code = _code(target_group) if target_group is not None else None
    inside = set(search_services(area=area, theme=theme_code).values_list("pk", flat=True))
    candidates = with_display_data(
        search_services(area=area, theme=theme_code, include_neighbours=include_neighbours)
    )
    matches = []
    for service in candidates:
        groups = [
            a.taxonomy_term
            for a in service.attributes.all()
            if a.taxonomy_term is not None
            and a.taxonomy_term.taxonomy_detail_id == TARGET_GROUPS_TAXONOMY_ID
        ]
        codes = {t.code for t in groups}
        matches.append(
            Match(
                service=service,
                in_area=service.pk in inside,
                collective=service.delivery == Service.Delivery.COLLECTIVE,
                no_referral=not service.referral,
                free=service.is_free,
                for_target_group=(
                    None if group_code is None else (group_code in codes or "iedereen" in codes)
                ),
                target_groups=[t.name for t in groups],
            )
        )
    matches.sort(key=lambda m: (-m.score, m.service.name))
    return matches


@dataclass
class CoverageCell:
    """One wijk and theme: the activities in the wijk itself and those for the whole gemeente."""

    theme: TaxonomyTerm
    here: int
    wider: int

    @property
    def total(self) -> int:
        return self.here + self.wider


@dataclass
class CoverageRow:
    wijk: Area
    cells: list[CoverageCell]

    @property
    def counts(self) -> list[int]:
        """Per theme, everything on offer in the wijk (here and for the whole gemeente)."""
        return [cell.total for cell in self.cells]


@dataclass
class CoverageTable:
    gemeente: Area
    themes: list[TaxonomyTerm]
    rows: list[CoverageRow]

    @property
    def gaps(self) -> list[tuple[Area, TaxonomyTerm, int]]:
        """(wijk, theme, activities for the whole gemeente) where nothing is in the wijk itself."""
        return [
            (row.wijk, cell.theme, cell.wider)
            for row in self.rows
            for cell in row.cells
            if cell.here == 0
        ]


def _wijk_of_areas(gemeente: Area, wijken: list[Area]) -> dict[int, int]:
    """Every area below the gemeente's wijken (at any depth) → its wijk."""
    wijk_of = {w.pk: w.pk for w in wijken}
    frontier = set(wijk_of)
    while frontier:
        below = dict(Area.objects.filter(parent_id__in=frontier).values_list("pk", "parent_id"))
        below = {pk: wijk_of[parent] for pk, parent in below.items() if pk not in wijk_of}
        wijk_of.update(below)
        frontier = set(below)
    return wijk_of


def coverage_table(gemeente: Area) -> CoverageTable:
    """Per wijk of the gemeente and per theme: the active collective provisions.

    Each cell counts apart what the search finds with ``bereik=hier`` (located
    in the wijk or one of its buurten, or serving (a part of) it) and with
    ``bereik=breder`` (there only because it serves the whole gemeente), with
    the same rule as :func:`collectief.directory.search.areas.area_filter`, so
    a number always equals what its link finds. The counts are made in a few
    queries for the whole table, not one search per cell.
    """
    themes = list(TaxonomyTerm.objects.themes().order_by("order", "name"))
    wijken = list(Area.objects.filter(parent=gemeente, level=Area.Level.WIJK).order_by("name"))
    wijk_of = _wijk_of_areas(gemeente, wijken)
    # A service area on the gemeente (or above it) reaches every wijk.
    wider_areas = {gemeente.pk} | {a.pk for a in gemeente.ancestors()}
    services = search_services(area=gemeente, collective=True).order_by()
    service_ids = services.values("pk")
    themes_of: dict[Any, set[str]] = {}
    for service_id, code in Attribute.objects.filter(
        service_id__in=service_ids, taxonomy_term__taxonomy_detail_id=THEMES_TAXONOMY_ID
    ).values_list("service_id", "taxonomy_term__code"):
        themes_of.setdefault(service_id, set()).add(code)
    here_of: dict[Any, set[int]] = {}
    serves_wider: set[Any] = set()
    for service_id, area_id in ServiceAtLocation.objects.filter(
        service_id__in=service_ids
    ).values_list("service_id", "location__area_id"):
        if area_id in wijk_of:
            here_of.setdefault(service_id, set()).add(wijk_of[area_id])
    for service_id, area_id in ServiceArea.objects.filter(service_id__in=service_ids).values_list(
        "service_id", "area_id"
    ):
        if area_id in wijk_of:
            here_of.setdefault(service_id, set()).add(wijk_of[area_id])
        elif area_id in wider_areas:
            serves_wider.add(service_id)
    here: dict[tuple[int, str], int] = {}
    wider: dict[str, list[Any]] = {}
    for service_id, codes in themes_of.items():
        for code in codes:
            for wijk_id in here_of.get(service_id, ()):
                here[wijk_id, code] = here.get((wijk_id, code), 0) + 1
            if service_id in serves_wider:
                wider.setdefault(code, []).append(service_id)
    rows = []
    for wijk in wijken:
        cells = []
        for theme in themes:
            local = here.get((wijk.pk, theme.code), 0)
            # Counted once: a gemeente-wide activity located in this wijk is "here".
            elsewhere = sum(
                1 for sid in wider.get(theme.code, ()) if wijk.pk not in here_of.get(sid, ())
            )
            cells.append(CoverageCell(theme, local, elsewhere))
        rows.append(CoverageRow(wijk, cells))
    return CoverageTable(gemeente, themes, rows)
