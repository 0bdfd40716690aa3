"""Days and schedules of the sociale kaart search: which days a service is on.

Parsing a weekday from Dutch or English text, reading the RFC 5545 rules of a
:class:`~collectief.directory.models.Schedule` (``freq``/``byday``/
``interval``/``bymonthday``) to tell whether it falls on a date, closing
periods such as a zomerstop that win over the open schedules, the
occurrences of a service on a date, and the plain-words description of a
schedule ("dinsdag en donderdag 10:00–12:00") shown on pages and cards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from collectief.directory.models import Schedule, Service

# --- Days ---------------------------------------------------------------------------

# Monday is 0, as in date.weekday().
DAY_SHORT = ("ma", "di", "wo", "do", "vr", "za", "zo")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_DAY_NAMES_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_day(value: str | int | None) -> int | None:
    """A weekday (0 = Monday) from "di", "dinsdag", "TU", "tuesday" or 1; None when empty.

    Raises ValueError for something that is not a day.
    """
    if value is None or value == "":
        return None
    if isinstance(value, int):
        if 0 <= value <= 6:
            return value
        raise ValueError(value)
    text = str(value).strip().lower()
    for names in (DAY_SHORT, _DAY_NAMES_NL, _DAY_NAMES_EN, tuple(d.lower() for d in RRULE_DAYS)):
        if text in names:
            return names.index(text)
    raise ValueError(value)


def day_name(weekday: int) -> str:
    """The translated name of a weekday ("dinsdag" in Dutch)."""
    return str(WEEKDAYS[weekday])


def _rule_days(byday: str) -> list[tuple[int | None, int]]:
    """Parse "MO,WE" or "1TU,-1FR" into (ordinal or None, weekday) pairs."""
    result: list[tuple[int | None, int]] = []
    for part in byday.upper().replace(" ", "").split(","):
        match = re.fullmatch(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)", part)
        if match:
            ordinal = int(match.group(1)) if match.group(1) else None
            result.append((ordinal, RRULE_DAYS.index(match.group(2))))
    return result


def _nth_weekday_matches(day: date, ordinal: int) -> bool:
    if ordinal > 0:
        return (day.day - 1) // 7 + 1 == ordinal
    days_in_month = ((day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(1)).day
    return (days_in_month - day.day) // 7 + 1 == -ordinal


def _within(schedule: Schedule, day: date) -> bool:
    starts = [d for d in (schedule.valid_from, schedule.dtstart) if d]
    ends = [d for d in (schedule.valid_to, schedule.until) if d]
    return all(day >= d for d in starts) and all(day <= d for d in ends)


def schedule_occurs_on(schedule: Schedule, day: date) -> bool:
    """Whether an open schedule falls on this date (validity dates included)."""
    if schedule.kind != Schedule.Kind.OPEN or not _within(schedule, day):
        return False
    freq = (schedule.freq or "").upper()
    interval = max(1, int(schedule.interval or 1))
    rule_days = _rule_days(schedule.byday or "")
    if freq == "WEEKLY" or (not freq and rule_days):
        weekdays = {wd for _, wd in rule_days} or (
            {schedule.dtstart.weekday()} if schedule.dtstart else set()
        )
        if day.weekday() not in weekdays:
            return False
        if interval > 1 and schedule.dtstart:
            first_monday = schedule.dtstart - timedelta(days=schedule.dtstart.weekday())
            return ((day - first_monday).days // 7) % interval == 0
        return True
    if freq == "MONTHLY":
        if interval > 1 and schedule.dtstart:
            months = (day.year - schedule.dtstart.year) * 12 + day.month - schedule.dtstart.month
            if months % interval:
                return False
        if schedule.bymonthday:
            wanted = {int(x) for x in re.findall(r"-?\d+", schedule.bymonthday)}
            return day.day in wanted
        if rule_days:
            return any(
                wd == day.weekday() and (ordinal is None or _nth_weekday_matches(day, ordinal))
                for ordinal, wd in rule_days
            )
        return bool(schedule.dtstart) and day.day == schedule.dtstart.day  # type: ignore[union-attr]
    # No rule: a single date.
    return schedule.dtstart == day or (
        not freq
        and schedule.valid_from is not None
        and schedule.valid_from == schedule.valid_to
        and schedule.valid_from == day
    )


def closed_on(schedules: Iterable[Schedule], day: date) -> Schedule | None:
    """The closing period (zomerstop, holiday) that covers this date, if any."""
    for schedule in schedules:
        if schedule.kind != Schedule.Kind.CLOSED:
            continue
        if schedule.valid_from and day < schedule.valid_from:
            continue
        if schedule.valid_to and day > schedule.valid_to:
            continue
        weekdays = {wd for _, wd in _rule_days(schedule.byday or "")}
        if weekdays and day.weekday() not in weekdays:
            continue
        return schedule
    return None


def service_schedules(service: Service) -> list[Schedule]:
    """The schedules of a service and of its locations-for-this-service (prefetched)."""
    result = list(service.schedules.all())
    for sal in service.service_at_locations.all():
        result += list(sal.schedules.all())
    return result


@dataclass(frozen=True)
class Occurrence:
    """One time a service happens on a date."""

    service: Service
    day: date
    opens_at: time | None
    closes_at: time | None
    description: str


def occurrences_on(service: Service, day: date) -> list[Occurrence]:
    """When the service happens on this date; empty when closed (zomerstop) or not on."""
    if service.status != Service.Status.ACTIVE:
        return []
    schedules = service_schedules(service)
    if closed_on(schedules, day):
        return []
    return [
        Occurrence(service, day, s.opens_at, s.closes_at, s.description)
        for s in schedules
        if schedule_occurs_on(s, day)
    ]


# --- Describing when something happens --------------------------------------------------

_ORDINALS = {
    1: _("first"),
    2: _("second"),
    3: _("third"),
    4: _("fourth"),
    -1: _("last"),
}


def _times(schedule: Schedule) -> str:
    if schedule.opens_at and schedule.closes_at:
        return _("%(start)s–%(end)s") % {
            "start": schedule.opens_at.strftime("%H:%M"),
            "end": schedule.closes_at.strftime("%H:%M"),
        }
    if schedule.opens_at:
        return _("from %(start)s") % {"start": schedule.opens_at.strftime("%H:%M")}
    return ""


def _join_days(weekdays: list[int]) -> str:
    names = [day_name(d) for d in weekdays]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def describe_schedule(schedule: Schedule) -> str:
    """A schedule in plain words: "dinsdag en donderdag 10:00–12:00"."""
    if schedule.kind == Schedule.Kind.CLOSED:
        reason = f" ({schedule.description})" if schedule.description else ""
        if schedule.valid_from and schedule.valid_to:
            return (
                str(
                    _("Closed from %(start)s to %(end)s")
                    % {
                        "start": schedule.valid_from.strftime("%d-%m-%Y"),
                        "end": schedule.valid_to.strftime("%d-%m-%Y"),
                    }
                )
                + reason
            )
        return str(_("Closed")) + reason
    rule_days = _rule_days(schedule.byday or "")
    times = _times(schedule)
    freq = (schedule.freq or "").upper()
    interval = int(schedule.interval or 1)
    if freq == "MONTHLY" and rule_days and rule_days[0][0] is not None:
        ordinal, weekday = rule_days[0]
        text = str(
            _("every %(nth)s %(day)s of the month")
            % {
                "nth": _ORDINALS.get(ordinal or 1, str(ordinal)),
                "day": day_name(weekday),
            }
        )
    elif freq == "MONTHLY":
        text = str(_("every month"))
    elif rule_days:
        days = _join_days(sorted({wd for _, wd in rule_days}))
        text = (
            str(_("every %(n)s weeks on %(days)s") % {"n": interval, "days": days})
            if interval > 1
            else str(_("every %(days)s") % {"days": days})
        )
    elif schedule.dtstart:
        text = schedule.dtstart.strftime("%d-%m-%Y")
    else:
        text = ""
    parts = [p for p in (text, times) if p]
    if schedule.description and not parts:
        return schedule.description
    summary = " ".join(parts)
    if schedule.description:
        summary = f"{summary} ({schedule.description})"
    return summary


def describe_when(service: Service) -> list[str]:
    """Every schedule of a service in words, open times first, closing periods after."""
    schedules = service_schedules(service)
    schedules.sort(key=lambda s: (s.kind != Schedule.Kind.OPEN, s.byday, s.opens_at or time.min))
    return [text for text in (describe_schedule(s) for s in schedules) if text]
