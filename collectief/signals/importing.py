"""Signals from a file: the JSON list or CSV of ``collectief signals import``, and export.

All or nothing: every row is checked (area, themes, source, date, note)
and de-identified before anything is written; one problem anywhere and
nothing is stored, with every problem listed by row and column in Dutch.
Error messages never quote the note.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.lib import tabular
from collectief.lib.errors import ServiceError
from collectief.signals import services
from collectief.signals.models import Channel, Signal

COLUMNS = ["area", "themes", "source_role", "date", "text", "age_band"]


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class SignalsImportError(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def read_rows(data: bytes, filename: str = "") -> list[dict[str, Any]]:
    """The rows of a JSON list or a CSV/XLSX file, as dicts with the columns above."""
    stripped = data.lstrip()
    if stripped.startswith(b"[") or filename.endswith(".json"):
        try:
            rows = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise SignalsImportError(
                [
                    RowError(
                        0,
                        "-",
                        _("The file is not valid JSON (%(error)s).")
                        % {"error": type(error).__name__},
                    )
                ]
            ) from error
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise SignalsImportError([RowError(0, "-", _("The JSON must be a list of objects."))])
        return rows
    try:
        table = tabular.read_table(data, filename)
    except tabular.TableError as error:
        raise SignalsImportError([RowError(0, "-", str(error))]) from error
    # "_row" is the line in the file (the header is line 1), for the messages.
    return [
        {"_row": row.number, **{key.strip().lower(): value for key, value in row.values.items()}}
        for row in table.rows
    ]


def find_area(value: str) -> Area | None:
    """A wijk or buurt by CBS code or by name (only when the name is unambiguous)."""
    value = (value or "").strip()
    if not value:
        return None
    levels = services.SIGNAL_AREA_LEVELS
    by_code = Area.objects.filter(code__iexact=value, level__in=levels).first()
    if by_code:
        return by_code
    named = list(
        Area.objects.filter(
            Q(name__iexact=value) | Q(alternative_names__icontains=value), level__in=levels
        )[:2]
    )
    exact = [area for area in named if area.name.lower() == value.lower()]
    if len(exact) == 1:
        return exact[0]
    return named[0] if len(named) == 1 else None


def _themes(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value or "").replace(";", ",").split(",") if part.strip()]


@sensitive_variables("rows", "row", "text", "prepared")
def import_signals(
    organisation: Organisation, rows: list[dict[str, Any]], *, by: Any, channel: str = Channel.CLI
) -> int:
    """Check every row, then store them all (or none); the number stored."""
    terms = {term.code: term for term in services.theme_terms()}
    errors: list[RowError] = []
    prepared: list[dict[str, Any]] = []
    for index, row in enumerate(rows, start=1):
        number = int(row.get("_row", index))
        row_errors: list[RowError] = []
        area = find_area(str(row.get("area", "")))
        if area is None:
            row_errors.append(
                RowError(
                    number,
                    "area",
                    _("Unknown wijk or buurt (give the CBS code or the exact name)."),
                )
            )
        codes = _themes(row.get("themes"))
        unknown = [code for code in codes if code not in terms]
        if not codes:
            row_errors.append(RowError(number, "themes", _("Give at least one theme.")))
        elif unknown:
            row_errors.append(
                RowError(
                    number,
                    "themes",
                    _("Unknown theme: %(codes)s.") % {"codes": ", ".join(unknown[:3])},
                )
            )
        try:
            date = datetime.date.fromisoformat(str(row.get("date", "")).strip()[:10])
        except ValueError:
            row_errors.append(RowError(number, "date", _("Write the date as YYYY-MM-DD.")))
            date = None
        text = row.get("text") or ""
        if not isinstance(text, str):
            row_errors.append(RowError(number, "text", _("The note must be text.")))
            text = ""
        if not row_errors and area is not None and date is not None:
            try:
                services.check_area(area)
                services.check_date(date)
                stored = services.prepare_note(text)
            except ServiceError as error:
                row_errors.append(RowError(number, _column(error.field), error.message))
            else:
                prepared.append(
                    {
                        "area": area,
                        "themes": [terms[code] for code in codes],
                        "date": date,
                        "source_role": str(row.get("source_role") or "wijkteam").strip(),
                        "age_band": str(row.get("age_band") or "").strip(),
                        "redacted_note": stored,
                    }
                )
        errors.extend(row_errors)
    if not rows:
        errors.append(RowError(0, "-", _("The file contains no signals.")))
    if errors:
        raise SignalsImportError(errors)
    with transaction.atomic():
        for number, values in enumerate(prepared, start=1):
            try:
                services.record_signal(organisation, by=by, channel=channel, **values)
            except ServiceError as error:
                raise SignalsImportError(
                    [RowError(number, _column(error.field), error.message)]
                ) from error
    return len(prepared)


def _column(field: str | None) -> str:
    return {"note": "text", None: "-"}.get(field, field or "-")


def export_rows(organisation: Organisation) -> list[dict[str, Any]]:
    signals = (
        Signal.objects.for_organisation(organisation)
        .select_related("area")
        .prefetch_related("themes")
        .order_by("date", "pk")
    )
    return [
        {
            "area": signal.area.code,
            "area_name": signal.area.name,
            "themes": sorted(theme.code for theme in signal.themes.all()),
            "source_role": signal.source_role,
            "date": signal.date.isoformat(),
            "text": signal.note,
            "age_band": signal.age_band,
        }
        for signal in signals
    ]


def export_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*COLUMNS[:1], "area_name", *COLUMNS[1:]])
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "themes": ",".join(row["themes"])})
    return buffer.getvalue()
