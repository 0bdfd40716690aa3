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
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from django.utils.translation import gettext as _

from collectief.lib.exporting import safe_cell, unquote_cell, write_csv, write_xlsx
from collectief.lib.reading import (
    Budget,
    ReadLimitError,
    TableError,
    decode,
    open_zip,
)

__all__ = [
    "MAX_BYTES",
    "Budget",
    "ReadLimitError",
    "Row",
    "Table",
    "TableError",
    "count_rows",
    "decode",
    "read_csv",
    "read_table",
    "read_xlsx",
    "read_xlsx_sheets",
    "safe_cell",
    "write_csv",
    "write_xlsx",
]

DELIMITERS = (",", ";", "\t", "|")
MAX_BYTES = 50 * 1024 * 1024
# Parts of a workbook other than sheets and shared strings (styles, themes,
# relationships) are small in any real file; a huge one only costs memory.
MAX_OTHER_PART_BYTES = 10 * 1024 * 1024
# XML escapes make one character up to 6 bytes ("&quot;").
XML_BYTES_PER_CHAR = 6
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s/>]")
_TAIL = 16
# One line with its ending (\r\n, \r or \n, as universal newlines), or the last line without one.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")


@dataclass(slots=True)
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


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most columns.

    Quoted parts are skipped, so a comma inside a quoted question text does
    not count. csv.Sniffer guesses wrong on short files with many commas in
    answers, which is why this looks at the first line only.
    """
    first_line = text[: text.find("\n") if "\n" in text else len(text)]
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


def _row_label(where: str, row: int) -> str:
    label = _("row %(row)d") % {"row": row}
    return f"{where}, {label}" if where else label[:1].upper() + label[1:]


def _unclosed_quote(where: str, row: int, line: int) -> TableError:
    return TableError(
        _(
            '%(where)s (line %(line)d of the file): a quotation mark (") opens a cell that is '
            "not closed properly, so the rows after it would be read as one cell. Check the "
            "quotation marks in this row."
        )
        % {"where": _row_label(where, row), "line": line}
    )


def _swallows_rows(record: list[str], width: int, delimiter: str) -> bool:
    """A quoted cell that holds whole lines of the table: a quote was not closed in time."""
    # With two columns a line of an answer easily holds one delimiter, so a
    # narrow table is only suspect when the row also came out the wrong width.
    if width < 2 or (width == 2 and len(record) == width):
        return False
    for cell in record:
        if "\n" in cell:
            for line in cell.split("\n")[1:]:
                if line.count(delimiter) >= width - 1:
                    return True
    return False


def iter_csv_records(
    text: str, delimiter: str, budget: Budget, where: str = ""
) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every record, the header being row 1, within the limits.

    Strict parsing: a quote that is opened and not closed where a cell ends is
    an error reported with the row (and line) where that cell starts, instead
    of silently reading the rest of the file into one cell.
    """
    limits = budget.limits
    # Lines are cut from the text one at a time: io.StringIO would copy the
    # whole text at four bytes per character first.
    lines = (match.group() for match in _LINE.finditer(text))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    number = 0
    width = 0
    start_line = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = str(exc)
            if "field larger than field limit" in message:
                raise ReadLimitError(
                    _("%(where)s: a cell holds more than %(max)s characters; that is the limit.")
                    % {
                        "where": _row_label(where, number + 1),
                        "max": f"{limits.cell_chars:,}".replace(",", "."),
                    }
                ) from exc
            if "expected after" in message or "unexpected end of data" in message:
                raise _unclosed_quote(where, number + 1, start_line) from exc
            if "NUL" in message:
                raise TableError(
                    _("%(where)s: the file contains a NUL character; it is not a text file.")
                    % {"where": _row_label(where, number + 1)}
                ) from exc
            raise TableError(
                _("%(where)s: the file is not valid CSV (%(error)s).")
                % {"where": _row_label(where, number + 1), "error": message}
            ) from exc
        number += 1
        if number == 1:
            width = len(record)
        elif _swallows_rows(record, width, delimiter):
            raise _unclosed_quote(where, number, start_line)
        start_line = reader.line_num + 1
        budget.check_rows(number - 1, where)
        budget.check_columns(len(record), partial(_row_label, where, number))
        if record and max(map(len, record)) > limits.cell_chars:
            index = max(range(len(record)), key=lambda i: len(record[i]))
            budget.check_cell(
                record[index], f"{_row_label(where, number)}, {_column_letter(index + 1)}"
            )
        if number % 1000 == 0:
            budget.check_time()
        if any(cell[:1] == "'" for cell in record):
            # A quote before a formula sign is our own export's neutralisation.
            record = [unquote_cell(cell) for cell in record]
        yield number, record


