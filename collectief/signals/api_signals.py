"""API of an organisation's own signals (issue 11 point 8), mounted under /api/v1/.

``POST`` records one signal like the quick-entry page: the same service
(``services.record_signal``), so the note is de-identified before anything
is stored and the audit event holds no text. ``GET`` exports the signals
the organisation entered, with the notes as stored (de-identified, empty
after the retention period), like ``collectief signals export``.

The same rules as the pages: only members of the organisation that entered
the signals, with two-factor login (403 without it, 404 for anyone else);
recording needs the staff role, like the quick-entry page. The antenne
form's exception (no two-factor login) does not apply here: a token can
read back, so it is held to the stricter rule.

The raw note is only ever in the request body and in the local variables
of ``signal_collection`` and ``_cleaned_input`` (``sensitive_variables``);
no error message quotes it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_variables

from collectief.accounts.models import Organisation, Role
from collectief.lib.api import (
    ApiError,
    Param,
    api_endpoint,
    paginate,
    paginated_schema,
    pagination_params,
    read_json,
    validate_form,
)
from collectief.lib.errors import ServiceError
from collectief.signals import services
from collectief.signals.access import TwoFactorRequired, get_signals_organisation_for_user
from collectief.signals.forms import areas_for
from collectief.signals.importing import find_area
from collectief.signals.models import (
    MAX_THEMES,
    NOTE_MAX_LENGTH,
    AgeBand,
    Channel,
    Signal,
    SourceRole,
)
from collectief.signals.summary import Period

SIGNAL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "area": {"type": "string", "description": "CBS code of the wijk or buurt."},
        "area_name": {"type": "string"},
        "themes": {"type": "array", "items": {"type": "string"}},
        "source_role": {"type": "string", "enum": list(SourceRole.values)},
        "date": {"type": "string", "format": "date"},
        "text": {
            "type": "string",
            "description": "The note as stored: de-identified; empty after the retention period.",
        },
        "age_band": {"type": "string", "enum": ["", *AgeBand.values]},
        "channel": {"type": "string"},
    },
}


def _theme_choices() -> list[tuple[str, str]]:
    return list(services.theme_terms().values_list("code", "name"))


class SignalApiForm(forms.Form):
    """The input of ``POST``: the keys of ``collectief signals import``.

    Areas and themes by code (slug) instead of the page's database ids, so a
    script needs nothing but the published CBS codes and theme slugs.
    """

    area = forms.CharField(
        label=gettext_lazy("Area"),
        max_length=200,
        help_text=gettext_lazy(
            "CBS code (or exact name) of a wijk or buurt the organisation works in."
        ),
    )
    themes = forms.MultipleChoiceField(
        label=gettext_lazy("Themes"),
        choices=_theme_choices,
        help_text=gettext_lazy("One to three theme slugs of the sociale kaart."),
    )
    source_role = forms.ChoiceField(
        label=gettext_lazy("Who noticed it?"),
        choices=SourceRole.choices,
        required=False,
        help_text=gettext_lazy("Default: wijkteam."),
    )
    age_band = forms.ChoiceField(
        label=gettext_lazy("Age group"),
        choices=[("", gettext_lazy("not known")), *AgeBand.choices],
        required=False,
    )
    date = forms.DateField(label=gettext_lazy("Date"), input_formats=["%Y-%m-%d"])
    text = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=gettext_lazy(
            "Optional. Names, addresses and numbers are removed before it is stored; "
            "the answer shows the stored text."
        ),
    )

    def clean_themes(self) -> list[str]:
        themes: list[str] = self.cleaned_data["themes"]
        if len(set(themes)) > MAX_THEMES:
            raise forms.ValidationError(
                _("Choose at most %(max)d themes."), params={"max": MAX_THEMES}
            )
        return themes

    def clean_date(self) -> Any:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date lies in the future."))
        return date


def serialize_signal(signal: Signal) -> dict[str, Any]:
    return {
        "id": signal.pk,
        "area": signal.area.code,
        "area_name": signal.area.name,
        "themes": sorted(theme.code for theme in signal.themes.all()),
        "source_role": signal.source_role,
        "date": signal.date.isoformat(),
        "text": signal.note,
        "age_band": signal.age_band,
        "channel": signal.channel,
    }


def _organisation(request: HttpRequest, slug: str, *, min_role: str) -> Organisation:
    try:
        return get_signals_organisation_for_user(request.user, slug, min_role=min_role)
    except TwoFactorRequired:
        raise ApiError(
            403, _("Signals can only be seen with two-factor login. Set it up first.")
        ) from None


@sensitive_variables("data", "cleaned")
def _cleaned_input(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    data = read_json(request)
    unknown = sorted(set(data) - set(SignalApiForm.base_fields))
    if unknown:
        raise ApiError(400, _("Unknown fields."), {key: [_("Unknown field.")] for key in unknown})
    cleaned = validate_form(SignalApiForm, data)
    area = find_area(cleaned["area"])
    if area is None or not areas_for(organisation).filter(pk=area.pk).exists():
        message = _("Unknown wijk or buurt (give the CBS code or the exact name).")
        raise ApiError(400, _("The input is not valid."), {"area": [{"message": message}]})
    terms = {term.code: term for term in services.theme_terms()}
    cleaned["area"] = area
    cleaned["themes"] = [terms[code] for code in dict.fromkeys(cleaned["themes"])]
    return cleaned


@api_endpoint(
    summary="The organisation's own signals: export (GET) or record one (POST)",
    tags=["signals"],
    methods=["GET", "POST"],
    parameters=(
        Param("period", "Only this month (YYYY-MM).", {"type": "string"}),
        Param("area", "Only this wijk or buurt (CBS code).", {"type": "string"}),
        *pagination_params(max_size=1000),
    ),
    request_form=SignalApiForm,
    # GET answers a page of signals, POST the one signal it stored.
    response={"anyOf": [paginated_schema(SIGNAL_SCHEMA), SIGNAL_SCHEMA]},
    auth_required=True,
)
@sensitive_variables("cleaned")
def signal_collection(request: HttpRequest, slug: str) -> dict[str, Any]:
    """GET: the stored signals (members). POST: record a signal (staff members)."""
    if request.method == "POST":
        organisation = _organisation(request, slug, min_role=Role.STAFF)
        cleaned = _cleaned_input(request, organisation)
        try:
            signal = services.record_signal(
                organisation,
                by=request.user,
                area=cleaned["area"],
                themes=cleaned["themes"],
                date=cleaned["date"],
                source_role=cleaned["source_role"] or SourceRole.WIJKTEAM,
                age_band=cleaned["age_band"],
                note=cleaned["text"],
                channel=Channel.API,
            )
        except ServiceError as error:
            # The form's field is "note"; here it is "text", as in import and export.
            field = "text" if error.field == "note" else error.field
            raise ApiError(
                400, error.message, {field: [{"message": error.message}]} if field else None
            ) from None
        return serialize_signal(signal)
    organisation = _organisation(request, slug, min_role=Role.READER)
    signals = (
        Signal.objects.for_organisation(organisation)
        .select_related("area")
        .prefetch_related("themes")
        .order_by("date", "pk")
    )
    if month := request.GET.get("period", "").strip():
        period = Period.parse(month)
        signals = signals.filter(date__gte=period.start, date__lt=period.end)
    if area := request.GET.get("area", "").strip():
        signals = signals.filter(area__code=area.upper())
    return paginate(request, signals, serialize_signal, default_size=100, max_size=1000)


urlpatterns = [
    path("organisations/<slug:slug>/signals/", signal_collection, name="signal_collection"),
]
