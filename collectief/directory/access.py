"""Who may maintain which entries of the sociale kaart.

- Owners: members (medewerker or beheerder) of the Collectief organisation
  that maintains a directory organisation (after an approved claim) may
  edit its services and mark them as checked.
- Coordinators: medewerkers and beheerders of a gemeente or wijkteam that
  was *granted* coordination (:class:`Coordination`) of an area holding the
  service approve claims, handle error reports and place locations. The
  areas in an organisation's profile say where it works and give no rights.
  Unplaced locations, open claims and reports belong to the gemeente of
  their place (an unplaced location: the gemeente of its postcode or city);
  when that is unknown, only site staff (``is_staff``, in ``/beheer/``) see
  them. Site staff may coordinate everywhere.
- Themes and target groups are shared by every gemeente on the site, so
  only site staff (``is_staff``) add, rename or switch them off; a
  coordinator of one gemeente cannot change them for everyone.

Helpers return the object or raise Http404 (anonymous, not a member, not
theirs) or PermissionDenied (member, but the role is too low or the
organisation does not coordinate).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from collectief.accounts.access import get_membership_for_user
from collectief.accounts.models import Organisation, Role
from collectief.areas.models import Area
from collectief.directory.models import (
    Address,
    Claim,
    Coordination,
    DirectoryOrganization,
    ErrorReport,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
)

COORDINATING_KINDS = frozenset(
    {Organisation.Kind.MUNICIPALITY, Organisation.Kind.NEIGHBOURHOOD_TEAM}
)


def _uuid(value: Any) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404 from exc


def areas_within(areas: QuerySet[Area] | list[Area]) -> set[int]:
    """Ids of these areas and every area inside them (wijken, buurten)."""
    found = {a.pk for a in areas}
    frontier = set(found)
    while frontier:
        frontier = (
            set(Area.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        )
        found |= frontier
    return found


def service_area_ids(service: Service) -> set[int]:
    """The areas a service is in: the buurten of its locations and its service areas."""
    ids = set(
        Location.objects.filter(
            service_at_locations__service=service, area__isnull=False
        ).values_list("area_id", flat=True)
    )
    ids |= set(service.service_areas.filter(area__isnull=False).values_list("area_id", flat=True))
    return ids


def coordinated_area_ids(organisation: Organisation) -> set[int]:
    """The areas granted to the organisation and every area inside them."""
    if organisation.kind not in COORDINATING_KINDS:
        return set()
    granted = Area.objects.filter(coordinations__organisation=organisation)
    return areas_within(list(granted))


def coordinated_gemeente_ids(organisation: Organisation) -> set[int]:
    """The gemeenten in which the organisation coordinates the whole or a part."""
    if organisation.kind not in COORDINATING_KINDS:
        return set()
    granted = Area.objects.filter(coordinations__organisation=organisation).select_related(
        "parent__parent"
    )
    return {area.municipality.pk for area in granted}


def is_coordinating(organisation: Organisation) -> bool:
    """Whether the organisation was granted coordination of any area."""
    return (
        organisation.kind in COORDINATING_KINDS
        and Coordination.objects.filter(organisation=organisation).exists()
    )


def _postcode_digits(postal_code: str) -> str:
    """The four digits of a Dutch postcode ("1234 AB" → "1234"), else ""."""
    digits = "".join(ch for ch in postal_code if ch.isdigit())[:4]
    return digits if len(digits) == 4 else ""


def location_gemeente(location: Location) -> Area | None:
    """The gemeente a location belongs to, or None when it cannot be told.

    A placed location: the gemeente of its buurt. An unplaced one: the
    gemeente where other, placed locations with the same four postcode
    digits lie (only when they all agree), else the gemeente whose name,
    woonplaats or other name is the address's city.
    """
    if location.area_id is not None:
        return location.area.municipality if location.area else None
    from collectief.areas.models import normalise_name

    for address in Address.objects.filter(location=location):
        digits = _postcode_digits(address.postal_code or "")
        if digits:
            placed = Location.objects.filter(
                area__isnull=False, addresses__postal_code__startswith=digits
            ).select_related("area__parent__parent")
            found = {loc.area.municipality.pk: loc.area.municipality for loc in placed if loc.area}
            if len(found) == 1:
                return next(iter(found.values()))
        city = normalise_name(address.city or "")
        if city:
            for gemeente in Area.objects.filter(level=Area.Level.GEMEENTE):
                names = {normalise_name(gemeente.name), normalise_name(gemeente.woonplaats)}
                names |= {normalise_name(n) for n in gemeente.alternative_name_list}
                if city in names - {""}:
                    return gemeente
    return None


def unplaced_locations_for(organisation: Organisation) -> list[Location]:
    """Locations waiting for a buurt in a gemeente this organisation coordinates (in)."""
    ids = coordinated_gemeente_ids(organisation)
    if not ids:
        return []
    result = []
    for location in Location.objects.filter(needs_placement=True).prefetch_related("addresses"):
        gemeente = location_gemeente(location)
        if gemeente is not None and gemeente.pk in ids:
            result.append(location)
    return result


def organization_area_ids(directory_organization: DirectoryOrganization) -> set[int]:
    """Where a directory organisation works: its services' areas, else its locations' gemeenten."""
    ids: set[int] = set()
    for service in directory_organization.services.all():
        ids |= service_area_ids(service)
    if not ids:
        for location in Location.objects.filter(organization=directory_organization):
            gemeente = location_gemeente(location)
            if gemeente is not None:
                ids.add(gemeente.pk)
    return ids


def open_claims_for(organisation: Organisation) -> list[Claim]:
    """Open claims on directory organisations in the areas this organisation coordinates."""
    claims = Claim.objects.filter(status=Claim.Status.OPEN).select_related(
        "directory_organization", "organisation"
    )
    return [c for c in claims if _coordinates_any(organisation, c.directory_organization)]


def _coordinates_any(
    organisation: Organisation, directory_organization: DirectoryOrganization
) -> bool:
    """Its services lie in the organisation's areas, or (nothing placed) its gemeente is one of them."""
    ids = organization_area_ids(directory_organization)
    return bool(
        ids & coordinated_area_ids(organisation) or ids & coordinated_gemeente_ids(organisation)
    )


