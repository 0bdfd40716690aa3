"""The organisation's own signals, one by one, with the notes as stored (issue 11 point 6).

Only members of the organisation that entered them (with two-factor login);
the notes are the de-identified text, and empty after the retention period.
Everyone else sees counts only (``views/summary.py``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from collectief.areas.models import Area
from collectief.lib.errors import ServiceError
from collectief.signals.access import get_signals_organisation_for_user
from collectief.signals.models import Signal
from collectief.signals.summary import Period
from collectief.signals.views.common import signals_page

PER_PAGE = 50


@signals_page
def own_signals(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_signals_organisation_for_user(request.user, organisation_slug)
    signals = (
        Signal.objects.for_organisation(organisation)
        .select_related("area", "created_by")
        .prefetch_related("themes")
    )
    filters: dict[str, str] = {}
    error = None
    month = request.GET.get("maand", "").strip()
    if month:
        try:
            period = Period.parse(month)
        except ServiceError as exc:
            error = exc.message
        else:
            signals = signals.filter(date__gte=period.start, date__lt=period.end)
            filters["maand"] = str(period)
    area_code = request.GET.get("gebied", "").strip().upper()
    areas = Area.objects.filter(
        pk__in=Signal.objects.for_organisation(organisation).values("area")
    ).order_by("name")
    if area_code:
        signals = signals.filter(area__code=area_code)
        filters["gebied"] = area_code
    page = Paginator(signals, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "signals/own.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "page": page,
            "areas": areas,
            "filters": filters,
            "query": urlencode(filters),
            "error": error,
        },
        status=400 if error else 200,
    )
