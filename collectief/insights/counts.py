"""Beschikkingen per area × category × year from a CSV or XLSX file (issue 12 point 2).

The file has one row per area, category and year with a number; never a
person. Columns (Dutch headers, English also accepted)::

    gebied;categorie;jaar;aantal
    WK034408;wmo-begeleiding;2024;212

``gebied`` is a CBS code of a gemeente, wijk or buurt that is in Collectief
(an unknown one is reported, never created), ``categorie`` the code of a
provision category (the standard list below, editable in the admin).
All or nothing: every problem is listed with its row and column.

What leaves Collectief of these numbers goes through ``lib.disclosure``
(``collectief wijkbeeld show``): counts of 1-9 as "<10", the rest rounded to 5.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collectief.areas.importing import Problem
from collectief.areas.models import Area
from collectief.audit.services import record_event
from collectief.directory.models import TaxonomyTerm
from collectief.directory.taxonomy_data import ensure_taxonomies
from collectief.insights.models import ProvisionCategory, ProvisionCount
from collectief.insights.services import CbsImportError
from collectief.lib import cbs, reading, tabular

MAX_PROBLEMS = 200
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_COUNT = 10_000_000
L = ProvisionCategory.Law
# Our own codes, grouped like the iWmo/iJw product categories; names and themes editable.
STANDARD_CATEGORIES = [
    ("wmo-huishoudelijke-hulp", "Hulp bij het huishouden", L.WMO, ["mantelzorg"]),
    ("wmo-begeleiding", "Begeleiding", L.WMO, ["psychische-gezondheid", "eenzaamheid"]),
    ("wmo-dagbesteding", "Dagbesteding", L.WMO, ["werk-en-dagbesteding", "ontmoeting"]),
    (
        "wmo-hulpmiddelen-en-woonvoorzieningen",
        "Hulpmiddelen en woonvoorzieningen",
        L.WMO,
        ["wonen", "gezondheid-en-bewegen"],
    ),
    (
        "wmo-beschermd-wonen",
        "Beschermd wonen en opvang",
        L.WMO,
        ["psychische-gezondheid", "wonen"],
    ),
    ("jeugd-ambulant", "Jeugdhulp ambulant", L.JEUGDWET, ["opvoeden-en-opgroeien"]),
    ("jeugd-verblijf", "Jeugdhulp met verblijf", L.JEUGDWET, ["opvoeden-en-opgroeien"]),
    ("jeugd-ggz", "Jeugd-ggz", L.JEUGDWET, ["opvoeden-en-opgroeien", "psychische-gezondheid"]),
    (
        "participatiewet-bijstand",
        "Bijstand",
        L.PARTICIPATIEWET,
        ["geldzorgen-en-schulden", "werk-en-dagbesteding"],
    ),
    ("schuldhulpverlening", "Schuldhulpverlening", L.SCHULDHULP, ["geldzorgen-en-schulden"]),
]
HEADERS = {
    "area": ("gebied", "area", "code", "regiocode", "wijkenenbuurten"),
    "category": ("categorie", "category", "productcategorie"),
    "year": ("jaar", "year", "perioden"),
    "count": ("aantal", "count", "beschikkingen"),
}


def ensure_categories() -> list[ProvisionCategory]:
    """Create the standard categories that do not exist yet (an edited one is left alone)."""
    existing = {c.code: c for c in ProvisionCategory.objects.all()}
    missing = [row for row in STANDARD_CATEGORIES if row[0] not in existing]
    if missing:
        ensure_taxonomies()
        themes = {t.code: t for t in TaxonomyTerm.objects.themes()}
        for order, (code, name, law, theme_codes) in enumerate(STANDARD_CATEGORIES):
            if code in existing:
                continue
            category = ProvisionCategory.objects.create(
                code=code, name=name, law=law, order=(order + 1) * 10
            )
            category.themes.set([themes[c] for c in theme_codes if c in themes])
            existing[code] = category
    return sorted(existing.values(), key=lambda c: (c.order, c.code))


@dataclass
class CountsResult:
    rows: int
    years: list[int]
    # Rows per (year, category name), so the upload page can say what came in.
    per_year_category: dict[tuple[int, str], int] = field(default_factory=dict)

    def summary(self) -> str:
        return ngettext(
            "%(rows)s number of beschikkingen imported (years: %(years)s).",
            "%(rows)s numbers of beschikkingen imported (years: %(years)s).",
            self.rows,
        ) % {"rows": self.rows, "years": ", ".join(str(y) for y in self.years)}


def _place(row: int, column: str) -> str:
    return _("row %(row)s, column '%(column)s'") % {"row": row, "column": column}


def _columns(table: tabular.Table) -> tuple[dict[str, str], list[Problem]]:
    found: dict[str, str] = {}
    for header in table.headers:
        key = header.strip().lower()
        for name, options in HEADERS.items():
            if key in options and name not in found:
                found[name] = header
    missing = [HEADERS[name][0] for name in HEADERS if name not in found]
    if missing:
        return found, [
            Problem(
                _("row 1"),
                _("These columns are missing: %(columns)s. Use gebied;categorie;jaar;aantal.")
                % {"columns": ", ".join(missing)},
            )
        ]
    return found, []


@transaction.atomic
def import_counts(
    data: bytes, filename: str = "", *, by: Any = None, gemeente: Area | None = None
) -> CountsResult:
    """Import beschikkingen counts; all-or-nothing (CbsImportError with every problem).

    With ``gemeente`` (the upload page of a gemeente organisation) every area
    must lie in that gemeente: a member may only supply their own numbers.
    """
    try:
        table = tabular.read_table(data, filename)
    except reading.TableError as exc:
        raise CbsImportError(str(exc)) from exc
    columns, problems = _columns(table)
    if problems:
        raise CbsImportError(problems[0].message, problems)
    categories = {c.code: c for c in ensure_categories()}
    codes = {cbs.normalise_code(r.get(columns["area"])) for r in table.rows}
    areas = {
        a.code: a for a in Area.objects.select_related("parent__parent").filter(code__in=codes)
    }
    parsed: dict[tuple[int, int, int], tuple[Area, ProvisionCategory, int, int]] = {}
    for row in table.rows:
        found = _check_row(row, columns, areas, categories, problems)
        if found is None:
            continue
        area, category, year, _count = found
        if gemeente is not None and area.municipality.pk != gemeente.pk:
            problems.append(
                Problem(
                    _place(row.number, columns["area"]),
                    _("'%(code)s' is not in %(gemeente)s.")
                    % {"code": area.code, "gemeente": gemeente.name},
                )
            )
            continue
        key = (area.pk, category.pk, year)
        if key in parsed:
            problems.append(
                Problem(
                    _place(row.number, columns["area"]),
                    _("%(area)s, %(category)s, %(year)s occurs twice.")
                    % {"area": area.code, "category": category.code, "year": year},
                )
            )
            continue
        parsed[key] = found
    if problems:
        raise CbsImportError(
            ngettext(
                "Nothing was imported: the file has %(count)s problem.",
                "Nothing was imported: the file has %(count)s problems.",
                len(problems),
            )
            % {"count": len(problems)},
            problems[:MAX_PROBLEMS],
        )
    if not parsed:
        raise CbsImportError(_("The file holds no rows."))
    ProvisionCount.objects.bulk_create(
        [ProvisionCount(area=a, category=c, year=y, count=n) for a, c, y, n in parsed.values()],
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["area", "category", "year"],
        update_fields=["count", "is_demo", "imported_at"],
    )
    gemeenten = {a.municipality for a, _c, _y, _n in parsed.values()}
    for municipality in sorted(gemeenten, key=lambda g: g.code):
        record_event(
            "insights.import_counts",
            municipality,
            by=by,
            details={
                "file": filename,
                "rows": sum(1 for a, *_ in parsed.values() if a.municipality == municipality),
            },
        )
    per_year_category: dict[tuple[int, str], int] = {}
    for _a, category, year, _n in parsed.values():
        year_category = (year, category.name)
        per_year_category[year_category] = per_year_category.get(year_category, 0) + 1
    return CountsResult(
        rows=len(parsed),
        years=sorted({y for _a, _c, y, _n in parsed.values()}),
        per_year_category=dict(sorted(per_year_category.items())),
    )


def _check_row(
    row: tabular.Row,
    columns: dict[str, str],
    areas: dict[str, Area],
    categories: dict[str, ProvisionCategory],
    problems: list[Problem],
) -> tuple[Area, ProvisionCategory, int, int] | None:
    before = len(problems)
    code = cbs.normalise_code(row.get(columns["area"]))
    area = areas.get(code)
    if area is None:
        problems.append(
            Problem(
                _place(row.number, columns["area"]),
                _("'%(code)s' is not an area in Collectief. Import the areas first.")
                % {"code": code},
            )
        )
    category = categories.get(row.get(columns["category"]).strip().lower())
    if category is None:
        problems.append(
            Problem(
                _place(row.number, columns["category"]),
                _("'%(value)s' is not a category. Categories: %(known)s.")
                % {"value": row.get(columns["category"]).strip(), "known": ", ".join(categories)},
            )
        )
    year = cbs.year_from_period(row.get(columns["year"]))
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        problems.append(
            Problem(
                _place(row.number, columns["year"]),
                _("'%(value)s' is not a year, for example 2024.")
                % {"value": row.get(columns["year"]).strip()},
            )
        )
    text = row.get(columns["count"]).strip()
    count = int(text) if text.lstrip("-").isdigit() else None
    if count is None or count < 0 or count > MAX_COUNT:
        problems.append(
            Problem(
                _place(row.number, columns["count"]),
                _("'%(value)s' is not a number of beschikkingen (a whole number, 0 or more).")
                % {"value": text[:40]},
            )
        )
    if len(problems) > before or area is None or category is None or year is None or count is None:
        return None
    return area, category, year, count
