"""Who may maintain which entries of the sociale kaart.

- Owners: members (medewerker or beheerder) of the Collectief organisation
  that maintains a directory organisation (after an approved claim) may
  edit its services and mark them as checked.
- Coordinators: medewerkers and beheerders of a gemeente or wijkteam whose
  areas contain the service's area approve claims, handle error reports
  and place locations. Site staff (``is_staff``) may coordinate everywhere.
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
    Claim,
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
    return areas_within(list(organisation.areas.all()))


def is_coordinating(organisation: Organisation) -> bool:
    return organisation.kind in COORDINATING_KINDS


def services_in_scope(organisation: Organisation) -> QuerySet[Service]:
    """Services a coordinating organisation looks after (by location or service area)."""
    ids = coordinated_area_ids(organisation)
    return Service.objects.filter(
        Q(service_at_locations__location__area_id__in=ids) | Q(service_areas__area_id__in=ids)
    ).distinct()


def can_coordinate_service(user: Any, service: Service) -> bool:
    """Site staff, or a medewerker/beheerder of a gemeente or wijkteam whose areas hold the service."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    memberships = user.memberships.select_related("organisation").filter(
        organisation__kind__in=COORDINATING_KINDS, role__in=[Role.STAFF, Role.ADMIN]
    )
    areas = service_area_ids(service)
    return any(areas & coordinated_area_ids(ms.organisation) for ms in memberships)


def can_coordinate_organization(user: Any, directory_organization: DirectoryOrganization) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    services = list(directory_organization.services.all())
    if not services:
        # Nothing placed yet: any coordinator may decide.
        return user.memberships.filter(
            organisation__kind__in=COORDINATING_KINDS, role__in=[Role.STAFF, Role.ADMIN]
        ).exists()
    return any(can_coordinate_service(user, service) for service in services)


def get_coordinator_organisation_for_user(user: Any, organisation_slug: str) -> Organisation:
    """A gemeente or wijkteam the user coordinates for (medewerker or beheerder)."""
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
    get_coordinator_organisation_for_user(user, organisation_slug)
    location = Location.objects.filter(pk=_uuid(location_id)).first()
    if location is None:
        raise Http404
    return location


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
