"""Pages of the surveys app: the builder, publishing, the respondent pages,
the paper version and data entry of paper forms.

Result pages (analysis, exports) live in views_results.py.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import cache
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from collectief.accounts.access import get_organisation_for_user
from collectief.accounts.models import Role
from collectief.lib.errors import ServiceError
from collectief.surveys import services
from collectief.surveys.access import (
    get_open_survey,
    get_question_for_user,
    get_section_for_user,
    get_survey_for_user,
    get_wave_for_user,
)
from collectief.surveys.forms import (
    HONEYPOT_FIELD,
    AnswerForm,
    DataEntryForm,
    InstrumentForm,
    MoveForm,
    QuestionForm,
    SectionForm,
    StatusForm,
    SuggestionFormSet,
    SurveyForm,
    WaveForm,
    entry_codes,
    field_name,
)
from collectief.surveys.instruments import get_instrument, load_instruments
from collectief.surveys.models import Question, Response, Section, Survey

# --------------------------------------------------------------------------- builder


@login_required
def survey_list(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug)
    surveys = Survey.objects.filter(organisation=organisation).annotate(
        n_responses=Count("responses", distinct=True),
        n_questions=Count("questions", distinct=True),
    )
    return render(
        request, "surveys/survey_list.html", {"organisation": organisation, "surveys": surveys}
    )


@login_required
def survey_create(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey = services.create_survey(organisation, by=request.user, **form.cleaned_data)
        services.add_section(survey, by=request.user, title=_("Questions"))
        messages.success(request, _("The survey has been made. Now add questions."))
        return redirect("surveys:detail", organisation.slug, survey.pk)
    return render(
        request,
        "surveys/survey_form.html",
        {"organisation": organisation, "form": form, "survey": None},
        status=400 if form.errors else 200,
    )


def _outline(survey: Survey) -> list[tuple[Section, list[Question]]]:
    sections = list(survey.sections.all())
    questions = list(
        survey.questions.select_related("show_if_question", "effect", "indicator")
        .prefetch_related("choices")
        .order_by("order", "id")
    )
    return [(s, [q for q in questions if q.section_id == s.pk]) for s in sections]


@login_required
def survey_detail(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id)
    can_edit = _can_edit(request, survey)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "outline": _outline(survey),
            "can_edit": can_edit,
            "n_responses": survey.responses.count(),
            "closed_reason": services.closed_reason(survey),
            "public_url": request.build_absolute_uri(survey.get_public_url()),
            "waves": survey.waves.annotate(n=Count("responses")),
            "current_wave": survey.current_wave(),
        },
    )


def _can_edit(request: HttpRequest, survey: Survey) -> bool:
    membership = request.user.memberships.filter(organisation=survey.organisation).first()  # type: ignore[union-attr]
    return bool(membership and membership.has_role(Role.STAFF))


@login_required
def survey_edit(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id, min_role=Role.STAFF)
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        survey.refresh_from_db()
        services.update_survey(survey, by=request.user, **form.cleaned_data)
        messages.success(request, _("The survey has been saved."))
        return redirect("surveys:detail", organisation_slug, survey.pk)
    return render(
        request,
        "surveys/survey_form.html",
        {"organisation": survey.organisation, "form": form, "survey": survey},
        status=400 if form.errors else 200,
    )


@login_required
def survey_delete(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id, min_role=Role.STAFF)
    if request.method == "POST":
        services.delete_survey(survey, by=request.user)
        messages.success(request, _("The survey has been deleted."))
        return redirect("surveys:list", organisation_slug)
    return render(
        request,
        "surveys/confirm_delete.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "what": survey.title,
            "warning": _("This deletes the survey and all %(n)s responses. This cannot be undone.")
            % {"n": survey.responses.count()},
            "cancel_url": reverse("surveys:detail", args=[organisation_slug, survey.pk]),
        },
    )


@login_required
@require_POST
def survey_status(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id, min_role=Role.STAFF)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
    else:
        try:
            services.set_survey_status(survey, form.cleaned_data["status"], by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The survey is now %(status)s.") % {"status": survey.get_status_display()},
            )
    return redirect("surveys:detail", organisation_slug, survey.pk)


# --------------------------------------------------------------------------- sections


@login_required
def section_create(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id, min_role=Role.STAFF)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_section(survey, by=request.user, **form.cleaned_data)
        messages.success(request, _("The part has been added."))
        return redirect("surveys:detail", organisation_slug, survey.pk)
    return render(
        request,
        "surveys/section_form.html",
        {"organisation": survey.organisation, "survey": survey, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def section_edit(
    request: HttpRequest, organisation_slug: str, survey_id: int, section_id: int
) -> HttpResponse:
    section = get_section_for_user(
        request.user, organisation_slug, survey_id, section_id, min_role=Role.STAFF
    )
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        section.refresh_from_db()
        services.update_section(section, by=request.user, **form.cleaned_data)
        messages.success(request, _("The part has been saved."))
        return redirect("surveys:detail", organisation_slug, survey_id)
    return render(
        request,
        "surveys/section_form.html",
        {
            "organisation": section.survey.organisation,
            "survey": section.survey,
            "section": section,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def section_delete(
    request: HttpRequest, organisation_slug: str, survey_id: int, section_id: int
) -> HttpResponse:
    section = get_section_for_user(
        request.user, organisation_slug, survey_id, section_id, min_role=Role.STAFF
    )
    error = None
    if request.method == "POST":
        try:
            services.delete_section(section, by=request.user)
        except ServiceError as exc:
            error = exc.message
        else:
            messages.success(request, _("The part has been deleted."))
            return redirect("surveys:detail", organisation_slug, survey_id)
    return render(
        request,
        "surveys/confirm_delete.html",
        {
            "organisation": section.survey.organisation,
            "survey": section.survey,
            "what": section.title,
            "warning": _("This also deletes the %(n)s questions in this part.")
            % {"n": section.questions.count()},
            "error": error,
            "cancel_url": reverse("surveys:detail", args=[organisation_slug, survey_id]),
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def section_move(
    request: HttpRequest, organisation_slug: str, survey_id: int, section_id: int
) -> HttpResponse:
    section = get_section_for_user(
        request.user, organisation_slug, survey_id, section_id, min_role=Role.STAFF
    )
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move_section(section, form.cleaned_data["direction"], by=request.user)
    return redirect(
        reverse("surveys:detail", args=[organisation_slug, survey_id]) + f"#deel-{section.pk}"
    )


# --------------------------------------------------------------------------- questions


@login_required
def question_create(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id, min_role=Role.STAFF)
    if not survey.sections.exists():
        services.add_section(survey, by=request.user, title=_("Questions"))
    initial: dict[str, Any] = {"type": Question.Type.LIKERT5, "allow_dont_know": True}
    section_param = request.GET.get("deel")
    if section_param and section_param.isdigit():
        initial["section"] = int(section_param)
    else:
        initial["section"] = survey.sections.last().pk  # type: ignore[union-attr]
    form = QuestionForm(request.POST or None, survey=survey, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.add_question(
                form.cleaned_data["section"], by=request.user, **form.service_kwargs()
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("Question %(code)s has been added.") % {"code": question.code}
            )
            if "another" in request.POST:
                return redirect(
                    reverse("surveys:question_create", args=[organisation_slug, survey.pk])
                    + f"?deel={question.section_id}"
                )
            return redirect(
                reverse("surveys:detail", args=[organisation_slug, survey.pk])
                + f"#vraag-{question.pk}"
            )
    return render(
        request,
        "surveys/question_form.html",
        {"organisation": survey.organisation, "survey": survey, "form": form, "question": None},
        status=400 if form.errors else 200,
    )


@login_required
def question_edit(
    request: HttpRequest, organisation_slug: str, survey_id: int, question_id: int
) -> HttpResponse:
    question = get_question_for_user(
        request.user, organisation_slug, survey_id, question_id, min_role=Role.STAFF
    )
    survey = question.survey
    form = QuestionForm(request.POST or None, survey=survey, question=question)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        kwargs.setdefault("code", question.code)
        try:
            services.update_question(
                question, by=request.user, section=form.cleaned_data["section"], **kwargs
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The question has been saved."))
            return redirect(
                reverse("surveys:detail", args=[organisation_slug, survey.pk])
                + f"#vraag-{question.pk}"
            )
    return render(
        request,
        "surveys/question_form.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "form": form,
            "question": question,
        },
        status=400 if form.errors else 200,
    )


@login_required
def question_delete(
    request: HttpRequest, organisation_slug: str, survey_id: int, question_id: int
) -> HttpResponse:
    question = get_question_for_user(
        request.user, organisation_slug, survey_id, question_id, min_role=Role.STAFF
    )
    error = None
    if request.method == "POST":
        try:
            services.delete_question(question, by=request.user)
        except ServiceError as exc:
            error = exc.message
        else:
            messages.success(request, _("The question has been deleted."))
            return redirect("surveys:detail", organisation_slug, survey_id)
    return render(
        request,
        "surveys/confirm_delete.html",
        {
            "organisation": question.survey.organisation,
            "survey": question.survey,
            "what": f"{question.code}: {question.text}",
            "warning": _("This deletes the question."),
            "error": error,
            "cancel_url": reverse("surveys:detail", args=[organisation_slug, survey_id]),
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def question_move(
    request: HttpRequest, organisation_slug: str, survey_id: int, question_id: int
) -> HttpResponse:
    question = get_question_for_user(
        request.user, organisation_slug, survey_id, question_id, min_role=Role.STAFF
    )
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_question(question, form.cleaned_data["direction"], by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
    return redirect(
        reverse("surveys:detail", args=[organisation_slug, survey_id]) + f"#vraag-{question.pk}"
    )


# --------------------------------------------------------------------------- waves


@login_required
def wave_create(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id, min_role=Role.STAFF)
    form = WaveForm(
        request.POST or None,
        initial={"starts_at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_wave(survey, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The measurement has been added."))
            return redirect("surveys:detail", organisation_slug, survey.pk)
    return render(
        request,
        "surveys/wave_form.html",
        {"organisation": survey.organisation, "survey": survey, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def wave_delete(
    request: HttpRequest, organisation_slug: str, survey_id: int, wave_id: int
) -> HttpResponse:
    wave = get_wave_for_user(
        request.user, organisation_slug, survey_id, wave_id, min_role=Role.STAFF
    )
    error = None
    if request.method == "POST":
        try:
            services.delete_wave(wave, by=request.user)
        except ServiceError as exc:
            error = exc.message
        else:
            messages.success(request, _("The measurement has been deleted."))
            return redirect("surveys:detail", organisation_slug, survey_id)
    return render(
        request,
        "surveys/confirm_delete.html",
        {
            "organisation": wave.survey.organisation,
            "survey": wave.survey,
            "what": wave.name,
            "warning": _("This deletes the measurement."),
            "error": error,
            "cancel_url": reverse("surveys:detail", args=[organisation_slug, survey_id]),
        },
        status=400 if error else 200,
    )


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
                    _("%(n)s statements have been added.") % {"n": len(chosen)},
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


# --------------------------------------------------------------------------- poster, paper


@login_required
def poster_pdf(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    """An A4 poster with a QR code for the public link, to hang in the buurthuis."""
    import segno
    from weasyprint import HTML

    survey = get_survey_for_user(request.user, organisation_slug, survey_id)
    url = request.build_absolute_uri(survey.get_public_url())
    qr = segno.make(url, error="m").svg_data_uri(scale=10, border=2)
    html = render_to_string(
        "surveys/poster.html", {"survey": survey, "url": url, "qr": qr}, request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="poster-vragenlijst-{survey.pk}.pdf"'
    return response


@login_required
def paper(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id)

    def condition(question: Question) -> str:
        controller = question.show_if_question
        if controller is None:
            return ""
        labels = dict(controller.answer_options())
        return ", ".join(f"“{labels.get(k, k)}”" for k in question.show_if_values)

    outline = [
        (section, [(q, entry_codes(q), condition(q)) for q in questions])
        for section, questions in _outline(survey)
    ]
    return render(
        request,
        "surveys/paper.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "outline": outline,
            "privacy_text": survey.privacy_text or default_privacy_text(survey),
        },
    )


@login_required
def data_entry(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    """Type in paper forms: one response per screen, closed answers as numbers."""
    survey = get_survey_for_user(request.user, organisation_slug, survey_id, min_role=Role.STAFF)
    questions = list(
        survey.questions.select_related("section")
        .prefetch_related("choices")
        .order_by("section__order", "section_id", "order", "id")
    )
    waves = list(survey.waves.all())
    current = survey.current_wave()
    data = request.POST if request.method == "POST" else None
    form = DataEntryForm(data, questions=questions, initial={"token": secrets.token_urlsafe(16)})
    status = 200
    if request.method == "POST" and form.is_valid():
        wave = None
        wave_id = request.POST.get("wave", "")
        if wave_id:
            wave = next((w for w in waves if str(w.pk) == wave_id), None)
            if wave is None:
                raise Http404
        try:
            answers = form.answers()
            _response, created = services.submit_response(
                survey,
                answers,
                idempotency_key=f"paper-{form.cleaned_data['token']}",
                source=Response.Source.PAPER,
                by=request.user,
                wave=wave or current,
                check_open=False,
            )
        except services.SubmissionError as error:
            for name, message in error.errors.items():
                form.add_error(name if name in form.fields else None, message)
            status = 400
        except ServiceError as error:
            form.add_error(None, error.message)
            status = 400
        else:
            if created:
                messages.success(
                    request,
                    _("Form saved (number %(n)s). Type the next one.")
                    % {"n": survey.responses.filter(source=Response.Source.PAPER).count()},
                )
            else:
                messages.info(request, _("This form was already saved."))
            url = reverse("surveys:data_entry", args=[organisation_slug, survey.pk])
            if wave is not None:
                url += f"?meting={wave.pk}"
            return redirect(url)
    elif request.method == "POST":
        status = 400
    selected_wave = (
        request.POST.get("wave")
        or request.GET.get("meting")
        or (str(current.pk) if current else "")
    )
    return render(
        request,
        "surveys/data_entry.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "form": form,
            "waves": waves,
            "selected_wave": selected_wave,
            "n_paper": survey.responses.filter(source=Response.Source.PAPER).count(),
        },
        status=status,
    )


# --------------------------------------------------------------------------- respondents

STATE_MAX_AGE = 60 * 60 * 24 * 7  # a week: people may come back to a paused survey
FIELD_RE = re.compile(r"^q(\d+)$")


def default_privacy_text(survey: Survey) -> str:
    return _(
        "You answer without your name. We do not store your IP address or anything else "
        "that shows who you are. %(organisation)s uses the answers only to learn what the "
        "activities change for people in the neighbourhood, and reports only totals of "
        "groups of at least 5 people. Do not write names or addresses in the open answers."
    ) % {"organisation": survey.organisation.name}


def _sign(survey: Survey, state: dict[str, Any]) -> str:
    return signing.dumps(state, salt=f"surveys.respond.{survey.public_token}", compress=True)


def _unsign(survey: Survey, value: str) -> dict[str, Any] | None:
    try:
        state = signing.loads(
            value, salt=f"surveys.respond.{survey.public_token}", max_age=STATE_MAX_AGE
        )
    except signing.BadSignature:
        return None
    if not isinstance(state, dict) or not isinstance(state.get("k"), str):
        return None
    return state


class _Flow:
    """The sections and questions of a survey, and which ones skip logic shows."""

    def __init__(self, survey: Survey) -> None:
        self.survey = survey
        self.sections = list(survey.sections.all())
        self.questions = list(survey.questions.prefetch_related("choices").order_by("order", "id"))
        self.by_id = {q.pk: q for q in self.questions}
        self.by_section = {
            s.pk: [q for q in self.questions if q.section_id == s.pk] for s in self.sections
        }

    def shown(self, index: int, answers: dict[int, list[str]]) -> list[Question]:
        """Questions of section ``index`` to show: visible now, or depending on this section."""
        section = self.sections[index]
        result = []
        for question in self.by_section[section.pk]:
            controller = self.by_id.get(question.show_if_question_id or 0)
            if controller is not None and controller.section_id == section.pk:
                result.append(question)  # the browser (or the respondent) applies it
            elif services.is_visible(question, answers, self.by_id):
                result.append(question)
        return result

    def active(self, answers: dict[int, list[str]]) -> list[int]:
        return [i for i in range(len(self.sections)) if self.shown(i, answers)]


def _answers_from(state: dict[str, Any]) -> dict[int, list[str]]:
    raw = state.get("a", {})
    return {int(k): [str(v) for v in vs] for k, vs in raw.items() if str(k).isdigit()}


def _closed_page(request: HttpRequest, survey: Survey, reason: str) -> HttpResponse:
    return render(
        request,
        "surveys/respond_closed.html",
        {"survey": survey, "reason": reason},
        status=404 if reason == "draft" else 410,
    )


def _rate_key(request: HttpRequest, survey: Survey) -> str:
    """A salted, daily rotating hash of IP address and browser, kept only in the cache."""
    day = timezone.now().strftime("%Y-%m-%d")
    salt = hmac.new(settings.SECRET_KEY.encode(), f"surveys-rate:{day}".encode(), hashlib.sha256)
    client = f"{request.META.get('REMOTE_ADDR', '')}|{request.headers.get('User-Agent', '')}"
    digest = hmac.new(salt.digest(), client.encode(), hashlib.sha256).hexdigest()[:32]
    return f"surveys:rate:{survey.pk}:{digest}"


def _rate_limited(request: HttpRequest, survey: Survey) -> bool:
    limit = int(getattr(settings, "SURVEYS_SUBMISSIONS_PER_HOUR", 30))
    key = _rate_key(request, survey)
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > limit


@never_cache
def respond(request: HttpRequest, public_token: str) -> HttpResponse:
    """The public respondent page: one section per screen, submitted once at the end."""
    survey = get_open_survey(public_token)
    reason = services.closed_reason(survey)
    if reason:
        return _closed_page(request, survey, reason)
    flow = _Flow(survey)
    if request.method != "POST":
        active = flow.active({})
        if not active:
            return _closed_page(request, survey, "draft")
        fresh: dict[str, Any] = {"k": secrets.token_urlsafe(24), "a": {}, "s": active[0]}
        return _render_step(request, flow, fresh, None)
    if request.POST.get(HONEYPOT_FIELD):
        # A robot filled in the hidden field: pretend all went well, store nothing.
        return redirect("surveys:thanks", survey.public_token)
    state = _unsign(survey, request.POST.get("state", ""))
    if state is None:
        return render(request, "surveys/respond_expired.html", {"survey": survey}, status=400)
    answers = _answers_from(state)
    step = int(state.get("s", 0))
    if not 0 <= step < len(flow.sections):
        return render(request, "surveys/respond_expired.html", {"survey": survey}, status=400)
    action = request.POST.get("action", "next")
    if action == "resume":
        return _render_step(request, flow, state, None)
    shown = flow.shown(step, answers)
    shown_ids = {q.pk for q in shown}
    posted_ids = {int(m.group(1)) for name in request.POST if (m := FIELD_RE.match(name))}
    if posted_ids - shown_ids:
        return render(
            request,
            "surveys/respond_expired.html",
            {"survey": survey, "forged": True},
            status=400,
        )
    form = AnswerForm(request.POST, questions=shown)
    form.is_valid()
    raw = form.answers()
    if action == "back":
        active = flow.active(answers)
        earlier = [i for i in active if i < step]
        for question in shown:
            answers[question.pk] = raw.get(question.pk, [])
        state["a"] = {str(k): v for k, v in answers.items() if v}
        state["s"] = earlier[-1] if earlier else step
        return _render_step(request, flow, state, None)
    # Validate this section in question order so that skip logic inside it works.
    for question in shown:
        answers.pop(question.pk, None)
    errors = False
    for question in shown:
        if not services.is_visible(question, answers, flow.by_id):
            continue
        try:
            keys = services.clean_answer(question, raw.get(question.pk, []))
        except ServiceError as error:
            form.add_error(field_name(question), error.message)
            errors = True
            continue
        if keys:
            answers[question.pk] = keys
    state["a"] = {str(k): v for k, v in answers.items() if v}
    if errors:
        return _render_step(request, flow, state, form, status=400)
    later = [i for i in flow.active(answers) if i > step]
    if later:
        state["s"] = later[0]
        return _render_step(request, flow, state, None)
    if not Response.objects.filter(
        survey=survey, idempotency_key=state["k"]
    ).exists() and _rate_limited(request, survey):
        return render(request, "surveys/respond_busy.html", {"survey": survey}, status=429)
    try:
        services.submit_response(survey, answers, idempotency_key=str(state["k"]))
    except services.SubmissionError:
        # An earlier section no longer validates (the survey changed meanwhile).
        return render(request, "surveys/respond_expired.html", {"survey": survey}, status=400)
    except ServiceError as error:
        if error.field == "__closed__":
            return _closed_page(request, survey, services.closed_reason(survey) or "closed")
        return render(request, "surveys/respond_expired.html", {"survey": survey}, status=400)
    # The response is committed; only now say thank you.
    return redirect("surveys:thanks", survey.public_token)


def _render_step(
    request: HttpRequest,
    flow: _Flow,
    state: dict[str, Any],
    form: AnswerForm | None,
    *,
    status: int = 200,
) -> HttpResponse:
    survey = flow.survey
    answers = _answers_from(state)
    step = int(state["s"])
    shown = flow.shown(step, answers)
    if form is None:
        initial = {field_name(q): _initial(q, answers.get(q.pk, [])) for q in shown}
        form = AnswerForm(initial=initial, questions=shown)
    active = flow.active(answers)
    position = active.index(step) + 1 if step in active else 1
    items = []
    for question in shown:
        controller = flow.by_id.get(question.show_if_question_id or 0)
        condition = None
        if controller is not None and controller.section_id == question.section_id:
            labels = dict(controller.answer_options())
            condition = {
                "field": field_name(controller),
                "values": " ".join(question.show_if_values),
                "question": controller.text,
                "answers": ", ".join(labels.get(k, k) for k in question.show_if_values),
            }
        items.append((form[field_name(question)], question, condition))
    return render(
        request,
        "surveys/respond.html",
        {
            "survey": survey,
            "section": flow.sections[step],
            "form": form,
            "items": items,
            "state": _sign(survey, state),
            "position": position,
            "total": len(active),
            "is_first": position == 1,
            "is_last": position == len(active),
            "honeypot": HONEYPOT_FIELD,
            "privacy_text": survey.privacy_text or default_privacy_text(survey),
        },
        status=status,
    )


def _initial(question: Question, keys: list[str]) -> Any:
    if question.type == Question.Type.MULTIPLE_CHOICE:
        return keys
    return keys[0] if keys else None


@never_cache
def thanks(request: HttpRequest, public_token: str) -> HttpResponse:
    survey = get_open_survey(public_token)
    return render(request, "surveys/respond_thanks.html", {"survey": survey})
