"""The gemeente's heat table as CSV or XLSX (issue 12 point 5), with what the page shows.

One row per wijk; per theme the number the page shows (the smoothed ratio,
or else the ratio, to one decimal), the call in words and whether it is a
gap. Nothing more: no counts, no unrounded ratios, no interval. Where the
page shows "–" (a count of 1–9, a denominator under 50, no figures) the
export has an empty cell, so a download cannot tell more than the page.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from collectief.insights.heat import HeatCell, HeatTable
from collectief.lib import exporting

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def shown_ratio(cell: HeatCell) -> Decimal | None:
    """The number in the page's cell: the smoothed ratio, else the ratio, to one decimal."""
    rank = cell.rank
    if rank is None:
        return None
    value = rank.smoothed if rank.smoothed is not None else rank.ratio
    if value is None:
        return None
    # The page rounds with floatformat:1, which rounds half up on the decimal value.
    return Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def heat_rows(table: HeatTable) -> tuple[list[str], list[list[Any]]]:
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
            values += [shown_ratio(cell), cell.call, _("yes") if cell.gap else _("no")]
        rows.append(values)
    return headers, rows


def export_heat_table(table: HeatTable, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name)."""
    headers, rows = heat_rows(table)
    name = f"wijkbeeld-{table.gemeente.code}"
    if fmt == "xlsx":
        sheet = _("wijken per theme")
        return exporting.write_xlsx({sheet: (headers, rows)}), XLSX_TYPE, f"{name}.xlsx"
    if fmt == "csv":
        return exporting.write_csv(headers, rows), "text/csv; charset=utf-8", f"{name}.csv"
    raise ValueError(f"Unknown format {fmt!r}")
