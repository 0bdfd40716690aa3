"""Saving checked HSDS rows: all tables in order, idempotent by id.

:func:`_save` writes every modelled table in ``SAVE_ORDER`` with
``bulk_create(update_conflicts=True)`` (importing the same file twice
updates, never duplicates), places locations with a CBS buurt code in that
buurt, links attributes to their service, organisation or location, keeps
rows of unmodelled tables as :class:`~collectief.directory.models.HsdsRecord`
and refreshes the search text of the imported services. The caller runs it
inside one transaction.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from django.db import models
from django.utils import timezone

from collectief.areas.models import Area
from collectief.directory import models as m
from collectief.directory.hsds.mapping import (
    MODEL_FOR_TYPE,
    SAVE_ORDER,
    hsds_fields,
    row_to_values,
)
from collectief.directory.hsds.problems import ImportResult
from collectief.directory.hsds.reading import Reader
from collectief.directory.hsds.validation import _chunks

# Location identifiers that carry a CBS buurt code.
CBS_IDENTIFIER_TYPES = {
    "cbs",
    "cbs buurt",
    "cbs_buurt",
    "cbs buurtcode",
    "cbs-buurtcode",
    "buurtcode",
}


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
