"""Read CSV and XLSX files from other tools into one simple table shape.

Exports from Excel, Google Forms, Microsoft Forms, LimeSurvey, KoboToolbox and
CBS StatLine differ in delimiter (``,`` ``;`` tab), encoding (UTF-8 with or
without BOM, Windows-1252, sometimes UTF-16) and cell types. Importers get a
``Table`` of strings with the row number as the user sees it in a spreadsheet
(the header is row 1), so that error messages can name "rij 7, kolom 'Datum'".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

DELIMITERS = (",", ";", "\t", "|")
MAX_BYTES = 50 * 1024 * 1024


class TableError(ValueError):
    """The file cannot be read as a table; the message is for the user."""


@dataclass
class Row:
    number: int
    values: dict[str, str]

    def get(self, header: str, default: str = "") -> str:
        return self.values.get(header, default)


@dataclass
class Table:
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-16 (with BOM), UTF-8 (with or without BOM) or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise TableError(
            _("The file is not in a known text encoding. Save it as CSV UTF-8 and try again.")
        ) from exc


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most columns.

    Quoted parts are skipped, so a comma inside a quoted question text does
    not count. csv.Sniffer guesses wrong on short files with many commas in
    answers, which is why this looks at the first line only.
    """
    first_line = text.split("\n", 1)[0]
    counts = dict.fromkeys(DELIMITERS, 0)
    in_quotes = False
    for char in first_line:
        if char == '"':
            in_quotes = not in_quotes
        elif not in_quotes and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _clean_header(value: Any, index: int) -> str:
    text = "" if value is None else str(value).strip()
    return text or f"kolom {index + 1}"


def _unique_headers(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for header in headers:
        if header in seen:
            seen[header] += 1
            unique.append(f"{header} ({seen[header]})")
        else:
            seen[header] = 1
            unique.append(header)
    return unique


def read_csv(data: bytes, *, delimiter: str | None = None) -> Table:
    if len(data) > MAX_BYTES:
        raise TableError(_("The file is larger than 50 MB."))
    text, encoding = decode(data)
    if not text.strip():
        raise TableError(_("The file is empty."))
    delimiter = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise TableError(_("The file is not valid CSV: %(error)s") % {"error": exc}) from exc
    headers = _unique_headers([_clean_header(h, i) for i, h in enumerate(records[0])])
    rows = []
    for offset, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        values = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(headers)}
        rows.append(Row(offset, values))
    return Table(headers, rows, encoding=encoding, delimiter=delimiter)


def cell_to_text(value: Any) -> str:
    """Spreadsheet cell as text: 3.0 → "3", dates as ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def read_xlsx_sheets(data: bytes) -> dict[str, Table]:
    """Every sheet of a workbook as a Table, keyed by sheet name."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if len(data) > MAX_BYTES:
        raise TableError(_("The file is larger than 50 MB."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise TableError(_("The file is not a valid Excel workbook (.xlsx).")) from exc
    except Exception as exc:  # zipfile.BadZipFile and friends.
        raise TableError(_("The file is not a valid Excel workbook (.xlsx).")) from exc
    tables = {}
    for sheet in workbook.worksheets:
        iterator = sheet.iter_rows(values_only=True)
        first = next(iterator, None)
        if first is None:
            tables[sheet.title] = Table([], [], sheet=sheet.title)
            continue
        # Trailing empty header cells are formatting, not columns.
        header_cells = list(first)
        while header_cells and (header_cells[-1] is None or str(header_cells[-1]).strip() == ""):
            header_cells.pop()
        headers = _unique_headers([_clean_header(h, i) for i, h in enumerate(header_cells)])
        rows = []
        for number, record in enumerate(iterator, start=2):
            cells = [cell_to_text(v) for v in record[: len(headers)]]
            if not any(cells):
                continue
            values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers)}
            rows.append(Row(number, values))
        tables[sheet.title] = Table(headers, rows, sheet=sheet.title)
    workbook.close()
    return tables


def read_xlsx(data: bytes, sheet: str | None = None) -> Table:
    sheets = read_xlsx_sheets(data)
    if not sheets:
        raise TableError(_("The workbook has no sheets."))
    if sheet is None:
        return next(iter(sheets.values()))
    if sheet not in sheets:
        raise TableError(_("The workbook has no sheet named %(sheet)s.") % {"sheet": sheet})
    return sheets[sheet]


def is_xlsx(data: bytes, filename: str = "") -> bool:
    return filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04"


def read_table(data: bytes, filename: str = "", *, sheet: str | None = None) -> Table:
    """Read a CSV or XLSX file, chosen by its name or its first bytes."""
    if is_xlsx(data, filename):
        return read_xlsx(data, sheet)
    return read_csv(data)


def write_csv(headers: list[str], rows: list[list[Any]], *, excel_friendly: bool = True) -> bytes:
    """CSV bytes; with a BOM so that Excel opens UTF-8 correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if excel_friendly else ",")
    writer.writerow(headers)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    prefix = "\ufeff" if excel_friendly else ""
    return (prefix + buffer.getvalue()).encode("utf-8")


def write_xlsx(sheets: dict[str, tuple[list[str], list[list[Any]]]]) -> bytes:
    """An XLSX workbook with one sheet per entry: name -> (headers, rows)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, (headers, rows) in sheets.items():
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
