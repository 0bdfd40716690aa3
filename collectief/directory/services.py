"""Writes for the sociale kaart: entries, claims, checks, error reports, reminders.

Every function runs in a transaction, writes the audit log (the change
history shown per entry) and takes the acting user as ``by``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.accounts.models import Membership, Organisation, Role
from collectief.areas.models import Area
from collectief.audit.models import AuditEvent
from collectief.audit.services import record_event
from collectief.directory.contact import first_contact_person, set_contact_person
from collectief.directory.hsds.mapping import clear_extra
from collectief.directory.models import (
    REMINDER_INTERVAL,
    TARGET_GROUPS_TAXONOMY_ID,
    THEMES_TAXONOMY_ID,
    Attribute,
    Claim,
    CostOption,
    DirectoryOrganization,
    ErrorReport,
    Language,
    Location,
    Phone,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from collectief.jobs.mail import send_mail_later
from collectief.lib.errors import ServiceError
from collectief.ratelimits.services import RateLimit, check_limit

SERVICE_FIELDS = (
    "name",
    "description",
    "status",
    "url",
    "email",
    "minimum_age",
    "maximum_age",
    "is_free",
    "fees_description",
    "referral",
    "registration_required",
    "application_process",
    "eligibility_description",
    "wheelchair_accessible",
    "hearing_loop",
    "accessibility_notes",
    "prevention_stage",
    "prevention_reach",
    "formality",
    "delivery",
    "is_public",
)


# Passed as ``cost_amount`` when the amount should stay as it is.
UNCHANGED: Any = object()


def owner_id(service: Service) -> int | None:
    organization = service.organization
    return organization.organisation_id if organization is not None else None


def refresh_search_text(service: Service) -> None:
    service.search_text = service.build_search_text()
    service.save(update_fields=["search_text"])


def _check_ages(values: dict[str, Any]) -> None:
    low, high = values.get("minimum_age"), values.get("maximum_age")
    if low is not None and high is not None and high < low:
        raise ServiceError(
            _("The maximum age must not be lower than the minimum age."), field="maximum_age"
        )


@transaction.atomic
def create_service(
    organization: DirectoryOrganization,
    *,
    by: Any,
    themes: Iterable[TaxonomyTerm] = (),
    target_groups: Iterable[TaxonomyTerm] = (),
    languages: Iterable[str] | None = None,
    phone: str | None = None,
    contact_person: str | None = None,
    cost_amount: Decimal | float | None = None,
    **fields: Any,
) -> Service:
    """A new activity of a directory organisation; its maker counts as the first check."""
    unknown = set(fields) - set(SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"Not service fields: {sorted(unknown)}")
    if not str(fields.get("name", "")).strip():
        raise ServiceError(_("Give the activity a name."), field="name")
    _check_ages(fields)
    _check_cost(bool(fields.get("is_free")), cost_amount)
    service = Service(organization=organization, **fields)
    if getattr(by, "is_authenticated", False):
        _mark_checked(service, by)
    service.save()
    _set_terms(service, list(themes) + list(target_groups))
    _set_details(
        service,
        languages=languages,
        phone=phone,
        contact_person=contact_person,
        cost_amount=cost_amount,
    )
    refresh_search_text(service)
    record_event("directory.service.create", service, by=by, organisation_id=owner_id(service))
    return service


@transaction.atomic
def add_service_area(service: Service, area: Area, *, by: Any) -> ServiceArea:
    """The activity is for this area (a wijk, buurt or gemeente), so the area's search finds it."""
    found = service.service_areas.filter(area=area).first()
    if found is not None:
        return found
    service_area = ServiceArea.objects.create(service=service, area=area, name=area.name)
    touch_service(service, by)
    record_event(
        "directory.service.area",
        service,
        by=by,
        organisation_id=owner_id(service),
        details={"area": area.code},
    )
    return service_area


