"""Indicator values in words and numbers, the same on the page and on the command line."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from collectief.insights.models import Indicator, IndicatorValue


def value_text(value: IndicatorValue) -> str:
    """The number as Dutch readers write it ("12.345", "12,5 %"), or the sign in words."""
    if not value.is_number or value.value is None:
        return status_text(value)
    number = value.value
    unit = value.indicator.unit
    decimals = 0 if number == number.to_integral_value() else 1
    text = number_format(number, decimals, force_grouping=True)
    if unit == Indicator.Unit.PERCENT:
        return f"{text} %"
    return text


def status_text(value: IndicatorValue) -> str:
    if value.status == IndicatorValue.Status.SECRET:
        return _("secret")
    if value.status == IndicatorValue.Status.UNKNOWN:
        return _("unknown")
    if value.status == IndicatorValue.Status.NIL:
        return "0"
    return value_text(value)
