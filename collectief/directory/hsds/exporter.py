"""Export HSDS 3.1: nested JSON in the API's shape, or a CSV datapackage (zip).

Both stream, so memory stays flat for large directories, and both are quick
(50,000 services in well under 30 s, see docs/performance.md):

- the JSON export takes the ids of ``CHUNK`` services at a time; per chunk,
  every related table is read with one query per link column
  (``service_id IN (...)``), rows are grouped by parent in Python and every
  service is written nested, one by one;
- rows are read straight from the database cursor by :class:`TableReader`
  (no model instances), converted exactly as :func:`object_to_row` does;
- the CSV export reads each table once, in primary-key order.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any, BinaryIO

from django.db import connection, models

from collectief.directory import models as m
from collectief.directory.hsds.mapping import (
    MODEL_FOR_TYPE,
    hsds_fields,
    object_to_row,
    schedule_times_to_hsds,
    to_hsds,
    without_unsafe_urls,
)
from collectief.directory.hsds.schema import (
    EXTRA_ARRAYS,
    EXTRA_SINGLE,
    HSDS_VERSION,
    SINGLE_LINK_COLUMN,
    types,
)

# Services per chunk of the JSON export.
CHUNK = 1000


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uuid_text(value: Any) -> str | None:
    """The HSDS text of a stored UUID (a UUID, or 32 hex digits on SQLite)."""
    if value is None or value == "":
        return None
    if isinstance(value, uuid.UUID):
        return str(value)
    text = str(value)
    if len(text) == 32:
        text = text.lower()
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
    if len(text) == 36 and _CANONICAL_UUID.fullmatch(text):  # ::text on PostgreSQL
        return text
    return str(uuid.UUID(text))


def _is_uuid(field: Any) -> bool:
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    return isinstance(target, models.UUIDField)


def _uuid_texts(ids: list[str]) -> list[str]:
    """The ids as canonical UUID texts (safe inside an array literal)."""
    return [i if _CANONICAL_UUID.fullmatch(i) else str(uuid.UUID(i)) for i in ids]


def _text_or_none(value: Any) -> Any:
    return None if value == "" else value


class TableReader:
    """HSDS rows of one modelled type, read from the cursor without model instances.

    Each row equals ``object_to_row(type_name, obj)``: the same columns, the
    database converters of each field, then :func:`to_hsds`, then ``extra``.
    """

    def __init__(self, type_name: str) -> None:
        model = MODEL_FOR_TYPE[type_name]
        meta = model._meta
        qn = connection.ops.quote_name
        self.model = model
        self.type_name = type_name
        self.fields = hsds_fields(type_name)
        self.names = list(self.fields)
        extra = meta.get_field("extra")
        selected = [meta.pk, extra, *self.fields.values()]
        self.table = qn(meta.db_table)
        self.select = ", ".join(self._select(f) for f in selected)
        self.pk_column = meta.pk.column
        order = []
        for name in meta.ordering or ():
            name = str(name)
            field = meta.get_field(name.lstrip("-"))
            order.append(f"{qn(field.column)}{' DESC' if name.startswith('-') else ''}")
        # The model's default ordering, as the ORM would apply it.
        self.order_by = f" ORDER BY {', '.join(order)}" if order else ""
        self.extra_converter = self._db_converter(extra)
        self.converters = [self._converter(f) for f in self.fields.values()]

    def _select(self, field: Any) -> str:
        column = f"{self.table}.{connection.ops.quote_name(field.column)}"
        if connection.vendor == "postgresql" and _is_uuid(field):
            # The text is what HSDS wants; no UUID object per value.
            return f"{column}::text"
        return column

    @staticmethod
    def _db_converter(field: Any) -> Callable[[Any], Any]:
        col = field.get_col(field.model._meta.db_table)
        steps = connection.ops.get_db_converters(col) + col.get_db_converters(connection)

        def convert(value: Any) -> Any:
            for step in steps:
                value = step(value, col, connection)
            return value

        return convert

    def _converter(self, field: Any) -> Callable[[Any], Any]:
        if _is_uuid(field):
            return _uuid_text
        col = field.get_col(field.model._meta.db_table)
        steps = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if not steps and isinstance(field, models.CharField | models.TextField):
            return _text_or_none
        db_value = self._db_converter(field)
        return lambda value: to_hsds(field, db_value(value))

    def row(self, record: tuple[Any, ...]) -> dict[str, Any]:
        row: dict[str, Any] = {"id": _uuid_text(record[0])}
        for name, convert, value in zip(self.names, self.converters, record[2:], strict=True):
            if value is not None:
                value = convert(value)
                if value is not None:
                    row[name] = value
        if self.type_name == "schedule":
            schedule_times_to_hsds(row)
        if record[1] not in (None, "{}", {}):  # most rows have no extra HSDS fields
            extra = self.extra_converter(record[1])
            if extra:
                row.update(extra)
        return without_unsafe_urls(self.type_name, row)

    def where_in(self, column: str, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Rows whose ``column`` (a UUID column) is one of ``ids`` (HSDS text ids).

        One query whatever the number of ids: an array parameter on
        PostgreSQL, a JSON array through ``json_each`` on SQLite.
        """
        ids = list(ids)
        if not ids:
            return []
        qn = connection.ops.quote_name
        head = f"SELECT {self.select} FROM {self.table} WHERE {self.table}.{qn(column)}"  # noqa: S608 - names from the model
        params: list[Any]
        if connection.vendor == "postgresql":
            # One array literal: PostgreSQL parses it, psycopg need not quote each id.
            sql, params = f"{head} = ANY(%s::uuid[])", ["{" + ",".join(_uuid_texts(ids)) + "}"]
        elif connection.vendor == "sqlite":
            # Django stores a UUID on SQLite as 32 lower-case hex digits.
            hex_ids = [i.replace("-", "").lower() for i in ids]
            sql = f"{head} IN (SELECT value FROM json_each(%s))"  # noqa: S608 - names from the model
            params = [json.dumps(hex_ids)]
        else:
            field = self.model_field(column)
            values = [field.get_db_prep_value(uuid.UUID(i), connection) for i in ids]
            sql, params = f"{head} IN ({', '.join(['%s'] * len(values))})", values
        with connection.cursor() as cursor:
            cursor.execute(sql + self.order_by, params)
            return [self.row(r) for r in cursor.fetchall()]

    def model_field(self, column: str) -> Any:
        return next(f for f in self.model._meta.concrete_fields if f.column == column)

    def all_rows(self) -> Iterator[dict[str, Any]]:
        """Every row of the table in primary-key order, read in batches.

        A server-side cursor on PostgreSQL (as ``QuerySet.iterator()`` uses), so
        the client never holds the whole table.
        """
        qn = connection.ops.quote_name
        with connection.chunked_cursor() as cursor:
            cursor.execute(
                f"SELECT {self.select} FROM {self.table} ORDER BY {self.table}.{qn(self.pk_column)}"  # noqa: S608 - names from the model
            )
            while batch := cursor.fetchmany(2000):
                for record in batch:
                    yield self.row(record)


