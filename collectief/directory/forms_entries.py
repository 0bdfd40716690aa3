"""Forms for the places and times of an activity, and for themes and target groups.

The schedule form speaks plain language ("elke woensdag 14:00–16:00",
"elke eerste dinsdag van de maand", "om de 2 weken op vrijdag", "zomerstop
van … tot …") and turns it into the HSDS schedule fields (freq, interval,
byday, bymonthday, dtstart, opens_at/closes_at, valid_from/valid_to).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from collectief.areas.models import Area
from collectief.directory.models import (
    Location,
    Schedule,
    ServiceAtLocation,
    TaxonomyTerm,
    schedule_order_errors,
)

RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_CHOICES = [(code, WEEKDAYS[i]) for i, code in enumerate(RRULE_DAYS)]
ORDINAL_CHOICES = [
    ("1", _("first")),
    ("2", _("second")),
    ("3", _("third")),
    ("4", _("fourth")),
    ("-1", _("last")),
]
PROVINCES = (
    "Drenthe",
    "Flevoland",
    "Fryslân",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
)
POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


# --- places -----------------------------------------------------------------------------


class LocationForm(forms.Form):
    """A place of an activity: one the organisation already uses, or a new address."""

    existing = forms.ModelChoiceField(
        label=_("A place you already use"),
        queryset=Location.objects.none(),
        required=False,
        empty_label=_("No, a new place"),
    )
    location_type = forms.ChoiceField(
        label=_("Kind of place"),
        choices=[
            (Location.LocationType.PHYSICAL, _("A place to go to")),
            (Location.LocationType.VIRTUAL, _("Online")),
        ],
        initial=Location.LocationType.PHYSICAL,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Name of the place"),
        required=False,
        max_length=200,
        help_text=_("For example: Buurthuis De Kern."),
    )
    address_1 = forms.CharField(
        label=_("Street and number"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label=_("Town"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    state_province = forms.ChoiceField(
        label=_("Province"),
        required=False,
        choices=[("", "–"), *((p, p) for p in PROVINCES)],
    )
    area = forms.ModelChoiceField(
        label=_("Neighbourhood (buurt)"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("I do not know (a coordinator will choose)"),
        help_text=_(
            "Then the activity shows up when people search in that neighbourhood. "
            "Do not know it? A coordinator of the gemeente will choose."
        ),
    )
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_("Only for the map. For example 52.3702."),
    )
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )
    transportation = forms.CharField(
        label=_("How to get there"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        buurten: Any = None,
        existing: Any = None,
        location: Location | None = None,
        province: str = "",
        **kwargs: Any,
    ) -> None:
        if location is None and province:
            kwargs.setdefault("initial", {"state_province": province})
        if location is not None:
            address = location.first_address
            kwargs.setdefault(
                "initial",
                {
                    "location_type": location.location_type,
                    "name": location.name,
                    "address_1": address.address_1 if address else "",
                    "postal_code": address.postal_code if address else "",
                    "city": address.city if address else "",
                    "state_province": address.state_province if address else "",
                    "area": location.area_id,
                    "latitude": location.latitude,
                    "longitude": location.longitude,
                    "transportation": location.transportation,
                },
            )
        super().__init__(*args, **kwargs)
        if buurten is not None:
            self.fields["area"].queryset = buurten  # type: ignore[attr-defined]
        if existing is not None and existing.exists():
            self.fields["existing"].queryset = existing  # type: ignore[attr-defined]
        else:
            del self.fields["existing"]

    def clean_postal_code(self) -> str:
        value = self.cleaned_data.get("postal_code") or ""
        if not value.strip():
            return ""
        match = POSTCODE.match(value)
        if not match:
            raise forms.ValidationError(_("Fill in a postcode like 1234 AB."))
        return f"{match.group(1)} {match.group(2).upper()}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("existing"):
            return data
        if data.get("location_type") == Location.LocationType.PHYSICAL:
            for name in ("address_1", "postal_code", "city", "state_province"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Fill in the address."))
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (latitude is None) != (longitude is None) and not (
            "latitude" in self.errors or "longitude" in self.errors
        ):
            self.add_error(
                "longitude" if longitude is None else "latitude",
                _("Fill in both coordinates, or neither."),
            )
        return data

    def location_values(self) -> dict[str, Any]:
        """Keyword arguments for add_location/update_location."""
        data = self.cleaned_data
        if data.get("existing"):
            return {"location": data["existing"]}
        return {
            name: data.get(name)
            for name in (
                "location_type",
                "name",
                "address_1",
                "postal_code",
                "city",
                "state_province",
                "area",
                "latitude",
                "longitude",
                "transportation",
            )
        }


# --- times -----------------------------------------------------------------------------

REPEAT_WEEKLY = "weekly"
REPEAT_WEEKS = "weeks"
REPEAT_MONTH_WEEKDAY = "month_weekday"
REPEAT_MONTH_DATE = "month_date"
REPEAT_ONCE = "once"


def _rule(byday: str) -> list[tuple[int | None, str]]:
    result: list[tuple[int | None, str]] = []
    for part in byday.upper().replace(" ", "").split(","):
        match = re.fullmatch(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)", part)
        if match:
            result.append((int(match.group(1)) if match.group(1) else None, match.group(2)))
    return result


def schedule_initial(schedule: Schedule) -> dict[str, Any]:
    """The form's plain-language fields for a stored HSDS schedule."""
    initial: dict[str, Any] = {
        "kind": schedule.kind,
        "opens_at": schedule.opens_at,
        "closes_at": schedule.closes_at,
        "valid_from": schedule.valid_from,
        "valid_to": schedule.valid_to,
        "dtstart": schedule.dtstart,
        "description": schedule.description,
        "location": str(schedule.service_at_location_id or ""),
    }
    if schedule.kind == Schedule.Kind.CLOSED:
        return initial
    rule = _rule(schedule.byday or "")
    freq = (schedule.freq or "").upper()
    interval = int(schedule.interval or 1)
    if freq == "MONTHLY" and schedule.bymonthday:
        numbers = re.findall(r"-?\d+", schedule.bymonthday)
        initial.update(repeat=REPEAT_MONTH_DATE, month_day=int(numbers[0]) if numbers else None)
    elif freq == "MONTHLY" and rule:
        ordinal, code = rule[0]
        initial.update(repeat=REPEAT_MONTH_WEEKDAY, ordinal=str(ordinal or 1), days=[code])
    elif freq == "WEEKLY" or rule:
        initial.update(
            repeat=REPEAT_WEEKS if interval > 1 else REPEAT_WEEKLY,
            interval=interval if interval > 1 else None,
            days=[code for _ordinal, code in rule],
        )
    elif schedule.dtstart:
        initial["repeat"] = REPEAT_ONCE
    return initial


