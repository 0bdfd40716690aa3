"""Scharrelruimte: an initiative asks for support, and someone picks it up (issue 13 point 7).

Magazine p. 25: a resident initiative needs room to manoeuvre from the
gemeente and the professionals around it. A resident initiative asks, in
its own words, for a place, money, volunteers, contact with the gemeente or
something else. A sociaal werker (wijkteam or welfare organisation) or the
gemeente in the same gemeente picks the question up; from then on the
initiative sees which organisation and which person has it, the status and
the latest note.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

QUESTION_MAX_LENGTH = 1000
NOTE_MAX_LENGTH = 1000


class Kind(models.TextChoices):
    SPACE = "ruimte", _("a place or room")
    MONEY = "geld", _("money")
    VOLUNTEERS = "vrijwilligers", _("volunteers")
    GEMEENTE = "gemeente", _("contact with the gemeente")
    OTHER = "anders", _("something else")


class Status(models.TextChoices):
    OPEN = "open", _("waiting for someone to pick it up")
    PICKED_UP = "opgepakt", _("picked up")
    DONE = "geregeld", _("arranged")
    WITHDRAWN = "ingetrokken", _("withdrawn")


# The statuses in which an organisation has the request.
HELD = (Status.PICKED_UP, Status.DONE)


class SupportRequestQuerySet(models.QuerySet["SupportRequest"]):
    def in_gemeenten(self, gemeente_ids: Any) -> SupportRequestQuerySet:
        return self.filter(gemeente_id__in=gemeente_ids)


class SupportRequest(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="support_requests",
    )
    gemeente = models.ForeignKey(
        "areas.Area", verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("what you need"), max_length=20, choices=Kind.choices)
    question = models.TextField(_("your question"), max_length=QUESTION_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    handler = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("picked up by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_handled",
    )
    handler_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note to the initiative"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        indexes = [models.Index(fields=["gemeente", "status"], name="support_gemeente_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="support_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="support_status_valid"
            ),
            # Picked up and arranged always name who has it; open never does.
            models.CheckConstraint(
                condition=~models.Q(status__in=HELD) | models.Q(handler__isnull=False),
                name="support_held_has_handler",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.OPEN) | models.Q(handler__isnull=True),
                name="support_open_has_no_handler",
            ),
            models.CheckConstraint(
                condition=~models.Q(handler=models.F("organisation")),
                name="support_not_handled_by_asker",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.kind}"
