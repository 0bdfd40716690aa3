"""Keeping entries current: claims by organisations and error reports by anyone.

:class:`Claim`: an organisation with users asks to maintain a directory
organisation. :class:`ErrorReport`: "meld een fout", anyone tells that an
entry is wrong, without an account or personal data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collectief.directory.models.organisations import DirectoryOrganization
from collectief.directory.models.services import Service


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


class Coordination(models.Model):
    """The right of a gemeente or wijkteam to coordinate the sociale kaart in an area.

    Given by a site administrator (or by a gemeente for its own areas), never
    taken: the areas in an organisation's profile only say where it works.
    Coordinators approve claims, handle error reports and place locations in
    the area and everything inside it.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="coordinations",
        verbose_name=_("organisation"),
    )
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.CASCADE,
        related_name="coordinations",
        verbose_name=_("area"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted on"), auto_now_add=True)

    class Meta:
        ordering = ["area__name", "organisation__name"]
        verbose_name = _("coordination")
        verbose_name_plural = _("coordinations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "area"], name="one_coordination_per_area"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.area}"
