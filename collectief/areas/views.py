from __future__ import annotations

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode

from collectief.areas.lookup import MAX_QUERY_LENGTH, search_areas
from collectief.areas.models import Area
from collectief.lib.params import get_page

PAGE_SIZE = 50


def area_list(request: HttpRequest) -> HttpResponse:
    """All gemeenten, or the areas whose name or code matches the search."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    areas = Area.objects.select_related("parent__parent").annotate(child_count=Count("children"))
    if query:
        areas = search_areas(areas, query).order_by("name", "code")
    else:
        areas = areas.filter(level=Area.Level.GEMEENTE).order_by("name")
    page = get_page(request, Paginator(areas, PAGE_SIZE))
    return render(
        request,
        "areas/area_list.html",
        {
            "page": page,
            "q": query,
            "query": urlencode({"q": query}) if query else "",
            "has_areas": Area.objects.exists(),
        },
    )


def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(Area.objects.select_related("parent__parent"), code=code.upper())
    children = area.children.annotate(child_count=Count("children")).order_by("name")
    # Apps above this one (accounts: the organisations working here; directory:
    # the sociale kaart) add their sections about an area here.
    sections = [
        template
        for config in apps.get_app_configs()
        for template in getattr(config, "area_sections", [])
    ]
    return render(
        request,
        "areas/area_detail.html",
        {
            "area": area,
            "children": children,
            "area_sections": sections,
        },
    )