def first_on_or_after(start: date, codes: list[str]) -> date:
    """The first date from ``start`` that falls on one of these days."""
    weekdays = {RRULE_DAYS.index(c) for c in codes}
    day = start
    while day.weekday() not in weekdays:
        day += timedelta(days=1)
    return day


class ScheduleForm(forms.Form):
    """When an activity happens, or a period it is closed (a zomerstop)."""

    kind = forms.ChoiceField(
        label=_("What do you want to add?"),
        choices=[
            (Schedule.Kind.OPEN, _("A time when it happens")),
            (Schedule.Kind.CLOSED, _("A period when it is closed (for example a summer break)")),
        ],
        initial=Schedule.Kind.OPEN,
        widget=forms.RadioSelect,
    )
    repeat = forms.ChoiceField(
        label=_("How often?"),
        required=False,
        choices=[
            (REPEAT_WEEKLY, _("Every week")),
            (REPEAT_WEEKS, _("Every few weeks (for example every 2 weeks)")),
            (
                REPEAT_MONTH_WEEKDAY,
                _("Once a month on a weekday (for example every first Tuesday)"),
            ),
            (REPEAT_MONTH_DATE, _("Once a month on a date (for example on the 15th)")),
            (REPEAT_ONCE, _("Once, on one date")),
        ],
        widget=forms.RadioSelect,
        help_text=_("Not needed for a closed period."),
    )
    days = forms.MultipleChoiceField(
        label=_("On which day?"),
        required=False,
        choices=DAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Once a month on a weekday: choose one day."),
    )
    interval = forms.IntegerField(
        label=_("Every how many weeks?"),
        required=False,
        min_value=2,
        max_value=12,
        help_text=_("Only for “every few weeks”. For example 2."),
    )
    ordinal = forms.ChoiceField(
        label=_("Which week of the month?"),
        required=False,
        choices=[("", "–"), *ORDINAL_CHOICES],
        help_text=_("Only for “once a month on a weekday”."),
    )
    month_day = forms.IntegerField(
        label=_("Which day of the month?"),
        required=False,
        min_value=1,
        max_value=31,
        help_text=_("Only for “once a month on a date”. For example 15."),
    )
    opens_at = forms.TimeField(label=_("Starts at"), required=False, widget=TimeInput())
    closes_at = forms.TimeField(label=_("Ends at"), required=False, widget=TimeInput())
    dtstart = forms.DateField(
        label=_("Date (the first time)"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Needed for “once”. For “every few weeks”: the first time, so we know which weeks."
        ),
    )
    valid_from = forms.DateField(
        label=_("From (date)"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "A closed period: the first closed day. Otherwise leave empty if it already runs."
        ),
    )
    valid_to = forms.DateField(
        label=_("Until (date)"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "A closed period: the last closed day. Otherwise leave empty if there is no end."
        ),
    )
    description = forms.CharField(
        label=_("Short note"),
        required=False,
        max_length=200,
        help_text=_("For example: koffie en een praatje, or: zomerstop."),
    )
    location = forms.ChoiceField(label=_("Where?"), required=False)

    def __init__(
        self,
        *args: Any,
        links: list[ServiceAtLocation] | None = None,
        schedule: Schedule | None = None,
        today: date | None = None,
        **kwargs: Any,
    ) -> None:
        if schedule is not None:
            kwargs.setdefault("initial", schedule_initial(schedule))
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.links = {str(link.pk): link for link in links or []}
        if len(self.links) > 1:
            self.fields["location"].choices = [  # type: ignore[attr-defined]
                ("", _("At every place of this activity")),
                *((key, str(link.location)) for key, link in self.links.items()),
            ]
        else:
            del self.fields["location"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Schedule.Kind.CLOSED:
            for name in ("valid_from", "valid_to"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("A closed period needs a first and a last day."))
        elif data.get("kind") == Schedule.Kind.OPEN:
            self._clean_rule(data)
        order = schedule_order_errors(
            valid_from=data.get("valid_from"),
            valid_to=data.get("valid_to"),
            opens_at=data.get("opens_at"),
            closes_at=data.get("closes_at"),
        )
        for name, message in order.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

    def _clean_rule(self, data: dict[str, Any]) -> None:
        repeat, days = data.get("repeat"), data.get("days") or []
        if not repeat:
            if "repeat" not in self.errors:
                self.add_error("repeat", _("Choose how often it happens."))
            return
        if repeat in (REPEAT_WEEKLY, REPEAT_WEEKS) and not days:
            self.add_error("days", _("Choose at least one day."))
        if repeat == REPEAT_WEEKS and not data.get("interval") and "interval" not in self.errors:
            self.add_error("interval", _("Fill in every how many weeks."))
        if repeat == REPEAT_MONTH_WEEKDAY:
            if len(days) != 1:
                self.add_error("days", _("Choose one day."))
            if not data.get("ordinal"):
                self.add_error("ordinal", _("Choose which week of the month."))
        if (
            repeat == REPEAT_MONTH_DATE
            and not data.get("month_day")
            and "month_day" not in self.errors
        ):
            self.add_error("month_day", _("Fill in the day of the month."))
        if repeat == REPEAT_ONCE and not data.get("dtstart") and "dtstart" not in self.errors:
            self.add_error("dtstart", _("Fill in the date."))
        if data.get("closes_at") and not data.get("opens_at") and "opens_at" not in self.errors:
            self.add_error("opens_at", _("Fill in the start time as well."))

    def schedule_values(self) -> dict[str, Any]:
        """Keyword arguments for save_schedule: the HSDS fields."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            "kind": data["kind"],
            "freq": "",
            "interval": None,
            "byday": "",
            "bymonthday": "",
            "dtstart": None,
            "until": None,
            "valid_from": data.get("valid_from"),
            "valid_to": data.get("valid_to"),
            "opens_at": None,
            "closes_at": None,
            "description": (data.get("description") or "").strip(),
        }
        if data["kind"] == Schedule.Kind.CLOSED:
            return values
        values["opens_at"] = data.get("opens_at")
        values["closes_at"] = data.get("closes_at")
        repeat = data["repeat"]
        days = [code for code in RRULE_DAYS if code in (data.get("days") or [])]
        if repeat in (REPEAT_WEEKLY, REPEAT_WEEKS):
            values.update(freq=Schedule.Freq.WEEKLY, byday=",".join(days))
            if repeat == REPEAT_WEEKS:
                start = data.get("dtstart") or first_on_or_after(
                    max(data.get("valid_from") or self.today, self.today), days
                )
                values.update(interval=data["interval"], dtstart=start)
        elif repeat == REPEAT_MONTH_WEEKDAY:
            values.update(freq=Schedule.Freq.MONTHLY, byday=f"{data['ordinal']}{days[0]}")
        elif repeat == REPEAT_MONTH_DATE:
            values.update(freq=Schedule.Freq.MONTHLY, bymonthday=str(data["month_day"]))
        elif repeat == REPEAT_ONCE:
            values["dtstart"] = data["dtstart"]
        return values

    def service_at_location(self) -> ServiceAtLocation | None:
        return self.links.get(self.cleaned_data.get("location") or "")


# --- themes and target groups ------------------------------------------------------------


class TermForm(forms.Form):
    """The name of a theme or target group."""

    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, term: TaxonomyTerm | None = None, **kwargs: Any) -> None:
        if term is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": term.name,
                    "description": "" if term.description == term.name else term.description,
                },
            )
        super().__init__(*args, **kwargs)


class NewTermForm(TermForm):
    kind = forms.ChoiceField(
        label=_("Add to"),
        choices=[("theme", _("Themes")), ("target_group", _("Target groups"))],
        widget=forms.RadioSelect,
    )
    field_order = ["kind", "name", "description"]
