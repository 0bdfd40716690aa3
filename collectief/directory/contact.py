"""How to reach a service or organisation: address, phone, e-mail, website and contact person.

One place decides where each detail comes from, so that the service page,
the organisation page, the printable list, the map popup and the CLI show
the same thing. HSDS keeps these details at several levels; the most
specific one wins: the service's own phone, e-mail, website and contact
person, then the service's location, then the organisation. The HSDS API
itself shows every level as HSDS nests it (``phones``, ``contacts``,
``addresses``), so nothing is lost there.

Read the related rows through ``.all()`` only, so that the prefetches of
:func:`collectief.directory.search.with_display_data` are used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from collectief.directory.models import (
    Address,
    Contact,
    DirectoryOrganization,
    Location,
    Service,
)
from collectief.lib.safe_urls import safe_href

# Prefetch paths for everything :func:`service_contact` reads (added to with_display_data).
SERVICE_CONTACT_PREFETCH = (
    "phones",
    "contacts__phones",
    "organization__phones",
    "organization__contacts__phones",
)


def tel_href(number: str) -> str:
    """The ``tel:`` link of a phone number, in the international form RFC 3966 asks for.

    "06-12345678" becomes "tel:+31612345678"; a number with a country code
    keeps it ("+32 2 123 45 67" → "tel:+3221234567", "0032…" the same).
    A number without digits gives "" (no link).
    """
    text = number.strip()
    digits = re.sub(r"\D", "", text)
    if not digits:
        return ""
    if text.startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("00"):
        return f"tel:+{digits[2:]}"
    if digits.startswith("0"):
        return f"tel:+31{digits[1:]}"
    return f"tel:{digits}"


def web_href(url: str) -> str:
    """A website as a safe link (``lib.safe_urls``); "www.example.org" gets https://."""
    url = url.strip()
    if not url:
        return ""
    return safe_href(url) or (safe_href(f"https://{url}") if "://" not in url else "")


@dataclass(frozen=True)
class PhoneNumber:
    number: str
    description: str = ""

    @property
    def href(self) -> str:
        return tel_href(self.number)


@dataclass
class ContactDetails:
    """Everything a visitor needs to reach an activity or organisation."""

    address: str = ""
    phones: list[PhoneNumber] = field(default_factory=list)
    email: str = ""
    url: str = ""
    person: str = ""
    person_role: str = ""
    organisation: str = ""

    @property
    def phone(self) -> PhoneNumber | None:
        return self.phones[0] if self.phones else None

    @property
    def url_href(self) -> str:
        return web_href(self.url)

    @property
    def reachable(self) -> bool:
        """Whether there is a phone number or e-mail address to ask."""
        return bool(self.phones or self.email)

    @property
    def whom(self) -> str:
        """Whom to ask: "Ineke de Vries (coördinator, Het Badhuis)" or the organisation."""
        extra = ", ".join(p for p in (self.person_role, self.organisation) if p)
        if self.person:
            return f"{self.person} ({extra})" if extra else self.person
        return self.organisation

    def lines(self) -> list[str]:
        """The details as plain text lines, for print and the command line."""
        result = []
        if self.person:
            result.append(self.whom)
        result += [
            f"{p.number} ({p.description})" if p.description else p.number for p in self.phones
        ]
        result += [v for v in (self.email, self.url_href) if v]
        return result

    def as_json(self) -> dict[str, Any]:
        """The stable JSON form the CLI and the map use: keys never translated."""
        return {
            "phone": self.phone.number if self.phone else None,
            "email": self.email or None,
            "url": self.url_href or None,
            "person": self.person or None,
        }


def format_address(address: Address) -> str:
    """ "Badhuisplein 1, 2013 SA Haarlem" (the second line included when there is one)."""
    street = ", ".join(p for p in (address.address_1, address.address_2) if p)
    town = " ".join(p for p in (address.postal_code, address.city) if p)
    return ", ".join(p for p in (street, town) if p)


def _physical_address(locations: list[Location]) -> str:
    """The first visiting address; a postal address only when there is none."""
    addresses = [
        address
        for location in locations
        if location.location_type != Location.LocationType.VIRTUAL
        for address in location.addresses.all()
    ]
    addresses.sort(key=lambda a: a.address_type == "postal")
    return format_address(addresses[0]) if addresses else ""


def _phones(rows: Any) -> list[PhoneNumber]:
    found = sorted(rows, key=lambda p: p.number)
    return [PhoneNumber(p.number, p.description) for p in found if p.number.strip()]


def _first_contact(rows: Any) -> Contact | None:
    people = sorted(rows, key=lambda c: (not c.name, c.name))
    return people[0] if people else None


def _service_locations(service: Service) -> list[Location]:
    return [sal.location for sal in service.service_at_locations.all() if sal.location]


def service_address(service: Service) -> str:
    """The address where the activity happens; "" when it has no place (online, on request)."""
    return _physical_address(_service_locations(service))


def organisation_contact(
    organization: DirectoryOrganization, *, with_address: bool = True
) -> ContactDetails:
    """An organisation's details; its address is that of its first place (HSDS has no other)."""
    person = _first_contact(organization.contacts.all())
    phones = _phones(organization.phones.all())
    if not phones and person is not None:
        phones = _phones(person.phones.all())
    return ContactDetails(
        address=_physical_address(list(organization.locations.all())) if with_address else "",
        phones=phones,
        email=organization.email or (person.email if person else ""),
        url=organization.website,
        person=person.name if person else "",
        person_role=person.title if person else "",
        organisation=organization.name,
    )


def service_contact(service: Service) -> ContactDetails:
    """The details of an activity; what the activity lacks comes from its organisation."""
    organization = service.organization
    fallback = (
        organisation_contact(organization, with_address=False)
        if organization is not None
        else ContactDetails()
    )
    person = _first_contact(service.contacts.all())
    phones = _phones(service.phones.all())
    if not phones and person is not None:
        phones = _phones(person.phones.all())
    if not phones:
        phones = fallback.phones
    email = service.email or (person.email if person else "") or fallback.email
    if person is not None:
        name, role = person.name, person.title
    else:
        name, role = fallback.person, fallback.person_role
    return ContactDetails(
        address=service_address(service),
        phones=phones,
        email=email,
        url=service.url or fallback.url,
        person=name,
        person_role=role,
        organisation=fallback.organisation,
    )


def first_contact_person(service: Service) -> str:
    person = service.contacts.order_by("name").first()
    return person.name if person else ""


def set_contact_person(service: Service, name: str) -> bool:
    """Set the name of the activity's contact person ("" removes it); whether it changed.

    Called from the service layer's writes only (inside their transaction
    and audit event).
    """
    name = " ".join(name.split())[:200]
    current = service.contacts.order_by("name").first()
    if name == (current.name if current else ""):
        return False
    if current is None:
        Contact.objects.create(service=service, name=name)
    elif not name:
        current.delete()
    else:
        current.name = name
        current.save(update_fields=["name"])
    return True


def ask_whom_text(details: ContactDetails) -> str:
    """ "Vraag het aan Ineke de Vries (Het Badhuis)" — or the plain "Vraag wanneer"."""
    if details.whom:
        return _("Ask %(whom)s") % {"whom": details.whom}
    return _("Ask when")
