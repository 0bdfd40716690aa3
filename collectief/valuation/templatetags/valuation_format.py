"""Numbers of the barometer as Dutch text; rounding happens here, for display only."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template

from collectief.figures.models import format_number

register = template.Library()


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@register.filter
def euro(value: Any) -> str:
    """€ 12.345 (whole euros; amounts under 100 with cents)."""
    if value is None or value == "":
        return "–"
    number = Decimal(value)
    places = 2 if abs(number) < 100 and number != number.to_integral_value() else 0
    shown = format_number(_round(number, places))
    if places and "," in shown and len(shown.split(",")[1]) == 1:
        shown += "0"
    return f"€\u00a0{shown}"


@register.filter
def ratio(value: Any) -> str:
    """A ratio as euros per euro: € 2,35."""
    if value is None or value == "":
        return "–"
    shown = f"{_round(Decimal(value), 2):.2f}".replace(".", ",")
    return f"€\u00a0{shown}"


@register.filter
def pct(value: Any) -> str:
    """A share 0..1 as a percentage: 25 %, 12,5 % or 2,25 %."""
    if value is None or value == "":
        return "–"
    return f"{format_number(_round(Decimal(value) * 100, 2))}\u00a0%"


@register.filter
def number(value: Any, places: int = 1) -> str:
    if value is None or value == "":
        return "–"
    return format_number(_round(Decimal(value), int(places)))