@cache
def _readers(vendor: str) -> dict[str, TableReader]:
    return {}


def reader(type_name: str) -> TableReader:
    """The (cached) reader of one modelled HSDS type for the current database."""
    readers = _readers(connection.vendor)
    if type_name not in readers:
        readers[type_name] = TableReader(type_name)
    return readers[type_name]


def link_column(parent_type: str, child_type: str) -> str:
    if child_type == "attribute":
        return "link_id"
    if child_type == "metadata":
        return "resource_id"
    return f"{parent_type}_id"


class Records:
    """Rows of the HSDS tables Collectief does not model, looked up by a column.

    Built once per export and shared by its chunks: every lookup is a dict
    lookup, and matches come back in the order of the rows (table, id).
    """

    def __init__(self, by_table: dict[str, list[dict[str, Any]]]) -> None:
        self.by_table = by_table
        self._groups: dict[tuple[str, str], dict[str, list[tuple[int, dict[str, Any]]]]] = {}

    def matching(self, table: str, column: str, values: set[str]) -> list[dict[str, Any]]:
        key = (table, column)
        if key not in self._groups:
            grouped: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
            for number, row in enumerate(self.by_table.get(table, [])):
                grouped[str(row.get(column))].append((number, row))
            self._groups[key] = grouped
        groups = self._groups[key]
        found = [pair for value in values for pair in groups.get(value, ())]
        return [row for _number, row in sorted(found, key=lambda pair: pair[0])]


