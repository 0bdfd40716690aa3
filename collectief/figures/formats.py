"""Reading numbers, dates, units and periods as people type them in files.

Each parser raises ``ValueError`` with a translated message that names the
problem but not the place; the importer adds the row and column.

Numbers (decided for a Dutch product; documented in docs/feiten-en-cijfers.md):
- a comma is the decimal sign: ``1825,5`` and ``2,75``;
- with both signs, the last one is the decimal sign: ``1.825,50`` and ``1,825.50``;
- a dot followed by groups of exactly three digits is a thousands dot, as in
  the magazine's "1.769 mensen": ``1.769`` is 1769 and ``12.345.678`` too;
- any other single dot is a decimal point: ``1825.5``, ``2.5``.
Numbers that come from a spreadsheet cell (XLSX) are already numbers, so
there a dot is always the decimal point (``dot_is_decimal=True``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from collectief.figures.models import PERIOD_TEXT, Period, Unit

MAX_DIGITS = 14
DECIMAL_PLACES = 2
PERIOD_NAME_MAX = 100

_THOUSANDS_DOTS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def parse_decimal(text: str, *, dot_is_decimal: bool = False) -> Decimal:
    raw = text
    text = text.replace("\u00a0", "").replace(" ", "").replace("€", "").strip()
    text = text.removeprefix("+")
    if not text:
        raise ValueError(_("A number is required."))
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        if text.count(",") > 1:
            raise ValueError(_("'%(value)s' is not a number.") % {"value": raw})
        text = text.replace(",", ".")
    elif "." in text and not dot_is_decimal and _THOUSANDS_DOTS.match(text):
        text = text.replace(".", "")
    if not _NUMBER.match(text):
        raise ValueError(_("'%(value)s' is not a number.") % {"value": raw})
    try:
        number = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern rules this out.
        raise ValueError(_("'%(value)s' is not a number.") % {"value": raw}) from exc
    if number != number.quantize(Decimal(1).scaleb(-DECIMAL_PLACES)):
        raise ValueError(
            _("'%(value)s' has more than two digits after the decimal comma.") % {"value": raw}
        )
    if abs(number) >= Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES):
        raise ValueError(_("'%(value)s' is too large.") % {"value": raw})
    return number


def number_to_text(value: Decimal) -> str:
    """A number as written in CSV exports: decimal comma, no thousands dot."""
    normalised = value.normalize()
    if normalised == normalised.to_integral_value():
        return str(int(normalised))
    return f"{normalised:f}".replace(".", ",")


_DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ][\d:.]+)?$"),
)


def parse_date(text: str) -> dt.date | None:
    """dd-mm-jjjj (also with / or .) or ISO jjjj-mm-dd; empty gives None."""
    text = text.strip()
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                break
    raise ValueError(
        _("'%(value)s' is not a date. Write it as dd-mm-jjjj, for example 31-12-2022.")
        % {"value": text}
    )


UNIT_WORDS: dict[str, str] = {
    "": Unit.COUNT,
    "aantal": Unit.COUNT,
    "number": Unit.COUNT,
    "count": Unit.COUNT,
    "stuks": Unit.COUNT,
    "#": Unit.COUNT,
    "euro": Unit.EURO,
    "eur": Unit.EURO,
    "€": Unit.EURO,
    "euros": Unit.EURO,
    "procent": Unit.PERCENT,
    "percent": Unit.PERCENT,
    "percentage": Unit.PERCENT,
    "%": Unit.PERCENT,
    "uur": Unit.HOURS,
    "uren": Unit.HOURS,
    "hour": Unit.HOURS,
    "hours": Unit.HOURS,
    "kg": Unit.KILOGRAM,
    "kilo": Unit.KILOGRAM,
    "kilogram": Unit.KILOGRAM,
    "km": Unit.KILOMETRE,
    "kilometer": Unit.KILOMETRE,
    "kilometre": Unit.KILOMETRE,
}


def parse_unit(text: str) -> str:
    key = text.strip().lower()
    if key in UNIT_WORDS:
        return UNIT_WORDS[key]
    raise ValueError(
        _("'%(value)s' is not a known unit. Use one of: %(units)s.")
        % {"value": text.strip(), "units": ", ".join(Unit.values)}
    )


def unit_to_text(unit: str) -> str:
    return str(unit)


_PERIOD_WORDS: dict[str, str] = {
    "": Period.NONE,
    "geen": Period.NONE,
    "geen periode": Period.NONE,
    "none": Period.NONE,
    "per dag": Period.DAY,
    "dagelijks": Period.DAY,
    "elke dag": Period.DAY,
    "per day": Period.DAY,
    "daily": Period.DAY,
    "per week": Period.WEEK,
    "wekelijks": Period.WEEK,
    "elke week": Period.WEEK,
    "weekly": Period.WEEK,
    "per maand": Period.MONTH,
    "maandelijks": Period.MONTH,
    "elke maand": Period.MONTH,
    "per month": Period.MONTH,
    "monthly": Period.MONTH,
    "per jaar": Period.YEAR,
    "jaarlijks": Period.YEAR,
    "elk jaar": Period.YEAR,
    "per year": Period.YEAR,
    "yearly": Period.YEAR,
    "annually": Period.YEAR,
}
_FREQUENCY_START = re.compile(r"^(per|elke|elk|iedere|ieder|every)\s", re.IGNORECASE)


def parse_period(text: str) -> tuple[str, str]:
    """(period, period_name) from "per maand", "" or "projectperiode 2021–2022".

    Any other text is a named period, except text that looks like a
    frequency we do not know ("per kwartaal"): that is an error, so a typo
    does not silently become a period name.
    """
    clean = " ".join(text.split())
    key = clean.lower()
    if key in _PERIOD_WORDS:
        return _PERIOD_WORDS[key], ""
    if _FREQUENCY_START.match(clean):
        raise ValueError(unknown_period_message(clean))
    if len(clean) > PERIOD_NAME_MAX:
        raise ValueError(
            _("The name of the period is longer than %(max)d characters.")
            % {"max": PERIOD_NAME_MAX}
        )
    return Period.NAMED, clean


def unknown_period_message(text: str) -> str:
    known = ", ".join(v for v in PERIOD_TEXT.values() if v)
    return _(
        "'%(value)s' is not a known period. Use %(known)s, leave it empty, "
        "or give the period a name such as projectperiode 2021–2022."
    ) % {"value": text, "known": known}


def check_period_name(name: str) -> None:
    """A named period must not look like a frequency, so files read back the same."""
    if _FREQUENCY_START.match(name.strip()):
        raise ValueError(
            _(
                "A period name cannot start with 'per' or 'elke'. Choose per day, "
                "week, month or year above, or use a name such as projectperiode 2021–2022."
            )
        )


_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0", ""}


def parse_bool(text: str) -> bool:
    key = text.strip().lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(_("'%(value)s' is not ja or nee.") % {"value": text.strip()})