@transaction.atomic
def update_service(
    service: Service,
    *,
    by: Any,
    themes: Iterable[TaxonomyTerm] | None = None,
    target_groups: Iterable[TaxonomyTerm] | None = None,
    languages: Iterable[str] | None = None,
    phone: str | None = None,
    contact_person: str | None = None,
    cost_amount: Any = UNCHANGED,
    **changes: Any,
) -> Service:
    """Change an entry. Editing also counts as checking it.

    ``languages``, ``phone``, ``contact_person`` and ``cost_amount`` are left alone when not
    given; ``cost_amount=None`` removes the amount.
    """
    unknown = set(changes) - set(SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"Not service fields: {sorted(unknown)}")
    if "name" in changes and not str(changes["name"]).strip():
        raise ServiceError(_("Give the activity a name."), field="name")
    _check_ages(
        {
            "minimum_age": changes.get("minimum_age", service.minimum_age),
            "maximum_age": changes.get("maximum_age", service.maximum_age),
        }
    )
    _check_cost(
        bool(changes.get("is_free", service.is_free)),
        cost_amount if cost_amount is not UNCHANGED else service_cost_amount(service),
    )
    changed = {k: v for k, v in changes.items() if getattr(service, k) != v}
    before = {k: _plain(getattr(service, k)) for k in changed}
    for key, value in changed.items():
        setattr(service, key, value)
    clear_extra(service, list(changed))
    terms_changed = False
    if themes is not None or target_groups is not None:
        current: set[Any] = {a.taxonomy_term_id for a in service.attributes.all()}
        wanted = set(current)
        if themes is not None:
            wanted = {t for t in wanted if not _in_taxonomy(t, THEMES_TAXONOMY_ID)} | {
                t.pk for t in themes
            }
        if target_groups is not None:
            wanted = {t for t in wanted if not _in_taxonomy(t, TARGET_GROUPS_TAXONOMY_ID)} | {
                t.pk for t in target_groups
            }
        if wanted != current:
            terms_changed = True
            _set_terms(service, list(TaxonomyTerm.objects.filter(pk__in=wanted)), replace=True)
    details_changed = _set_details(
        service,
        languages=languages,
        phone=phone,
        contact_person=contact_person,
        cost_amount=cost_amount,
    )
    service.last_modified = timezone.now()
    clear_extra(service, ["last_modified"])
    _mark_checked(service, by)
    service.save()
    refresh_search_text(service)
    record_event(
        "directory.service.update",
        service,
        by=by,
        organisation_id=owner_id(service),
        details={
            "fields": sorted(changed) + (["themes"] if terms_changed else []) + details_changed,
            "before": before,
        },
    )
    return service


# --- languages, phone and cost of a service ----------------------------------------

LANGUAGE_CODES = {
    "nederlands": "nl",
    "engels": "en",
    "arabisch": "ar",
    "turks": "tr",
    "pools": "pl",
    "oekraïens": "uk",
    "oekraiens": "uk",
    "russisch": "ru",
    "duits": "de",
    "frans": "fr",
    "spaans": "es",
    "portugees": "pt",
    "somalisch": "so",
    "tigrinya": "ti",
    "farsi": "fa",
    "perzisch": "fa",
    "dari": "prs",
    "papiaments": "pap",
    "berbers": "ber",
    "tamazight": "ber",
    "roemeens": "ro",
    "bulgaars": "bg",
    "chinees": "zh",
    "fries": "fy",
    "nederlandse gebarentaal": "dse",
}


def split_languages(text: str | Iterable[str]) -> list[str]:
    """ "Nederlands, arabisch;Engels" → ["Nederlands", "Arabisch", "Engels"], no duplicates."""
    parts = re.split(r"[,;\n]", text) if isinstance(text, str) else list(text)
    result: list[str] = []
    for part in parts:
        name = " ".join(str(part).split())
        if name and name.lower() not in {r.lower() for r in result}:
            result.append(name[:1].upper() + name[1:100])
    return result


def service_languages(service: Service) -> list[str]:
    return [lang.name or lang.code for lang in service.languages.order_by("name")]


def service_phone(service: Service) -> str:
    phone = service.phones.order_by("number").first()
    return phone.number if phone else ""


def service_contact_person(service: Service) -> str:
    return first_contact_person(service)


