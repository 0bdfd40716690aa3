"""Import HSDS 3.1: nested JSON (the API's shape), tabular JSON or a CSV datapackage.

The input is first read completely into HSDS rows (one dict per object,
as in the CSV files), checked as a whole, and only then saved in one
transaction: a file with any problem saves nothing. Every problem names
its JSON path (``services[3].schedules[0].freq``) or CSV file, row and
column. Saving is idempotent by id: importing the same file twice updates
the objects and never duplicates them.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema.exceptions import ValidationError as SchemaError

from collectief.areas.models import Area
from collectief.directory import models as m
from collectief.directory.hsds.mapping import (
    FK_TARGET_TYPE,
    MODEL_FOR_TYPE,
    SAVE_ORDER,
    from_hsds,
    hsds_fields,
    row_to_values,
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
from collectief.lib.tabular import TableError, decode

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
# Location identifiers that carry a CBS buurt code.
CBS_IDENTIFIER_TYPES = {
    "cbs",
    "cbs buurt",
    "cbs_buurt",
    "cbs buurtcode",
    "cbs-buurtcode",
    "buurtcode",
}
API_INFO_KEYS = {"version", "profile", "openapi_url"}
MAX_PROBLEMS = 1000


def max_bytes() -> int:
    return int(getattr(settings, "DIRECTORY_HSDS_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class ImportResult:
    """What an import did, or why it did nothing (``problems``)."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    needs_placement: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def total(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    @property
    def services(self) -> int:
        return self.created.get("service", 0) + self.updated.get("service", 0)

    def summary(self) -> str:
        if self.problems:
            return _("Nothing was imported: %(count)d problem(s) found.") % {
                "count": len(self.problems)
            }
        return _(
            "Imported %(total)d records: %(created)d new, %(updated)d updated, "
            "of which %(services)d services."
        ) % {
            "total": self.total,
            "created": sum(self.created.values()),
            "updated": sum(self.updated.values()),
            "services": self.services,
        }


class _TooManyProblemsError(Exception):
    pass


def _path(prefix: str, parts: Iterable[Any]) -> str:
    text = prefix
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


_TYPE_NAMES = {
    "string": "tekst",
    "number": "getal",
    "integer": "geheel getal",
    "array": "lijst",
    "object": "object",
    "boolean": "ja/nee",
}


