"""The sociale kaart: who offers what, where and when in a wijk.

The tables follow the Human Services Data Specification (HSDS) 3.1 of Open
Referral, so that a directory can be exchanged with other systems: the
primary key of each HSDS table is the HSDS ``id`` (a UUID), the column names
are the HSDS field names, and a child points at its parents with nullable
foreign keys named like the HSDS ``<parent>_id`` columns (a phone may belong
to a service, a location and a contact at the same time, as in the HSDS
tabular format).

HSDS fields that Collectief does not use keep their value in the JSON column
``extra`` so that an export gives back what an import received. HSDS tables
that Collectief does not model (funding, program, url, …) are kept whole in
:class:`HsdsRecord`.

Collectief adds its own fields next to the HSDS ones: the prevention type of
the magazine (primair/secundair/tertiair, universeel/selectief/geïndiceerd),
formal or informal, collective or individual, referral and registration,
a free flag, accessibility flags, the CBS buurt of a location, and when an
entry was last checked and by whom.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Fixed ids of the two Collectief taxonomies created by the data migration.
THEMES_TAXONOMY_ID = uuid.UUID("6b1f4a52-6a4e-4c1e-9d0f-2a7c1e0d5a01")
TARGET_GROUPS_TAXONOMY_ID = uuid.UUID("6b1f4a52-6a4e-4c1e-9d0f-2a7c1e0d5a02")

# An entry that nobody confirmed for this long is flagged as outdated.
STALE_AFTER = timedelta(days=365)
# Owners get at most one reminder in this period.
REMINDER_INTERVAL = timedelta(days=30)


def term_uuid(taxonomy_id: uuid.UUID, code: str) -> uuid.UUID:
    """Stable id of a Collectief taxonomy term, the same on every installation."""
    return uuid.uuid5(taxonomy_id, code)


class HsdsModel(models.Model):
    """Common columns: the HSDS id and the fields kept for a lossless export."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    extra = models.JSONField(
        _("other HSDS fields"),
        default=dict,
        blank=True,
        help_text=_("HSDS fields that Collectief does not use, kept for export."),
    )

    class Meta:
        abstract = True


# --- Taxonomies: themes and target groups ---------------------------------


