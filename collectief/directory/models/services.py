"""Services of the sociale kaart: activities and provisions, with their queryset.

:class:`Service` is the HSDS ``service`` with the Collectief fields next to
the HSDS ones (prevention type and reach, formal or informal, collective or
individual, referral, free, accessibility, public or not, last checked) and
the ``search_text`` the full-text indexes read. :class:`ServiceQuerySet`
has the active, stale, theme and target-group filters.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectief.directory.models.base import (
    STALE_AFTER,
    TARGET_GROUPS_TAXONOMY_ID,
    THEMES_TAXONOMY_ID,
    HsdsModel,
)
from collectief.directory.models.organisations import DirectoryOrganization
from collectief.directory.models.taxonomy import TaxonomyTerm
from collectief.lib.safe_urls import SafeURLField


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
    url = SafeURLField(_("website"), blank=True)
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
