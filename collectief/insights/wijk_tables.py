"""The tables of the wijk page, built once for the page and for its CSV/XLSX exports.

The page (``views.area_page``) and the downloads (``exports``) both start
from ``wijk_tables``, so a download holds the rows the page shows, with the
values already through the disclosure control (``display`` for CBS counts of
people, ``lib.disclosure.show_count`` for beschikkingen, the signals
summary for rode draden).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.insights.display import value_text
from collectief.insights.models import Indicator, IndicatorValue, ProvisionCount
from collectief.insights.services import Trend, area_trend, provision_counts
from collectief.insights.wijkbeeld import (
    IndicatorLine,
    ProvisionLine,
    WijkPage,
    attach_projects,
    build_wijk_page,
)
from collectief.lib.disclosure import Shown


@dataclass(frozen=True)
class IndicatorTableRow:
    line: IndicatorLine
    value: str
    gemeente: str
    gemeente_year: int | None
    country: str
    country_year: int | None


@dataclass(frozen=True)
class WijkTables:
    page: WijkPage
    indicator_rows: list[IndicatorTableRow]
    # Each category's latest count, with its comparison when the ranking is of that year.
    provision_rows: list[tuple[ProvisionCount, Shown, ProvisionLine | None]]
    trend: Trend
    trend_rows: list[tuple[Indicator, list[str]]]

    @property
    def provisions_demo(self) -> bool:
        return any(item.is_demo for item, _shown, _line in self.provision_rows)

    @property
    def is_demo(self) -> bool:
        return any(line.row.value.is_demo for line in self.page.indicators)


def _text(value: IndicatorValue | None) -> str:
    return value_text(value) if value is not None else ""


def wijk_tables(
    wijk: Area, organisation: Organisation, *, with_signals: bool, today: datetime.date
) -> WijkTables:
    page = build_wijk_page(wijk, with_signals=with_signals, today=today)
    attach_projects(page, organisation)
    trend = area_trend(wijk)
    provision_rows: list[tuple[ProvisionCount, Shown, ProvisionLine | None]] = []
    for item, shown in provision_counts(wijk):
        line = page.provisions.get(item.category_id)
        provision_rows.append(
            (item, shown, line if line is not None and line.ranking.year == item.year else None)
        )
    indicator_rows = [
        IndicatorTableRow(
            line=line,
            value=value_text(line.row.value),
            gemeente=_text(line.row.gemeente),
            gemeente_year=line.row.gemeente.year if line.row.gemeente else None,
            country=_text(line.row.country),
            country_year=line.row.country.year if line.row.country else None,
        )
        for line in page.indicators
    ]
    trend_rows: list[tuple[Indicator, list[str]]] = [
        (indicator, [value_text(v) if v is not None else "–" for v in cells])
        for indicator, cells in trend.rows
    ]
    return WijkTables(page, indicator_rows, provision_rows, trend, trend_rows)


def as_context(tables: WijkTables) -> dict[str, Any]:
    """The template's names for the tables (``insights/area.html``)."""
    return {
        "page": tables.page,
        "indicator_rows": tables.indicator_rows,
        "provision_rows": tables.provision_rows,
        "provisions_demo": tables.provisions_demo,
        "trend": tables.trend,
        "trend_rows": tables.trend_rows,
        "is_demo": tables.is_demo,
    }
