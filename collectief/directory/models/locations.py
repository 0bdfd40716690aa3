"""Where things happen: locations, addresses, services at locations and service areas.

:class:`Location` (placed in a CBS buurt when possible, else marked
``needs_placement``), its :class:`Address` and :class:`Accessibility`, the
HSDS link :class:`ServiceAtLocation`, and :class:`ServiceArea`, an area a
service is for.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from collectief.directory.models.base import HsdsModel
from collectief.directory.models.organisations import DirectoryOrganization
from collectief.directory.models.services import Service
from collectief.lib.safe_urls import SafeURLField


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
    url = SafeURLField(_("website"), blank=True)
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
    url = SafeURLField(blank=True)

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
