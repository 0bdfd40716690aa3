"""The one validation definition of every number and text of a valuation.

The forms, the services and the JSON import call these functions, so a page
and ``collectief valuation import`` refuse the same values with the same
Dutch message. Each takes a value already read as a ``Decimal`` (the forms
parse Dutch notation, the import JSON numbers) and returns it cleaned, or
raises ``ValidationError``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from collectief.valuation.models import (
    LABEL_MAX_LENGTH,
    MAX_AMOUNT,
    MAX_DURATION,
    MAX_HOURS,
    MAX_RATE,
    SOURCE_MAX_LENGTH,
)

MAX_DISCOUNT_RATE = Decimal("0.25")
SHARE_PLACES = 4
MONEY_PLACES = 2
RATE_PLACES = 5


def _places(value: Decimal, places: int) -> Decimal:
    step = Decimal(1).scaleb(-places)
    rounded = value.quantize(step)
    if rounded != value:
        raise ValidationError(
            _("Use at most %(places)d digits after the decimal comma.") % {"places": places},
            code="places",
        )
    return rounded


def _shown(value: Decimal | int) -> str:
    return number_format(value, use_l10n=True)


def as_decimal(value: Any) -> Decimal:
    """A JSON number as a Decimal; text, true/false and empty values are refused."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValidationError(_("Enter a number, not text."), code="not_a_number")
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - JSON numbers always convert
        raise ValidationError(_("Enter a number, not text."), code="not_a_number") from exc
    if not number.is_finite():
        raise ValidationError(_("Enter a number, not text."), code="not_a_number")
    return number


def text(value: Any, *, required: bool, max_length: int = LABEL_MAX_LENGTH) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(_("Enter text."), code="not_text")
    cleaned = " ".join(value.replace("\x00", "").split())
    if required and not cleaned:
        raise ValidationError(_("This field is required."), code="required")
    if len(cleaned) > max_length:
        raise ValidationError(
            _("Use at most %(max)d characters.") % {"max": max_length}, code="max_length"
        )
    return cleaned


def source(value: Any, *, required: bool) -> str:
    cleaned = text(value, required=False, max_length=SOURCE_MAX_LENGTH)
    if required and not cleaned:
        raise ValidationError(
            _(
                "Say where this number comes from (a source), so that others can check it. "
                "A number without a source is not stored."
            ),
            code="source_required",
        )
    return cleaned


def share(value: Decimal) -> Decimal:
    """Deadweight, displacement, attribution, drop-off: a share from 0 to 1."""
    if value < 0 or value > 1:
        raise ValidationError(
            _(
                "A percentage is a share between 0 and 1 (0 to 100 percent); %(value)s is "
                "outside. For 25 percent enter 0.25."
            )
            % {"value": _shown(value)},
            code="share",
        )
    return _places(value, SHARE_PLACES)


def duration(value: Decimal | int) -> int:
    number = Decimal(value)
    if number != number.to_integral_value():
        raise ValidationError(_("Give the duration in whole years."), code="whole_years")
    if number < 1 or number > MAX_DURATION:
        raise ValidationError(
            _("The duration is at least 1 and at most %(max)d years; %(value)s is not possible.")
            % {"max": MAX_DURATION, "value": _shown(number)},
            code="duration",
        )
    return int(number)


def money(value: Decimal, *, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    if value < 0:
        raise ValidationError(_("An amount cannot be negative; enter 0 or more."), code="negative")
    if value > maximum:
        raise ValidationError(_("This number is too large."), code="too_large")
    return _places(value, MONEY_PLACES)


def proxy(value: Decimal) -> Decimal:
    if value < 0:
        raise ValidationError(
            _(
                "A financial proxy cannot be negative. A harmful effect is a separate outcome "
                "that we do not yet calculate; describe it in the note."
            ),
            code="negative",
        )
    return money(value)


def quantity(value: Decimal) -> Decimal:
    if value < 0:
        raise ValidationError(
            _("The quantity cannot be negative; enter 0 or more."), code="negative"
        )
    return money(value)


def hours(value: Decimal) -> Decimal:
    return money(value, maximum=MAX_HOURS)


def hourly_value(value: Decimal) -> Decimal:
    return money(value, maximum=MAX_RATE)


def discount_rate(value: Decimal) -> Decimal:
    if value < 0 or value > MAX_DISCOUNT_RATE:
        raise ValidationError(
            _(
                "The discount rate lies between 0 and 0.25 (0 to 25 percent); the Dutch "
                "standard is 0.0225 (2.25 percent)."
            ),
            code="discount_rate",
        )
    return _places(value, RATE_PLACES)


def year(value: Decimal | int) -> int:
    number = Decimal(value)
    if number != number.to_integral_value() or number < 1900 or number > 2100:
        raise ValidationError(_("Give a year such as 2024."), code="year")
    return int(number)


def volunteer_amount(hours_: Decimal, hourly_value_: Decimal) -> Decimal:
    """Volunteer time in euro: hours × value per hour, to the cent."""
    return (hours_ * hourly_value_).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
