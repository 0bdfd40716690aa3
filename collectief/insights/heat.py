"""The gemeente's heat table: wijken × themes, each cell the comparison with the gemeente (issue 12 point 5).

One column per theme that has a count indicator to rank on (the same choice
as ``ranking.theme_indicator``); a cell shows the ratio and the call in
words, so its colour is never the only carrier of meaning. A cell is a gap
("kans voor collectief aanbod") on the same rule as the wijk page: clearly
higher, on an indicator where higher is worse, and no active collective
provision for the theme in the wijk, in a neighbouring wijk or for the whole
gemeente; beschikkingen of a category of the theme that are clearly higher
count as well. Read in a fixed number of queries, whatever the number of wijken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from collectief.areas.models import Area
from collectief.directory.match import coverage_table
from collectief.directory.models import TaxonomyTerm
from collectief.directory.search import neighbouring_wijken
from collectief.insights.models import Indicator, ProvisionCategory
from collectief.insights.provision_ranking import rank_provisions
from collectief.insights.ranking import RankRow, rank_many
from collectief.lib import rates
from collectief.signals.summary import theme_list


@dataclass(frozen=True)
class HeatCell:
    theme: TaxonomyTerm
    indicator: Indicator
    rank: RankRow | None
    gap: bool

    @property
    def call(self) -> str:
        return self.rank.call if self.rank else rates.Call.UNSURE


@dataclass(frozen=True)
class HeatRow:
    wijk: Area
    cells: list[HeatCell]


@dataclass(frozen=True)
class HeatTable:
    gemeente: Area
    columns: list[tuple[TaxonomyTerm, Indicator]]
    rows: list[HeatRow]
    years: dict[int, int | None]  # indicator id → the year compared


def _theme_indicators(themes: list[TaxonomyTerm]) -> list[tuple[TaxonomyTerm, Indicator]]:
    """Per theme the indicator ``ranking.theme_indicator`` would choose, in one query."""
    chosen: dict[Any, list[Indicator]] = {}  # by theme id (a UUID)
    for indicator in Indicator.objects.prefetch_related("themes").order_by("order", "key"):
        if indicator.can_rank:
            for theme in indicator.themes.all():
                chosen.setdefault(theme.pk, []).append(indicator)
    columns = []
    for theme in themes:
        candidates = chosen.get(theme.pk, [])
        worse = [i for i in candidates if i.direction == Indicator.Direction.HIGHER_WORSE]
        pick = worse or candidates
        if pick:
            columns.append((theme, pick[0]))
    return columns


def heat_table(gemeente: Area, *, sort_by: str = "") -> HeatTable:
    """The table; ``sort_by`` a theme code sorts the wijken by that column, highest first."""
    columns = _theme_indicators(theme_list())
    rankings = rank_many(gemeente, [indicator for _theme, indicator in columns])
    coverage = coverage_table(gemeente)
    wijken = [row.wijk for row in coverage.rows]
    near = neighbouring_wijken(wijken)
    provisions_higher = _provisions_higher(gemeente)
    here = {(row.wijk.pk, cell.theme.pk): cell.here for row in coverage.rows for cell in row.cells}
    wider = {cell.theme.pk: cell.wider for row in coverage.rows for cell in row.cells}
    rows = []
    for wijk in wijken:
        cells = []
        for theme, indicator in columns:
            ranking = rankings.get(indicator.pk)
            rank = ranking.row_for(wijk) if ranking else None
            higher = (
                rank is not None
                and rank.call == rates.Call.HIGHER
                and indicator.direction == Indicator.Direction.HIGHER_WORSE
            ) or (wijk.pk, theme.pk) in provisions_higher
            provided = (
                here.get((wijk.pk, theme.pk), 0) > 0
                or wider.get(theme.pk, 0) > 0
                or any(here.get((n, theme.pk), 0) > 0 for n in near.get(wijk.pk, ()))
            )
            cells.append(HeatCell(theme, indicator, rank, higher and not provided))
        rows.append(HeatRow(wijk, cells))
    codes = [theme.code for theme, _i in columns]
    if sort_by in codes:
        index = codes.index(sort_by)

        def key(row: HeatRow) -> tuple[bool, float, str]:
            rank = row.cells[index].rank
            value = None if rank is None else rank.shown_ratio
            return (value is None, -(value or 0.0), row.wijk.name)

        rows.sort(key=key)
    else:
        rows.sort(key=lambda r: r.wijk.name)
    return HeatTable(
        gemeente=gemeente,
        columns=columns,
        rows=rows,
        years={i.pk: (rankings[i.pk].year if i.pk in rankings else None) for _t, i in columns},
    )


def _provisions_higher(gemeente: Area) -> set[tuple[int, Any]]:
    """(wijk id, theme id) where beschikkingen of a category of the theme are clearly higher.

    The same rule as the wijk page: more individual provision than elsewhere
    counts for the gap of the category's themes.
    """
    higher_categories: dict[int, set[int]] = {}
    for ranking in rank_provisions(gemeente):
        for row in ranking.rows:
            if row.call == rates.Call.HIGHER:
                higher_categories.setdefault(ranking.category.pk, set()).add(row.area.pk)
    if not higher_categories:
        return set()
    links = ProvisionCategory.themes.through.objects.filter(
        provisioncategory_id__in=list(higher_categories)
    ).values_list("provisioncategory_id", "taxonomyterm_id")
    return {
        (wijk_id, theme_id)
        for category_id, theme_id in links
        for wijk_id in higher_categories[category_id]
    }
