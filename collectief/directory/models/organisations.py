"""Organisations in the sociale kaart: anyone who offers something in the wijk.

:class:`DirectoryOrganization` is the HSDS ``organization``; when an
organisation with users in Collectief has claimed it, ``organisation`` links
the two.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from collectief.directory.models.base import HsdsModel
from collectief.lib.safe_urls import SafeURLField


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
    website = SafeURLField(_("website"), blank=True)
    tax_status = models.CharField(max_length=200, blank=True)
    tax_id = models.CharField(max_length=200, blank=True)
    year_incorporated = models.FloatField(null=True, blank=True)
    legal_status = models.CharField(max_length=200, blank=True)
    logo = SafeURLField(blank=True)
    uri = SafeURLField(blank=True)
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
