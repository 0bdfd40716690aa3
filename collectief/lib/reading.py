"""The one reading layer for uploaded files: limits on what a file unpacks to.

A file's size says little about what reading it costs: a 1 MB workbook can hold
a gigabyte of spaces, a 77 KB sparse sheet claims 17 billion cells, a zip can
lie about the size of its members and 100,000 nested brackets crash the JSON
parser. Every import (survey answers, figures, areas, HSDS, XLSForm, change
stories) reads through this module and :mod:`collectief.lib.tabular`, which
count what is actually read while streaming and stop as soon as a limit is hit:

- ``IMPORT_MAX_UNPACKED_BYTES``: bytes after decompression (zip members and
  XLSX parts are counted as they are read, declared sizes are never trusted);
- ``IMPORT_MAX_ROWS``, ``IMPORT_MAX_COLUMNS``, ``IMPORT_MAX_CELLS``: the table
  shape, checked against a sheet's declared dimension before reading it and
  again while reading;
- ``IMPORT_MAX_CELL_CHARS``: one cell (Excel's own maximum is 32,767);
- ``IMPORT_MAX_JSON_BYTES`` and ``IMPORT_MAX_JSON_DEPTH``: checked before the
  JSON parser runs, so a deep document never reaches Python's recursion limit;
- ``IMPORT_TIME_LIMIT``: seconds of reading for one import.

A limit that is hit raises :class:`ReadLimitError`, a :class:`TableError` with
a Dutch message naming the limit (and the row or column where known), so every
importer's existing error path shows it. Defaults keep one import under
300 MB of memory (``bench/imports_memory.py``, ``docs/performance.md``).
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULTS = {
    "IMPORT_MAX_UNPACKED_BYTES": 100 * 1024 * 1024,
    "IMPORT_MAX_ROWS": 100_000,
    "IMPORT_MAX_COLUMNS": 2_000,
    "IMPORT_MAX_CELLS": 2_000_000,
    "IMPORT_MAX_CELL_CHARS": 32_767,
    "IMPORT_MAX_JSON_BYTES": 30 * 1024 * 1024,
    "IMPORT_MAX_JSON_DEPTH": 64,
    "IMPORT_MAX_ZIP_MEMBERS": 1_000,
    "IMPORT_TIME_LIMIT": 120,
}
CHUNK = 64 * 1024


class TableError(ValueError):
    """The file cannot be read; the message is for the user."""


class ReadLimitError(TableError):
    """The file exceeds one of the reading limits; the message names it."""


Where = str | Callable[[], str]


def _place(where: Where, message: str) -> str:
    """Prefix the message with the place; a callable place is only worked out on failure."""
    text = where() if callable(where) else where
    return f"{text}: {message}" if text else message


def _mb(value: int) -> str:
    return f"{value / 1024 / 1024:.0f}"


@dataclass(frozen=True)
class Limits:
    unpacked_bytes: int
    rows: int
    columns: int
    cells: int
    cell_chars: int
    json_bytes: int
    json_depth: int
    zip_members: int
    seconds: float

    @classmethod
    def from_settings(cls) -> Limits:
        def get(name: str) -> int:
            return int(getattr(settings, name, DEFAULTS[name]))

        return cls(
            unpacked_bytes=get("IMPORT_MAX_UNPACKED_BYTES"),
            rows=get("IMPORT_MAX_ROWS"),
            columns=get("IMPORT_MAX_COLUMNS"),
            cells=get("IMPORT_MAX_CELLS"),
            cell_chars=get("IMPORT_MAX_CELL_CHARS"),
            json_bytes=get("IMPORT_MAX_JSON_BYTES"),
            json_depth=get("IMPORT_MAX_JSON_DEPTH"),
            zip_members=get("IMPORT_MAX_ZIP_MEMBERS"),
            seconds=float(get("IMPORT_TIME_LIMIT")),
        )


@dataclass
class Budget:
    """What one import may still read; shared by every file of that import (a zip's members)."""

    limits: Limits = field(default_factory=Limits.from_settings)
    started: float = field(default_factory=time.monotonic)
    unpacked: int = 0
    cells: int = 0

    def check_time(self) -> None:
        if time.monotonic() - self.started > self.limits.seconds:
            raise ReadLimitError(
                _("Reading the file takes longer than %(seconds)d seconds; it was stopped.")
                % {"seconds": self.limits.seconds}
            )

    def add_bytes(self, count: int, where: Where = "") -> None:
        self.unpacked += count
        if self.unpacked > self.limits.unpacked_bytes:
            message = _("The file unpacks to more than %(mb)s MB; that is the limit.") % {
                "mb": _mb(self.limits.unpacked_bytes)
            }
            raise ReadLimitError(_place(where, message))
        self.check_time()

    def check_rows(self, rows: int, where: Where = "") -> None:
        if rows > self.limits.rows:
            message = _("The file has more than %(max)s rows; that is the limit.") % {
                "max": f"{self.limits.rows:,}".replace(",", ".")
            }
            raise ReadLimitError(_place(where, message))

    def check_columns(self, columns: int, where: Where = "") -> None:
        if columns > self.limits.columns:
            message = _("The file has more than %(max)s columns; that is the limit.") % {
                "max": f"{self.limits.columns:,}".replace(",", ".")
            }
            raise ReadLimitError(_place(where, message))

    def add_cells(self, count: int, where: Where = "") -> None:
        self.cells += count
        if self.cells > self.limits.cells:
            message = _("The file has more than %(max)s cells; that is the limit.") % {
                "max": f"{self.limits.cells:,}".replace(",", ".")
            }
            raise ReadLimitError(_place(where, message))

    def check_cell(self, value: str, where: Where) -> None:
        if len(value) > self.limits.cell_chars:
            message = _("the cell holds more than %(max)s characters; that is the limit.") % {
                "max": f"{self.limits.cell_chars:,}".replace(",", ".")
            }
            raise ReadLimitError(_place(where, message))


# --- zip ---------------------------------------------------------------------------


class SafeZip:
    """A zip archive whose members are read with the bytes counted as they come out.

    A member's declared size in the central directory is written by whoever
    made the file; a zip bomb under-declares it. Only the bytes actually
    produced by the decompressor count.
    """

    def __init__(self, data: bytes, budget: Budget) -> None:
        self.budget = budget
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise TableError(_("The file is not a valid zip file.")) from exc
        members = self.archive.infolist()
        if len(members) > budget.limits.zip_members:
            raise ReadLimitError(
                _("The zip file holds more than %(max)d files; that is the limit.")
                % {"max": budget.limits.zip_members}
            )
        self.members = members

    def chunks(self, info: zipfile.ZipInfo) -> Any:
        """Yield the member's bytes in chunks, counting them against the budget."""
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    self.budget.add_bytes(len(chunk), info.filename)
                    yield chunk
                # zipfile stops at the declared size; a decompressor that has
                # not reached the end of its stream means the member holds more
                # than it declares, and another reader (openpyxl reads whole
                # parts at once) would unpack all of it.
                decompressor = getattr(stream, "_decompressor", None)
                if decompressor is not None and not getattr(decompressor, "eof", True):
                    raise ReadLimitError(
                        _(
                            "%(file)s in the zip file holds more than it declares; "
                            "the file was refused."
                        )
                        % {"file": info.filename}
                    )
        except ReadLimitError:
            raise
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            ValueError,
            NotImplementedError,
        ) as exc:
            raise TableError(
                _("%(file)s in the zip file cannot be unpacked.") % {"file": info.filename}
            ) from exc

    def read(self, info: zipfile.ZipInfo) -> bytes:
        return b"".join(self.chunks(info))