def read_csv(data: bytes, *, delimiter: str | None = None, budget: Budget | None = None) -> Table:
    budget = budget or Budget()
    if len(data) > MAX_BYTES:
        raise ReadLimitError(_("The file is larger than 50 MB."))
    budget.add_bytes(len(data))
    text, encoding = decode(data)
    if not text.strip():
        raise TableError(_("The file is empty."))
    delimiter = delimiter or sniff_delimiter(text)
    records = iter_csv_records(text, delimiter, budget)
    _number, first = next(records)
    headers = _unique_headers([_clean_header(h, i) for i, h in enumerate(first)])
    rows = []
    for number, record in records:
        if not any(cell.strip() for cell in record):
            continue
        budget.add_cells(len(headers), partial(_row_label, "", number))
        values = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(headers)}
        rows.append(Row(number, values))
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
    return unquote_cell(str(value).strip())


def _check_xlsx_parts(data: bytes, budget: Budget) -> None:
    """Unpack every part of the workbook once, counting before openpyxl sees it.

    openpyxl would load the shared strings and every style whole, and a cell of
    a gigabyte of spaces with them; here the actual unpacked bytes, the longest
    run of text without markup (one cell or attribute) and the number of shared
    strings are counted while streaming, so nothing big is ever held.
    """
    limits = budget.limits
    archive = open_zip(data, budget)
    longest = limits.cell_chars * XML_BYTES_PER_CHAR
    for info in archive.members:
        name = info.filename.lower()
        is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
        is_strings = name.endswith("sharedstrings.xml")
        # Pictures and other binary parts only count towards the unpacked bytes.
        is_xml = name.endswith((".xml", ".rels", ".vml"))
        part_bytes = 0
        run = 0
        strings = 0
        tail = b""
        for chunk in archive.chunks(info):
            part_bytes += len(chunk)
            if not is_xml:
                continue
            if not (is_sheet or is_strings) and part_bytes > MAX_OTHER_PART_BYTES:
                raise ReadLimitError(
                    _("The workbook part %(part)s is larger than %(mb)d MB; that is the limit.")
                    % {"part": info.filename, "mb": MAX_OTHER_PART_BYTES // 1024 // 1024}
                )
            lead = _TEXT_RUN.match(chunk)
            lead_length = lead.end() if lead else 0
            if lead_length == len(chunk):
                run += lead_length
            else:
                run += lead_length
                if run > longest:
                    break
                last = max(chunk.rfind(b"<"), chunk.rfind(b">"))
                run = len(chunk) - last - 1
                if longest < len(chunk) and re.search(rb"[^<>]{%d,}" % (longest + 1), chunk):
                    run = longest + 1
            if run > longest:
                break
            if is_strings:
                buffer = tail + chunk
                strings += sum(1 for m in _SHARED_STRING.finditer(buffer) if m.end() > len(tail))
                tail = buffer[-_TAIL:]
                if strings > limits.cells:
                    budget.add_cells(strings, info.filename)
        if run > longest:
            raise ReadLimitError(
                _("%(part)s: a cell holds more than %(max)s characters; that is the limit.")
                % {"part": info.filename, "max": f"{limits.cell_chars:,}".replace(",", ".")}
            )


_TEXT_RUN = re.compile(rb"[^<>]*")


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def read_xlsx_sheets(data: bytes, *, budget: Budget | None = None) -> dict[str, Table]:
    """Every sheet of a workbook as a Table, keyed by sheet name."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    budget = budget or Budget()
    if len(data) > MAX_BYTES:
        raise ReadLimitError(_("The file is larger than 50 MB."))
    try:
        _check_xlsx_parts(data, budget)
    except ReadLimitError:
        raise
    except TableError as exc:
        raise TableError(_("The file is not a valid Excel workbook (.xlsx).")) from exc
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise TableError(_("The file is not a valid Excel workbook (.xlsx).")) from exc
    except Exception as exc:  # zipfile.BadZipFile, XML parse errors and friends.
        raise TableError(_("The file is not a valid Excel workbook (.xlsx).")) from exc
    try:
        return {sheet.title: _read_sheet(sheet, budget) for sheet in workbook.worksheets}
    finally:
        workbook.close()


def _read_sheet(sheet: Any, budget: Budget) -> Table:
    limits = budget.limits
    where = _("sheet %(sheet)s") % {"sheet": sheet.title}
    # The declared dimension (<dimension ref="A1:XFD1048576"/>) is checked
    # before a single row is read: openpyxl would pad every row to it.
    declared_rows, declared_columns = sheet.max_row, sheet.max_column
    if declared_rows is not None:
        budget.check_rows(declared_rows - 1, where)
    if declared_columns is not None:
        budget.check_columns(declared_columns, where)
    # Then read as if undeclared (the dimension may lie), guarding every row.
    sheet.reset_dimensions()
    iterator = sheet.iter_rows(values_only=True)
    try:
        first = next(iterator, None)
        if first is None:
            return Table([], [], sheet=sheet.title)
        budget.check_columns(len(first), where)
        # Trailing empty header cells are formatting, not columns.
        header_cells = list(first)
        while header_cells and (header_cells[-1] is None or str(header_cells[-1]).strip() == ""):
            header_cells.pop()
        headers = _unique_headers([_clean_header(h, i) for i, h in enumerate(header_cells)])
        rows = []
        for number, record in enumerate(iterator, start=2):
            budget.check_rows(number - 1, where)
            budget.check_columns(len(record), partial(_row_label, where, number))
            if number % 1000 == 0:
                budget.check_time()
            cells = [cell_to_text(v) for v in record[: len(headers)]]
            if not any(cells):
                continue
            for index, cell in enumerate(cells):
                if len(cell) > limits.cell_chars:
                    budget.check_cell(
                        cell, f"{_row_label(where, number)}, {_column_letter(index + 1)}"
                    )
            budget.add_cells(len(headers), partial(_row_label, where, number))
            values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers)}
            rows.append(Row(number, values))
    except TableError:
        raise
    except Exception as exc:  # XML errors inside a sheet.
        raise TableError(
            _("%(where)s cannot be read: the workbook is damaged.") % {"where": where}
        ) from exc
    return Table(headers, rows, sheet=sheet.title)


def read_xlsx(data: bytes, sheet: str | None = None, *, budget: Budget | None = None) -> Table:
    sheets = read_xlsx_sheets(data, budget=budget)
    if not sheets:
        raise TableError(_("The workbook has no sheets."))
    if sheet is None:
        return next(iter(sheets.values()))
    if sheet not in sheets:
        raise TableError(_("The workbook has no sheet named %(sheet)s.") % {"sheet": sheet})
    return sheets[sheet]


def is_xlsx(data: bytes, filename: str = "") -> bool:
    return filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04"


def read_table(
    data: bytes, filename: str = "", *, sheet: str | None = None, budget: Budget | None = None
) -> Table:
    """Read a CSV or XLSX file, chosen by its name or its first bytes, within the limits."""
    if is_xlsx(data, filename):
        return read_xlsx(data, sheet, budget=budget)
    return read_csv(data, budget=budget)


def count_rows(data: bytes, filename: str = "") -> int:
    """The rows under the header, or 0 when the file cannot be read as a table.

    Decides whether an import runs in the request or in the worker; a file
    that cannot be read goes the short way, where the import reports why.
    """
    try:
        return len(read_table(data, filename).rows)
    except TableError:
        return 0