def services_in_scope(organisation: Organisation) -> QuerySet[Service]:
    """Services a coordinating organisation looks after (by location or service area)."""
    ids = coordinated_area_ids(organisation)
    return Service.objects.filter(
        Q(service_at_locations__location__area_id__in=ids) | Q(service_areas__area_id__in=ids)
    ).distinct()


def _coordinating_memberships(user: Any) -> QuerySet[Any]:
    return user.memberships.select_related("organisation").filter(
        organisation__kind__in=COORDINATING_KINDS, role__in=[Role.STAFF, Role.ADMIN]
    )


def can_coordinate_service(user: Any, service: Service) -> bool:
    """Site staff, or a medewerker/beheerder of an organisation granted an area holding the service."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    areas = service_area_ids(service)
    return any(
        areas & coordinated_area_ids(ms.organisation) for ms in _coordinating_memberships(user)
    )


def can_coordinate_organization(user: Any, directory_organization: DirectoryOrganization) -> bool:
    """Coordinators of where it works; when that is unknown, only site staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    return any(
        _coordinates_any(ms.organisation, directory_organization)
        for ms in _coordinating_memberships(user)
    )


def get_coordinator_organisation_for_user(user: Any, organisation_slug: str) -> Organisation:
    """A gemeente or wijkteam with granted coordination the user works for (medewerker or beheerder)."""
    membership = get_membership_for_user(user, organisation_slug)
    if not membership.has_role(Role.STAFF) or not is_coordinating(membership.organisation):
        raise PermissionDenied
    return membership.organisation


