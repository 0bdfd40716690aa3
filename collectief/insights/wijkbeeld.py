"""Everything the page "Wat speelt er in deze wijk?" shows, read in a fixed number of queries.

Per wijk (issue 12 point 4): the CBS indicators against the gemeente and the
country, each with its year; for the count indicators the comparison with
the gemeente (``ranking``); the rode draden of the last complete month (the
signals app's suppressed summary, only for users who may see signals); and
per theme what the sociale kaart offers, with a gap flag where a theme is
clearly above the gemeente and no collective provision exists in or next to
the wijk: "kans voor collectief aanbod".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from collectief.accounts.models import Organisation
from collectief.areas.lookup import search_areas
from collectief.areas.models import Area
from collectief.directory.match import CoverageCell, Match, coverage_table, find_services
from collectief.directory.models import TaxonomyTerm
from collectief.insights.models import Indicator, ProvisionCategory
from collectief.insights.provision_ranking import ProvisionRanking, rank_provisions
from collectief.insights.ranking import Ranking, RankRow, rank_many, sentence
from collectief.insights.services import IndicatorRow, area_overview
from collectief.lib import rates
from collectief.projects.access import projects_of
from collectief.projects.models import Project
from collectief.signals.summary import Cell, Period, summarise, theme_list


@dataclass
class IndicatorLine:
    row: IndicatorRow
    rank: RankRow | None = None
    sentence: str = ""


@dataclass
class ProvisionLine:
    ranking: ProvisionRanking
    rank: RankRow
    sentence: str


@dataclass
class ThemeLine:
    theme: TaxonomyTerm
    indicators: list[IndicatorLine] = field(default_factory=list)
    signals: Cell | None = None
    coverage: CoverageCell | None = None
    collective_nearby: list[Match] = field(default_factory=list)
    higher: bool = False
    # Beschikkingen of a category of this theme, compared with the gemeente.
    provisions: list[ProvisionLine] = field(default_factory=list)
    # A project of the organisation (owner or partner) in this wijk on this theme.
    project: Project | None = None

    @property
    def gap(self) -> bool:
        """Clearly above the gemeente, and no collective provision in or next to the wijk."""
        return self.higher and not self.collective_nearby


@dataclass
class WijkPage:
    wijk: Area
    gemeente: Area
    indicators: list[IndicatorLine]
    themes: list[ThemeLine]
    period: Period | None
    signals_shown: bool
    # Per category id: the wijk's beschikkingen compared with the gemeente.
    provisions: dict[int, ProvisionLine] = field(default_factory=dict)

    @property
    def gaps(self) -> list[ThemeLine]:
        return [t for t in self.themes if t.gap]


def build_wijk_page(wijk: Area, *, with_signals: bool, today: datetime.date) -> WijkPage:
    gemeente = wijk.municipality
    overview = area_overview(wijk)
    rankings: dict[int, Ranking] = rank_many(gemeente, [r.indicator for r in overview])
    lines = []
    for row in overview:
        ranking = rankings.get(row.indicator.pk)
        rank = ranking.row_for(wijk) if ranking else None
        # Compare only in the year the wijk's own value is shown for.
        if ranking is not None and rank is not None and ranking.year == row.value.year:
            lines.append(IndicatorLine(row, rank, sentence(rank, ranking)))
        else:
            lines.append(IndicatorLine(row))
    themes = theme_list()
    by_theme = {t.pk: ThemeLine(t) for t in themes}
    indicator_themes = Indicator.themes.through.objects.filter(
        indicator_id__in=[r.indicator.pk for r in overview]
    ).values_list("indicator_id", "taxonomyterm_id")
    lines_by_indicator = {line.row.indicator.pk: line for line in lines}
    for indicator_id, theme_id in indicator_themes:
        theme_line = by_theme.get(theme_id)
        if theme_line is None:
            continue
        line = lines_by_indicator[indicator_id]
        theme_line.indicators.append(line)
        if (
            line.rank is not None
            and line.rank.call == rates.Call.HIGHER
            and line.row.indicator.direction == Indicator.Direction.HIGHER_WORSE
        ):
            theme_line.higher = True
    provisions = _provision_lines(wijk, gemeente, by_theme)
    period = None
    if with_signals:
        period = Period.last_complete(today)
        summary = summarise(gemeente, period)
        if any(w.pk == wijk.pk for w in summary.wijken):
            for signal_cell in summary.row(wijk):
                if signal_cell.theme.pk in by_theme:
                    by_theme[signal_cell.theme.pk].signals = signal_cell
    coverage = coverage_table(gemeente)
    for coverage_row in coverage.rows:
        if coverage_row.wijk.pk == wijk.pk:
            for cell in coverage_row.cells:
                if cell.theme.pk in by_theme:
                    by_theme[cell.theme.pk].coverage = cell
    for theme_line in by_theme.values():
        # Only themes that are clearly higher need the search with the neighbours.
        if theme_line.higher:
            theme_line.collective_nearby = [
                m for m in find_services(theme_line.theme, wijk) if m.collective
            ]
    return WijkPage(
        wijk=wijk,
        gemeente=gemeente,
        indicators=lines,
        themes=[by_theme[t.pk] for t in themes],
        period=period,
        signals_shown=with_signals,
        provisions=provisions,
    )


def _provision_lines(
    wijk: Area, gemeente: Area, by_theme: dict[Any, ThemeLine]
) -> dict[int, ProvisionLine]:
    """The wijk's beschikkingen per category against the gemeente; "hoger" marks its themes."""
    lines: dict[int, ProvisionLine] = {}
    for ranking in rank_provisions(gemeente):
        rank = ranking.row_for(wijk)
        if rank is not None:
            lines[ranking.category.pk] = ProvisionLine(ranking, rank, ranking.sentence(rank))
    category_themes = ProvisionCategory.themes.through.objects.filter(
        provisioncategory_id__in=list(lines)
    ).values_list("provisioncategory_id", "taxonomyterm_id")
    for category_id, theme_id in category_themes:
        theme_line = by_theme.get(theme_id)
        if theme_line is None:
            continue
        line = lines[category_id]
        theme_line.provisions.append(line)
        # More individual provision than elsewhere: a chance for collective provision.
        if line.rank.call == rates.Call.HIGHER:
            theme_line.higher = True
    return lines


