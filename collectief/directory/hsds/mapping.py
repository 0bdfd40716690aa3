"""Between HSDS rows (flat dicts with HSDS field names) and Collectief models.

A row is what one line of an HSDS CSV file holds: the object's own fields
and the ids of the objects it hangs under. Fields a model has under the
same name are stored there; everything else, and every value whose stored
form would read back differently, is kept in ``extra`` so that an export
gives back exactly what was imported.
"""

from __future__ import annotations

import math
import uuid
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models
from django.utils import timezone as django_timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from collectief.directory import models as m
from collectief.lib.safe_urls import is_safe_url

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
            number = float(raw)
            return number if math.isfinite(number) and abs(number) <= _MAX_NUMBER else None
        if isinstance(field, models.DateTimeField):
            parsed = parse_datetime(str(raw))
            if parsed is not None and parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return parsed
        if isinstance(field, models.DateField):
            return date.fromisoformat(str(raw))
        if isinstance(field, models.TimeField):
            return time.fromisoformat(str(raw))
    except (TypeError, ValueError, OverflowError):
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


# --- schedule times ----------------------------------------------------------
# HSDS 3.1 describes opens_at/closes_at as HH:MM with a UTC offset or "Z"
# ("09:00-05:00"); its examples use plain "10:00:00". Collectief stores the
# wall-clock time people read on the door: in the schedule's own ``timezone``
# (hours from UTC) when it has one, otherwise in Europe/Amsterdam on the
# schedule's first date (dtstart, valid_from, or today), so summer and winter
# time are both right.
SCHEDULE_TIMES = ("opens_at", "closes_at")
LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")


def schedule_zone(row: dict[str, Any]) -> tzinfo:
    hours = row.get("timezone")
    if isinstance(hours, int | float) and not isinstance(hours, bool) and abs(hours) <= 14:
        return timezone(timedelta(minutes=round(hours * 60)))
    return LOCAL_ZONE


def _reference_date(row: dict[str, Any]) -> date:
    for name in ("dtstart", "valid_from"):
        try:
            return date.fromisoformat(str(row.get(name)))
        except ValueError:
            continue
    return django_timezone.localdate()


def wall_time(value: time, row: dict[str, Any]) -> time:
    """A time with an offset as the wall-clock time of the schedule's zone."""
    if value.tzinfo is None:
        return value
    moment = datetime.combine(_reference_date(row), value.replace(tzinfo=None), value.tzinfo)
    return moment.astimezone(schedule_zone(row)).time().replace(tzinfo=None)


def time_to_hsds(value: time, row: dict[str, Any]) -> str:
    """A stored wall-clock time as HSDS describes it: with its UTC offset."""
    moment = datetime.combine(_reference_date(row), value, schedule_zone(row))
    offset = moment.utcoffset() or timedelta(0)
    if not offset:
        return f"{value.isoformat()}Z"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{value.isoformat()}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def schedule_times_to_hsds(row: dict[str, Any]) -> None:
    """Give the (naive) times of an exported schedule row their offset."""
    for name in SCHEDULE_TIMES:
        value = row.get(name)
        if isinstance(value, str):
            try:
                row[name] = time_to_hsds(time.fromisoformat(value), row)
            except ValueError:
                continue


# --- values the database cannot hold -------------------------------------------
# Whole numbers beyond a 64-bit integer, and floats beyond a double, cannot be
# stored; NUL characters and lone surrogates cannot be stored as text either.
_MAX_NUMBER = 1e300


def value_problem(field: models.Field[Any, Any], raw: Any) -> str | None:
    """Why ``raw`` cannot be stored in ``field`` (Dutch), or None."""
    if raw is None:
        return None
    if isinstance(field, models.FloatField) and isinstance(raw, int | float):
        try:
            number = float(raw)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number) or abs(number) > _MAX_NUMBER:
            return _("This number is too large to store.")
    dated = isinstance(field, models.DateField | models.TimeField)
    if dated and isinstance(raw, str) and from_hsds(field, raw) is None:
        if isinstance(field, models.DateTimeField):
            return _("This is not a valid date and time.")
        if isinstance(field, models.DateField):
            return _("This is not a valid date (YYYY-MM-DD).")
        return _("This is not a valid time (HH:MM, with an offset such as +01:00 or Z).")
    if _is_text(field) and isinstance(raw, str):
        max_length = getattr(field, "max_length", None)
        if max_length and len(raw) > max_length:
            return _("This text is longer than %(max)d characters.") % {"max": max_length}
    return None


def text_problem(value: Any) -> str | None:
    """Why a JSON value holds text no database can store (Dutch), or None."""
    if isinstance(value, str):
        if "\x00" in value:
            return _("This text contains a NUL character, which cannot be stored.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return _("This text contains an invalid character, which cannot be stored.")
    elif isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 2**63:
            return _("This number is too large to store.")
    elif isinstance(value, float) and not math.isfinite(value):
        return _("This number is too large to store.")
    elif isinstance(value, dict):
        for key, item in value.items():
            problem = text_problem(key) or text_problem(item)
            if problem:
                return problem
    elif isinstance(value, list):
        for item in value:
            problem = text_problem(item)
            if problem:
                return problem
    return None


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
        if type_name == "schedule" and key in SCHEDULE_TIMES and isinstance(value, time):
            value = wall_time(value, row)
            values[field.attname] = value
            if time_to_hsds(value, row) != raw:
                extra[key] = raw
            continue
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
    if type_name == "schedule":
        schedule_times_to_hsds(row)
    row.update(getattr(obj, "extra", None) or {})
    return without_unsafe_urls(type_name, row)


def without_unsafe_urls(type_name: str, row: dict[str, Any]) -> dict[str, Any]:
    """Leave out a stored link that is not http(s) (older data), so no export
    or API answer hands another tool a ``javascript:`` website."""
    from collectief.directory.hsds.schema import uri_columns

    for column in uri_columns(type_name):
        value = row.get(column)
        if isinstance(value, str) and value and not is_safe_url(value):
            del row[column]
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
