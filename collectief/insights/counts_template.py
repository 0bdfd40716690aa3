"""The empty template for beschikkingen (issue 12 point 2), as CSV and as XLSX.

The headers come from the importer's own column definition
(``counts.HEADERS``, the first, Dutch name of each column), so the template
and the importer cannot drift apart. The CSV holds the header only: an
example row would be imported with the real numbers if nobody removed it.
The XLSX has the same empty sheet first (the importer reads the first sheet)
and a second sheet "Uitleg" with what goes in each column and the category
codes the importer knows.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from collectief.insights.counts import HEADERS, MAX_COUNT, STANDARD_CATEGORIES
from collectief.insights.models import ProvisionCategory
from collectief.lib import exporting

DATA_SHEET = "beschikkingen"
FILENAME = "beschikkingen-sjabloon"
FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_headers() -> list[str]:
    """The headers as the importer names them first: gebied, categorie, jaar, aantal."""
    return [names[0] for names in HEADERS.values()]


def _categories() -> list[tuple[str, str, str]]:
    """(code, name, law) of every category an import accepts, without writing anything.

    The import adds the standard categories that are missing (``ensure_categories``);
    a download only reads, so the missing standard ones are listed from the code.
    """
    laws = dict(ProvisionCategory.Law.choices)
    stored = {
        c.code: (c.code, c.name, str(laws.get(c.law, c.law)))
        for c in ProvisionCategory.objects.order_by("order", "code")
    }
    for code, name, law, _themes in STANDARD_CATEGORIES:
        stored.setdefault(code, (code, name, str(laws.get(law, law))))
    return list(stored.values())


def _explanation() -> tuple[list[str], list[list[Any]]]:
    area, category, year, count = template_headers()
    rows: list[list[Any]] = [
        [area, _("The CBS code of a gemeente, wijk or buurt that is in Collectief."), "WK034408"],
        [category, _("The code of a category; see the list below."), "wmo-begeleiding"],
        [year, _("The year the beschikkingen are about."), 2024],
        [
            count,
            _("The number of beschikkingen: a whole number from 0 to %(max)s. Never a person.")
            % {"max": f"{MAX_COUNT:,}".replace(",", ".")},
            212,
        ],
        [],
        [
            _("Fill in the first sheet, one row per area, category and year."),
            _(
                "The import is all or nothing: every problem is shown with its row and column, "
                "and nothing is stored until the file is right."
            ),
        ],
        [],
        [_("Category code"), _("Category"), _("Law")],
        *[list(c) for c in _categories()],
    ]
    return [_("Column"), _("What to fill in"), _("Example")], rows


def counts_template(fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the empty template; ValueError for another format."""
    if fmt == "csv":
        content = exporting.write_csv(template_headers(), [])
        return content, "text/csv; charset=utf-8", f"{FILENAME}.csv"
    if fmt == "xlsx":
        content = exporting.write_xlsx(
            {DATA_SHEET: (template_headers(), []), _("Explanation"): _explanation()}
        )
        return content, XLSX_TYPE, f"{FILENAME}.xlsx"
    raise ValueError(f"Unknown format {fmt!r}")