class Taxonomy(HsdsModel):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    uri = models.CharField(_("web address"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class TaxonomyTermQuerySet(models.QuerySet["TaxonomyTerm"]):
    def themes(self) -> TaxonomyTermQuerySet:
        return self.filter(taxonomy_detail_id=THEMES_TAXONOMY_ID)

    def target_groups(self) -> TaxonomyTermQuerySet:
        return self.filter(taxonomy_detail_id=TARGET_GROUPS_TAXONOMY_ID)


class TaxonomyTerm(HsdsModel):
    """A theme (eenzaamheid, wonen, …), a target group (ouderen, …) or an imported term.

    ``code`` is the short name used in web addresses and filters for the
    Collectief taxonomies (for example ``eenzaamheid``).
    """

    taxonomy_detail = models.ForeignKey(
        Taxonomy,
        verbose_name=_("taxonomy"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="terms",
        db_column="taxonomy_id",
    )
    code = models.CharField(_("code"), max_length=100, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    taxonomy = models.CharField(_("taxonomy name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=20, blank=True)
    term_uri = models.CharField(_("web address"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TaxonomyTermQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")

    def __str__(self) -> str:
        return self.name


# --- Organisations -----------------------------------------------------------


class DirectoryOrganizationQuerySet(models.QuerySet["DirectoryOrganization"]):
    def owned_by(self, organisation: Any) -> DirectoryOrganizationQuerySet:
        return self.filter(organisation=organisation)


class DirectoryOrganization(HsdsModel):
    """An HSDS organization: anyone who offers something in the wijk.

    Many have no users in Collectief (a church, a sports club, the
    buurtsuper). When an organisation with users claims the entry and a
    coordinator approves, ``organisation`` links it and its members keep
    the entries current.
    """

    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.CharField(_("website"), max_length=500, blank=True)
    tax_status = models.CharField(max_length=200, blank=True)
    tax_id = models.CharField(max_length=200, blank=True)
    year_incorporated = models.FloatField(null=True, blank=True)
    legal_status = models.CharField(max_length=200, blank=True)
    logo = models.CharField(max_length=500, blank=True)
    uri = models.CharField(max_length=500, blank=True)
    parent_organization_id = models.UUIDField(null=True, blank=True)

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("maintained by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_organizations",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = DirectoryOrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("directory organisation")
        verbose_name_plural = _("directory organisations")

    def __str__(self) -> str:
        return self.name


# --- Services ------------------------------------------------------------------


class ServiceQuerySet(models.QuerySet["Service"]):
    def active(self) -> ServiceQuerySet:
        return self.filter(status=Service.Status.ACTIVE)

    def stale(self, now: Any = None) -> ServiceQuerySet:
        """Entries nobody confirmed in the last 12 months."""
        limit = (now or timezone.now()) - STALE_AFTER
        return self.filter(
            models.Q(checked_at__lt=limit) | models.Q(checked_at=None, created_at__lt=limit)
        )

    def with_theme(self, code: str) -> ServiceQuerySet:
        return self.filter(
            attributes__taxonomy_term__code=code,
            attributes__taxonomy_term__taxonomy_detail_id=THEMES_TAXONOMY_ID,
        )

    def with_target_group(self, code: str) -> ServiceQuerySet:
        return self.filter(
            attributes__taxonomy_term__code=code,
            attributes__taxonomy_term__taxonomy_detail_id=TARGET_GROUPS_TAXONOMY_ID,
        )


class Service(HsdsModel):
    """An activity or provision: a koffieochtend, a spreekuur, a buurttuin."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        INACTIVE = "inactive", _("inactive")
        DEFUNCT = "defunct", _("stopped")
        TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")

    class Referral(models.TextChoices):
        NONE = "", _("no referral needed")
        REFERRAL = "verwijzing", _("referral needed (verwijzing)")
        INDICATION = "indicatie", _("assessment needed (indicatie)")

    class PreventionStage(models.TextChoices):
        UNKNOWN = "", _("not set")
        PRIMARY = "primair", _("primary: before problems arise")
        SECONDARY = "secundair", _("secondary: early, when problems start")
        TERTIARY = "tertiair", _("tertiary: limiting existing problems")

    class PreventionReach(models.TextChoices):
        UNKNOWN = "", _("not set")
        UNIVERSAL = "universeel", _("universal: for everyone")
        SELECTIVE = "selectief", _("selective: for groups at risk")
        INDICATED = "geindiceerd", _("indicated: for people with first signs")

    class Formality(models.TextChoices):
        UNKNOWN = "", _("not set")
        FORMAL = "formeel", _("formal: professionals")
        INFORMAL = "informeel", _("informal: residents and volunteers")

    class Delivery(models.TextChoices):
        UNKNOWN = "", _("not set")
        COLLECTIVE = "collectief", _("collective: in a group")
        INDIVIDUAL = "individueel", _("individual: one person or family")

    organization = models.ForeignKey(
        DirectoryOrganization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="services",
    )
    program_id = models.UUIDField(null=True, blank=True)
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.CharField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    interpretation_services = models.TextField(blank=True)
    application_process = models.TextField(_("how to take part"), blank=True)
    fees_description = models.TextField(_("costs"), blank=True)
    accreditations = models.TextField(blank=True)
    eligibility_description = models.TextField(_("who it is for"), blank=True)
    minimum_age = models.FloatField(_("minimum age"), null=True, blank=True)
    maximum_age = models.FloatField(_("maximum age"), null=True, blank=True)
    alert = models.TextField(_("notice"), blank=True)
    assured_date = models.DateField(_("last checked on"), null=True, blank=True)
    assurer_email = models.EmailField(_("checked by (e-mail)"), blank=True)
    last_modified = models.DateTimeField(_("changed"), default=timezone.now, db_index=True)

    # Collectief fields.
    is_free = models.BooleanField(_("free"), default=False, db_index=True)
    referral = models.CharField(
        _("referral"), max_length=20, choices=Referral.choices, default="", blank=True
    )
    registration_required = models.BooleanField(_("registration needed"), default=False)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility_notes = models.TextField(_("more about accessibility"), blank=True)
    prevention_stage = models.CharField(
        _("prevention type"),
        max_length=20,
        choices=PreventionStage.choices,
        default="",
        blank=True,
    )
    prevention_reach = models.CharField(
        _("prevention reach"),
        max_length=20,
        choices=PreventionReach.choices,
        default="",
        blank=True,
    )
    formality = models.CharField(
        _("formal or informal"), max_length=20, choices=Formality.choices, default="", blank=True
    )
    delivery = models.CharField(
        _("collective or individual"),
        max_length=20,
        choices=Delivery.choices,
        default="",
        blank=True,
    )
    is_public = models.BooleanField(
        _("show in the public sociale kaart"), default=True, db_index=True
    )
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True, db_index=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    # Name, description, organisation and themes in one text, kept filled by
    # the services, for full-text search indexes.
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age=None)
                | models.Q(maximum_age=None)
                | models.Q(maximum_age__gte=models.F("minimum_age")),
                name="service_age_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.maximum_age < self.minimum_age
        ):
            raise ValidationError(
                {"maximum_age": _("The maximum age must not be lower than the minimum age.")}
            )

    @property
    def is_stale(self) -> bool:
        reference = self.checked_at or self.created_at
        return reference is None or reference < timezone.now() - STALE_AFTER

    @property
    def needs_referral(self) -> bool:
        return bool(self.referral)

    def terms(self, taxonomy_id: uuid.UUID) -> list[TaxonomyTerm]:
        return [
            a.taxonomy_term
            for a in self.attributes.all()
            if a.taxonomy_term is not None and a.taxonomy_term.taxonomy_detail_id == taxonomy_id
        ]

    @property
    def themes(self) -> list[TaxonomyTerm]:
        return self.terms(THEMES_TAXONOMY_ID)

    @property
    def target_groups(self) -> list[TaxonomyTerm]:
        return self.terms(TARGET_GROUPS_TAXONOMY_ID)

    def build_search_text(self) -> str:
        parts = [self.name, self.alternate_name, self.description]
        if self.organization_id:
            parts.append(self.organization.name)  # type: ignore[union-attr]
        parts += [t.name for t in self.themes + self.target_groups]
        return "\n".join(p for p in parts if p)


# --- Locations -----------------------------------------------------------------


class Location(HsdsModel):
    """A place: a buurthuis, a church, a park. Placed in a CBS buurt when possible.

    A location whose address cannot be placed in a known buurt is kept with
    ``needs_placement`` set, so that a coordinator places it by hand.
    """

    class LocationType(models.TextChoices):
        PHYSICAL = "physical", _("a place to go to")
        POSTAL = "postal", _("postal address")
        VIRTUAL = "virtual", _("online")

    location_type = models.CharField(
        _("kind of location"),
        max_length=20,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
    )
    url = models.CharField(_("website"), max_length=500, blank=True)
    organization = models.ForeignKey(
        DirectoryOrganization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="locations",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(_("how to get there"), blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    external_identifier = models.CharField(max_length=200, blank=True)
    external_identifier_type = models.CharField(max_length=100, blank=True)

    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("neighbourhood (CBS buurt)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_locations",
    )
    needs_placement = models.BooleanField(
        _("needs to be placed in a neighbourhood"), default=False, db_index=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name or str(self.id)

    @property
    def first_address(self) -> Address | None:
        return next(iter(self.addresses.all()), None)


class Address(HsdsModel):
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="addresses"
    )
    attention = models.CharField(max_length=200, blank=True)
    address_1 = models.CharField(_("street and number"), max_length=200)
    address_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("town"), max_length=100)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(_("province"), max_length=100, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=20)
    country = models.CharField(_("country"), max_length=2, default="NL")
    address_type = models.CharField(max_length=20, default="physical")

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.address_1}, {self.postal_code} {self.city}"


class Accessibility(HsdsModel):
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="accessibility"
    )
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("accessibility")
        verbose_name_plural = _("accessibility")

    def __str__(self) -> str:
        return self.description[:80] or str(self.id)


class ServiceAtLocation(HsdsModel):
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="service_at_locations",
    )
    location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="service_at_locations",
    )
    description = models.TextField(blank=True)

    class Meta:
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


# --- When: schedules -----------------------------------------------------------


class Schedule(HsdsModel):
    """When something happens (an RFC 5545 rule) or when it is closed.

    ``kind`` is ``open`` for a recurring time ("elke woensdagmiddag",
    opening hours) and ``closed`` for a closing period such as a zomerstop
    (``valid_from`` to ``valid_to``).
    """

    class Kind(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed (for example a summer break)")

    class Freq(models.TextChoices):
        WEEKLY = "WEEKLY", _("every week")
        MONTHLY = "MONTHLY", _("every month")

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OPEN)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)
    dtstart = models.DateField(_("first time"), null=True, blank=True)
    timezone = models.FloatField(null=True, blank=True)
    until = models.DateField(_("last time"), null=True, blank=True)
    count = models.FloatField(null=True, blank=True)
    wkst = models.CharField(max_length=2, blank=True)
    freq = models.CharField(_("repeats"), max_length=10, choices=Freq.choices, blank=True)
    interval = models.FloatField(_("every how many"), null=True, blank=True)
    byday = models.CharField(_("days"), max_length=100, blank=True)
    byweekno = models.CharField(max_length=200, blank=True)
    bymonthday = models.CharField(max_length=200, blank=True)
    byyearday = models.CharField(max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.TimeField(_("from (time)"), null=True, blank=True)
    closes_at = models.TimeField(_("until (time)"), null=True, blank=True)
    schedule_link = models.CharField(max_length=500, blank=True)
    attending_type = models.CharField(max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from=None)
                | models.Q(valid_to=None)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="schedule_valid_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.description or f"{self.freq} {self.byday}".strip() or str(self.id)

    def clean(self) -> None:
        errors = schedule_order_errors(
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            dtstart=self.dtstart,
            until=self.until,
            opens_at=self.opens_at,
            closes_at=self.closes_at,
        )
        if errors:
            raise ValidationError(errors)

    @property
    def days(self) -> list[str]:
        """RFC 5545 day codes (MO, TU, …) of a weekly rule, without numbers."""
        return [d.strip()[-2:] for d in self.byday.split(",") if d.strip()]


def schedule_order_errors(**values: Any) -> dict[str, Any]:
    """Dutch messages for a schedule that ends before it starts."""
    errors: dict[str, Any] = {}
    pairs = (
        ("valid_from", "valid_to", _("The end date must not be before the start date.")),
        ("dtstart", "until", _("The last time must not be before the first time.")),
        ("opens_at", "closes_at", _("The closing time must be after the opening time.")),
    )
    for start, end, message in pairs:
        a, b = values.get(start), values.get(end)
        if a is None or b is None:
            continue
        if b < a or (start == "opens_at" and b == a):
            errors[end] = message
    return errors


class ServiceArea(HsdsModel):
    """An area a service is for; ``area`` is the CBS wijk (or buurt, gemeente)."""

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="service_areas"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="service_areas",
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_service_areas",
    )
    name = models.CharField(_("name"), max_length=500, blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=50, blank=True)
    uri = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self) -> str:
        return self.name or (self.area.name if self.area else str(self.id))


# --- Contact -------------------------------------------------------------------


class Contact(HsdsModel):
    organization = models.ForeignKey(
        DirectoryOrganization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("role"), max_length=200, blank=True)
    department = models.CharField(max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name or str(self.id)


class Phone(HsdsModel):
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    organization = models.ForeignKey(
        DirectoryOrganization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="phones",
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(_("phone number"), max_length=100)
    extension = models.FloatField(null=True, blank=True)
    type = models.CharField(max_length=50, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")

    def __str__(self) -> str:
        return self.number


class Language(HsdsModel):
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    name = models.CharField(_("language"), max_length=100, blank=True)
    code = models.CharField(_("language code"), max_length=20, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name or self.code


class CostOption(HsdsModel):
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="cost_options"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.CharField(_("what it is for"), max_length=200, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    amount = models.FloatField(_("amount"), null=True, blank=True)
    amount_description = models.TextField(blank=True)

    class Meta:
        verbose_name = _("cost")
        verbose_name_plural = _("costs")

    def __str__(self) -> str:
        return self.option or str(self.amount)


class Attribute(HsdsModel):
    """Links a taxonomy term to an HSDS object: themes and target groups of a service.

    ``link_id`` and ``link_entity`` are the HSDS link; for services,
    organisations and locations the foreign key is filled as well, so that
    searches can join.
    """

    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, null=True, blank=True, on_delete=models.CASCADE, related_name="attributes"
    )
    link_id = models.UUIDField(null=True, blank=True, db_index=True)
    link_type = models.CharField(max_length=100, blank=True)
    link_entity = models.CharField(max_length=100, blank=True)
    value = models.TextField(blank=True)
    label = models.CharField(max_length=200, blank=True)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="attributes"
    )
    organization = models.ForeignKey(
        DirectoryOrganization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attributes",
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="attributes"
    )

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")

    def __str__(self) -> str:
        return str(self.taxonomy_term or self.label or self.id)


class HsdsRecord(models.Model):
    """A row of an HSDS table Collectief does not model (funding, program, url, …).

    Kept whole (``data`` is the HSDS row with its link columns) so that an
    export gives back what an import received.
    """

    pk_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    table = models.CharField(max_length=50)
    id = models.UUIDField()
    data = models.JSONField(default=dict)
    # The ids this row hangs under (organization_id, service_id, resource_id, …).
    links = models.JSONField(default=list, blank=True)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="hsds_records"
    )
    organization = models.ForeignKey(
        DirectoryOrganization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="hsds_records",
    )

    class Meta:
        verbose_name = _("other HSDS record")
        verbose_name_plural = _("other HSDS records")
        constraints = [
            models.UniqueConstraint(fields=["table", "id"], name="hsds_record_unique_per_table"),
        ]

    def __str__(self) -> str:
        return f"{self.table} {self.id}"


# --- Keeping entries current -------------------------------------------------------


class Claim(models.Model):
    """An organisation with users asks to maintain a directory organisation."""

    class Status(models.TextChoices):
        OPEN = "open", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    directory_organization = models.ForeignKey(
        DirectoryOrganization, on_delete=models.CASCADE, related_name="claims"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="directory_claims"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    motivation = models.TextField(_("why this is yours"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.UniqueConstraint(
                fields=["directory_organization", "organisation"],
                condition=models.Q(status="open"),
                name="one_open_claim_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.directory_organization}"


class ErrorReport(models.Model):
    """ "Meld een fout": anyone tells that an entry is wrong. No account, no personal data."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        RESOLVED = "resolved", _("handled")
        DISMISSED = "dismissed", _("not a mistake")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="error_reports")
    message = models.TextField(_("what is wrong"))
    reply_email = models.EmailField(_("e-mail address for a reply (optional)"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")

    def __str__(self) -> str:
        return f"{self.service}: {self.message[:60]}"


class HsdsImport(models.Model):
    """One HSDS import: which file, how many records, by whom."""

    filename = models.CharField(_("file"), max_length=200)
    created = models.PositiveIntegerField(_("new records"), default=0)
    updated = models.PositiveIntegerField(_("updated records"), default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("HSDS import")
        verbose_name_plural = _("HSDS imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.at:%Y-%m-%d %H:%M})"