class Index:
    """HSDS rows of one chunk of objects, with everything nested under them."""

    def __init__(self, records: Records | dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.rows: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        if records is None:
            records = load_records()
        self.records = records if isinstance(records, Records) else Records(records)
        self._by_parent: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}

    def get(self, type_name: str, row_id: Any) -> dict[str, Any] | None:
        table = self.rows.get(type_name)
        return table.get(str(row_id)) if table else None

    def children(self, type_name: str, column: str, parent_id: str) -> list[dict[str, Any]]:
        key = (type_name, column)
        if key not in self._by_parent:
            grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for row in self.rows[type_name].values():
                if row.get(column) is not None:
                    grouped[str(row[column])].append(row)
            self._by_parent[key] = grouped
        return self._by_parent[key].get(parent_id, [])

    def add(self, type_name: str, rows: Iterable[dict[str, Any]]) -> set[str]:
        self._by_parent.clear()
        new = set()
        table = self.rows[type_name]
        for row in rows:
            if row["id"] not in table:
                table[row["id"]] = row
                new.add(row["id"])
        return new

    def gather(
        self, type_name: str, objects: Iterable[models.Model], *, top_arrays: bool = False
    ) -> list[dict[str, Any]]:
        """Add ``objects`` and, level by level, everything nested under them."""
        return self.gather_rows(
            type_name, [object_to_row(type_name, obj) for obj in objects], top_arrays=top_arrays
        )

    def gather_rows(
        self, type_name: str, seeds: list[dict[str, Any]], *, top_arrays: bool = False
    ) -> list[dict[str, Any]]:
        """Add the rows ``seeds`` and, level by level, everything nested under them."""
        queue: list[tuple[str, set[str]]] = [(type_name, self.add(type_name, seeds))]
        while queue:
            current, ids = queue.pop(0)
            if not ids:
                continue
            info = types()[current]
            for prop, child in info.arrays.items():
                if (current, prop) in EXTRA_ARRAYS and not (top_arrays and current == type_name):
                    continue
                column = link_column(current, child)
                rows = self.fetch_children(child, column, ids)
                queue.append((child, self.add(child, rows)))
            for prop, child in info.singles.items():
                if (current, prop) in EXTRA_SINGLE:
                    continue
                column = SINGLE_LINK_COLUMN.get(prop, f"{prop}_id")
                targets = {
                    str(r[column])
                    for r in self.rows[current].values()
                    if r["id"] in ids and r.get(column)
                }
                rows = self.fetch_ids(child, targets)
                queue.append((child, self.add(child, rows)))
        return seeds

    def fetch_children(self, child: str, column: str, ids: set[str]) -> list[dict[str, Any]]:
        if child not in MODEL_FOR_TYPE:
            return self.records.matching(child, column, ids)
        if column == "link_id":
            db_column = "link_id"
        else:
            fields = hsds_fields(child)
            if column not in fields:
                return []
            db_column = fields[column].column or column
        return reader(child).where_in(db_column, ids)

    def fetch_ids(self, child: str, ids: set[str]) -> list[dict[str, Any]]:
        ids = {i for i in ids if str(i) not in self.rows[child]}
        if not ids:
            return []
        if child not in MODEL_FOR_TYPE:
            return self.records.matching(child, "id", {str(i) for i in ids})
        valid = []
        for value in ids:
            try:
                valid.append(str(uuid.UUID(str(value))))
            except ValueError:
                continue
        table = reader(child)
        return table.where_in(table.pk_column, valid)

    def nest(
        self,
        type_name: str,
        row: dict[str, Any],
        *,
        top: bool = True,
        seen: frozenset[tuple[str, str]] = frozenset(),
    ) -> dict[str, Any]:
        """The nested HSDS object for one row, as in the HSDS API."""
        arrays, singles = _nesting(type_name)
        out = dict(row)
        seen = seen | {(type_name, row["id"])}
        rows = self.rows
        for prop, child, column, extra in arrays:
            if (extra and not top) or not rows.get(child):
                continue
            kids = self.children(child, column, row["id"])
            kids = [k for k in kids if (child, k["id"]) not in seen]
            if kids:
                out[prop] = [self.nest(child, k, top=False, seen=seen) for k in kids]
        for prop, child, column, extra in singles:
            if (extra and not top) or not rows.get(child):
                continue
            target = self.get(child, row.get(column))
            if target is not None and (child, target["id"]) not in seen:
                out[prop] = self.nest(child, target, top=False, seen=seen)
        return out


@cache
def _nesting(
    type_name: str,
) -> tuple[list[tuple[str, str, str, bool]], list[tuple[str, str, str, bool]]]:
    """(property, child type, link column, API-only?) of the arrays and singles of a type."""
    info = types()[type_name]
    arrays = [
        (prop, child, link_column(type_name, child), (type_name, prop) in EXTRA_ARRAYS)
        for prop, child in info.arrays.items()
    ]
    singles = [
        (
            prop,
            child,
            SINGLE_LINK_COLUMN.get(prop, f"{prop}_id"),
            (type_name, prop) in EXTRA_SINGLE,
        )
        for prop, child in info.singles.items()
    ]
    return arrays, singles


