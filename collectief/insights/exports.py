"""Every wijkbeeld table as CSV or XLSX (issue 12 point 5), with what the page shows.

One function per table on the pages; each takes the objects the page is
rendered from (the heat table, a theme's ranking, the beschikkingen table,
the wijk page's tables) and writes the cells the page shows, nothing more:

- counts as published (``lib.disclosure``: "<10" for 0–9, the rest rounded
  to 5) — the text "<10" where the page has it, never the count behind it;
- ratios and intervals to one decimal and expected counts to whole numbers,
  rounded half up as the page's ``floatformat`` does, so a download is no
  more precise than the page;
- an empty cell where the page shows "–" (a count under 10, a denominator
  under 50, no figures);
- no totals, no unrounded ratios, no smoothed ratio where the page shows the
  plain one, and the rode draden only for a user whose page shows them.

Headers are Dutch for people; the CSV is ``;``-separated with decimal
commas for Dutch Excel (``lib.exporting``).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from collectief.insights.display import published_number, status_text
from collectief.insights.heat import HeatTable
from collectief.insights.provision_ranking import ProvisionTable
from collectief.insights.ranking import RankRow
from collectief.insights.theme_ranking import ThemeRanking
from collectief.insights.wijk_tables import WijkTables
from collectief.lib import exporting

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")

Table = tuple[list[str], list[list[Any]]]


def one_decimal(value: float | None) -> Decimal | None:
    """A ratio as the page shows it: to one decimal, half up (``floatformat:1``)."""
    if value is None:
        return None
    return Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def whole(value: float) -> int:
    """An expected count as the page shows it (``floatformat:0``)."""
    return int(Decimal(repr(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def rank_ratio(rank: RankRow | None) -> Decimal | None:
    """The number a heat table's cell shows (``RankRow.shown_ratio``), to one decimal."""
    return None if rank is None else one_decimal(rank.shown_ratio)


def write(fmt: str, name: str, sheet: str, table: Table) -> tuple[bytes, str, str]:
    """(content, content type, file name) of one table; ValueError for an unknown format."""
    headers, rows = table
    if fmt == "xlsx":
        # Excel refuses these characters in a sheet name ("Beschikkingen: Begeleiding").
        title = re.sub(r"[:\\/?*\[\]]", " -", sheet)
        return exporting.write_xlsx({title: (headers, rows)}), XLSX_TYPE, f"{name}.xlsx"
    if fmt == "csv":
        return exporting.write_csv(headers, rows), "text/csv; charset=utf-8", f"{name}.csv"
    raise ValueError(f"Unknown format {fmt!r}")


# --- the gemeente page ------------------------------------------------------------------


def heat_rows(table: HeatTable) -> Table:
    headers = [_("Wijk"), _("CBS code")]
    for theme, indicator in table.columns:
        year = table.years.get(indicator.pk)
        label = f"{theme.name} ({indicator.title}, {year})" if year else theme.name
        headers += [
            _("%(theme)s: times as often") % {"theme": label},
            _("%(theme)s: compared with the municipality") % {"theme": theme.name},
            _("%(theme)s: opportunity for collective provision") % {"theme": theme.name},
        ]
    rows: list[list[Any]] = []
    for row in table.rows:
        values: list[Any] = [row.wijk.name, row.wijk.code]
        for cell in row.cells:
            values += [rank_ratio(cell.rank), cell.call, _("yes") if cell.gap else _("no")]
        rows.append(values)
    return headers, rows


def export_heat_table(table: HeatTable, fmt: str) -> tuple[bytes, str, str]:
    return write(fmt, f"wijkbeeld-{table.gemeente.code}", _("wijken per theme"), heat_rows(table))


def provision_rows(table: ProvisionTable) -> Table:
    """The gemeente page's beschikkingen table: per category the number and the call."""
    headers = [_("Wijk"), _("CBS code")]
    for ranking in table.rankings:
        label = f"{ranking.category.name} ({ranking.year})"
        headers += [
            _("%(category)s: times as often") % {"category": label},
            _("%(category)s: compared with the municipality")
            % {"category": ranking.category.name},
        ]
    rows: list[list[Any]] = []
    for wijk, cells in table.rows:
        values: list[Any] = [wijk.name, wijk.code]
        for rank in cells:
            values += [rank_ratio(rank), rank.call if rank else _("no count")]
        rows.append(values)
    return headers, rows


def export_provision_table(
    table: ProvisionTable, fmt: str, gemeente_code: str
) -> tuple[bytes, str, str]:
    return write(
        fmt,
        f"wijkbeeld-{gemeente_code}-beschikkingen",
        _("beschikkingen per wijk"),
        provision_rows(table),
    )


# --- the theme page ---------------------------------------------------------------------


def ranking_rows(ranking: ThemeRanking) -> Table:
    """The table beside a funnel plot: counted, expected, ratio with interval, call."""
    headers = [
        _("Wijk"),
        _("CBS code"),
        _("counted"),
        _("expected"),
        _("times as often"),
        _("95% interval from"),
        _("95% interval to"),
        _("compared with the municipality"),
    ]
    rows: list[list[Any]] = [
        [
            row.area.name,
            row.area.code,
            row.observed.number_or_sign,
            whole(row.expected),
            one_decimal(row.ratio),
            one_decimal(row.ci95[0]) if row.ci95 else None,
            one_decimal(row.ci95[1]) if row.ci95 else None,
            row.call,
        ]
        for row in ranking.rows
    ]
    return headers, rows


