"""Writes for the parts of a sociale-kaart entry: its places, its times, and the
themes and target groups everyone chooses from.

Same rules as ``services.py``: every function runs in a transaction, writes
the audit log and takes the acting user as ``by``. Changes to a place or a
time are recorded on the activity, so they show in its change history, and
count as a check of the entry.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from collectief.areas.models import Area
from collectief.audit.services import record_event
from collectief.directory.hsds.mapping import clear_extra
from collectief.directory.models import (
    TARGET_GROUPS_TAXONOMY_ID,
    THEMES_TAXONOMY_ID,
    Address,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    schedule_order_errors,
)
from collectief.directory.services import owner_id, touch_service, unused_location_ids
from collectief.lib.errors import ServiceError

# --- places of a service ------------------------------------------------------------

LOCATION_FIELDS = (
    "location_type",
    "name",
    "description",
    "transportation",
    "latitude",
    "longitude",
    "area",
)
ADDRESS_FIELDS = ("address_1", "postal_code", "city", "state_province")


def _check_location(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(LOCATION_FIELDS) - set(ADDRESS_FIELDS)
    if unknown:
        raise TypeError(f"Not location fields: {sorted(unknown)}")
    area = fields.get("area")
    if area is not None and area.level != Area.Level.BUURT:
        raise ServiceError(_("Choose a neighbourhood (buurt)."), field="area")
    if (fields.get("latitude") is None) != (fields.get("longitude") is None):
        raise ServiceError(_("Fill in both coordinates, or neither."), field="longitude")
    if fields.get("location_type", Location.LocationType.PHYSICAL) == (
        Location.LocationType.PHYSICAL
    ):
        for name in ADDRESS_FIELDS:
            if not str(fields.get(name) or "").strip():
                raise ServiceError(_("Fill in the address."), field=name)


def _write_location(location: Location, fields: dict[str, Any]) -> list[str]:
    """Set a location and its (first) address; the names of the fields that changed."""
    changed = []
    for name in LOCATION_FIELDS:
        if name in fields and getattr(location, name) != fields[name]:
            setattr(location, name, fields[name])
            changed.append(name)
    location.needs_placement = (
        location.area_id is None and location.location_type == Location.LocationType.PHYSICAL
    )
    clear_extra(location, changed)
    location.save()
    address = location.first_address
    values = {name: str(fields.get(name) or "").strip() for name in ADDRESS_FIELDS}
    if (
        location.location_type != Location.LocationType.PHYSICAL
        and address is not None
        and not any(values.values())
    ):
        return changed
    if address is None:
        if any(values.values()):
            Address.objects.create(location=location, country="NL", **values)
            changed += [n for n, v in values.items() if v]
        return changed
    address_changed = [n for n, v in values.items() if getattr(address, n) != v]
    if address_changed:
        for name in address_changed:
            setattr(address, name, values[name])
        clear_extra(address, address_changed)
        address.save()
    return changed + address_changed


@transaction.atomic
def add_location(
    service: Service, *, by: Any, location: Location | None = None, **fields: Any
) -> ServiceAtLocation:
    """Link a place to an activity: a place the organisation already has, or a new one.

    A new physical place without a buurt is flagged for a coordinator to place.
    """
    if location is None:
        _check_location(fields)
        location = Location(organization=service.organization)
        _write_location(location, fields)
    elif service.service_at_locations.filter(location=location).exists():
        raise ServiceError(_("This place is already linked to the activity."), field="existing")
    link = ServiceAtLocation.objects.create(service=service, location=location)
    touch_service(service, by)
    record_event(
        "directory.location.add",
        service,
        by=by,
        organisation_id=owner_id(service),
        details={"fields": ["location"], "location": str(location.pk), "name": str(location)},
    )
    return link


@transaction.atomic
def update_location(link: ServiceAtLocation, *, by: Any, **fields: Any) -> Location:
    """Change a place (for every activity held there)."""
    _check_location(fields)
    location: Location = link.location  # type: ignore[assignment]
    changed = _write_location(location, fields)
    service: Service = link.service  # type: ignore[assignment]
    touch_service(service, by)
    record_event(
        "directory.location.update",
        service,
        by=by,
        organisation_id=owner_id(service),
        details={"fields": ["location", *changed], "location": str(location.pk)},
    )
    return location


@transaction.atomic
def remove_location(link: ServiceAtLocation, *, by: Any) -> None:
    """Unlink a place from an activity (and its times there); unused places are deleted."""
    service: Service = link.service  # type: ignore[assignment]
    location_id = link.location_id
    record_event(
        "directory.location.remove",
        service,
        by=by,
        organisation_id=owner_id(service),
        details={"fields": ["location"], "location": str(location_id), "name": str(link.location)},
    )
    link.delete()
    Location.objects.filter(pk__in=unused_location_ids([location_id])).delete()
    touch_service(service, by)


# --- times of a service -----------------------------------------------------------

SCHEDULE_FIELDS = (
    "kind",
    "freq",
    "interval",
    "byday",
    "bymonthday",
    "dtstart",
    "until",
    "valid_from",
    "valid_to",
    "opens_at",
    "closes_at",
    "description",
)


def _check_schedule(values: dict[str, Any]) -> None:
    errors = schedule_order_errors(**values)
    for field, message in errors.items():
        raise ServiceError(str(message), field=field)
    if values.get("kind") == Schedule.Kind.CLOSED:
        for name in ("valid_from", "valid_to"):
            if values.get(name) is None:
                raise ServiceError(_("A closed period needs a first and a last day."), field=name)
    elif not (values.get("freq") or values.get("dtstart")):
        raise ServiceError(_("Choose how often it happens."), field="repeat")


@transaction.atomic
def save_schedule(
    service: Service,
    *,
    by: Any,
    schedule: Schedule | None = None,
    service_at_location: ServiceAtLocation | None = None,
    **fields: Any,
) -> Schedule:
    """Add or change a time ("elke woensdag 14:00–16:00") or a closed period (zomerstop).

    The schedule belongs to the activity, or to the activity at one of its
    places when ``service_at_location`` is given.
    """
    unknown = set(fields) - set(SCHEDULE_FIELDS)
    if unknown:
        raise TypeError(f"Not schedule fields: {sorted(unknown)}")
    if service_at_location is not None and service_at_location.service_id != service.pk:
        raise ServiceError(_("Choose one of the places of this activity."), field="location")
    creating = schedule is None
    schedule = schedule or Schedule()
    values = {name: fields.get(name, getattr(schedule, name)) for name in SCHEDULE_FIELDS}
    values["kind"] = values["kind"] or Schedule.Kind.OPEN
    _check_schedule(values)
    changed = [name for name, value in values.items() if getattr(schedule, name) != value]
    for name, value in values.items():
        setattr(schedule, name, value)
    if values["interval"] is not None:
        schedule.interval = float(values["interval"])
    schedule.service = None if service_at_location is not None else service
    schedule.service_at_location = service_at_location
    clear_extra(schedule, changed)
    schedule.save()
    touch_service(service, by)
    record_event(
        "directory.schedule.create" if creating else "directory.schedule.update",
        service,
        by=by,
        organisation_id=owner_id(service),
        details={
            "fields": ["schedule"] + ([] if creating else changed),
            "schedule": str(schedule.pk),
        },
    )
    return schedule


@transaction.atomic
def delete_schedule(service: Service, schedule: Schedule, *, by: Any) -> None:
    record_event(
        "directory.schedule.delete",
        service,
        by=by,
        organisation_id=owner_id(service),
        details={"fields": ["schedule"], "schedule": str(schedule.pk)},
    )
    schedule.delete()
    touch_service(service, by)


def schedules_of(service: Service) -> list[Schedule]:
    """The times of a service: its own and those at its places, open times first."""
    return sorted(
        Schedule.objects.filter(
            Q(service=service) | Q(service_at_location__service=service)
        ).select_related("service_at_location__location"),
        key=lambda s: (s.kind != Schedule.Kind.OPEN, s.byday, str(s.opens_at or "")),
    )


# --- themes and target groups ----------------------------------------------------------

# A theme or target group that is no longer offered moves to a second
# taxonomy ("… (niet meer in gebruik)"), so that its id, its links to
# activities and an HSDS export stay valid, and it can come back unchanged.
COLLECTIEF_TAXONOMIES = (THEMES_TAXONOMY_ID, TARGET_GROUPS_TAXONOMY_ID)


def retired_taxonomy_id(taxonomy_id: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(taxonomy_id, "retired")


RETIRED_TAXONOMIES = {retired_taxonomy_id(t): t for t in COLLECTIEF_TAXONOMIES}


def _retired_taxonomy(taxonomy_id: uuid.UUID) -> Taxonomy:
    active = Taxonomy.objects.get(pk=taxonomy_id)
    retired, _created = Taxonomy.objects.get_or_create(
        id=retired_taxonomy_id(taxonomy_id),
        defaults={
            "name": f"{active.name} (niet meer in gebruik)",
            "description": "Termen die Collectief niet meer aanbiedt; koppelingen blijven bewaard.",
            "version": active.version,
        },
    )
    return retired


def term_kind(term: TaxonomyTerm) -> uuid.UUID | None:
    """The Collectief taxonomy (themes or target groups) a term belongs to, active or not."""
    taxonomy_id = term.taxonomy_detail_id
    if taxonomy_id in COLLECTIEF_TAXONOMIES:
        return taxonomy_id
    return RETIRED_TAXONOMIES.get(taxonomy_id)  # type: ignore[arg-type]


def term_is_active(term: TaxonomyTerm) -> bool:
    return term.taxonomy_detail_id in COLLECTIEF_TAXONOMIES


def _same_kind(taxonomy_id: uuid.UUID) -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.filter(
        taxonomy_detail_id__in=[taxonomy_id, retired_taxonomy_id(taxonomy_id)]
    )


def _check_term_name(taxonomy_id: uuid.UUID, name: str, exclude: Any = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("Fill in a name."), field="name")
    if _same_kind(taxonomy_id).exclude(pk=exclude).filter(name__iexact=name).exists():
        raise ServiceError(
            _("This name already exists. Maybe it is switched off: switch it on again."),
            field="name",
        )
    return name


def refresh_search_texts(services: QuerySet[Service], chunk: int = 500) -> int:
    """Rebuild the search text of many services (after a theme was renamed); the count."""
    ids = list(services.values_list("pk", flat=True).distinct())
    for start in range(0, len(ids), chunk):
        batch = list(
            Service.objects.filter(pk__in=ids[start : start + chunk])
            .select_related("organization")
            .prefetch_related("attributes__taxonomy_term")
        )
        for service in batch:
            service.search_text = service.build_search_text()
        Service.objects.bulk_update(batch, ["search_text"])
    return len(ids)


@transaction.atomic
def add_term(taxonomy_id: uuid.UUID, *, name: str, by: Any, description: str = "") -> TaxonomyTerm:
    """A new theme or target group; its code (for web addresses) comes from the name."""
    if taxonomy_id not in COLLECTIEF_TAXONOMIES:
        raise ServiceError(_("Choose themes or target groups."), field="taxonomy")
    name = _check_term_name(taxonomy_id, name)
    code = base = slugify(name)[:90] or "term"
    number = 2
    while _same_kind(taxonomy_id).filter(code=code).exists():
        code = f"{base}-{number}"
        number += 1
    taxonomy = Taxonomy.objects.get(pk=taxonomy_id)
    last = TaxonomyTerm.objects.filter(taxonomy_detail_id=taxonomy_id).order_by("-order").first()
    term = TaxonomyTerm.objects.create(
        id=uuid.uuid5(taxonomy_id, code),
        taxonomy_detail=taxonomy,
        code=code,
        name=name,
        description=description.strip() or name,
        taxonomy=taxonomy.name,
        language="nl",
        order=(last.order + 1) if last else 0,
    )
    record_event("directory.term.create", term, by=by, details={"name": name, "code": code})
    return term


@transaction.atomic
def rename_term(
    term: TaxonomyTerm, *, name: str, by: Any, description: str | None = None
) -> TaxonomyTerm:
    """A new name for a theme or target group; the id and code stay the same."""
    kind = term_kind(term)
    if kind is None:
        raise ServiceError(_("Only Collectief themes and target groups can be changed here."))
    name = _check_term_name(kind, name, exclude=term.pk)
    before = term.name
    if description is None and term.description == before:
        description = name
    term.name = name
    if description is not None:
        term.description = description.strip() or name
    clear_extra(term, ["name", "description"])
    term.save()
    if before != name:
        refresh_search_texts(Service.objects.filter(attributes__taxonomy_term=term))
    record_event("directory.term.rename", term, by=by, details={"before": before, "name": name})
    return term


@transaction.atomic
def set_term_active(term: TaxonomyTerm, *, active: bool, by: Any) -> TaxonomyTerm:
    """Switch a theme or target group off (no longer offered or shown) or on again.

    The id stays the same and activities keep their link, so switching it on
    again brings everything back.
    """
    kind = term_kind(term)
    if kind is None:
        raise ServiceError(_("Only Collectief themes and target groups can be changed here."))
    if term_is_active(term) == active:
        return term
    taxonomy = Taxonomy.objects.get(pk=kind) if active else _retired_taxonomy(kind)
    term.taxonomy_detail = taxonomy
    term.taxonomy = taxonomy.name
    clear_extra(term, ["taxonomy", "taxonomy_id", "taxonomy_detail"])
    term.save()
    refresh_search_texts(Service.objects.filter(attributes__taxonomy_term=term))
    record_event("directory.term.activate" if active else "directory.term.deactivate", term, by=by)
    return term
