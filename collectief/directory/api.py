"""HSDS 3.1 API of the sociale kaart, mounted under /api/v1/ (paths start with ``hsds/``).

Public read-only: only active, public services and what hangs under them.
Pagination follows the HSDS API (``page``, ``per_page``; answers with
``total_items``, ``total_pages``, ``page_number``, ``size``, ``first_page``,
``last_page``, ``empty`` and ``contents``).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import URLPattern, path
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from collectief.areas.lookup import AreaNotFoundError, resolve_area
from collectief.areas.models import Area
from collectief.directory.access import areas_within
from collectief.directory.hsds.exporter import Index, nested
from collectief.directory.hsds.mapping import object_to_row
from collectief.directory.hsds.schema import HSDS_VERSION
from collectief.directory.models import (
    DirectoryOrganization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from collectief.lib.api import (
    DATE_OR_DATETIME,
    OPTIONAL_UUID,
    ApiError,
    Param,
    api_endpoint,
    page_params,
    pagination_params,
)
from collectief.lib.errors import ServiceError

TAGS = ["Sociale kaart (HSDS)"]

PAGE_PARAMS = pagination_params()


def _page_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "total_items": {"type": "integer"},
            "total_pages": {"type": "integer"},
            "page_number": {"type": "integer"},
            "size": {"type": "integer"},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array", "items": {"type": "object"}},
        },
    }


def hsds_page(request: HttpRequest, queryset: QuerySet[Any], serialize: Any) -> dict[str, Any]:
    page_number, size = page_params(request)
    paginator = Paginator(queryset, size)
    total_pages = max(1, paginator.num_pages)
    items = (
        list(paginator.page(page_number).object_list) if page_number <= paginator.num_pages else []
    )
    return {
        "total_items": paginator.count,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": size,
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not items,
        "contents": serialize(items),
    }


def _uuid(value: str, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise ApiError(400, _("%(name)s must be a UUID.") % {"name": name}) from exc


def _area(text: str) -> Area:
    """The area of the ``area`` parameter: a CBS code or a name ("Kesteren")."""
    try:
        return resolve_area(text)
    except AreaNotFoundError as exc:
        # Not a wrong request but an area that is not there (as an unknown slug).
        raise ApiError(404, str(exc)) from exc
    except ServiceError as exc:
        raise ApiError(400, str(exc)) from exc


def public_services() -> QuerySet[Service]:
    return Service.objects.filter(status=Service.Status.ACTIVE, is_public=True)


@api_endpoint(
    summary="HSDS API information (version 3.1).",
    tags=TAGS,
    response={"type": "object", "properties": {"version": {"type": "string"}}},
)
def hsds_root(request: HttpRequest) -> dict[str, Any]:
    return {
        "version": HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/latest/hsds/",
        "openapi_url": request.build_absolute_uri("/api/v1/openapi.json"),
    }


@api_endpoint(
    summary="Active services of the sociale kaart, with their organisation, locations and schedules.",
    tags=TAGS,
    parameters=(
        Param("search", "Words in the name, description, organisation or themes."),
        Param(
            "taxonomy_term_id",
            "Only services with this taxonomy term (theme, target group).",
            OPTIONAL_UUID,
        ),
        Param(
            "taxonomy_id",
            "Only services with a term of this taxonomy.",
            OPTIONAL_UUID,
        ),
        Param(
            "organization_id",
            "Only services of this organisation.",
            OPTIONAL_UUID,
        ),
        Param(
            "modified_after",
            "Only services changed after this date or date-time (ISO 8601).",
            DATE_OR_DATETIME,
        ),
        Param(
            "area",
            "Name or CBS code of a gemeente, wijk or buurt (Kesteren, WK075806): services"
            " located or offered there, also in its buurten.",
        ),
        *PAGE_PARAMS,
    ),
    response=_page_schema(),
)
def hsds_services(request: HttpRequest) -> dict[str, Any]:
    services = public_services()
    query = request.GET
    if words := query.get("search", "").strip():
        for word in words.split():
            services = services.filter(search_text__icontains=word)
    if term := query.get("taxonomy_term_id"):
        services = services.filter(attributes__taxonomy_term_id=_uuid(term, "taxonomy_term_id"))
    if taxonomy := query.get("taxonomy_id"):
        services = services.filter(
            attributes__taxonomy_term__taxonomy_detail_id=_uuid(taxonomy, "taxonomy_id")
        )
    if organization := query.get("organization_id"):
        services = services.filter(organization_id=_uuid(organization, "organization_id"))
    if modified := query.get("modified_after"):
        try:
            moment = parse_datetime(modified) or parse_date(modified)
        except ValueError:  # well-formed but impossible, such as 2026-02-30
            moment = None
        if moment is None:
            raise ApiError(400, _("modified_after must be a date or date-time (ISO 8601)."))
        services = services.filter(last_modified__gt=moment)
    if code := query.get("area"):
        area = _area(code)
        ids = areas_within([area]) | {a.pk for a in area.ancestors()}
        services = services.filter(
            Q(service_at_locations__location__area_id__in=ids) | Q(service_areas__area_id__in=ids)
        )
    services = services.distinct().order_by("name", "id")
    return hsds_page(request, services, lambda items: nested("service", items))


@api_endpoint(summary="One active service, fully nested.", tags=TAGS)
def hsds_service(request: HttpRequest, service_id: uuid.UUID) -> dict[str, Any]:
    service = public_services().filter(pk=service_id).first()
    if service is None:
        raise Http404
    return nested("service", [service])[0]


def public_organizations() -> QuerySet[DirectoryOrganization]:
    return DirectoryOrganization.objects.filter(
        Q(services__status=Service.Status.ACTIVE, services__is_public=True) | Q(services=None)
    ).distinct()


def _organizations_nested(items: list[DirectoryOrganization]) -> list[dict[str, Any]]:
    index = Index()
    seeds = index.gather("organization", items)
    result = []
    for seed in seeds:
        item = index.nest("organization", seed, top=False)
        services = public_services().filter(organization_id=seed["id"]).order_by("name")
        item["services"] = [object_to_row("service", s) for s in services]
        result.append(item)
    return result


@api_endpoint(
    summary="Organisations in the sociale kaart.",
    tags=TAGS,
    parameters=(Param("search", "Words in the name or description."), *PAGE_PARAMS),
    response=_page_schema(),
)
def hsds_organizations(request: HttpRequest) -> dict[str, Any]:
    organizations = public_organizations()
    if words := request.GET.get("search", "").strip():
        for word in words.split():
            organizations = organizations.filter(
                Q(name__icontains=word) | Q(description__icontains=word)
            )
    return hsds_page(
        request,
        organizations.order_by("name", "id"),
        lambda items: [object_to_row("organization", o) for o in items],
    )


@api_endpoint(summary="One organisation with its services and locations.", tags=TAGS)
def hsds_organization(request: HttpRequest, organization_id: uuid.UUID) -> dict[str, Any]:
    organization = public_organizations().filter(pk=organization_id).first()
    if organization is None:
        raise Http404
    return _organizations_nested([organization])[0]


@api_endpoint(
    summary="Services at locations (where an active service takes place).",
    tags=TAGS,
    parameters=(
        Param("service_id", "Only this service.", OPTIONAL_UUID),
        Param("area", "Name or CBS code: only locations in this gemeente, wijk or buurt."),
        *PAGE_PARAMS,
    ),
    response=_page_schema(),
)
def hsds_service_at_locations(request: HttpRequest) -> dict[str, Any]:
    links = ServiceAtLocation.objects.filter(
        service__status=Service.Status.ACTIVE, service__is_public=True
    )
    if service_id := request.GET.get("service_id"):
        links = links.filter(service_id=_uuid(service_id, "service_id"))
    if code := request.GET.get("area"):
        area = _area(code)
        links = links.filter(location__area_id__in=areas_within([area]))

    def serialize(items: list[ServiceAtLocation]) -> list[dict[str, Any]]:
        index = Index()
        seeds = index.gather("service_at_location", items)
        # The services the index did not gather, in one query for the page
        # rather than one per link (an N+1 the query-count test found).
        missing = {
            seed["service_id"]
            for seed in seeds
            if seed.get("service_id") and index.get("service", seed["service_id"]) is None
        }
        fetched = {
            str(obj.pk): object_to_row("service", obj)
            for obj in Service.objects.filter(pk__in=missing)
        }
        out = []
        for seed in seeds:
            item = index.nest("service_at_location", seed, top=False)
            service = index.get("service", seed.get("service_id")) or fetched.get(
                str(seed.get("service_id"))
            )
            if service is not None:
                item["service"] = service
            out.append(item)
        return out

    return hsds_page(request, links.order_by("id"), serialize)


@api_endpoint(
    summary="Taxonomies (Collectief themes, target groups and imported ones).",
    tags=TAGS,
    parameters=PAGE_PARAMS,
    response=_page_schema(),
)
def hsds_taxonomies(request: HttpRequest) -> dict[str, Any]:
    return hsds_page(
        request,
        Taxonomy.objects.order_by("name", "id"),
        lambda items: [object_to_row("taxonomy", t) for t in items],
    )


@api_endpoint(
    summary="Taxonomy terms, such as the themes eenzaamheid or wonen.",
    tags=TAGS,
    parameters=(
        Param("taxonomy_id", "Only terms of this taxonomy.", OPTIONAL_UUID),
        Param("parent_id", "Only terms under this term.", OPTIONAL_UUID),
        *PAGE_PARAMS,
    ),
    response=_page_schema(),
)
def hsds_taxonomy_terms(request: HttpRequest) -> dict[str, Any]:
    terms = TaxonomyTerm.objects.select_related("taxonomy_detail")
    if taxonomy := request.GET.get("taxonomy_id"):
        terms = terms.filter(taxonomy_detail_id=_uuid(taxonomy, "taxonomy_id"))
    if parent := request.GET.get("parent_id"):
        terms = terms.filter(parent_id=_uuid(parent, "parent_id"))

    def serialize(items: list[TaxonomyTerm]) -> list[dict[str, Any]]:
        out = []
        for term in items:
            row = object_to_row("taxonomy_term", term)
            if term.taxonomy_detail is not None:
                row["taxonomy_detail"] = object_to_row("taxonomy", term.taxonomy_detail)
            out.append(row)
        return out

    return hsds_page(
        request, terms.order_by("taxonomy_detail_id", "order", "name", "id"), serialize
    )


urlpatterns: list[URLPattern] = [
    path("hsds/", hsds_root, name="hsds_root"),
    path("hsds/services", hsds_services, name="hsds_services"),
    path("hsds/services/<uuid:service_id>", hsds_service, name="hsds_service"),
    path("hsds/organizations", hsds_organizations, name="hsds_organizations"),
    path("hsds/organizations/<uuid:organization_id>", hsds_organization, name="hsds_organization"),
    path("hsds/service_at_locations", hsds_service_at_locations, name="hsds_service_at_locations"),
    path("hsds/taxonomies", hsds_taxonomies, name="hsds_taxonomies"),
    path("hsds/taxonomy_terms", hsds_taxonomy_terms, name="hsds_taxonomy_terms"),
]
