"""Ready-made questions: validated instruments and statements from the change story."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collectief.accounts.models import Role
from collectief.lib.errors import ServiceError
from collectief.surveys import services
from collectief.surveys.access import (
    get_survey_for_user,
)
from collectief.surveys.forms import (
    InstrumentForm,
    SuggestionFormSet,
)
from collectief.surveys.instruments import get_instrument, load_instruments

# --------------------------------------------------------------------------- instruments


@login_required
def instrument_list(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id, min_role=Role.STAFF)
    used = set(survey.questions.exclude(instrument="").values_list("instrument", flat=True))
    return render(
        request,
        "surveys/instrument_list.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "instruments": [(i, i.key in used) for i in load_instruments().values()],
        },
    )


@login_required
def instrument_add(
    request: HttpRequest, organisation_slug: str, survey_id: int, key: str
) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id, min_role=Role.STAFF)
    instrument = get_instrument(key)
    if instrument is None:
        raise Http404
    form = InstrumentForm(request.POST or None, initial={"instrument": key})
    if request.method == "POST" and form.is_valid():
        try:
            section = services.add_instrument(
                survey,
                key,
                by=request.user,
                permission_confirmed=form.cleaned_data["permission_confirmed"],
            )
        except ServiceError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            messages.success(
                request,
                _("%(name)s has been added as a new part.") % {"name": instrument.name},
            )
            return redirect(
                reverse("surveys:detail", args=[organisation_slug, survey.pk])
                + f"#deel-{section.pk}"
            )
    if not instrument.permission_required:
        form.fields["permission_confirmed"].widget = form.fields[
            "permission_confirmed"
        ].hidden_widget()
    return render(
        request,
        "surveys/instrument_add.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "instrument": instrument,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


# --------------------------------------------------------------------------- change story


@login_required
def from_change_story(
    request: HttpRequest, organisation_slug: str, survey_id: int
) -> HttpResponse:
    """Propose statements per direct effect; the user reviews them before adding."""
    from collectief.changestories.models import Effect, Indicator

    survey = get_survey_for_user(request.user, organisation_slug, survey_id, min_role=Role.STAFF)
    place = request.GET.get("plek", "") or survey.organisation.name
    suggestions = services.suggest_statements(survey.organisation, place)
    taken = set(survey.questions.values_list("code", flat=True))
    for suggestion in suggestions:
        suggestion.code = services.unique_code(suggestion.code, taken)
        taken.add(suggestion.code)
    initial = [
        {
            "include": True,
            "text": s.text,
            "code": s.code,
            "effect_id": s.effect.pk,
            "indicator_id": s.indicator.pk if s.indicator else None,
        }
        for s in suggestions
    ]
    formset = SuggestionFormSet(request.POST or None, initial=initial, prefix="stelling")
    effects = {e.pk: e for e in Effect.objects.filter(story__organisation=survey.organisation)}
    indicators = {
        i.pk: i for i in Indicator.objects.filter(effect__story__organisation=survey.organisation)
    }
    error = None
    if request.method == "POST" and formset.is_valid():
        chosen = []
        codes: set[str] = set()
        for form in formset:
            data = form.cleaned_data
            if not data.get("include"):
                continue
            effect = effects.get(data["effect_id"])
            if effect is None:
                raise Http404
            indicator = indicators.get(data.get("indicator_id") or 0)
            code = data["code"].strip()
            if code.lower() in codes:
                form.add_error("code", _("Two statements have the same code."))
            codes.add(code.lower())
            try:
                services.validate_code(survey, code)
            except ServiceError as exc:
                form.add_error("code", exc.message)
            chosen.append(
                services.Suggestion(
                    text=data["text"].strip(), effect=effect, indicator=indicator, code=code
                )
            )
        if not any(f.errors for f in formset):
            try:
                services.add_suggested_questions(survey, chosen, by=request.user)
            except ServiceError as exc:
                error = exc.message
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s statement has been added.",
                        "%(n)s statements have been added.",
                        len(chosen),
                    )
                    % {"n": len(chosen)},
                )
                return redirect("surveys:detail", organisation_slug, survey.pk)
    rows = []
    for form in formset:
        effect_id = form["effect_id"].value()
        effect = effects.get(int(effect_id)) if str(effect_id or "").isdigit() else None
        rows.append((form, effect))
    return render(
        request,
        "surveys/from_change_story.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "formset": formset,
            "rows": rows,
            "place": place,
            "error": error,
            "has_story": bool(suggestions) or request.method == "POST",
        },
        status=400 if (error or (request.method == "POST" and not formset.is_valid())) else 200,
    )