def get_owned_service_for_user(
    user: Any, organisation_slug: str, service_id: Any, *, min_role: str = Role.STAFF
) -> Service:
    """A service maintained by the organisation, or one it coordinates.

    Readers of the owner get PermissionDenied for changes; other
    organisations get Http404.
    """
    membership = get_membership_for_user(user, organisation_slug)
    organisation = membership.organisation
    service = (
        Service.objects.select_related("organization", "checked_by")
        .filter(pk=_uuid(service_id))
        .first()
    )
    if service is None:
        raise Http404
    owned = (
        service.organization is not None
        and service.organization.organisation_id == organisation.pk
    )
    coordinated = is_coordinating(organisation) and bool(
        service_area_ids(service) & coordinated_area_ids(organisation)
    )
    if not owned and not coordinated:
        raise Http404
    if not membership.has_role(min_role):
        raise PermissionDenied
    return service


def get_owned_directory_organization_for_user(
    user: Any,
    organisation_slug: str,
    directory_organization_id: Any,
    *,
    min_role: str = Role.STAFF,
) -> DirectoryOrganization:
    membership = get_membership_for_user(user, organisation_slug)
    directory_organization = DirectoryOrganization.objects.filter(
        pk=_uuid(directory_organization_id), organisation=membership.organisation
    ).first()
    if directory_organization is None:
        raise Http404
    if not membership.has_role(min_role):
        raise PermissionDenied
    return directory_organization


def get_claim_for_coordinator(user: Any, organisation_slug: str, claim_id: int) -> Claim:
    get_coordinator_organisation_for_user(user, organisation_slug)
    claim = (
        Claim.objects.select_related("directory_organization", "organisation")
        .filter(pk=claim_id)
        .first()
    )
    if claim is None or not can_coordinate_organization(user, claim.directory_organization):
        raise Http404
    return claim


def get_report_for_user(user: Any, organisation_slug: str, report_id: int) -> ErrorReport:
    """An error report the owner or a coordinator of the service may handle."""
    report = ErrorReport.objects.select_related("service").filter(pk=report_id).first()
    if report is None:
        raise Http404
    get_owned_service_for_user(user, organisation_slug, report.service_id)
    return report


def get_location_to_place_for_user(
    user: Any, organisation_slug: str, location_id: Any
) -> Location:
    """An unplaced location in a gemeente the organisation coordinates, or Http404."""
    organisation = get_coordinator_organisation_for_user(user, organisation_slug)
    location = Location.objects.filter(pk=_uuid(location_id), needs_placement=True).first()
    if location is None:
        raise Http404
    gemeente = location_gemeente(location)
    if gemeente is None or gemeente.pk not in coordinated_gemeente_ids(organisation):
        raise Http404
    return location


def placement_choices(organisation: Organisation, location: Location) -> QuerySet[Area]:
    """The buurten a coordinator may put a location in: its own areas, in the location's gemeente."""
    gemeente = location_gemeente(location)
    if gemeente is None:
        return Area.objects.none()
    ids = coordinated_area_ids(organisation) & areas_within([gemeente])
    return Area.objects.filter(pk__in=ids, level=Area.Level.BUURT).order_by("name", "code")


def get_public_service(service_id: Any) -> Service:
    """An active, public service anyone may see, or Http404."""
    service = Service.objects.filter(
        pk=_uuid(service_id), status=Service.Status.ACTIVE, is_public=True
    ).first()
    if service is None:
        raise Http404
    return service


def reports_for_organisation(organisation: Organisation) -> QuerySet[ErrorReport]:
    """Open reports on services the organisation owns or coordinates."""
    owned = Q(service__organization__organisation=organisation)
    if is_coordinating(organisation):
        owned |= Q(service__in=services_in_scope(organisation))
    return ErrorReport.objects.filter(owned, status=ErrorReport.Status.OPEN).select_related(
        "service"
    )


