"""Feiten & cijfers: the output figures of an initiative.

Output is what an initiative does and how many people it reaches ("94
vrijwilligers", "ruim 25 activiteiten per maand"); outcome is what changes
for people, which the change story and the questionnaires cover. A figure
is one number with a label, a unit and a period, and optionally a series of
earlier measurements (``FigureValue``) for a chart.

The owner is an organisation today; a collective project will get its own
nullable owner field later, with the check constraint extended to "exactly
one owner is set" (the same pattern as ``changestories.ChangeStory``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    """What the number counts. The label says what is counted."""

    COUNT = "aantal", _("number")
    EURO = "euro", _("euro")
    PERCENT = "procent", _("percent")
    HOURS = "uur", _("hours")
    KILOGRAM = "kg", _("kilogram")
    KILOMETRE = "km", _("kilometre")


class Period(models.TextChoices):
    """Over which time the number is counted."""

    NONE = "geen", _("no period (a count at one moment)")
    DAY = "dag", _("per day")
    WEEK = "week", _("per week")
    MONTH = "maand", _("per month")
    YEAR = "jaar", _("per year")
    NAMED = "periode", _("over a named period")


# How periods and units are written in files and JSON. These are data
# formats, not UI text, so they stay Dutch whatever the page language is.
PERIOD_TEXT = {
    Period.NONE: "",
    Period.DAY: "per dag",
    Period.WEEK: "per week",
    Period.MONTH: "per maand",
    Period.YEAR: "per jaar",
}


class FigureQuerySet(models.QuerySet["Figure"]):
    def for_organisation(self, organisation: Any) -> FigureQuerySet:
        return self.filter(organisation=organisation)

    def highlighted(self) -> FigureQuerySet:
        return self.filter(is_highlighted=True)


class Figure(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="figures",
    )
    label = models.CharField(
        _("what is counted"),
        max_length=150,
        help_text=_("For example: volunteers, or cups of coffee per volunteer."),
    )
    qualifier = models.CharField(
        _("word before the number"),
        max_length=30,
        blank=True,
        help_text=_("Optional. For example: ruim, gemiddeld, bijna, meer dan."),
    )
    value = models.DecimalField(_("number"), max_digits=14, decimal_places=2)
    value_max = models.DecimalField(
        _("up to"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only for a range, such as 20 to 25 people: fill in 25 here."),
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.COUNT)
    period = models.CharField(
        _("period"), max_length=10, choices=Period.choices, default=Period.NONE
    )
    period_name = models.CharField(
        _("name of the period"),
        max_length=100,
        blank=True,
        help_text=_("Only for a named period, for example: projectperiode 2021–2022."),
    )
    indicator = models.ForeignKey(
        "changestories.Indicator",
        verbose_name=_("indicator in the change story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="figures",
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the number comes from, for example: bar list, attendance list."),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("The day the number was counted. Optional."),
    )
    is_highlighted = models.BooleanField(
        _("show on the poster"),
        default=False,
        help_text=_("Highlighted figures appear on the change story poster."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FigureQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            # One owner kind today; with projects: exactly one owner is set.
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False),
                name="figure_exactly_one_owner",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(period=Period.NAMED) & ~models.Q(period_name="")
                    | ~models.Q(period=Period.NAMED) & models.Q(period_name="")
                ),
                name="figure_period_name_only_for_named_period",
            ),
            models.CheckConstraint(
                condition=models.Q(value_max__isnull=True)
                | models.Q(value_max__gt=models.F("value")),
                name="figure_value_max_above_value",
            ),
            models.UniqueConstraint(
                Lower("label"), "organisation", name="figure_unique_label_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return self.display

    def get_absolute_url(self) -> str:
        assert self.organisation is not None
        return reverse("figures:detail", args=[self.organisation.slug, self.pk])

    @property
    def owner(self) -> Any:
        return self.organisation

    @property
    def period_text(self) -> str:
        """The period as written in files, JSON and on the poster."""
        if self.period == Period.NAMED:
            return self.period_name
        return PERIOD_TEXT.get(Period(self.period), "")

    @property
    def value_text(self) -> str:
        """The number in Dutch notation, with the range and unit: "20 tot 25"."""
        text = format_number(self.value)
        if self.value_max is not None:
            text = f"{text} tot {format_number(self.value_max)}"
        if self.unit == Unit.EURO:
            return f"{text} euro"
        if self.unit == Unit.PERCENT:
            return f"{text} procent"
        if self.unit in (Unit.HOURS, Unit.KILOGRAM, Unit.KILOMETRE):
            return f"{text} {self.unit}"
        return text

    @property
    def display(self) -> str:
        """One line as the magazine writes it: "ruim 25 activiteiten per maand".

        A named period goes between brackets: "94 vrijwilligers (projectperiode 2021–2022)".
        """
        period = self.period_text
        if self.period == Period.NAMED and period:
            period = f"({period})"
        parts = [self.qualifier, self.value_text, self.label, period]
        return " ".join(p for p in parts if p)


class FigureValue(models.Model):
    """One measurement in a figure's series, for the chart and table."""

    figure = models.ForeignKey(Figure, on_delete=models.CASCADE, related_name="values")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("number"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["date"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(fields=["figure", "date"], name="figurevalue_unique_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y}: {format_number(self.value)}"


def format_number(value: Decimal | int | float) -> str:
    """Dutch notation: 1.825 and 2,5 (thousands dot, decimal comma, no trailing zeros)."""
    number = Decimal(value)
    if number == number.to_integral_value():
        text = f"{int(number):,}".replace(",", ".")
        return text
    normalised = number.normalize()
    whole, _dot, fraction = f"{normalised:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    return f"{sign}{int(whole):,}".replace(",", ".") + "," + fraction