def open_zip(data: bytes, budget: Budget | None = None) -> SafeZip:
    return SafeZip(data, budget or Budget())


# --- JSON ----------------------------------------------------------------------------

# A JSON string (skipped) or a bracket (counted); one pass, no recursion.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def check_json_depth(text: str, max_depth: int) -> None:
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        piece = match.group()
        if piece in "[{":
            depth += 1
            if depth > max_depth:
                line = text.count("\n", 0, match.start()) + 1
                raise ReadLimitError(
                    _(
                        "Line %(line)d: the JSON is nested more than %(max)d levels deep; "
                        "that is the limit."
                    )
                    % {"line": line, "max": max_depth}
                )
        elif piece in "]}":
            depth -= 1


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-16 (with BOM), UTF-8 (with or without BOM) or Windows-1252.

    A file that says it is UTF-8 (a BOM) but holds bytes that are not is refused
    with the line of the first bad byte, rather than silently read as another
    encoding; without a BOM, Windows-1252 is the usual other guess in Dutch offices.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise TableError(
                _(
                    "The file says it is UTF-16 but is not: near byte %(byte)d. "
                    "Save it as CSV UTF-8 and try again."
                )
                % {"byte": exc.start}
            ) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise TableError(
                _(
                    "Line %(line)d: the file says it is UTF-8 but holds characters that are "
                    "not UTF-8. Save it again as CSV UTF-8 and try again."
                )
                % {"line": _line_of(data, exc.start + 3)}
            ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise TableError(
            _(
                "Line %(line)d: the file is not in a known text encoding. "
                "Save it as CSV UTF-8 and try again."
            )
            % {"line": _line_of(data, exc.start)}
        ) from exc


def read_json(data: bytes, budget: Budget | None = None) -> Any:
    """Parse JSON bytes (UTF-8) within the limits.

    Raises :class:`TableError` with a Dutch message for text that is not JSON
    (with line and column) and :class:`ReadLimitError` for a limit.
    """
    budget = budget or Budget()
    if len(data) > budget.limits.json_bytes:
        raise ReadLimitError(
            _("The JSON file is larger than %(mb)s MB; that is the limit.")
            % {"mb": _mb(budget.limits.json_bytes)}
        )
    # JSON is UTF-8 (RFC 8259); a BOM is tolerated because Windows tools write one.
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TableError(
            _("Line %(line)d: the file is not UTF-8 text. Save it as UTF-8 and try again.")
            % {"line": _line_of(data, start + exc.start)}
        ) from exc
    check_json_depth(text, budget.limits.json_depth)
    budget.check_time()
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TableError(
            _("The file is not valid JSON: line %(line)d, column %(column)d: %(reason)s.")
            % {"line": exc.lineno, "column": exc.colno, "reason": exc.msg}
        ) from exc
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise ReadLimitError(_("The JSON is nested too deeply.")) from exc