def get_service_location_for_user(
    user: Any, organisation_slug: str, service_id: Any, link_id: Any
) -> ServiceAtLocation:
    """A place of a service the user may change (see get_owned_service_for_user)."""
    service = get_owned_service_for_user(user, organisation_slug, service_id)
    link = (
        ServiceAtLocation.objects.select_related("location", "service__organization")
        .filter(pk=_uuid(link_id), service=service, location__isnull=False)
        .first()
    )
    if link is None:
        raise Http404
    return link


def get_service_schedule_for_user(
    user: Any, organisation_slug: str, service_id: Any, schedule_id: Any
) -> Schedule:
    """A time of a service (its own, or at one of its places) the user may change."""
    service = get_owned_service_for_user(user, organisation_slug, service_id)
    return get_schedule_of_service(service, schedule_id)


def get_schedule_of_service(service: Service, schedule_id: Any) -> Schedule:
    """A time of a service the caller already has access to, or Http404."""
    schedule = (
        Schedule.objects.filter(pk=_uuid(schedule_id))
        .filter(Q(service=service) | Q(service_at_location__service=service))
        .first()
    )
    if schedule is None:
        raise Http404
    return schedule


def require_taxonomy_editor(user: Any) -> None:
    """Themes and target groups: site staff only (they are shared by every gemeente)."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    if not user.is_staff:
        raise PermissionDenied


def buurt_choices(organisation: Organisation, service: Service | None = None) -> QuerySet[Area]:
    """The buurten a place may be put in: those of the organisation's gemeenten.

    The gemeenten are those of the organisation's own areas and of the
    places the service already has; a buurt a coordinator chose stays
    available.
    """
    seeds = list(organisation.areas.all())
    current: set[int] = set()
    if service is not None:
        current = service_area_ids(service)
        seeds += list(Area.objects.filter(pk__in=current))
    gemeenten = {area.municipality for area in seeds}
    ids = areas_within(list(gemeenten)) | current
    return Area.objects.filter(pk__in=ids, level=Area.Level.BUURT).order_by("name", "code")


# --- who grants coordination ---------------------------------------------------------


def can_grant_coordination(user: Any, organisation: Organisation) -> bool:
    """A beheerder of a gemeente with granted areas may pass coordination on inside them."""
    if not getattr(user, "is_authenticated", False):
        return False
    if organisation.kind != Organisation.Kind.MUNICIPALITY:
        return False
    membership = user.memberships.filter(organisation=organisation).first()
    return (
        membership is not None
        and membership.has_role(Role.ADMIN)
        and is_coordinating(organisation)
    )


def get_grant_scope_for_user(user: Any, organisation_slug: str | None) -> set[int] | None:
    """The areas the user may grant coordination in: None means everywhere (site staff).

    Without a slug: site staff only. With the slug of a gemeente: its
    beheerders, for the areas granted to the gemeente and those inside them.
    """
    if not getattr(user, "is_authenticated", False):
        raise Http404
    if organisation_slug is None:
        if not user.is_staff:
            raise PermissionDenied
        return None
    membership = get_membership_for_user(user, organisation_slug)
    if not can_grant_coordination(user, membership.organisation):
        raise PermissionDenied
    return coordinated_area_ids(membership.organisation)


def coordinations_in_scope(scope: set[int] | None) -> QuerySet[Coordination]:
    found = Coordination.objects.select_related(
        "organisation", "area__parent__parent", "granted_by"
    )
    return found if scope is None else found.filter(area_id__in=scope)


def get_coordination_for_user(
    user: Any, organisation_slug: str | None, coordination_id: int
) -> Coordination:
    """A grant the user may revoke; a gemeente cannot revoke its own (only site staff can)."""
    scope = get_grant_scope_for_user(user, organisation_slug)
    coordination = coordinations_in_scope(scope).filter(pk=coordination_id).first()
    if coordination is None:
        raise Http404
    if organisation_slug is not None and coordination.organisation.slug == organisation_slug:
        raise PermissionDenied
    return coordination
