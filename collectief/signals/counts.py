"""Bulk import of counts per area × theme × month × source (issue 11 point 4).

For teams that register signals in another system: a CSV or XLSX file with
one row per cell, columns ``gebied`` (CBS code or name of a wijk or buurt),
``thema`` (theme code or name), ``maand`` (YYYY-MM), ``bron`` (source role)
and ``aantal`` (a whole number, 0 or more). All or nothing: every problem is
listed by row and column in Dutch and nothing is stored. Importing the same
cell again replaces its number (idempotent per area, theme, month and
source), so a corrected file can simply be imported again.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation
from collectief.audit.services import record_event
from collectief.lib import tabular
from collectief.signals import services
from collectief.signals.importing import RowError, find_area
from collectief.signals.models import ImportedCount, SourceRole

HEADERS = ["gebied", "thema", "maand", "bron", "aantal"]
TEMPLATE_ROWS = [
    ["WK003402", "geldzorgen-en-schulden", "2025-01", "wijkteam", 14],
    ["Kruidenwijk", "Wonen", "2025-01", "corporatie", 0],
]
MAX_COUNT = 1_000_000


class CountsImportError(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass(frozen=True)
class CountsResult:
    created: int
    updated: int


def template_csv() -> bytes:
    return tabular.write_csv(HEADERS, TEMPLATE_ROWS)


def template_xlsx() -> bytes:
    return tabular.write_xlsx({"aantallen": (HEADERS, TEMPLATE_ROWS)})


def _month(value: str) -> datetime.date | None:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", value.strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < 1900:
        return None
    return datetime.date(year, month, 1)


def import_counts(
    organisation: Organisation, data: bytes, filename: str, *, by: Any
) -> CountsResult:
    try:
        table = tabular.read_table(data, filename)
    except tabular.TableError as error:
        raise CountsImportError([RowError(0, "-", str(error))]) from error
    missing = [header for header in HEADERS if header not in [h.lower() for h in table.headers]]
    if missing:
        raise CountsImportError(
            [RowError(1, ", ".join(missing), _("This column is missing. Use the template."))]
        )
    themes = list(services.theme_terms())
    by_code = {theme.code: theme for theme in themes}
    by_name = {theme.name.lower(): theme for theme in themes}
    this_month = timezone.localdate().replace(day=1)
    errors: list[RowError] = []
    cells: dict[tuple[int, Any, datetime.date, str], tuple[int, int]] = {}
    for row in table.rows:
        values = {key.strip().lower(): (value or "").strip() for key, value in row.values.items()}
        if not any(values.values()):
            continue
        number = row.number
        area = find_area(values["gebied"])
        if area is None:
            errors.append(
                RowError(
                    number,
                    "gebied",
                    _("Unknown wijk or buurt (give the CBS code or the exact name)."),
                )
            )
        theme = by_code.get(values["thema"]) or by_name.get(values["thema"].lower())
        if theme is None:
            errors.append(
                RowError(
                    number,
                    "thema",
                    _("Unknown theme: %(codes)s.") % {"codes": values["thema"] or "–"},
                )
            )
        month = _month(values["maand"])
        if month is None:
            errors.append(
                RowError(number, "maand", _("Write the month as YYYY-MM, for example 2025-03."))
            )
        elif month > this_month:
            errors.append(RowError(number, "maand", _("This month lies in the future.")))
        source = values["bron"].lower() or SourceRole.WIJKTEAM
        if source not in SourceRole.values:
            errors.append(
                RowError(
                    number,
                    "bron",
                    _("Unknown source; use one of: %(values)s.")
                    % {"values": ", ".join(SourceRole.values)},
                )
            )
        count_text = (
            values["aantal"].replace(".0", "")
            if values["aantal"].endswith(".0")
            else values["aantal"]
        )
        if not re.fullmatch(r"\d+", count_text):
            errors.append(RowError(number, "aantal", _("Give a whole number of 0 or more.")))
            count = None
        else:
            count = int(count_text)
            if count > MAX_COUNT:
                errors.append(RowError(number, "aantal", _("This number is implausibly large.")))
        if area is None or theme is None or month is None or count is None:
            continue
        key = (area.pk, theme.pk, month, source)
        if key in cells:
            errors.append(
                RowError(
                    number,
                    "gebied",
                    _("The same area, theme, month and source as row %(row)d.")
                    % {"row": cells[key][1]},
                )
            )
            continue
        cells[key] = (count, number)
    if not table.rows:
        errors.append(RowError(0, "-", _("The file contains no rows.")))
    if errors:
        raise CountsImportError(errors)
    return _store(organisation, cells, by=by)


@transaction.atomic
def _store(
    organisation: Organisation, cells: dict[Any, tuple[int, int]], *, by: Any
) -> CountsResult:
    created = updated = 0
    for (area_id, theme_id, month, source), (count, _row) in cells.items():
        _obj, was_created = ImportedCount.objects.update_or_create(
            organisation=organisation,
            area_id=area_id,
            theme_id=theme_id,
            period=month,
            source_role=source,
            defaults={
                "count": count,
                "created_by": by if getattr(by, "is_authenticated", False) else None,
            },
        )
        created += was_created
        updated += not was_created
    record_event(
        "signal.counts_import",
        organisation,
        by=by,
        organisation_id=organisation.pk,
        details={"created": created, "updated": updated},
    )
    return CountsResult(created, updated)