def service_cost_amount(service: Service) -> float | None:
    option = service.cost_options.order_by("option", "amount").first()
    return option.amount if option else None


def _check_cost(is_free: bool, amount: Any) -> None:
    if amount is None or amount is UNCHANGED:
        return
    if amount < 0:
        raise ServiceError(_("The amount cannot be below zero."), field="cost_amount")
    if is_free and amount > 0:
        raise ServiceError(
            _("A free activity has no amount. Remove the amount or untick “free”."),
            field="cost_amount",
        )


def _set_details(
    service: Service,
    *,
    languages: Iterable[str] | None,
    phone: str | None,
    contact_person: str | None = None,
    cost_amount: Any,
) -> list[str]:
    """Set the languages, first phone number, contact person and first cost; what changed."""
    changed: list[str] = []
    if languages is not None:
        wanted = split_languages(languages)
        if sorted(wanted) != sorted(service_languages(service)):
            service.languages.all().delete()
            Language.objects.bulk_create(
                Language(service=service, name=name, code=LANGUAGE_CODES.get(name.lower(), ""))
                for name in wanted
            )
            changed.append("languages")
    if phone is not None:
        phone = phone.strip()
        current = service.phones.order_by("number").first()
        if phone != (current.number if current else ""):
            if current is None:
                Phone.objects.create(service=service, number=phone)
            elif not phone:
                current.delete()
            else:
                current.number = phone
                current.save(update_fields=["number"])
            changed.append("phone")
    if contact_person is not None and set_contact_person(service, contact_person):
        changed.append("contact_person")
    if cost_amount is not UNCHANGED:
        amount = float(cost_amount) if cost_amount is not None else None
        option = service.cost_options.order_by("option", "amount").first()
        if amount != (option.amount if option else None):
            if option is None:
                CostOption.objects.create(service=service, amount=amount, currency="EUR")
            elif amount is None:
                option.delete()
            else:
                option.amount = amount
                option.currency = option.currency or "EUR"
                option.save(update_fields=["amount", "currency"])
            changed.append("cost_amount")
    return changed


def touch_service(service: Service, by: Any) -> None:
    """A part of the entry (place, time) changed: it counts as changed and checked."""
    service.last_modified = timezone.now()
    clear_extra(service, ["last_modified"])
    _mark_checked(service, by)
    service.save(
        update_fields=[
            "last_modified",
            "checked_at",
            "checked_by",
            "assured_date",
            "assurer_email",
            "reminded_at",
            "extra",
        ]
    )


@transaction.atomic
def set_service_status(service: Service, *, status: str, by: Any) -> Service:
    """Stop showing an activity for a while (inactive) or show it again (active)."""
    if status not in Service.Status.values:
        raise ServiceError(_("Choose a status."), field="status")
    before = service.status
    if before == status:
        return service
    service.status = status
    clear_extra(service, ["status"])
    touch_service(service, by)
    service.save(update_fields=["status", "extra"])
    record_event(
        "directory.service.status",
        service,
        by=by,
        organisation_id=owner_id(service),
        details={"fields": ["status"], "before": {"status": before}, "after": status},
    )
    return service


def unused_location_ids(location_ids: Iterable[Any]) -> list[Any]:
    ids = {i for i in location_ids if i is not None}
    used = set(
        ServiceAtLocation.objects.filter(location_id__in=ids).values_list("location_id", flat=True)
    )
    return sorted(ids - used, key=str)


@transaction.atomic
def delete_service(service: Service, *, by: Any) -> None:
    """Remove an activity for good, with its times; places nobody else uses go too.

    The change history keeps a record that it was deleted, and by whom.
    """
    location_ids = list(service.service_at_locations.values_list("location_id", flat=True))
    record_event(
        "directory.service.delete",
        service,
        by=by,
        organisation_id=owner_id(service),
        details={"name": service.name},
    )
    service.delete()
    Location.objects.filter(pk__in=unused_location_ids(location_ids)).delete()


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def _in_taxonomy(term_id: Any, taxonomy_id: Any) -> bool:
    return TaxonomyTerm.objects.filter(pk=term_id, taxonomy_detail_id=taxonomy_id).exists()


