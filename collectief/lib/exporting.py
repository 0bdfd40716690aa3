"""Writing CSV and XLSX for people who open them in a spreadsheet.

Every CSV/XLSX export goes through :func:`write_csv` / :func:`write_xlsx`, so
two promises hold everywhere (docs/security.md, issue 8 point 7 and issue 10
point 10):

- **No formulas from respondents or imports.** A text cell that starts with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a
  formula by Excel, LibreOffice or Google Sheets (``=HYPERLINK(…)``,
  ``=cmd|' /C calc'!A0``). :func:`safe_cell` prefixes it with a single quote,
  as the OWASP guidance on CSV injection says. Numbers stay numbers, and text
  made only of digits and number signs (``-5``, ``+31 20 123 4567``,
  ``-3,5``) stays as it is: it cannot call anything.
- **Dutch spreadsheets.** A ``;``-separated CSV (``dutch=True``, the default)
  is what Excel opens in the Netherlands: it gets a BOM, and its numbers get a
  decimal comma. A ``,``-separated CSV is a machine format (the CLI's CSV) and
  keeps decimal points. Headers are the caller's: translated for people,
  stable codes for machines.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Digits with signs, separators, brackets, percent and time colons: harmless
# even when a spreadsheet reads it as a formula (no names, no references).
_NUMBER_LIKE = re.compile(r"[+\-]?[0-9][0-9 +\-.,()/:%]*")


def safe_cell(value: Any) -> Any:
    """The value, with text that a spreadsheet would run as a formula neutralised."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _NUMBER_LIKE.fullmatch(value)
    ):
        return "'" + value
    return value


def unquote_cell(value: str) -> str:
    """Undo :func:`safe_cell` when a file we wrote is read back (a figures or HSDS round trip)."""
    if value.startswith("'") and value[1:2] in FORMULA_START and value[1:2]:
        return value[1:]
    return value


def csv_number(value: float | Decimal, *, dutch: bool) -> str:
    """A number for CSV: decimal comma for Dutch spreadsheets, no thousands separator."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = repr(value)
    return text.replace(".", ",") if dutch else text


def _csv_value(value: Any, *, dutch: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        return csv_number(value, dutch=dutch)
    return safe_cell(str(value))


def write_csv(headers: list[str], rows: list[list[Any]], *, excel_friendly: bool = True) -> bytes:
    """CSV bytes. ``excel_friendly``: ``;``, decimal commas and a BOM, for Dutch Excel."""
    dutch = excel_friendly
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if dutch else ",")
    writer.writerow([safe_cell(str(h)) for h in headers])
    writer.writerows([[_csv_value(v, dutch=dutch) for v in row] for row in rows])
    prefix = "\ufeff" if dutch else ""
    return (prefix + buffer.getvalue()).encode("utf-8")


def write_xlsx(sheets: dict[str, tuple[list[str], list[list[Any]]]]) -> bytes:
    """An XLSX workbook with one sheet per entry: name -> (headers, rows).

    Text is always written as a text cell (openpyxl would store a string that
    starts with ``=`` as a formula) and neutralised like in CSV; numbers and
    dates keep their type.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    bold = Font(bold=True)
    for name, (headers, rows) in sheets.items():
        sheet = workbook.create_sheet(title=name[:31])
        for line, values in enumerate([headers, *rows], start=1):
            for column, value in enumerate(values, start=1):
                if value is None:
                    continue
                cell: Any = sheet.cell(row=line, column=column)
                if isinstance(value, str):
                    cell.value = safe_cell(value)
                    cell.data_type = "s"  # never a formula, whatever openpyxl guesses
                else:
                    cell.value = value
                if line == 1:
                    cell.font = bold
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
