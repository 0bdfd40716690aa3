"""Indicator values in words and numbers, the same on the page, in exports and on the command line.

A count of people (an indicator that can be ranked: bijstand, jeugdzorg,
Wmo … with a denominator) is published through the disclosure control
(``lib.disclosure.show_count``: 0–9 as "<10", the rest rounded to 5), the
same rule as the ranking's "counted" column. Otherwise the wijk page would
show the "4" that the ranking beside it hides as "<10", or the 91 that it
rounds to 90. A CBS nil (-) stays 0: CBS published it as such. Other
figures (inhabitants, percentages, amounts) are shown as CBS publishes them.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from collectief.insights.models import Indicator, IndicatorValue
from collectief.lib.disclosure import Shown, show_count


def published_count(value: IndicatorValue) -> Shown | None:
    """The count as it may be published, for a count of people with a number; else None."""
    if value.status != IndicatorValue.Status.OK or value.value is None:
        return None
    if not value.indicator.can_rank:
        return None
    return show_count(max(0, int(value.value.to_integral_value())))


def published_number(value: IndicatorValue) -> Decimal | str | None:
    """What a page or export shows as the value: a number, "<10", or None (no number)."""
    if not value.is_number or value.value is None:
        return None
    shown = published_count(value)
    if shown is None:
        return value.value
    if shown.is_hidden or shown.value is None:
        return shown.text
    return Decimal(shown.value)


def value_text(value: IndicatorValue) -> str:
    """The number as Dutch readers write it ("12.345", "12,5 %", "<10"), or the sign in words."""
    number = published_number(value)
    if number is None:
        return status_text(value)
    if isinstance(number, str):
        return number
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
