from __future__ import annotations

import json
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from collectief.accounts.models import Organisation, User
from collectief.api import services
from collectief.api.models import ApiToken
from collectief.api.openapi import build_document, endpoints
from collectief.areas.lookup import MAX_QUERY_LENGTH, search_areas
from collectief.areas.models import Area
from collectief.lib import cbs
from collectief.lib.api import (
    PAGINATION_PARAMS,
    ApiError,
    Param,
    api_endpoint,
    choice_param,
    paginate,
    paginated_schema,
    pagination_params,
)
from collectief.lib.safe_urls import safe_href

ORGANISATION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "kind": {"type": "string", "enum": [k for k, _ in Organisation.Kind.choices]},
        "tagline": {"type": "string"},
        "description": {"type": "string"},
        "website": {"type": "string"},
        "areas": {"type": "array", "items": {"type": "string", "description": "CBS code"}},
        "is_public": {"type": "boolean"},
    },
}
AREA_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "name": {"type": "string"},
        "level": {"type": "string", "enum": [k for k, _ in Area.Level.choices]},
        "parent": {"type": ["string", "null"]},
        "year": {"type": "integer"},
    },
}


def serialize_organisation(organisation: Organisation) -> dict[str, Any]:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "tagline": organisation.tagline,
        "description": organisation.public_description,
        "website": safe_href(organisation.website),
        "areas": [area.code for area in organisation.areas.all()],
        "is_public": organisation.is_public,
    }


def serialize_area(area: Area) -> dict[str, Any]:
    return {
        "code": area.code,
        "name": area.name,
        "level": area.level,
        "parent": area.parent.code if area.parent else None,
        "year": area.year,
    }


def _visible_organisations(request: HttpRequest) -> Any:
    """Public organisations, plus the user's own non-public ones."""
    query = Q(is_public=True)
    if request.user.is_authenticated:
        query |= Q(memberships__user=request.user)
    return Organisation.objects.filter(query).distinct().prefetch_related("areas")


@api_endpoint(summary="API index", tags=["meta"])
def index(request: HttpRequest) -> dict[str, Any]:
    return {
        "version": 1,
        "openapi": request.build_absolute_uri("/api/v1/openapi.json"),
        "endpoints": [path for path, _ in endpoints()],
    }


@api_endpoint(
    summary="List organisations",
    tags=["organisations"],
    parameters=(
        choice_param("kind", "Only this kind.", Organisation.Kind.values),
        Param("area", "Only organisations working in this CBS area.", {"type": "string"}),
        *PAGINATION_PARAMS,
    ),
    response=paginated_schema(ORGANISATION_SCHEMA),
)
def organisation_list(request: HttpRequest) -> dict[str, Any]:
    organisations = _visible_organisations(request).order_by("name")
    if kind := request.GET.get("kind"):
        if kind not in Organisation.Kind.values:
            raise ApiError(400, _("Unknown kind %(kind)s.") % {"kind": kind})
        organisations = organisations.filter(kind=kind)
    if area := request.GET.get("area"):
        organisations = organisations.filter(areas__code=cbs.normalise_code(area))
    return paginate(request, organisations, serialize_organisation)


@api_endpoint(summary="One organisation", tags=["organisations"], response=ORGANISATION_SCHEMA)
def organisation_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    organisation = _visible_organisations(request).filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return serialize_organisation(organisation)


@api_endpoint(
    summary="List areas",
    tags=["areas"],
    parameters=(
        choice_param("level", "gemeente, wijk or buurt.", Area.Level.values),
        Param("parent", "CBS code of the containing area.", {"type": "string"}),
        Param(
            "q",
            "Part of a name (the CBS name or an alternative name; accents and punctuation do not"
            " matter) or the start of a CBS code; the same search as the areas page.",
            {"type": "string"},
        ),
        *pagination_params(max_size=1000),
    ),
    response=paginated_schema(AREA_SCHEMA),
)
def area_list(request: HttpRequest) -> dict[str, Any]:
    areas = Area.objects.select_related("parent").order_by("code")
    if level := request.GET.get("level"):
        if level not in Area.Level.values:
            raise ApiError(400, _("Unknown level %(level)s.") % {"level": level})
        areas = areas.filter(level=level)
    if parent := request.GET.get("parent"):
        areas = areas.filter(parent__code=cbs.normalise_code(parent))
    if q := request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]:
        areas = search_areas(areas, q)
    return paginate(request, areas, serialize_area, default_size=100, max_size=1000)


@api_endpoint(summary="One area", tags=["areas"], response=AREA_SCHEMA)
def area_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    area = Area.objects.select_related("parent").filter(code=cbs.normalise_code(code)).first()
    if area is None:
        raise Http404
    return serialize_area(area)


def openapi_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(build_document(), json_dumps_params={"ensure_ascii": False})


def docs(request: HttpRequest) -> HttpResponse:
    """Readable API documentation, rendered on the server from the same document."""
    document = build_document()
    operations = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "operation": operation,
                    "request_schema": json.dumps(body.get("schema"), indent=2, ensure_ascii=False)
                    if body
                    else "",
                    "response_schema": json.dumps(
                        operation["responses"].get("200", operation["responses"].get("201"))[
                            "content"
                        ]["application/json"]["schema"],
                        indent=2,
                        ensure_ascii=False,
                    ),
                }
            )
    return render(request, "api/docs.html", {"operations": operations, "document": document})


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the token"),
        max_length=100,
        help_text=gettext_lazy("For example the name of the script or website that uses it."),
    )


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.create_api_token(
            user=request.user,  # type: ignore[arg-type]
            name=form.cleaned_data["name"],
            by=request.user,  # type: ignore[arg-type]
        )
        form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": request.user.api_tokens.all(), "new_token": new_token},  # type: ignore[union-attr]
    )


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=token_id, user=cast(User, request.user)).first()
    if token is None:
        raise Http404
    services.revoke_api_token(token, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The token has been revoked."))
    return redirect("api:tokens")