def _set_terms(service: Service, terms: list[TaxonomyTerm], *, replace: bool = False) -> None:
    collectief = (THEMES_TAXONOMY_ID, TARGET_GROUPS_TAXONOMY_ID)
    if replace:
        service.attributes.filter(taxonomy_term__taxonomy_detail_id__in=collectief).exclude(
            taxonomy_term__in=terms
        ).delete()
    existing = set(service.attributes.values_list("taxonomy_term_id", flat=True))
    Attribute.objects.bulk_create(
        Attribute(
            taxonomy_term=term,
            link_id=service.pk,
            link_entity="service",
            link_type="collectief",
            service=service,
        )
        for term in terms
        if term.pk not in existing
    )


def public_contact_email(service: Service) -> str:
    """The public e-mail address of the organisation behind an entry, or ""."""
    organization = service.organization
    if organization is None:
        return ""
    if organization.email:
        return organization.email
    owner = organization.organisation
    return owner.email if owner is not None and owner.is_public else ""


def _mark_checked(service: Service, by: Any) -> None:
    now = timezone.now()
    service.checked_at = now
    service.checked_by = by if getattr(by, "is_authenticated", False) else None
    service.assured_date = timezone.localdate(now)
    # HSDS publishes assurer_email: the organisation's public address, never
    # the login address of the member who checked (that stays private).
    service.assurer_email = public_contact_email(service)
    service.reminded_at = None
    clear_extra(service, ["assured_date", "assurer_email"])


@transaction.atomic
def check_service(service: Service, *, by: Any) -> Service:
    """ "Klopt nog": the entry was looked at and is still right."""
    _mark_checked(service, by)
    service.save(
        update_fields=[
            "checked_at",
            "checked_by",
            "assured_date",
            "assurer_email",
            "reminded_at",
            "extra",
        ]
    )
    record_event("directory.service.check", service, by=by, organisation_id=owner_id(service))
    return service


def history(service: Service) -> QuerySet[AuditEvent]:
    """The change history of an entry, newest first."""
    return AuditEvent.objects.filter(
        object_type=Service._meta.label_lower, object_id=str(service.pk)
    ).select_related("actor")


# --- claims ---------------------------------------------------------------------


@transaction.atomic
def claim_directory_organization(
    directory_organization: DirectoryOrganization,
    *,
    organisation: Organisation,
    by: Any,
    motivation: str = "",
) -> Claim:
    """Ask to maintain the entries of a directory organisation."""
    if directory_organization.organisation_id == organisation.pk:
        raise ServiceError(_("Your organisation already maintains these entries."))
    if Claim.objects.filter(
        directory_organization=directory_organization,
        organisation=organisation,
        status=Claim.Status.OPEN,
    ).exists():
        raise ServiceError(
            _("Your organisation already asked for this. A coordinator will decide.")
        )
    claim = Claim.objects.create(
        directory_organization=directory_organization,
        organisation=organisation,
        requested_by=by if getattr(by, "is_authenticated", False) else None,
        motivation=motivation,
    )
    record_event(
        "directory.claim.create",
        claim,
        by=by,
        organisation_id=organisation.pk,
        details={"directory_organization": str(directory_organization.pk)},
    )
    return claim


