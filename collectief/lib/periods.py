"""Report periods: a year ("2022") or a range of months ("2022-03/2023-02").

One definition for the report editor, the CLI and the API: ``parse_period``
turns the text into a ``ReportPeriod`` with a start (first day, inclusive)
and an end (first day after the period, exclusive), or raises
``PeriodError`` with a Dutch message.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")
FIRST_YEAR = 1900
LAST_YEAR = 2999


class PeriodError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReportPeriod:
    text: str
    start: dt.date  # inclusive
    end: dt.date  # exclusive

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end


def _next_month(year: int, month: int) -> dt.date:
    return dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(_("The year %(year)s is not possible here.") % {"year": f"{year:04d}"})


def parse_period(text: str) -> ReportPeriod:
    """``"2022"`` or ``"2022-03/2023-02"`` (both months included)."""
    text = (text or "").strip()
    if match := _YEAR.match(text):
        year = int(match.group(1))
        _check_year(year)
        return ReportPeriod(text, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    if match := _RANGE.match(text):
        first_year, first_month, last_year, last_month = (int(g) for g in match.groups())
        for year in (first_year, last_year):
            _check_year(year)
        for month in (first_month, last_month):
            if not 1 <= month <= 12:
                raise PeriodError(
                    _("%(month)s is not a month: use 01 to 12.") % {"month": f"{month:02d}"}
                )
        start = dt.date(first_year, first_month, 1)
        end = _next_month(last_year, last_month)
        if end <= start:
            raise PeriodError(_("The period ends before it starts."))
        return ReportPeriod(text, start, end)
    raise PeriodError(
        _("Write the period as a year (2022) or as months from/to (2022-03/2023-02).")
    )
