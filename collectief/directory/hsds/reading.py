"""Reading HSDS input into rows: nested JSON, tabular JSON, CSV and a zip datapackage.

:class:`Reader` collects one dict per HSDS object (as in the CSV files),
with the place each came from, checking every object against the HSDS JSON
Schema on the way; nested objects are flattened into their tables with the
link to their parent. The type of a top-level JSON object is detected from
its fields or the file name. :func:`max_bytes` is the size limit of a file
(setting ``DIRECTORY_HSDS_MAX_BYTES``).
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from collectief.directory.hsds.problems import (
    MAX_PROBLEMS,
    Problem,
    _as_tuple,
    _path,
    _schema_problem,
    _TooManyProblemsError,
)
from collectief.directory.hsds.schema import (
    EXTRA_ARRAYS,
    EXTRA_SINGLE,
    SINGLE_LINK_COLUMN,
    TypeInfo,
    row_validator,
    type_for_table,
    types,
    validator,
)
from collectief.lib import reading
from collectief.lib.tabular import TableError, decode, iter_csv_records

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
API_INFO_KEYS = {"version", "profile", "openapi_url"}


def max_bytes() -> int:
    return int(getattr(settings, "DIRECTORY_HSDS_MAX_BYTES", DEFAULT_MAX_BYTES))


class Reader:
    """Collects HSDS rows from any supported input, with the place each came from."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, dict[str, Any]]] = {}
        self.origins: dict[tuple[str, str], str] = {}
        self.top: set[tuple[str, str]] = set()
        self.problems: list[Problem] = []
        self.tabular = False
        # Links to objects that are not there, kept as text: (type, id) -> columns.
        self.dangling: dict[tuple[str, str], set[str]] = {}
        self.notes: list[str] = []
        # One budget for the whole import: every member of a zip counts (lib/reading.py).
        self.budget = reading.Budget()

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooManyProblemsError

    # --- rows -----------------------------------------------------------------

    def add_row(self, type_name: str, row: dict[str, Any], where: str, *, top: bool) -> None:
        row_id = row.get("id")
        if not isinstance(row_id, str):
            return
        try:
            row_id = str(uuid.UUID(row_id))
        except ValueError:
            return  # reported by the schema check
        row["id"] = row_id
        key = (type_name, row_id)
        table = self.tables.setdefault(type_name, {})
        existing = table.get(row_id)
        if existing is None:
            table[row_id] = row
            self.origins[key] = where
            if top:
                self.top.add(key)
            return
        origin = self.origins[key]
        if top and key in self.top:
            self.problem(
                where,
                _("The id %(id)s is used more than once (also at %(other)s).")
                % {"id": row_id, "other": origin},
            )
            return
        if top:
            self.top.add(key)
        for name, value in row.items():
            if value is None:
                continue
            old = existing.get(name)
            if old is None:
                existing[name] = value
            elif old != value:
                self.problem(
                    _path(where, [name]),
                    _(
                        "The id %(id)s is used more than once with a different value "
                        "for %(field)s (also at %(other)s)."
                    )
                    % {"id": row_id, "field": name, "other": origin},
                )

    # --- nested JSON ------------------------------------------------------------

    def validate(self, obj: Any, type_name: str, where: str) -> bool:
        before = len(self.problems)
        for error in sorted(
            validator(type_name).iter_errors(obj), key=lambda e: list(map(str, e.absolute_path))
        ):
            self.problem(*_as_tuple(_schema_problem(where, error)))
        return len(self.problems) == before

    def flatten(
        self,
        obj: Any,
        type_name: str,
        where: str,
        parent: tuple[str, str] | None = None,
        *,
        top: bool = False,
        organization_id: Any = None,
    ) -> None:
        if not isinstance(obj, dict):
            return
        info = types()[type_name]
        row: dict[str, Any] = {
            k: v for k, v in obj.items() if k not in info.arrays and k not in info.singles
        }
        if parent is not None:
            parent_type, parent_id = parent
            link = f"{parent_type}_id"
            if link in info.scalars:
                row.setdefault(link, parent_id)
            elif type_name == "attribute":
                row.setdefault("link_id", parent_id)
                row.setdefault("link_entity", parent_type)
            elif type_name == "metadata":
                row.setdefault("resource_id", parent_id)
                row.setdefault("resource_type", parent_type)
        if (
            organization_id is not None
            and "organization_id" in info.scalars
            and type_name != "service"
        ):
            # A program nested in a service belongs to the service's organisation.
            row.setdefault("organization_id", organization_id)
        for prop, child_type in info.singles.items():
            child = obj.get(prop)
            if not isinstance(child, dict):
                continue
            if (type_name, prop) in EXTRA_SINGLE and not self.validate(
                child, child_type, _path(where, [prop])
            ):
                continue
            column = SINGLE_LINK_COLUMN.get(prop, f"{prop}_id")
            if isinstance(child.get("id"), str):
                row.setdefault(column, child["id"])
            self.flatten(
                child,
                child_type,
                _path(where, [prop]),
                organization_id=row.get("organization_id") if prop == "program" else None,
            )
        self.add_row(type_name, row, where, top=top)
        own_id = row.get("id")
        for prop, child_type in info.arrays.items():
            items = obj.get(prop)
            if not isinstance(items, list) or not isinstance(own_id, str):
                continue
            for index, item in enumerate(items):
                item_where = _path(where, [prop, index])
                if (type_name, prop) in EXTRA_ARRAYS and not self.validate(
                    item, child_type, item_where
                ):
                    continue
                self.flatten(item, child_type, item_where, parent=(type_name, own_id))

    def read_json(self, data: bytes, filename: str) -> None:
        try:
            document = reading.read_json(data, self.budget)
        except TableError as exc:  # not JSON, or a reading limit (lib/reading.py)
            self.problem(filename, str(exc))
            return
        hint = _type_hint(filename)
        if isinstance(document, dict) and any(str(k).endswith(".csv") for k in document):
            self.read_tabular_json(document)
            return
        if isinstance(document, dict) and isinstance(document.get("contents"), list):
            items, prefix = document["contents"], "contents"
        elif isinstance(document, list):
            items, prefix = document, ""
        elif isinstance(document, dict):
            if document and set(document) <= API_INFO_KEYS:
                return  # the HSDS API root information: nothing to import
            self.read_object(document, _detect_type(document, hint), "")
            return
        else:
            self.problem(filename, _("Expected an HSDS object or a list of HSDS objects."))
            return
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                self.problem(_path(prefix, [index]), _("Expected an HSDS object here."))
                continue
            type_name = _detect_type(item, hint)
            item_prefix = _path(prefix or _plural(type_name), [index])
            self.read_object(item, type_name, item_prefix)

    def read_object(self, obj: dict[str, Any], type_name: str, where: str) -> None:
        if self.validate(obj, type_name, where):
            self.flatten(obj, type_name, where, top=True)

    # --- tabular ----------------------------------------------------------------

    def read_rows(self, table: str, rows: list[tuple[int, dict[str, Any]]]) -> None:
        info = type_for_table(table)
        if info is None:
            self.problem(table, _("This is not an HSDS table."))
            return
        self.tabular = True
        for number, row in rows:
            where = _("%(file)s row %(row)d") % {"file": table, "row": number}
            for column, value in list(row.items()):
                # Tabular JSON sometimes has numbers in text columns (as the
                # HSDS example does for external_identifier); keep them as text.
                if (
                    info.prop(column).get("type") == "string"
                    and isinstance(value, int | float)
                    and not isinstance(value, bool)
                ):
                    row[column] = str(value)
            ok = True
            for error in row_validator(info.name).iter_errors(row):
                problem = _schema_problem("", error)
                self.problem(
                    _("%(where)s, column %(column)s") % {"where": where, "column": problem.where}
                    if problem.where
                    else where,
                    problem.message,
                )
                ok = False
            for column in info.tabular_required:
                if row.get(column) in (None, ""):
                    self.problem(
                        _("%(where)s, column %(column)s") % {"where": where, "column": column},
                        _("This required field is missing."),
                    )
                    ok = False
            if ok:
                self.add_row(info.name, row, where, top=True)

    def read_tabular_json(self, document: dict[str, Any]) -> None:
        for table, rows in document.items():
            if not isinstance(rows, list):
                self.problem(str(table), _("Expected a list of rows."))
                continue
            self.read_rows(
                str(table),
                [(i + 1, dict(r)) for i, r in enumerate(rows) if isinstance(r, dict)],
            )

    def read_csv(self, table: str, data: bytes) -> None:
        info = type_for_table(table)
        if info is None:
            self.problem(table, _("This is not an HSDS table."))
            return
        rows: list[tuple[int, dict[str, Any]]] = []
        try:
            self.budget.add_bytes(len(data), table)
            text, _encoding = decode(data)
            headers: list[str] = []
            for number, record in iter_csv_records(text, ",", self.budget, table):
                if number == 1:
                    headers = [h.strip() for h in record]
                    continue
                if not any(cell.strip() for cell in record):
                    continue
                self.budget.add_cells(len(headers), table)
                row: dict[str, Any] = {}
                for index, header in enumerate(headers):
                    cell = record[index] if index < len(record) else ""
                    if cell == "":
                        continue
                    row[header] = self.typed(info, header, cell, table, number)
                rows.append((number, row))
        except TableError as exc:
            self.problem(table, str(exc))
            return
        self.read_rows(table, rows)

    def typed(self, info: TypeInfo, column: str, cell: str, table: str, number: int) -> Any:
        kind = info.prop(column).get("type")
        if kind in ("number", "integer"):
            try:
                value = float(cell)
            except ValueError:
                return cell  # the schema check reports it
            return int(value) if value.is_integer() and "." not in cell else value
        if kind == "boolean":
            return cell.strip().lower() in ("true", "1", "yes", "ja")
        return cell

    def read_zip(self, data: bytes) -> None:
        try:
            archive = reading.open_zip(data, self.budget)
        except TableError as exc:
            self.problem("", str(exc))
            return
        members = archive.members
        # The declared sizes are only a first, cheap refusal; the bytes
        # actually unpacked are counted by the budget while reading.
        limit = min(max_bytes(), self.budget.limits.unpacked_bytes)
        if sum(info.file_size for info in members) > limit:
            self.problem(
                "",
                _("The unpacked zip file is larger than the limit of %(mb)d MB.")
                % {"mb": limit // 1024 // 1024},
            )
            return
        csv_members: dict[str, zipfile.ZipInfo] = {}
        has_datapackage = False
        for info in members:
            name = info.filename
            path = PurePosixPath(name)
            if info.is_dir():
                continue
            if name.startswith(("/", "\\")) or ".." in path.parts or "\\" in name or ":" in name:
                self.problem(name, _("This path is not allowed in the zip file."))
                continue
            base = path.name
            if base == "datapackage.json":
                has_datapackage = True
                try:
                    package = reading.read_json(archive.read(info), self.budget)
                except reading.ReadLimitError as exc:
                    self.problem(name, str(exc))
                    continue
                except TableError:
                    self.problem(name, _("datapackage.json is not valid JSON."))
                    continue
                if not isinstance(package, dict):
                    self.problem(name, _("datapackage.json must be a JSON object."))
            elif base.endswith(".csv") and type_for_table(base) is not None:
                if base in csv_members:
                    self.problem(name, _("This table is in the zip file twice."))
                csv_members[base] = info
            else:
                self.problem(
                    name,
                    _(
                        "Unexpected file in the zip file. Only datapackage.json and HSDS CSV files are allowed."
                    ),
                )
        if not has_datapackage:
            self.problem("datapackage.json", _("The zip file has no datapackage.json."))
        if self.problems:
            return
        ordered = sorted(csv_members.items(), key=lambda item: type_for_table(item[0]).order)  # type: ignore[union-attr]
        for base, info in ordered:
            try:
                member = archive.read(info)
            except TableError as exc:
                self.problem(info.filename, str(exc))
                return
            self.read_csv(base, member)


def _plural(type_name: str) -> str:
    return {
        "service": "services",
        "organization": "organizations",
        "location": "locations",
        "service_at_location": "service_at_locations",
        "taxonomy": "taxonomies",
        "taxonomy_term": "taxonomy_terms",
    }.get(type_name, type_name)


def _type_hint(filename: str) -> str | None:
    name = PurePosixPath(filename).name.lower()
    for candidate in (
        "service_at_location",
        "taxonomy_term",
        "taxonomy",
        "organization",
        "location",
        "service",
    ):
        if name.startswith(candidate):
            return candidate
    return None


def _detect_type(obj: dict[str, Any], hint: str | None) -> str:
    keys = set(obj)
    if "location_type" in keys:
        return "location"
    if "status" in keys:
        return "service"
    if "service" in keys or ("location" in keys and "name" not in keys):
        return "service_at_location"
    if keys & {"taxonomy_detail", "code", "term_uri", "parent_id", "taxonomy_id", "taxonomy"}:
        return "taxonomy_term"
    if keys & {
        "website",
        "services",
        "locations",
        "tax_status",
        "legal_status",
        "year_incorporated",
        "parent_organization_id",
        "logo",
    }:
        return "organization"
    if hint:
        return hint
    if "version" in keys:
        return "taxonomy"
    return "organization"
