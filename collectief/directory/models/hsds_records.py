"""HSDS bookkeeping: rows of tables Collectief does not model, and the import log.

:class:`HsdsRecord` keeps a row of an HSDS table such as funding or program
whole, so that an export gives back what an import received;
:class:`HsdsImport` records each HSDS import (file, counts, by whom).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collectief.directory.models.organisations import DirectoryOrganization
from collectief.directory.models.services import Service


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
