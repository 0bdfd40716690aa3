"""Beschikkingen compared with the gemeente, per category and wijk (issue 12 points 2 and 3).

The same comparison as the CBS counts (``ranking.rank_rows``: the published
count through the disclosure control, the expected count, the exact Poisson
interval, Empirical-Bayes smoothing, and "hoger"/"lager" only when the
interval excludes 1). The denominator is the wijk's inhabitants (CBS
``AantalInwoners``) in the year of the counts, or else the latest earlier
year with a number: beschikkingen are counted by the gemeente, inhabitants
by CBS, and CBS publishes a year later.

The gemeente's rate is its own count per inhabitant when the file has a row
for the gemeente, else the sum over its wijken. Read in three queries for
every category of a gemeente.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from collectief.areas.models import Area
from collectief.insights.models import IndicatorValue, ProvisionCategory, ProvisionCount
from collectief.insights.ranking import RankRow, rank_rows, sentence_about

INHABITANTS = "AantalInwoners"


@dataclass(frozen=True)
class ProvisionRanking:
    gemeente: Area
    category: ProvisionCategory
    year: int
    rows: list[RankRow]
    without_data: list[Area]  # wijken without a count or without inhabitants that year
    is_demo: bool

    @property
    def subject(self) -> str:
        """What is counted, for the sentence: "beschikkingen voor dagbesteding"."""
        name = self.category.name
        return _("beschikkingen for %(category)s") % {"category": name[:1].lower() + name[1:]}

    def row_for(self, area: Area) -> RankRow | None:
        return next((r for r in self.rows if r.area.pk == area.pk), None)

    def sentence(self, row: RankRow) -> str:
        return sentence_about(row, self.subject, self.gemeente)


def _inhabitants(areas: list[Area]) -> dict[int, dict[int, Decimal]]:
    """Area id → year → inhabitants, where CBS has a number."""
    found: dict[int, dict[int, Decimal]] = defaultdict(dict)
    values = IndicatorValue.objects.filter(indicator__key=INHABITANTS, area__in=areas).values_list(
        "area_id", "year", "value", "status"
    )
    for area_id, year, value, status in values:
        if status in (IndicatorValue.Status.OK, IndicatorValue.Status.NIL) and value is not None:
            found[area_id][year] = value
    return found


def _base(per_year: dict[int, Decimal], year: int) -> Decimal | None:
    """The inhabitants in ``year``, or in the latest earlier year with a number."""
    earlier = [y for y in per_year if y <= year]
    return per_year[max(earlier)] if earlier else None


def rank_provisions(
    gemeente: Area, *, category_ids: Collection[int] | None = None
) -> list[ProvisionRanking]:
    """Per category with counts for the gemeente's wijken: the ranking in its latest year.

    ``category_ids``: only these categories (a theme page needs the one or two
    linked to its theme, not every category the gemeente counts).
    """
    wijken = list(Area.objects.filter(parent=gemeente, level=Area.Level.WIJK).order_by("code"))
    counts: dict[int, dict[tuple[int, int], ProvisionCount]] = defaultdict(dict)
    categories: dict[int, ProvisionCategory] = {}
    items = ProvisionCount.objects.filter(area__in=[gemeente, *wijken])
    if category_ids is not None:
        items = items.filter(category_id__in=category_ids)
    for item in items.select_related("category"):
        counts[item.category_id][(item.area_id, item.year)] = item
        categories[item.category_id] = item.category
    if not counts:
        return []
    inhabitants = _inhabitants([gemeente, *wijken])
    wijk_ids = {w.pk for w in wijken}
    rankings = []
    for category_id, by_area_year in counts.items():
        years = [y for (area_id, y) in by_area_year if area_id in wijk_ids]
        if not years:
            continue
        year = max(years)
        prepared: list[tuple[Area, Decimal, float]] = []
        without: list[Area] = []
        for wijk in wijken:
            found = by_area_year.get((wijk.pk, year))
            base = _base(inhabitants.get(wijk.pk, {}), year)
            if found is None or base is None:
                without.append(wijk)
                continue
            prepared.append((wijk, Decimal(found.count), float(base)))
        gemeente_count = by_area_year.get((gemeente.pk, year))
        gemeente_base = _base(inhabitants.get(gemeente.pk, {}), year)
        if gemeente_count is not None and gemeente_base:
            rate: Decimal | None = Decimal(gemeente_count.count) / gemeente_base
        else:
            total_base = sum((Decimal(base) for _w, _c, base in prepared), Decimal(0))
            total = sum((count for _w, count, _b in prepared), Decimal(0))
            rate = total / total_base if total_base else None
        rankings.append(
            ProvisionRanking(
                gemeente=gemeente,
                category=categories[category_id],
                year=year,
                rows=rank_rows(prepared, rate) if rate is not None else [],
                without_data=without if rate is not None else list(wijken),
                is_demo=any(c.is_demo for c in by_area_year.values()),
            )
        )
    return sorted(rankings, key=lambda r: (r.category.order, r.category.code))


@dataclass(frozen=True)
class ProvisionTable:
    """The gemeente's wijken × categories of beschikkingen, each cell the comparison."""

    rankings: list[ProvisionRanking]
    rows: list[tuple[Area, list[RankRow | None]]]

    @property
    def is_demo(self) -> bool:
        return any(r.is_demo for r in self.rankings)


def provision_table(gemeente: Area) -> ProvisionTable:
    rankings = [r for r in rank_provisions(gemeente) if r.rows]
    wijken = {row.area.pk: row.area for r in rankings for row in r.rows}
    for ranking in rankings:
        wijken.update({w.pk: w for w in ranking.without_data})
    rows = [
        (wijk, [ranking.row_for(wijk) for ranking in rankings])
        for wijk in sorted(wijken.values(), key=lambda w: w.name)
    ]
    return ProvisionTable(rankings, rows)
