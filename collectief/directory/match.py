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
class CoverageRow:
    wijk: Area
    counts: list[int]


@dataclass
class CoverageTable:
    gemeente: Area
    themes: list[TaxonomyTerm]
    rows: list[CoverageRow]

    @property
    def gaps(self) -> list[tuple[Area, TaxonomyTerm]]:
        return [
            (row.wijk, theme)
            for row in self.rows
            for theme, count in zip(self.themes, row.counts, strict=True)
            if count == 0
        ]


def coverage_table(gemeente: Area) -> CoverageTable:
    """Per wijk of the gemeente and per theme: the number of active collective provisions.

    A provision counts for a wijk when it has a location in the wijk (or one
    of its buurten) or serves the wijk, one of its buurten or the whole
    gemeente — the same rule as the search.
    """
    themes = list(TaxonomyTerm.objects.themes().order_by("order", "name"))
    wijken = list(Area.objects.filter(parent=gemeente, level=Area.Level.WIJK).order_by("name"))
    wijk_of: dict[int, list[int]] = {w.pk: [w.pk] for w in wijken}
    wijk_of[gemeente.pk] = [w.pk for w in wijken]
    for buurt_id, parent_id in Area.objects.filter(parent__in=wijken).values_list(
        "pk", "parent_id"
    ):
        wijk_of[buurt_id] = [parent_id]
    services = search_services(area=gemeente, collective=True).order_by()
    service_ids = services.values("pk")
    themes_of: dict[Any, set[str]] = {}
    for service_id, code in Attribute.objects.filter(
        service_id__in=service_ids, taxonomy_term__taxonomy_detail_id=THEMES_TAXONOMY_ID
    ).values_list("service_id", "taxonomy_term__code"):
        themes_of.setdefault(service_id, set()).add(code)
    wijken_of: dict[Any, set[int]] = {}
    for service_id, area_id in ServiceAtLocation.objects.filter(
        service_id__in=service_ids
    ).values_list("service_id", "location__area_id"):
        wijken_of.setdefault(service_id, set()).update(wijk_of.get(area_id, []))
    for service_id, area_id in ServiceArea.objects.filter(service_id__in=service_ids).values_list(
        "service_id", "area_id"
    ):
        wijken_of.setdefault(service_id, set()).update(wijk_of.get(area_id, []))
    counts: dict[tuple[int, str], int] = {}
    for service_id, codes in themes_of.items():
        for wijk_id in wijken_of.get(service_id, ()):
            for code in codes:
                counts[wijk_id, code] = counts.get((wijk_id, code), 0) + 1
    rows = [CoverageRow(w, [counts.get((w.pk, t.code), 0) for t in themes]) for w in wijken]
    return CoverageTable(gemeente, themes, rows)