def attach_projects(page: WijkPage, organisation: Organisation) -> None:
    """Per gap the organisation's project on it, if there is one: "view project", not "start".

    A project is on a gap when it is in the same wijk on the same theme; the
    organisation owns it or is a current partner (``projects.access``). The
    newest one counts. One query.
    """
    gaps = {line.theme.pk: line for line in page.gaps}
    if not gaps:
        return
    found = (
        projects_of(organisation)
        .filter(wijk=page.wijk, theme_id__in=list(gaps))
        .order_by("-updated_at", "-pk")
    )
    for project in found:
        line = gaps[project.theme_id]
        if line.project is None:
            line.project = project


# The wijkbeeld's search shows at most this many areas; a longer list needs a longer name.
MAX_FOUND = 20


@dataclass(frozen=True)
class FoundArea:
    """An area found by name, with the wijkbeeld page to open for it."""

    area: Area
    wijk: Area | None  # the wijk itself, or the buurt's wijk; None for a gemeente

    @property
    def gemeente(self) -> Area:
        return self.area.municipality


def find_areas(text: str, gemeenten: list[Area]) -> list[FoundArea]:
    """Areas of these gemeenten whose name, other name or code contains ``text`` (issue 12 point 6).

    The wijkbeeld is per wijk, so a buurt leads to its wijk: "Kesteren" finds
    the buurt Kesteren and opens Breda noord-west. The search is the one of
    the areas list and the API (``areas.lookup.search_areas``: accents,
    hyphens and CBS's "Wijk 05 " do not matter). One query.
    """
    ids = [g.pk for g in gemeenten]
    if not ids:
        return []
    found = (
        search_areas(Area.objects.all(), text)
        .filter(Q(pk__in=ids) | Q(parent_id__in=ids) | Q(parent__parent_id__in=ids))
        .select_related("parent", "parent__parent")
        .order_by("name", "code")[:MAX_FOUND]
    )
    result = []
    for area in found:
        if area.level == Area.Level.WIJK:
            result.append(FoundArea(area, area))
        elif area.level == Area.Level.BUURT:
            result.append(FoundArea(area, area.parent))
        else:
            result.append(FoundArea(area, None))
    return result
