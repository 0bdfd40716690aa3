"""Public pages of the sociale kaart: search, map, agenda, print, etalage per wijk, match.

Everything here is public: the sociale kaart shows what is on offer to
everyone. Entries an organisation keeps private (``is_public=False``) and
entries that are not active never appear.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from collectief.areas.models import Area
from collectief.directory import match
from collectief.directory.contact import organisation_contact, service_contact
from collectief.directory.models import DirectoryOrganization, Service
from collectief.directory.search import (
    SearchForm,
    agenda,
    describe_when,
    display_page,
    search_services,
    with_display_data,
)
from collectief.lib.embedding import allow_embedding
from collectief.lib.params import page_number

PAGE_SIZE = 20
MAP_LIMIT = 500
PRINT_LIMIT = 300


def _filter_query(request: HttpRequest, exclude: tuple[str, ...] = ("page",)) -> str:
    """The current filters as a query string, without the page number."""
    return urlencode([(k, v) for k, v in request.GET.items() if k not in exclude and v])


def _form(request: HttpRequest) -> SearchForm:
    return SearchForm(request.GET or None)


def _where(service: Service) -> str:
    for sal in service.service_at_locations.all():
        location = sal.location
        if location is None:
            continue
        address = location.first_address
        parts = [location.name, str(address) if address else ""]
        return ", ".join(p for p in parts if p)
    return ""


def _results(form: SearchForm) -> Any:
    if form.is_bound and form.is_valid():
        return form.search()
    return search_services()


def _without_words(question: str, words: tuple[str, ...]) -> str:
    """The question without the words of one understood filter."""
    remaining = list(words)
    kept = []
    for token in question.split():
        plain = "".join(c for c in token.lower() if c.isalnum())
        if plain in remaining:
            remaining.remove(plain)
            # Keep the punctuation the word carried ("dinsdag," -> ",").
            rest = "".join(c for c in token if not c.isalnum())
            if rest:
                kept.append(rest)
            continue
        kept.append(token)
    return " ".join(kept)


def _url_with(request: HttpRequest, **changes: str | None) -> str:
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    for key, value in changes.items():
        if value:
            params[key] = value
        else:
            params.pop(key, None)
    return "?" + urlencode(params) if params else "?"


def _searched_on(request: HttpRequest, form: SearchForm) -> dict[str, Any]:
    """ "Gezocht op: eenzaamheid · Kesteren · dinsdag · gratis", each with a link that removes it.

    Filters chosen in the form and words understood in the question alike;
    removing an understood filter removes its words from the question.
    """
    if not form.is_bound or not hasattr(form, "cleaned_data"):
        return {"chips": [], "choices": []}
    data = form.cleaned_data
    question = request.GET.get("q", "")
    chips: list[dict[str, str]] = []
    fields: Any = form.fields
    labels = {
        name: dict(fields[name].choices)
        for name in ("thema", "doelgroep", "dag", "wanneer", "bereik")
    }
    for name in ("thema", "doelgroep", "gebied", "bereik", "dag", "wanneer"):
        value = data.get(name)
        if not value:
            continue
        label = value.name if name == "gebied" else str(labels[name].get(value, value)).lower()
        chips.append({"label": label, "remove": _url_with(request, **{name: None})})
    for name, label in (
        ("gratis", _("free")),
        ("zonder_verwijzing", _("no referral needed")),
        ("rolstoel", _("wheelchair accessible")),
        ("collectief", _("collective")),
        ("omgeving", _("also around it")),
    ):
        if data.get(name):
            chips.append({"label": label, "remove": _url_with(request, **{name: None})})
    meant = form.understanding
    choices: list[dict[str, Any]] = []
    if meant is not None:
        for item in meant.understood:
            if item.field in {
                "thema",
                "doelgroep",
                "gebied",
                "dag",
                "wanneer",
                "gratis",
                "zonder_verwijzing",
            } and data.get(item.field):
                continue  # The form's own choice wins; it is listed above.
            chips.append(
                {
                    "label": item.label,
                    "remove": _url_with(request, q=_without_words(question, item.words)),
                }
            )
        if meant.rest:
            chips.append(
                {
                    "label": f"“{meant.rest}”",
                    "remove": _url_with(
                        request, q=_without_words(question, tuple(meant.rest.split()))
                    ),
                }
            )
        for place in meant.ambiguous:
            rest_q = _without_words(question, tuple(place.words.split()))
            choices.append(
                {
                    "name": place.words,
                    "options": [
                        {"label": a.label, "url": _url_with(request, q=rest_q, gebied=a.code)}
                        for a in place.areas
                    ],
                }
            )
    if form.area_candidates:
        choices.append(
            {
                "name": request.GET.get("gebied", ""),
                "options": [
                    {"label": a.label, "url": _url_with(request, gebied=a.code)}
                    for a in form.area_candidates
                ],
            }
        )
    return {"chips": chips, "choices": choices}


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    invalid = form.is_bound and not form.is_valid()
    results = Service.objects.none() if invalid else _results(form)
    page = display_page(results, page_number(request), PAGE_SIZE)
    query = _filter_query(request)
    context = {
        **_searched_on(request, form),
        "form": form,
        "page": page,
        "query": query,
        "map_endpoint": reverse("directory:map_data") + (f"?{query}" if query else ""),
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "searched": form.is_bound,
    }
    return render(request, "directory/search.html", context, status=400 if invalid else 200)


def _location_point(service: Service) -> tuple[float, float] | None:
    for sal in service.service_at_locations.all():
        location = sal.location
        if (
            location is not None
            and location.latitude is not None
            and location.longitude is not None
        ):
            return location.latitude, location.longitude
    return None


@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    """The search results with coordinates, for map.js (same filters as the list)."""
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    results = list(with_display_data(_results(form))[: MAP_LIMIT + 1])
    items = []
    for service in results[:MAP_LIMIT]:
        point = _location_point(service)
        if point is None:
            continue
        contact = service_contact(service)
        items.append(
            {
                "id": str(service.pk),
                "name": service.name,
                "url": reverse("directory:service", args=[service.pk]),
                "organisation": service.organization.name if service.organization else "",
                "latitude": point[0],
                "longitude": point[1],
                "where": _where(service),
                "when": "; ".join(describe_when(service)),
                "address": contact.address or None,
                "phone": contact.phone.number if contact.phone else None,
                "phone_href": contact.phone.href if contact.phone else None,
                "email": contact.email or None,
            }
        )
    return JsonResponse({"results": items, "truncated": len(results) > MAP_LIMIT})


@require_GET
def agenda_view(request: HttpRequest) -> HttpResponse:
    """Vandaag / deze week: what happens on which day, closing periods respected."""
    form = _form(request)
    invalid = form.is_bound and not form.is_valid()
    period = request.GET.get("wanneer") or "vandaag"
    if period not in ("vandaag", "week"):
        period = "vandaag"
    today = timezone.localdate()
    days: list[Any] = []
    truncated = False
    if not invalid:
        kwargs = form.search_kwargs() if form.is_bound else {}
        kwargs.pop("when", None)
        days, truncated = agenda(search_services(**kwargs), today, 1 if period == "vandaag" else 7)
    context = {
        "form": form,
        "days": days,
        "period": period,
        "truncated": truncated,
        "today": today,
        "query": _filter_query(request, exclude=("page", "wanneer")),
    }
    return render(request, "directory/agenda.html", context, status=400 if invalid else 200)


@require_GET
def print_list(request: HttpRequest) -> HttpResponse:
    """A list to print for someone without internet: name, what, when, where, cost, contact."""
    form = _form(request)
    invalid = form.is_bound and not form.is_valid()
    results = [] if invalid else list(with_display_data(_results(form))[: PRINT_LIMIT + 1])
    context = {
        "form": form,
        "services": results[:PRINT_LIMIT],
        "truncated": len(results) > PRINT_LIMIT,
        "printed_on": timezone.localdate(),
        "query": _filter_query(request),
    }
    return render(request, "directory/print.html", context, status=400 if invalid else 200)


@require_GET
def service_detail(request: HttpRequest, service_id: Any) -> HttpResponse:
    service = get_object_or_404(
        with_display_data(Service.objects.filter(is_public=True)), pk=service_id
    )
    return render(request, "directory/service_detail.html", {"service": service})


@require_GET
def organization_detail(request: HttpRequest, organization_id: Any) -> HttpResponse:
    organization = get_object_or_404(
        DirectoryOrganization.objects.prefetch_related(
            "phones", "contacts__phones", "locations__addresses"
        ),
        pk=organization_id,
    )
    services = with_display_data(
        organization.services.filter(is_public=True, status=Service.Status.ACTIVE)
    ).order_by("name")
    return render(
        request,
        "directory/organization_detail.html",
        {
            "organization": organization,
            "services": services,
            "contact": organisation_contact(organization),
        },
    )


def _wijk_context(code: str) -> dict[str, Any]:
    area = Area.objects.select_related("parent__parent").filter(code=code.upper()).first()
    if area is None or area.level == Area.Level.GEMEENTE:
        raise Http404(_("This wijk or buurt is not known."))
    services = list(with_display_data(search_services(area=area)))
    return {"area": area, "services": services}


@require_GET
def wijk(request: HttpRequest, code: str) -> HttpResponse:
    """The etalage of a wijk or buurt: everything on offer there."""
    context = _wijk_context(code)
    context["embed_url"] = request.build_absolute_uri(
        reverse("directory:wijk_embed", args=[context["area"].code])
    )
    return render(request, "directory/wijk.html", context)


@require_GET
@allow_embedding
def wijk_embed(request: HttpRequest, code: str) -> HttpResponse:
    """The same etalage without the site's header and footer, for an iframe."""
    return render(request, "directory/wijk_embed.html", _wijk_context(code))


@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    """Wijk × theme: where is no active collective provision?"""
    gemeenten = Area.objects.filter(level=Area.Level.GEMEENTE).order_by("name")
    code = (request.GET.get("gemeente") or "").upper()
    gemeente = None
    table = None
    status = 200
    if code:
        gemeente = gemeenten.filter(code=code).first()
        if gemeente is None:
            status = 400
        else:
            table = match.coverage_table(gemeente)
    return render(
        request,
        "directory/coverage.html",
        {"gemeenten": gemeenten, "gemeente": gemeente, "code": code, "table": table},
        status=status,
    )