@transaction.atomic
def decide_claim(claim: Claim, *, approve: bool, by: Any) -> Claim:
    """A coordinator approves (the organisation now maintains the entries) or rejects."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != Claim.Status.OPEN:
        raise ServiceError(_("This request was already decided."))
    claim.status = Claim.Status.APPROVED if approve else Claim.Status.REJECTED
    claim.decided_by = by if getattr(by, "is_authenticated", False) else None
    claim.decided_at = timezone.now()
    claim.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        directory_organization = claim.directory_organization
        previous = directory_organization.organisation_id
        directory_organization.organisation_id = claim.organisation_id
        directory_organization.save(update_fields=["organisation", "updated_at"])
        record_event(
            "directory.organization.owner",
            directory_organization,
            by=by,
            organisation_id=claim.organisation_id,
            details={"from": previous, "to": claim.organisation_id},
        )
    record_event(
        "directory.claim.approve" if approve else "directory.claim.reject",
        claim,
        by=by,
        organisation_id=claim.organisation_id,
    )
    return claim


# --- error reports ------------------------------------------------------------------


@transaction.atomic
def report_error(
    service: Service, *, message: str, reply_email: str = "", rate_limit: RateLimit | None = None
) -> ErrorReport:
    """ "Meld een fout" from a public page; no account and no personal data needed.

    With ``rate_limit`` the report is counted for its sender's address in the
    same transaction; over the limit RateLimitExceededError is raised and nothing is stored.
    """
    message = message.strip()
    if not message:
        raise ServiceError(_("Tell us what is wrong."), field="message")
    if rate_limit is not None:
        check_limit(rate_limit)
    report = ErrorReport.objects.create(
        service=service, message=message[:5000], reply_email=reply_email.strip()
    )
    record_event("directory.report.create", report, by=None, organisation_id=owner_id(service))
    return report


@transaction.atomic
def handle_report(report: ErrorReport, *, status: str, by: Any, note: str = "") -> ErrorReport:
    if status not in (ErrorReport.Status.RESOLVED, ErrorReport.Status.DISMISSED):
        raise ServiceError(_("Choose how the report was handled."), field="status")
    report.status = status
    report.note = note
    report.handled_by = by if getattr(by, "is_authenticated", False) else None
    report.handled_at = timezone.now()
    report.save(update_fields=["status", "note", "handled_by", "handled_at"])
    record_event(
        "directory.report.handle",
        report.service,
        by=by,
        organisation_id=owner_id(report.service),
        details={"report": report.pk, "status": status},
    )
    return report


# --- placement ---------------------------------------------------------------------


@transaction.atomic
def place_location(location: Location, *, area: Area, by: Any) -> Location:
    """A coordinator puts a location whose address could not be placed in a buurt."""
    if area.level != Area.Level.BUURT:
        raise ServiceError(_("Choose a neighbourhood (buurt)."), field="area")
    location.area = area
    location.needs_placement = False
    location.save(update_fields=["area", "needs_placement"])
    record_event("directory.location.place", location, by=by, details={"area": area.code})
    return location


# --- reminders ---------------------------------------------------------------------


def services_to_remind(now: datetime | None = None) -> QuerySet[Service]:
    now = now or timezone.now()
    return (
        Service.objects.stale(now)
        .exclude(status=Service.Status.DEFUNCT)
        .filter(organization__organisation__isnull=False)
        .filter(Q(reminded_at=None) | Q(reminded_at__lt=now - REMINDER_INTERVAL))
        .select_related("organization__organisation")
    )


def send_reminders(*, now: datetime | None = None) -> int:
    """E-mail owners of entries unchecked for 12 months; at most once per 30 days.

    Returns the number of e-mails sent. Safe to run every day.
    """
    now = now or timezone.now()
    by_owner: dict[int, list[Service]] = defaultdict(list)
    for service in services_to_remind(now):
        owner = service.organization.organisation_id  # type: ignore[union-attr]
        if owner is not None:
            by_owner[owner].append(service)
    sent = 0
    for organisation_id, services in by_owner.items():
        with transaction.atomic():
            organisation = Organisation.objects.get(pk=organisation_id)
            recipients = sorted(
                Membership.objects.filter(
                    organisation=organisation, role__in=[Role.STAFF, Role.ADMIN]
                ).values_list("user__email", flat=True)
            ) or ([organisation.email] if organisation.email else [])
            ids = [s.pk for s in services]
            Service.objects.filter(pk__in=ids).update(reminded_at=now)
            for service in services:
                record_event(
                    "directory.service.remind", service, by=None, organisation_id=organisation_id
                )
            if not recipients:
                continue
            context = {
                "organisation": organisation,
                "services": services,
                "url": settings.SITE_URL
                + reverse("directory:maintain_index", args=[organisation.slug]),
            }
            subject = _("Are your entries in the sociale kaart still right?")
            body = render_to_string("directory/maintain/email/reminder.txt", context)
            send_mail_later(subject, body, recipients)
            sent += 1
    return sent
