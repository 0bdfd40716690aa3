"""When things happen: schedules (RFC 5545 rules) and closing periods.

:class:`Schedule` is ``open`` for a recurring time and ``closed`` for a
closing period such as a zomerstop; :func:`schedule_order_errors` gives the
Dutch messages for a schedule that ends before it starts (used by the model,
the forms and the HSDS import).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from collectief.directory.models.base import HsdsModel
from collectief.directory.models.locations import Location, ServiceAtLocation
from collectief.directory.models.services import Service
from collectief.lib.safe_urls import SafeURLField


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
    schedule_link = SafeURLField(blank=True)
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
