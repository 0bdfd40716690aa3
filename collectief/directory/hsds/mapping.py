"""Between HSDS rows (flat dicts with HSDS field names) and Collectief models.

A row is what one line of an HSDS CSV file holds: the object's own fields
and the ids of the objects it hangs under. Fields a model has under the
same name are stored there; everything else, and every value whose stored
form would read back differently, is kept in ``extra`` so that an export
gives back exactly what was imported.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from django.db import models
from django.utils.dateparse import parse_datetime

from collectief.directory import models as m

# Values are model classes; typed loosely so that ``.objects`` type-checks.
MODEL_FOR_TYPE: dict[str, Any] = {
    "taxonomy": m.Taxonomy,
    "taxonomy_term": m.TaxonomyTerm,
    "organization": m.DirectoryOrganization,
    "service": m.Service,
    "location": m.Location,
    "address": m.Address,
    "accessibility": m.Accessibility,
    "service_at_location": m.ServiceAtLocation,
    "schedule": m.Schedule,
    "service_area": m.ServiceArea,
    "contact": m.Contact,
    "phone": m.Phone,
    "language": m.Language,
    "cost_option": m.CostOption,
    "attribute": m.Attribute,
}

# Save order: parents before children.
SAVE_ORDER = (
    "taxonomy",
    "taxonomy_term",
    "organization",
    "service",
    "location",
    "address",
    "accessibility",
    "service_at_location",
    "contact",
    "phone",
    "language",
    "schedule",
    "service_area",
    "cost_option",
    "attribute",
)

# HSDS type of the object a foreign key points at, by model and field name.
FK_TARGET_TYPE = {
    "taxonomy_detail": "taxonomy",
    "parent": "taxonomy_term",
    "organization": "organization",
    "service": "service",
    "location": "location",
    "service_at_location": "service_at_location",
    "contact": "contact",
    "phone": "phone",
    "taxonomy_term": "taxonomy_term",
}

# Foreign keys Collectief fills itself (not HSDS columns).
COLLECTIEF_FKS = {
    ("attribute", "service"),
    ("attribute", "organization"),
    ("attribute", "location"),
}


def hsds_fields(type_name: str) -> dict[str, models.Field[Any, Any]]:
    """HSDS column name -> model field, for the columns the model stores."""
    from collectief.directory.hsds.schema import types

    model = MODEL_FOR_TYPE[type_name]
    scalars = set(types()[type_name].scalars)
    result: dict[str, models.Field[Any, Any]] = {}
    for field in model._meta.concrete_fields:
        if field.name in ("id", "extra"):
            continue
        if isinstance(field, models.ForeignKey):
            if (type_name, field.name) in COLLECTIEF_FKS:
                continue
            column = field.db_column or field.attname
            if column in scalars:
                result[column] = field
        elif field.name in scalars:
            result[field.name] = field
    return result


def format_datetime(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def to_hsds(field: models.Field[Any, Any], value: Any) -> Any:
    """The HSDS (JSON) value of a stored field value; None for 'not given'."""
    if value is None or value == "":
        return None
    if isinstance(field, models.FloatField):
        return int(value) if float(value).is_integer() else value
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def from_hsds(field: models.Field[Any, Any], raw: Any) -> Any:
    """The value to store for an HSDS value; None (or "") when it does not fit."""
    empty: Any = "" if _is_text(field) else None
    if raw is None:
        return empty
    try:
        if isinstance(field, models.ForeignKey | models.UUIDField):
            return uuid.UUID(str(raw))
        if isinstance(field, models.FloatField):
            if isinstance(raw, bool):
                return None
            return float(raw)
        if isinstance(field, models.DateTimeField):
            parsed = parse_datetime(str(raw))
            if parsed is not None and parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return parsed
        if isinstance(field, models.DateField):
            return date.fromisoformat(str(raw))
        if isinstance(field, models.TimeField):
            return time.fromisoformat(str(raw))
    except (TypeError, ValueError):
        return None
    if _is_text(field):
        text = raw if isinstance(raw, str) else str(raw)
        max_length = getattr(field, "max_length", None)
        return text[:max_length] if max_length else text
    return raw


def _is_text(field: models.Field[Any, Any]) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not isinstance(
        field, models.UUIDField
    )


def row_to_values(type_name: str, row: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Model field values (by attname) and the ``extra`` dict for one HSDS row."""
    fields = hsds_fields(type_name)
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, raw in row.items():
        if key == "id":
            continue
        field = fields.get(key)
        if field is None:
            extra[key] = raw
            continue
        value = from_hsds(field, raw)
        values[field.attname] = value
        back = to_hsds(field, value)
        if back != raw or type(back) is not type(raw):
            extra[key] = raw
    return values, extra


def object_to_row(type_name: str, obj: models.Model) -> dict[str, Any]:
    """The HSDS row of a stored object: its fields, then ``extra`` on top."""
    row: dict[str, Any] = {"id": str(obj.pk)}
    for column, field in hsds_fields(type_name).items():
        value = to_hsds(field, getattr(obj, field.attname))
        if value is not None:
            row[column] = value
    row.update(getattr(obj, "extra", None) or {})
    return row


def clear_extra(obj: models.Model, names: list[str]) -> None:
    """Forget imported raw values of fields that were just edited in Collectief."""
    extra = getattr(obj, "extra", None)
    if extra:
        for name in names:
            extra.pop(name, None)
            field = next(
                (f for f in obj._meta.concrete_fields if f.name == name or f.attname == name),
                None,
            )
            if field is not None:
                extra.pop(field.db_column or field.attname, None)