def load_records() -> Records:
    """Rows of the HSDS tables Collectief does not model, by table."""
    result: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in m.HsdsRecord.objects.order_by("table", "id").iterator(chunk_size=2000):
        result[record.table].append(
            without_unsafe_urls(record.table, {**record.data, "id": str(record.id)})
        )
    return Records(result)


def nested(
    type_name: str,
    objects: list[models.Model],
    *,
    records: Records | dict[str, list[dict[str, Any]]] | None = None,
) -> list[dict[str, Any]]:
    """Full nested HSDS objects for a page of objects of one type."""
    index = Index(records)
    seeds = index.gather(type_name, objects, top_arrays=True)
    return [index.nest(type_name, seed) for seed in seeds]


def _id_chunks(queryset: models.QuerySet[Any]) -> Iterator[list[str]]:
    """The ids of the queryset, in its order, CHUNK at a time."""
    chunk: list[str] = []
    for pk in queryset.values_list("pk", flat=True).iterator(chunk_size=CHUNK):
        chunk.append(str(pk))
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def export_json(out: BinaryIO, queryset: models.QuerySet[m.Service] | None = None) -> int:
    """All services as one page of the HSDS API (``{"contents": [...]}``)."""
    queryset = queryset if queryset is not None else m.Service.objects.order_by("id")
    total = queryset.count()
    head = {
        "total_items": total,
        "total_pages": 1,
        "page_number": 1,
        "size": total,
        "first_page": True,
        "last_page": True,
        "empty": total == 0,
    }
    out.write(json.dumps(head, ensure_ascii=False)[:-1].encode() + b', "contents": [')
    records = load_records()
    services = reader("service")
    encode = json.JSONEncoder(ensure_ascii=False).encode
    written = 0
    for ids in _id_chunks(queryset):
        found = {row["id"]: row for row in services.where_in(services.pk_column, ids)}
        index = Index(records)
        seeds = index.gather_rows(
            "service", [found[i] for i in ids if i in found], top_arrays=True
        )
        parts = [encode(index.nest("service", seed)) for seed in seeds]
        if parts:
            out.write((b",\n" if written else b"\n") + ",\n".join(parts).encode())
            written += len(parts)
    out.write(b"\n]}\n")
    return written


def datapackage() -> dict[str, Any]:
    resources = []
    for info in sorted(types().values(), key=lambda i: (i.order, i.name)):
        fields = []
        for name in info.scalars:
            prop = info.prop(name)
            kind = prop.get("datapackage_type") or prop.get("type", "string")
            field: dict[str, Any] = {"name": name, "type": kind}
            if prop.get("format") in ("uuid", "email", "uri"):
                field["format"] = prop["format"]
            if name in info.required or name in info.tabular_required:
                field["constraints"] = {"required": True}
            if "enum" in prop:
                field.setdefault("constraints", {})["enum"] = prop["enum"]
            fields.append(field)
        resources.append(
            {
                "name": info.name,
                "path": info.table,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
    return {
        "name": "collectief-sociale-kaart",
        "title": "Sociale kaart (HSDS 3.1)",
        "profile": "tabular-data-package",
        "version": HSDS_VERSION,
        "licenses": [],
        "resources": resources,
    }


def _rows_of(type_name: str) -> Iterator[dict[str, Any]]:
    if type_name in MODEL_FOR_TYPE:
        yield from reader(type_name).all_rows()
    else:
        for record in (
            m.HsdsRecord.objects.filter(table=type_name).order_by("id").iterator(chunk_size=2000)
        ):
            yield without_unsafe_urls(type_name, {**record.data, "id": str(record.id)})


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def export_csv(out: BinaryIO) -> int:
    """A zip with datapackage.json and one CSV file per HSDS table; returns the rows of services.csv."""
    services = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "datapackage.json", json.dumps(datapackage(), ensure_ascii=False, indent=2)
        )
        for info in sorted(types().values(), key=lambda i: (i.order, i.name)):
            with archive.open(info.table, "w", force_zip64=True) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                writer = csv.writer(text)
                writer.writerow(info.scalars)
                for row in _rows_of(info.name):
                    writer.writerow([_cell(row.get(name)) for name in info.scalars])
                    if info.name == "service":
                        services += 1
                text.flush()
                text.detach()
    return services
