from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from collectief.areas.models import Area


def area_list(request: HttpRequest) -> HttpResponse:
    municipalities = Area.objects.filter(level=Area.Level.GEMEENTE).prefetch_related("children")
    return render(request, "areas/area_list.html", {"municipalities": municipalities})


def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(Area.objects.select_related("parent__parent"), code=code.upper())
    children = area.children.order_by("name")
    organisations = area.organisations.public()
    return render(
        request,
        "areas/area_detail.html",
        {"area": area, "children": children, "organisations": organisations},
    )