def _schema_problem(prefix: str, error: SchemaError) -> Problem:
    """A Dutch message for one JSON Schema error."""
    parts = list(error.absolute_path)
    value = error.instance
    if error.validator == "required":
        missing = [r for r in error.validator_value if r not in (value or {})]
        name = missing[0] if missing else ""
        return Problem(_path(prefix, [*parts, name]), _("This required field is missing."))
    if error.validator == "enum":
        return Problem(
            _path(prefix, parts),
            _("“%(value)s” is not allowed here. Choose one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(map(str, error.validator_value))},
        )
    if error.validator == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, list) else [wanted]
        return Problem(
            _path(prefix, parts),
            _("Expected %(type)s here.")
            % {"type": " / ".join(_TYPE_NAMES.get(str(w), str(w)) for w in wanted)},
        )
    if error.validator == "format":
        return Problem(
            _path(prefix, parts),
            _("“%(value)s” is not a valid %(format)s.")
            % {"value": value, "format": error.validator_value},
        )
    return Problem(_path(prefix, parts), error.message)


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
            text, _encoding = decode(data)
            document = json.loads(text)
        except (TableError, ValueError) as exc:
            self.problem(filename, _("The file is not valid JSON: %(error)s") % {"error": exc})
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
        try:
            text, _encoding = decode(data)
        except TableError as exc:
            self.problem(table, str(exc))
            return
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            records = list(reader)
        except csv.Error as exc:
            self.problem(table, _("The file is not valid CSV: %(error)s") % {"error": exc})
            return
        if not records:
            return
        headers = [h.strip() for h in records[0]]
        rows: list[tuple[int, dict[str, Any]]] = []
        for number, record in enumerate(records[1:], start=2):
            if not any(cell.strip() for cell in record):
                continue
            row: dict[str, Any] = {}
            for index, header in enumerate(headers):
                cell = record[index] if index < len(record) else ""
                if cell == "":
                    continue
                row[header] = self.typed(info, header, cell, table, number)
            rows.append((number, row))
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
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            self.problem("", _("The file is not a valid zip file."))
            return
        limit = max_bytes()
        members = archive.infolist()
        if sum(info.file_size for info in members) > limit:
            self.problem(
                "",
                _("The unpacked zip file is larger than the limit of %(mb)d MB.")
                % {"mb": limit // 1_000_000},
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
                    package = json.loads(archive.read(info))
                except ValueError:
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
            self.read_csv(base, archive.read(info))


def _as_tuple(problem: Problem) -> tuple[str, str]:
    return problem.where, problem.message


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


# --- checks over all rows ------------------------------------------------------------


# References an import cannot do without: a service's organisation, the two
# sides of a service at a location, the term of an attribute and the service
# of a cost. Other links to objects that are not in the file or the database
# (a phone's contact, a term's parent, …) are kept as text in ``extra`` and
# reported as a note, because HSDS data sets often hold partial extracts.
STRICT_REFERENCES = {
    ("service", "organization_id"),
    ("service_at_location", "service_id"),
    ("service_at_location", "location_id"),
    ("attribute", "taxonomy_term_id"),
    ("cost_option", "service_id"),
}


def _check(reader: Reader) -> None:
    tables = reader.tables
    missing: dict[str, set[str]] = {}
    wanted: list[
        tuple[str, str, str, str, str, str]
    ] = []  # where, column, target, id, type, row id
    for type_name, rows in tables.items():
        if type_name not in MODEL_FOR_TYPE:
            for row_id, row in rows.items():
                for column, value in row.items():
                    target = column.removesuffix("_id")
                    if (
                        column.endswith("_id")
                        and target in MODEL_FOR_TYPE
                        and isinstance(value, str)
                    ):
                        wanted.append(
                            (
                                reader.origins[(type_name, row_id)],
                                column,
                                target,
                                value,
                                type_name,
                                row_id,
                            )
                        )
            continue
        fields = hsds_fields(type_name)
        for row_id, row in rows.items():
            where = reader.origins[(type_name, row_id)]
            for column, fk in fields.items():
                if isinstance(fk, models.ForeignKey) and row.get(column) is not None:
                    target = FK_TARGET_TYPE[fk.name]
                    wanted.append((where, column, target, str(row[column]), type_name, row_id))
            if type_name == "schedule":
                values = {
                    name: from_hsds(fields[name], row.get(name))
                    for name in (
                        "valid_from",
                        "valid_to",
                        "dtstart",
                        "until",
                        "opens_at",
                        "closes_at",
                    )
                }
                for name, message in m.schedule_order_errors(**values).items():
                    reader.problem(_column(reader, where, name), str(message))
            if type_name == "service":
                low, high = row.get("minimum_age"), row.get("maximum_age")
                if isinstance(low, int | float) and isinstance(high, int | float) and high < low:
                    reader.problem(
                        _column(reader, where, "maximum_age"),
                        _("The maximum age must not be lower than the minimum age."),
                    )
    for _where, _column_name, target, value, _source, _row_id in wanted:
        if value not in tables.get(target, {}):
            missing.setdefault(target, set()).add(value)
    found: dict[str, set[str]] = {}
    for target, ids in missing.items():
        valid = []
        for value in ids:
            try:
                valid.append(uuid.UUID(value))
            except ValueError:
                continue
        model = MODEL_FOR_TYPE[target]
        found[target] = set()
        for chunk in _chunks(valid, 5000):
            found[target] |= {
                str(pk) for pk in model.objects.filter(pk__in=chunk).values_list("pk", flat=True)
            }
    for where, column, target, value, source, row_id in wanted:
        if value in missing.get(target, set()) and value not in found.get(target, set()):
            if (source, column) in STRICT_REFERENCES:
                reader.problem(
                    _column(reader, where, column),
                    _("Refers to %(type)s %(id)s, which does not exist.")
                    % {"type": target, "id": value},
                )
            else:
                reader.dangling.setdefault((source, row_id), set()).add(column)
                reader.notes.append(
                    _("%(where)s: %(type)s %(id)s does not exist; the link is kept as text.")
                    % {"where": _column(reader, where, column), "type": target, "id": value}
                )


def _column(reader: Reader, where: str, column: str) -> str:
    if reader.tabular and " " in where:
        return _("%(where)s, column %(column)s") % {"where": where, "column": column}
    return _path(where, [column])


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- saving ------------------------------------------------------------------------


def _save(reader: Reader, result: ImportResult) -> None:
    tables = reader.tables
    now = timezone.now()
    areas = _known_area_codes(tables.get("location", {}))
    for type_name in SAVE_ORDER:
        rows = tables.get(type_name)
        if not rows:
            continue
        model = MODEL_FOR_TYPE[type_name]
        fields = hsds_fields(type_name)
        ids = [uuid.UUID(i) for i in rows]
        existing: set[uuid.UUID] = set()
        for chunk in _chunks(ids, 5000):
            existing |= set(model.objects.filter(pk__in=chunk).values_list("pk", flat=True))
        update_fields = [f.attname for f in fields.values()] + ["extra"]
        objects = []
        placed: list[tuple[uuid.UUID, int]] = []
        for row_id, row in rows.items():
            values, extra = row_to_values(type_name, row)
            for column in reader.dangling.get((type_name, row_id), ()):
                values[fields[column].attname] = None
                extra[column] = row[column]
            for model_field in fields.values():
                if values.get(model_field.attname) is None and not model_field.null:
                    values[model_field.attname] = model_field.get_default()
                values.setdefault(model_field.attname, model_field.get_default())
            obj: Any = model(id=uuid.UUID(row_id), extra=extra, **values)
            if type_name == "service":
                obj.last_modified = obj.last_modified or now
                if obj.assured_date:
                    obj.checked_at = datetime.combine(
                        obj.assured_date, datetime.min.time(), tzinfo=UTC
                    )
            if type_name == "location":
                area_id = (
                    areas.get(str(row.get("external_identifier", "")).strip().upper())
                    if _is_cbs(row)
                    else None
                )
                obj.area_id = area_id
                obj.needs_placement = (
                    area_id is None and obj.location_type == m.Location.LocationType.PHYSICAL
                )
                if area_id is not None:
                    placed.append((obj.pk, area_id))
            if type_name == "attribute":
                _link_attribute(obj, tables)
            objects.append(obj)
        if type_name == "attribute":
            update_fields += ["service_id", "organization_id", "location_id"]
        if type_name == "service":
            update_fields.append("checked_at")
        model.objects.bulk_create(
            objects,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=update_fields,
        )
        for pk, area_id in placed:
            m.Location.objects.filter(pk=pk).update(area_id=area_id, needs_placement=False)
        created = len(set(ids) - existing)
        result.created[type_name] = created
        result.updated[type_name] = len(ids) - created
    _save_records(reader, result)
    service_ids = [uuid.UUID(i) for i in tables.get("service", {})]
    for chunk in _chunks(service_ids, 500):
        refresh_search_text(m.Service.objects.filter(pk__in=chunk))
    location_ids = [uuid.UUID(i) for i in tables.get("location", {})]
    for chunk in _chunks(location_ids, 5000):
        result.needs_placement += m.Location.objects.filter(
            pk__in=chunk, needs_placement=True
        ).count()


def _is_cbs(row: dict[str, Any]) -> bool:
    return str(row.get("external_identifier_type", "")).strip().lower() in CBS_IDENTIFIER_TYPES


def _known_area_codes(rows: dict[str, dict[str, Any]]) -> dict[str, int]:
    codes = {
        str(r.get("external_identifier", "")).strip().upper() for r in rows.values() if _is_cbs(r)
    }
    if not codes:
        return {}
    return dict(Area.objects.filter(code__in=codes).values_list("code", "pk"))


def _link_attribute(obj: Any, tables: dict[str, dict[str, dict[str, Any]]]) -> None:
    link = str(obj.link_id) if obj.link_id else None
    obj.service_id = obj.organization_id = obj.location_id = None
    if link is None:
        return
    for type_name, attname, model in (
        ("service", "service_id", m.Service),
        ("organization", "organization_id", m.DirectoryOrganization),
        ("location", "location_id", m.Location),
    ):
        if obj.link_entity not in ("", type_name) and obj.link_entity in (
            "service",
            "organization",
            "location",
        ):
            continue
        if link in tables.get(type_name, {}) or model.objects.filter(pk=obj.link_id).exists():
            setattr(obj, attname, obj.link_id)
            return


def _save_records(reader: Reader, result: ImportResult) -> None:
    for type_name, rows in reader.tables.items():
        if type_name in MODEL_FOR_TYPE:
            continue
        records = []
        for row_id, row in rows.items():
            links = sorted(
                {
                    str(v)
                    for k, v in row.items()
                    if (k.endswith("_id") or k == "link_id") and isinstance(v, str)
                }
            )
            dangling = reader.dangling.get((type_name, row_id), set())
            service_id = None if "service_id" in dangling else row.get("service_id")
            organization_id = None if "organization_id" in dangling else row.get("organization_id")
            records.append(
                m.HsdsRecord(
                    table=type_name,
                    id=uuid.UUID(row_id),
                    data=row,
                    links=links,
                    service_id=uuid.UUID(service_id) if isinstance(service_id, str) else None,
                    organization_id=uuid.UUID(organization_id)
                    if isinstance(organization_id, str)
                    else None,
                )
            )
        existing = set(
            m.HsdsRecord.objects.filter(
                table=type_name, id__in=[r.id for r in records]
            ).values_list("id", flat=True)
        )
        m.HsdsRecord.objects.bulk_create(
            records,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["table", "id"],
            update_fields=["data", "links", "service", "organization"],
        )
        created = len({r.id for r in records} - existing)
        result.created[type_name] = created
        result.updated[type_name] = len(records) - created


def refresh_search_text(queryset: models.QuerySet[m.Service]) -> None:
    services = list(
        queryset.select_related("organization").prefetch_related("attributes__taxonomy_term")
    )
    for service in services:
        service.search_text = service.build_search_text()
    m.Service.objects.bulk_update(services, ["search_text"], batch_size=500)


# --- entry point -----------------------------------------------------------------------


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
