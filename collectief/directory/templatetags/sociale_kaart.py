"""Template helpers of the sociale kaart: when, where and cost of a service in words."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from collectief.directory.models import Service
from collectief.lib.safe_urls import safe_href

register = template.Library()


@register.filter
def when_lines(service: Service) -> list[str]:
    from collectief.directory.search import describe_when

    return describe_when(service)


@register.filter
def where_line(service: Service) -> str:
    for sal in service.service_at_locations.all():
        location = sal.location
        if location is None:
            continue
        if location.location_type == location.LocationType.VIRTUAL:
            return _("Online")
        address = location.first_address
        parts = [location.name, str(address) if address else ""]
        return ", ".join(p for p in parts if p)
    return ""


@register.filter
def cost_line(service: Service) -> str:
    if service.is_free:
        return _("Free")
    amounts = []
    for option in service.cost_options.all():
        if option.amount is not None:
            text = f"€ {number_format(option.amount, 2)}"
            amounts.append(f"{text} ({option.option})" if option.option else text)
    if amounts:
        return ", ".join(amounts)
    return service.fees_description or _("Ask about the cost")


@register.filter
def contact_line(service: Service) -> str:
    parts: list[str] = [p.number for p in service.phones.all()]
    email = service.email or (service.organization.email if service.organization else "")
    if email:
        parts.append(email)
    website = safe_href(service.url) or (
        safe_href(service.organization.website) if service.organization else ""
    )
    if website:
        parts.append(website)
    return " · ".join(parts)


@register.simple_tag
def area_services(area: Any, limit: int = 6) -> dict[str, Any]:
    """For the area page: the first services in the area and how many there are."""
    from collectief.directory.search import search_services, with_display_data

    qs = search_services(area=area)
    return {"services": list(with_display_data(qs)[:limit]), "count": qs.count()}
