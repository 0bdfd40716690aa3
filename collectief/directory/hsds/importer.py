"""Import HSDS 3.1: nested JSON (the API's shape), tabular JSON or a CSV datapackage.

The input is first read completely into HSDS rows (one dict per object,
as in the CSV files), checked as a whole, and only then saved in one
transaction: a file with any problem saves nothing. Every problem names
its JSON path (``services[3].schedules[0].freq``) or CSV file, row and
column. Saving is idempotent by id: importing the same file twice updates
the objects and never duplicates them.

This module is the entry point (:func:`read`, :func:`import_hsds`); the
steps live beside it: ``reading`` (input to rows), ``validation`` (checks
over all rows), ``writing`` (saving) and ``problems`` (what is reported).
The names other code imports from here are re-exported.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from collectief.directory import models as m
from collectief.directory.hsds.problems import (
    MAX_PROBLEMS,
    ImportResult,
    Problem,
    _TooManyProblemsError,
)
from collectief.directory.hsds.reading import (
    API_INFO_KEYS,
    DEFAULT_MAX_BYTES,
    Reader,
    max_bytes,
)
from collectief.directory.hsds.validation import STRICT_REFERENCES, _check
from collectief.directory.hsds.writing import CBS_IDENTIFIER_TYPES, _save, refresh_search_text

__all__ = [
    "API_INFO_KEYS",
    "CBS_IDENTIFIER_TYPES",
    "DEFAULT_MAX_BYTES",
    "MAX_PROBLEMS",
    "STRICT_REFERENCES",
    "ImportResult",
    "Problem",
    "Reader",
    "import_hsds",
    "max_bytes",
    "read",
    "refresh_search_text",
]


def read(data: bytes, filename: str) -> Reader:
    reader = Reader()
    limit = max_bytes()
    if len(data) > limit:
        reader.problems.append(
            Problem(
                filename,
                _("The file is larger than the limit of %(mb)d MB.") % {"mb": limit // 1_000_000},
            )
        )
        return reader
    try:
        name = filename.lower()
        if data[:4] == b"PK\x03\x04" or name.endswith(".zip"):
            reader.read_zip(data)
        elif name.endswith(".csv"):
            reader.read_csv(PurePosixPath(filename).name, data)
        else:
            reader.read_json(data, filename)
        if reader.tables:
            # Also when records were refused: report every problem at once.
            _check(reader)
    except _TooManyProblemsError:
        reader.problems.append(
            Problem("", _("Stopped after %(count)d problems.") % {"count": MAX_PROBLEMS})
        )
    return reader


def import_hsds(data: bytes, filename: str, *, by: Any = None) -> ImportResult:
    """Import an HSDS file; nothing is saved when any problem is found."""
    result = ImportResult()
    reader = read(data, filename)
    if reader.problems:
        result.problems = reader.problems
        return result
    if not reader.tables:
        result.notes.append(_("The file holds no HSDS records."))
        return result
    result.notes.extend(reader.notes)
    with transaction.atomic():
        _save(reader, result)
        from collectief.audit.services import record_event

        run = m.HsdsImport.objects.create(
            filename=filename[:200],
            created=sum(result.created.values()),
            updated=sum(result.updated.values()),
            by=by if getattr(by, "is_authenticated", False) else None,
        )
        record_event(
            "directory.import",
            run,
            by=by,
            details={"created": result.created, "updated": result.updated},
        )
    return result
