"""Maatschappelijke waarde: the financial barometer (magazine p. 29, tool D).

A ``Valuation`` is one organisation's SROI-style estimate: what went in
(``Input``: money, in-kind gifts and volunteer hours, each with a source) and
what came out (``Outcome``: the impact map, one row per outcome, with its
quantity, financial proxy, duration, the four deflators and an evidence
grade). The arithmetic is ``collectief.lib.sroi``; this module holds the
data and its invariants. An organisation has at most one valuation: an
import replaces it.

Volunteer time is valued three ways side by side (vervangingswaarde,
investeringswaarde, marktwaarde); the valuation keeps the three hourly rates
with their source and year, and each volunteer input its own chosen hourly
value, which counts in the investment.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from collectief.lib.sroi import DEFAULT_DISCOUNT_RATE

LABEL_MAX_LENGTH = 150
SOURCE_MAX_LENGTH = 300
NOTE_MAX_LENGTH = 2000
MAX_DURATION = 50  # years; the SROI Guide's outcomes rarely last more than a few
MAX_AMOUNT = Decimal("999999999999.99")  # 14 digits, 2 decimals
MAX_HOURS = Decimal("99999999.99")
MAX_RATE = Decimal("999999.99")


class Grade(models.TextChoices):
    """How sure we are of an outcome's numbers (Sopact's traffic light, in Dutch)."""

    GREEN = "groen", _("green: our own data")
    ORANGE = "oranje", _("orange: self-report or a comparable study")
    RED = "rood", _("red: an estimate")


class InputKind(models.TextChoices):
    MONEY = "money", _("money (subsidy, donation, own income)")
    IN_KIND = "in_kind", _("in kind (space, goods)")
    VOLUNTEER_HOURS = "volunteer_hours", _("volunteer time (hours × hourly value)")


class ValuationQuerySet(models.QuerySet["Valuation"]):
    def for_organisation(self, organisation: Any) -> ValuationQuerySet:
        return self.filter(organisation=organisation)


class Valuation(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="valuations",
    )
    title = models.CharField(_("title"), max_length=LABEL_MAX_LENGTH)
    period = models.CharField(
        _("period of the inputs"),
        max_length=60,
        blank=True,
        help_text=_("The year the inputs are about, for example 2022."),
    )
    discount_rate = models.DecimalField(
        _("discount rate"), max_digits=6, decimal_places=5, default=DEFAULT_DISCOUNT_RATE
    )
    is_illustration = models.BooleanField(
        _("illustration"),
        default=False,
        help_text=_("An example to show how it works, not a real estimate."),
    )
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    # The three hourly values of volunteer time, each with source and year.
    replacement_rate = models.DecimalField(
        _("replacement value per hour"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    replacement_source = models.CharField(
        _("source of the replacement value"), max_length=SOURCE_MAX_LENGTH, blank=True
    )
    replacement_year = models.PositiveSmallIntegerField(
        _("year of the replacement value"), null=True, blank=True
    )
    opportunity_rate = models.DecimalField(
        _("investment value per hour"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    opportunity_source = models.CharField(
        _("source of the investment value"), max_length=SOURCE_MAX_LENGTH, blank=True
    )
    opportunity_year = models.PositiveSmallIntegerField(
        _("year of the investment value"), null=True, blank=True
    )
    market_rate = models.DecimalField(
        _("market value per hour"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    market_source = models.CharField(
        _("source of the market value"), max_length=SOURCE_MAX_LENGTH, blank=True
    )
    market_year = models.PositiveSmallIntegerField(
        _("year of the market value"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ValuationQuerySet.as_manager()

    class Meta:
        verbose_name = _("valuation")
        verbose_name_plural = _("valuations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], name="valuation_one_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(discount_rate__gte=0) & Q(discount_rate__lte=Decimal("0.25")),
                name="valuation_discount_rate_0_to_25_percent",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{rate}__isnull": True}) | Q(**{f"{rate}__gte": 0}),
                    name=f"valuation_{rate}_not_negative",
                )
                for rate in ("replacement_rate", "opportunity_rate", "market_rate")
            ],
        ]

    def __str__(self) -> str:
        return self.title


class Input(models.Model):
    """What went in: money, in-kind gifts or volunteer hours."""

    valuation = models.ForeignKey(Valuation, on_delete=models.CASCADE, related_name="inputs")
    label = models.CharField(_("what"), max_length=LABEL_MAX_LENGTH)
    kind = models.CharField(_("kind"), max_length=20, choices=InputKind.choices)
    amount = models.DecimalField(_("amount in euro"), max_digits=14, decimal_places=2)
    hours = models.DecimalField(_("hours"), max_digits=10, decimal_places=2, null=True, blank=True)
    hourly_value = models.DecimalField(
        _("value per hour"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=SOURCE_MAX_LENGTH, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="input_amount_not_negative"),
            # Volunteer time is hours × value per hour; money and goods have neither.
            models.CheckConstraint(
                condition=(
                    Q(kind=InputKind.VOLUNTEER_HOURS)
                    & Q(hours__isnull=False, hourly_value__isnull=False)
                    & Q(hours__gte=0, hourly_value__gte=0)
                )
                | (
                    ~Q(kind=InputKind.VOLUNTEER_HOURS)
                    & Q(hours__isnull=True, hourly_value__isnull=True)
                ),
                name="input_hours_only_for_volunteer_time",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Outcome(models.Model):
    """One row of the impact map (SROI Guide stages 2 to 4)."""

    valuation = models.ForeignKey(Valuation, on_delete=models.CASCADE, related_name="outcomes")
    label = models.CharField(_("outcome"), max_length=LABEL_MAX_LENGTH)
    stakeholder = models.CharField(_("for whom"), max_length=LABEL_MAX_LENGTH)
    indicator = models.CharField(_("indicator"), max_length=SOURCE_MAX_LENGTH, blank=True)
    effect = models.ForeignKey(
        "changestories.Effect",
        verbose_name=_("direct effect in the change story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="valuation_outcomes",
    )
    question = models.ForeignKey(
        "surveys.Question",
        verbose_name=_("survey statement as evidence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="valuation_outcomes",
    )
    figure = models.ForeignKey(
        "figures.Figure",
        verbose_name=_("figure as evidence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="valuation_outcomes",
    )
    quantity = models.DecimalField(_("quantity (Q)"), max_digits=14, decimal_places=2)
    quantity_source = models.CharField(
        _("source of the quantity"), max_length=SOURCE_MAX_LENGTH, blank=True
    )
    proxy = models.DecimalField(_("financial proxy (P)"), max_digits=14, decimal_places=2)
    proxy_source = models.CharField(_("source of the proxy"), max_length=SOURCE_MAX_LENGTH)
    duration = models.PositiveSmallIntegerField(_("duration in years (D)"))
    deadweight = models.DecimalField(_("deadweight"), max_digits=5, decimal_places=4)
    displacement = models.DecimalField(_("displacement"), max_digits=5, decimal_places=4)
    attribution = models.DecimalField(_("attribution"), max_digits=5, decimal_places=4)
    dropoff = models.DecimalField(_("drop-off"), max_digits=5, decimal_places=4)
    deflators_source = models.CharField(
        _("basis of the four percentages"), max_length=SOURCE_MAX_LENGTH, blank=True
    )
    grade = models.CharField(_("evidence grade"), max_length=10, choices=Grade.choices)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="outcome_quantity_not_negative"
            ),
            models.CheckConstraint(condition=Q(proxy__gte=0), name="outcome_proxy_not_negative"),
            models.CheckConstraint(
                condition=~Q(proxy_source=""), name="outcome_proxy_has_a_source"
            ),
            models.CheckConstraint(
                condition=Q(duration__gte=1) & Q(duration__lte=MAX_DURATION),
                name="outcome_duration_1_to_50_years",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{share}__gte": 0}) & Q(**{f"{share}__lte": 1}),
                    name=f"outcome_{share}_0_to_1",
                )
                for share in ("deadweight", "displacement", "attribution", "dropoff")
            ],
        ]

    def __str__(self) -> str:
        return self.label
