"""Small builders for the search, view, match and CLI tests of the sociale kaart."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from collectief.areas.models import Area
from collectief.directory.models import (
    Address,
    Attribute,
    DirectoryOrganization,
    Location,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)


def area(code: str, name: str, parent: Area | None = None) -> Area:
    level = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}[code[:2]]
    found, _ = Area.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "parent": parent, "year": 2024}
    )
    return found


def breda() -> dict[str, Area]:
    gm = area("GM0758", "Breda")
    hb = area("WK075810", "Haagse Beemden", gm)
    centrum = area("WK075801", "Centrum", gm)
    return {
        "breda": gm,
        "haagse_beemden": hb,
        "centrum": centrum,
        "kesteren": area("BU07581001", "Kesteren", hb),
        "heilaar": area("BU07581002", "Heilaar", hb),
        "binnenstad": area("BU07580101", "Binnenstad", centrum),
    }


def term(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(code=code)


def make_service(
    name: str,
    *,
    description: str = "",
    where: Area | None = None,
    serves: Area | None = None,
    themes: tuple[str, ...] = (),
    groups: tuple[str, ...] = (),
    byday: str = "",
    freq: str = "WEEKLY",
    opens: time | None = None,
    closes: time | None = None,
    closed: tuple[date, date] | None = None,
    point: tuple[float, float] | None = None,
    organization: DirectoryOrganization | None = None,
    **fields: Any,
) -> Service:
    organization = (
        organization
        or DirectoryOrganization.objects.get_or_create(
            name="Ontmoetingscentrum De Sleutel",
            defaults={"description": "Ontmoetingscentrum in Kesteren"},
        )[0]
    )
    fields.setdefault("delivery", Service.Delivery.COLLECTIVE)
    service = Service.objects.create(
        name=name, description=description, organization=organization, **fields
    )
    for code in themes + groups:
        Attribute.objects.create(
            service=service, taxonomy_term=term(code), link_id=service.pk, link_entity="service"
        )
    if where is not None or point is not None:
        location = Location.objects.create(
            name=f"Locatie {name}",
            area=where,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
        )
        Address.objects.create(
            location=location,
            address_1="Kesterenstraat 1",
            city="Breda",
            state_province="Noord-Brabant",
            postal_code="4800 AA",
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    if serves is not None:
        ServiceArea.objects.create(service=service, area=serves)
    if byday:
        Schedule.objects.create(
            service=service, freq=freq, byday=byday, opens_at=opens, closes_at=closes
        )
    if closed:
        Schedule.objects.create(
            service=service,
            kind=Schedule.Kind.CLOSED,
            valid_from=closed[0],
            valid_to=closed[1],
            description="zomerstop",
        )
    service.search_text = service.build_search_text()
    service.save(update_fields=["search_text"])
    return service
