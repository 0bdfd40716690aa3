"""Quick entry of a signal (phone first) and the antenne form.

One screen: area and source remembered from last time, theme chips, an
optional note. A note is never saved unseen: the first press shows "zo
wordt het opgeslagen" (the de-identified text) and the themes the note
suggests; saving needs that preview to be of the same text (an HMAC of
it in the form, so the raw text is nowhere but in the user's own page).
After saving the page starts empty: the raw note is not shown again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from collectief.accounts.models import Organisation, Role
from collectief.lib.errors import ServiceError
from collectief.signals import services
from collectief.signals.access import (
    get_antenna_organisation_for_user,
    get_signals_organisation_for_user,
)
from collectief.signals.forms import AntennaForm, SignalForm
from collectief.signals.models import Channel, SourceRole
from collectief.signals.themes_lexicon import suggest_themes
from collectief.signals.views.common import signals_page

REMEMBER_KEY = "signals_last_entry"

# Who hands in an antenne signal, by the kind of organisation.
ANTENNA_SOURCE: dict[str, str] = {
    Organisation.Kind.INITIATIVE: SourceRole.BEWONER,
    Organisation.Kind.WELFARE: SourceRole.WELZIJN,
    Organisation.Kind.HOUSING: SourceRole.CORPORATIE,
    Organisation.Kind.NEIGHBOURHOOD_TEAM: SourceRole.WIJKTEAM,
}


@sensitive_variables("note")
def _preview_token(request: HttpRequest, note: str) -> str:
    return salted_hmac("collectief.signals.preview", f"{request.user.pk}:{note}").hexdigest()


def _remembered(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    value = request.session.get(REMEMBER_KEY, {}).get(str(organisation.pk), {})
    return value if isinstance(value, dict) else {}


def _remember(request: HttpRequest, organisation: Organisation, data: dict[str, Any]) -> None:
    # Only the area and the source role: nothing about the signal itself.
    stored = dict(request.session.get(REMEMBER_KEY, {}))
    stored[str(organisation.pk)] = {
        "area": data["area"].pk,
        "source_role": data.get("source_role", ""),
    }
    request.session[REMEMBER_KEY] = stored


@sensitive_variables("note", "preview")
def _entry(
    request: HttpRequest,
    organisation: Organisation,
    form_class: type[SignalForm],
    *,
    channel: str,
    template: str,
) -> HttpResponse:
    preview = ""
    token = ""
    suggestions: list[Any] = []
    if request.method == "POST":
        form = form_class(request.POST, organisation=organisation)
        note = request.POST.get("note", "").strip()
        if note and "note" in form.fields:
            try:
                preview = services.prepare_note(note)
            except ServiceError as error:
                form.is_valid()
                form.add_error("note", error.message)
            else:
                token = _preview_token(request, note)
                names = dict(services.theme_terms().values_list("code", "name"))
                suggestions = [
                    {"name": names.get(s.theme, s.theme), "because": s.because}
                    for s in suggest_themes(preview)
                ]
        if form.is_valid() and not form.errors:
            data = form.cleaned_data
            seen = constant_time_compare(request.POST.get("preview", ""), token)
            if request.POST.get("action") == "save" and (not note or seen):
                source_role = data.get("source_role") or ANTENNA_SOURCE.get(
                    organisation.kind, SourceRole.ANDERS
                )
                try:
                    services.record_signal(
                        organisation,
                        by=request.user,
                        area=data["area"],
                        themes=data["themes"],
                        date=data["date"],
                        source_role=source_role,
                        age_band=data.get("age_band", ""),
                        note=note,
                        channel=channel,
                    )
                except ServiceError as error:
                    form.add_error(
                        error.field if error.field in form.fields else None, error.message
                    )
                else:
                    _remember(request, organisation, data)
                    messages.success(request, _("The signal has been saved. Thank you."))
                    return redirect(request.path)
            elif request.POST.get("action") == "save" and note:
                messages.info(
                    request,
                    _("Check how the note will be saved, then press Save again."),
                )
    else:
        remembered = _remembered(request, organisation)
        form = form_class(
            initial={
                "area": remembered.get("area"),
                "source_role": remembered.get("source_role") or SourceRole.WIJKTEAM,
            },
            organisation=organisation,
        )
    has_areas = form.fields["area"].queryset.exists()  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "organisation": organisation,
            "form": form,
            "preview": preview,
            "preview_token": token,
            "suggestions": suggestions,
            "has_areas": has_areas,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@sensitive_post_parameters("note")
@signals_page
def quick_entry(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_signals_organisation_for_user(
        request.user, organisation_slug, min_role=Role.STAFF
    )
    return _entry(
        request, organisation, SignalForm, channel=Channel.QUICK, template="signals/entry.html"
    )


@sensitive_post_parameters("note")
@login_required
def antenna(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_antenna_organisation_for_user(request.user, organisation_slug)
    return _entry(
        request,
        organisation,
        AntennaForm,
        channel=Channel.ANTENNA,
        template="signals/antenna.html",
    )
