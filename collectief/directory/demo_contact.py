"""Contact details of the demo sociale kaart: complete, plausible and clearly fictional.

The magazine gives no addresses, phone numbers or contact people, and the
demo must not send anyone to a real person. So every detail here is made up
and made recognisable as such:

- phone numbers follow the Dutch textbook example 06-12345678 (06-123456xx);
  the Dutch numbering plan has no range set apart for fiction, so the
  familiar example pattern is the clearest signal;
- e-mail addresses and websites use the ``.example`` top-level domain, which
  RFC 2606 reserves for examples and which never resolves;
- postcodes end in the letters SA or SD, which PostNL never issues;
- street names are invented; the people are invented and do not appear in the
  magazine.

The organisation descriptions say so as well ("contactgegevens: fictief").
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from collectief.areas.models import Area
from collectief.directory.models import (
    Address,
    Contact,
    DirectoryOrganization,
    Location,
    Phone,
    Service,
)

# HSDS 3.1 requires the province on every address.
PROVINCES = {
    "Haarlem": "Noord-Holland",
    "Breda": "Noord-Brabant",
    "Barendrecht": "Zuid-Holland",
    "Almere": "Flevoland",
    "Utrecht": "Utrecht",
}

# Per organisation key of demo.ORGANISATIONS.
CONTACTS: dict[str, dict[str, Any]] = {
    "badhuis": {
        "street": "Badhuisplein 1",
        "postcode": "2013 SA",
        "city": "Haarlem",
        "phone": "06-12345601",
        "email": "info@hetbadhuis.example",
        "website": "https://hetbadhuis.example",
        "person": ("Ineke Mulder", "coördinator vrijwilligers"),
    },
    "sleutel": {
        "street": "Kesterenstraat 12",
        "postcode": "4823 SD",
        "city": "Breda",
        "phone": "06-12345602",
        "email": "welkom@desleutel-breda.example",
        "website": "https://desleutel-breda.example",
        "person": ("Samira El Amrani", "coördinator"),
    },
    "kempenaar": {
        "street": "Kempenaarpad 3",
        "postcode": "2991 SA",
        "city": "Barendrecht",
        "phone": "06-12345603",
        "email": "tuin@buurttuinkempenaar.example",
        "website": "https://buurttuinkempenaar.example",
        "person": ("Joost Verbeek", "vrijwilliger buurttuin"),
    },
    "wijkteam-almere": {
        "street": "Wijkteamplein 5",
        "postcode": "1315 SD",
        "city": "Almere",
        "phone": "06-12345604",
        "email": "wijkteam@almere-sociaal.example",
        "website": "https://almere-sociaal.example",
        "person": ("Marloes Jansen", "opbouwwerker"),
    },
    "dock-zuidwest": {
        "street": "Dichterstraat 20",
        "postcode": "3521 SA",
        "city": "Utrecht",
        "phone": "06-12345621",
        "email": "zuidwest@dock-utrecht.example",
        "website": "https://dock-utrecht.example",
        "person": ("Sanne de Vries", "sociaal makelaar"),
    },
    "pluk": {
        "street": "Plukweg 8",
        "postcode": "4824 SA",
        "city": "Breda",
        "phone": "06-12345605",
        "email": "info@dagbestedingpluk.example",
        "website": "https://dagbestedingpluk.example",
    },
    "aanloop-ggz": {
        "street": "Aanloopstraat 20",
        "postcode": "4811 SD",
        "city": "Breda",
        "phone": "06-12345606",
        "email": "inloop@aanloopggz.example",
        "website": "https://aanloopggz.example",
    },
    "gbgz": {
        "street": "Maatjeslaan 4",
        "postcode": "4812 SA",
        "city": "Breda",
        "phone": "06-12345607",
        "email": "aanmelden@grotebroergrotezus.example",
        "website": "https://grotebroergrotezus.example",
    },
    "daklozeninloop": {
        "street": "Inloopsteeg 2",
        "postcode": "4811 SA",
        "city": "Breda",
        "phone": "06-12345608",
        "email": "inloop@daklozeninloop-breda.example",
        "website": "https://daklozeninloop-breda.example",
    },
    "clement-annahuis": {
        "street": "Annahuisstraat 9",
        "postcode": "4813 SD",
        "city": "Breda",
        "phone": "06-12345609",
        "email": "inloop@clementannahuis.example",
        "website": "https://clementannahuis.example",
    },
    "fit-for-her": {
        "street": "Sportlaan 30",
        "postcode": "4815 SA",
        "city": "Breda",
        "phone": "06-12345610",
        "email": "info@fitforher-breda.example",
        "website": "https://fitforher-breda.example",
    },
}

# Activities with a contact person of their own: (organisation key, service key) → details.
SERVICE_CONTACTS: dict[tuple[str, str], dict[str, str]] = {
    ("badhuis", "seniorenkoor"): {
        "name": "Wim Bakker",
        "title": "dirigent",
        "phone": "06-12345611",
    },
    ("badhuis", "huiskamerproject"): {
        "name": "Fatma Yilmaz",
        "title": "gastvrouw",
        "phone": "06-12345612",
        "email": "huiskamer@hetbadhuis.example",
    },
    ("sleutel", "computerles"): {
        "name": "Henk Smits",
        "title": "vrijwilliger",
        "email": "computerles@desleutel-breda.example",
    },
    ("wijkteam-almere", "administratiespreekuur"): {
        "name": "Petra Dijkstra",
        "title": "maatschappelijk werker",
        "phone": "06-12345613",
    },
}


Ident = Callable[..., uuid.UUID]


def apply_organisation_contact(
    ident: Ident,
    key: str,
    organization: DirectoryOrganization,
    location: Location | None,
    gemeente: Area | None,
) -> None:
    """Address (on the organisation's place), phone, e-mail, website and contact person."""
    spec = CONTACTS.get(key)
    if spec is None:
        return
    organization.email = spec["email"]
    organization.website = spec["website"]
    organization.save(update_fields=["email", "website"])
    if location is None:
        # An organisation that runs nothing at a place of its own still has an
        # office: a postal location in its gemeente (not on the map).
        location, _ = Location.objects.update_or_create(
            id=ident("location", key),
            defaults={
                "organization": organization,
                "name": organization.name,
                "location_type": Location.LocationType.POSTAL,
                "area": gemeente,
                "needs_placement": gemeente is None,
            },
        )
    Address.objects.update_or_create(
        id=ident("address", key),
        defaults={
            "location": location,
            "address_1": spec["street"],
            "postal_code": spec["postcode"],
            "city": spec["city"],
            "state_province": PROVINCES[spec["city"]],
            "country": "NL",
            "address_type": (
                "postal" if location.location_type == Location.LocationType.POSTAL else "physical"
            ),
        },
    )
    Phone.objects.update_or_create(
        id=ident("phone", key),
        defaults={"organization": organization, "number": spec["phone"]},
    )
    person = spec.get("person")
    if person:
        Contact.objects.update_or_create(
            id=ident("contact", key),
            defaults={
                "organization": organization,
                "name": person[0],
                "title": person[1],
                "email": spec["email"],
            },
        )


def apply_service_contact(ident: Ident, key: str, service_key: str, service: Service) -> None:
    spec = SERVICE_CONTACTS.get((key, service_key))
    if spec is None:
        return
    contact, _ = Contact.objects.update_or_create(
        id=ident("contact", key, service_key),
        defaults={
            "service": service,
            "name": spec["name"],
            "title": spec["title"],
            "email": spec.get("email", ""),
        },
    )
    if spec.get("phone"):
        Phone.objects.update_or_create(
            id=ident("phone", key, service_key),
            defaults={"contact": contact, "number": spec["phone"]},
        )
