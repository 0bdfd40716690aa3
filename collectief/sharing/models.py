"""Sharing results with another organisation (issue 13 point 9).

An organisation shares one chosen result (its veranderverhaal, its feiten &
cijfers, the results of one survey; later its report) with one chosen
organisation, for example the gemeente or a funder. Without an active share
another organisation sees nothing of it. A share is revoked, never deleted,
so the audit trail and the recipient's "this is no longer shared" message
keep working. What a kind is and how it is shown is in ``registry.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collectief.sharing.registry import OBJECT_ID_MAX_LENGTH

LABEL_MAX_LENGTH = 200


class ShareQuerySet(models.QuerySet["Share"]):
    def active(self) -> ShareQuerySet:
        return self.filter(revoked_at__isnull=True)


class Share(models.Model):
    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("shared by"),
        on_delete=models.CASCADE,
        related_name="shares_given",
    )
    recipient = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("shared with"),
        on_delete=models.CASCADE,
        related_name="shares_received",
    )
    kind = models.CharField(_("kind"), max_length=30)
    object_id = models.CharField(max_length=OBJECT_ID_MAX_LENGTH)
    # The name when it was shared, for lists and for a result deleted since.
    label = models.CharField(_("what"), max_length=LABEL_MAX_LENGTH)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("shared on"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        indexes = [
            models.Index(fields=["recipient", "revoked_at"], name="share_recipient"),
            models.Index(fields=["owner", "revoked_at"], name="share_owner"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "recipient", "kind", "object_id"],
                condition=models.Q(revoked_at__isnull=True),
                name="share_active_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(owner=models.F("recipient")), name="share_not_with_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner_id} → {self.recipient_id}: {self.kind} {self.object_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
