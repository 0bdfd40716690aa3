"""The HSDS detail tables that hang under a service, organisation or location.

Contact persons, phone numbers, languages, costs, and :class:`Attribute`,
which links a taxonomy term (a theme, a target group) to a service,
organisation or location.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from collectief.directory.models.base import HsdsModel
from collectief.directory.models.locations import Location, ServiceAtLocation
from collectief.directory.models.organisations import DirectoryOrganization
from collectief.directory.models.services import Service
from collectief.directory.models.taxonomy import TaxonomyTerm


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
