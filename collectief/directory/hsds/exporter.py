"""Export HSDS 3.1: nested JSON in the API's shape, or a CSV datapackage (zip).

Both stream: services are read in chunks with their related rows and
written one by one, so memory stays flat for large directories.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from django.db import models

from collectief.directory import models as m
from collectief.directory.hsds.mapping import MODEL_FOR_TYPE, hsds_fields, object_to_row
from collectief.directory.hsds.schema import (
    EXTRA_ARRAYS,
    EXTRA_SINGLE,
    HSDS_VERSION,
    SINGLE_LINK_COLUMN,
    types,
)

CHUNK = 500


def link_column(parent_type: str, child_type: str) -> str:
    if child_type == "attribute":
        return "link_id"
    if child_type == "metadata":
        return "resource_id"
    return f"{parent_type}_id"


class Index:
    """HSDS rows of one chunk of objects, with everything nested under them."""

    def __init__(self, records: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.rows: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self.records = records if records is not None else load_records()
        self._by_parent: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}

    def get(self, type_name: str, row_id: Any) -> dict[str, Any] | None:
        return self.rows[type_name].get(str(row_id))

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
        seeds = [object_to_row(type_name, obj) for obj in objects]
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
            return [r for r in self.records.get(child, []) if str(r.get(column)) in ids]
        model = MODEL_FOR_TYPE[child]
        if column == "link_id":
            lookup = "link_id__in"
        else:
            fields = hsds_fields(child)
            if column not in fields:
                return []
            lookup = f"{fields[column].attname}__in"
        uuids = [uuid.UUID(i) for i in ids]
        return [object_to_row(child, obj) for obj in model.objects.filter(**{lookup: uuids})]

    def fetch_ids(self, child: str, ids: set[str]) -> list[dict[str, Any]]:
        ids = {i for i in ids if str(i) not in self.rows[child]}
        if not ids:
            return []
        if child not in MODEL_FOR_TYPE:
            return [r for r in self.records.get(child, []) if r["id"] in ids]
        model = MODEL_FOR_TYPE[child]
        valid = []
        for value in ids:
            try:
                valid.append(uuid.UUID(str(value)))
            except ValueError:
                continue
        return [object_to_row(child, obj) for obj in model.objects.filter(pk__in=valid)]

    def nest(
        self,
        type_name: str,
        row: dict[str, Any],
        *,
        top: bool = True,
        seen: frozenset[tuple[str, str]] = frozenset(),
    ) -> dict[str, Any]:
        """The nested HSDS object for one row, as in the HSDS API."""
        info = types()[type_name]
        out = dict(row)
        seen = seen | {(type_name, row["id"])}
        for prop, child in info.arrays.items():
            if (type_name, prop) in EXTRA_ARRAYS and not top:
                continue
            kids = self.children(child, link_column(type_name, child), row["id"])
            kids = [k for k in kids if (child, k["id"]) not in seen]
            if kids:
                out[prop] = [self.nest(child, k, top=False, seen=seen) for k in kids]
        for prop, child in info.singles.items():
            if (type_name, prop) in EXTRA_SINGLE and not top:
                continue
            target = self.get(child, row.get(SINGLE_LINK_COLUMN.get(prop, f"{prop}_id")))
            if target is not None and (child, target["id"]) not in seen:
                out[prop] = self.nest(child, target, top=False, seen=seen)
        return out


def load_records() -> dict[str, list[dict[str, Any]]]:
    """Rows of the HSDS tables Collectief does not model, by table."""
    result: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in m.HsdsRecord.objects.order_by("table", "id").iterator(chunk_size=2000):
        result[record.table].append({**record.data, "id": str(record.id)})
    return result


def nested(
    type_name: str,
    objects: list[models.Model],
    *,
    records: dict[str, list[dict[str, Any]]] | None = None,
) -> list[dict[str, Any]]:
    """Full nested HSDS objects for a page of objects of one type."""
    index = Index(records)
    seeds = index.gather(type_name, objects, top_arrays=True)
    return [index.nest(type_name, seed) for seed in seeds]


def _chunks(queryset: models.QuerySet[Any]) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for obj in queryset.iterator(chunk_size=CHUNK):
        chunk.append(obj)
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
    written = 0
    for chunk in _chunks(queryset):
        for item in nested("service", chunk, records=records):
            out.write(
                (b",\n" if written else b"\n") + json.dumps(item, ensure_ascii=False).encode()
            )
            written += 1
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
        for obj in MODEL_FOR_TYPE[type_name].objects.order_by("pk").iterator(chunk_size=2000):
            yield object_to_row(type_name, obj)
    else:
        for record in (
            m.HsdsRecord.objects.filter(table=type_name).order_by("id").iterator(chunk_size=2000)
        ):
            yield {**record.data, "id": str(record.id)}


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
