"""HSDS 3.1 interoperability of the sociale kaart: import and export.

``import_hsds(data, filename, by=user)`` reads nested JSON (a service, an
organization, a list, or the API's paginated ``{"contents": [...]}``),
tabular JSON or a CSV datapackage (zip) and saves it all-or-nothing.
``export_hsds("hsds-json" | "hsds-csv", out)`` writes the whole directory.
"""

from __future__ import annotations

from typing import Any, BinaryIO, Literal

from collectief.directory.hsds.exporter import export_csv, export_json
from collectief.directory.hsds.importer import ImportResult, Problem, import_hsds

FORMATS = ("hsds-json", "hsds-csv")


def export_hsds(fmt: Literal["hsds-json", "hsds-csv"] | str, out: BinaryIO, **options: Any) -> int:
    """Write the directory as HSDS to ``out``; returns the number of services written."""
    if fmt == "hsds-json":
        return export_json(out, **options)
    if fmt == "hsds-csv":
        return export_csv(out)
    raise ValueError(f"Unknown HSDS export format: {fmt!r} (use one of {FORMATS})")


__all__ = ["FORMATS", "ImportResult", "Problem", "export_hsds", "import_hsds"]