def export_ranking(ranking: ThemeRanking, fmt: str) -> tuple[bytes, str, str]:
    name = f"wijkbeeld-{ranking.gemeente.code}-{ranking.theme.code}-{ranking.source}"
    return write(fmt, name, ranking.title, ranking_rows(ranking))


# --- the wijk page ----------------------------------------------------------------------


def _published(value: Any) -> Any:
    """An indicator value as the page shows it: the number, "<10", or the sign in words."""
    if value is None:
        return None
    number = published_number(value)
    return status_text(value) if number is None else number


def indicator_rows(tables: WijkTables) -> Table:
    page = tables.page
    country = _("Netherlands")
    headers = [
        _("Indicator"),
        page.wijk.name,
        _("%(area)s: year") % {"area": page.wijk.name},
        page.gemeente.name,
        _("%(area)s: year") % {"area": page.gemeente.name},
        country,
        _("%(area)s: year") % {"area": country},
        _("Compared with the municipality"),
        _("95% interval from"),
        _("95% interval to"),
    ]
    rows: list[list[Any]] = []
    for row in tables.indicator_rows:
        line = row.line
        ci95 = line.rank.ci95 if line.rank is not None and line.sentence else None
        rows.append(
            [
                line.row.indicator.title,
                _published(line.row.value),
                line.row.value.year,
                _published(line.row.gemeente),
                row.gemeente_year,
                _published(line.row.country),
                row.country_year,
                line.sentence or None,
                one_decimal(ci95[0]) if ci95 else None,
                one_decimal(ci95[1]) if ci95 else None,
            ]
        )
    return headers, rows


def wijk_provision_rows(tables: WijkTables) -> Table:
    headers = [
        _("Category"),
        _("Law"),
        pgettext("beschikkingen", "Number"),
        _("Year"),
        _("Compared with the municipality"),
        _("95% interval from"),
        _("95% interval to"),
    ]
    rows: list[list[Any]] = []
    for item, shown, line in tables.provision_rows:
        ci95 = line.rank.ci95 if line is not None else None
        rows.append(
            [
                item.category.name,
                item.category.get_law_display(),
                shown.number_or_sign,
                item.year,
                line.sentence if line is not None else None,
                one_decimal(ci95[0]) if ci95 else None,
                one_decimal(ci95[1]) if ci95 else None,
            ]
        )
    return headers, rows


def theme_rows(tables: WijkTables) -> Table:
    """Per theme: the comparisons, the rode draden (when the page shows them), the provision."""
    page = tables.page
    headers = [
        _("Theme"),
        _("Opportunity for collective provision"),
        _("CBS against the municipality"),
    ]
    if page.signals_shown and page.period is not None:
        headers.append(
            _("Rode draden %(month)s") % {"month": date_format(page.period.start, "F Y")}
        )
    headers += [
        _("Collective activities in the wijk"),
        _("Collective activities for the whole municipality"),
        _("Nearby"),
    ]
    rows: list[list[Any]] = []
    for line in page.themes:
        calls = [
            f"{ind.row.indicator.title}: {ind.rank.call}"
            for ind in line.indicators
            if ind.rank is not None
        ] + [
            _("Beschikkingen %(category)s: %(call)s")
            % {"category": p.ranking.category.name, "call": p.rank.call}
            for p in line.provisions
        ]
        values: list[Any] = [
            line.theme.name,
            _("yes") if line.gap else _("no"),
            "; ".join(calls) or None,
        ]
        if page.signals_shown and page.period is not None:
            values.append(line.signals.count.number_or_sign if line.signals else None)
        nearby = (
            ", ".join(m.service.name for m in line.collective_nearby[:3]) if line.higher else ""
        )
        values += [
            line.coverage.here if line.coverage else None,
            line.coverage.wider if line.coverage else None,
            nearby or None,
        ]
        rows.append(values)
    return headers, rows


def trend_rows(tables: WijkTables) -> Table:
    headers = [_("Figure"), *(str(year) for year in tables.trend.years)]
    rows: list[list[Any]] = [
        [indicator.title, *(_published(cell) for cell in cells)]
        for indicator, cells in tables.trend.rows
    ]
    return headers, rows


# The wijk page's tables by the name in their address (``…/<wijk>/<name>.csv``).
WIJK_TABLES: dict[str, tuple[Any, Any]] = {
    "cijfers": (indicator_rows, gettext_lazy("CBS figures")),
    "beschikkingen": (wijk_provision_rows, gettext_lazy("beschikkingen")),
    "themas": (theme_rows, gettext_lazy("per theme")),
    "trend": (trend_rows, gettext_lazy("over the years")),
}


def export_wijk_table(tables: WijkTables, name: str, fmt: str) -> tuple[bytes, str, str]:
    """One table of the wijk page; KeyError for a name that is not one of them."""
    build, sheet = WIJK_TABLES[name]
    return write(fmt, f"wijkbeeld-{tables.page.wijk.code}-{name}", str(sheet), build(tables))
