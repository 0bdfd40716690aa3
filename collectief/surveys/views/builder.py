"""The survey builder: surveys, sections, questions and waves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from collectief.accounts.access import can_edit, get_organisation_for_user
from collectief.accounts.models import Role
from collectief.lib.errors import ServiceError
from collectief.lib.params import int_param
from collectief.surveys import services
from collectief.surveys.access import (
    get_question_for_user,
    get_section_for_user,
    get_survey_for_user,
    get_wave_for_user,
)
from collectief.surveys.forms import (
    MoveForm,
    QuestionForm,
    SectionForm,
    StatusForm,
    SurveyForm,
    WaveForm,
)
from collectief.surveys.models import Answer, Question, Section, Survey

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
        # No empty default part: the first question makes one (see question_create).
        survey = services.create_survey(organisation, by=request.user, **form.cleaned_data)
        messages.success(request, _("The survey has been made. Now add questions."))
        return redirect("surveys:detail", organisation.slug, survey.pk)
    return render(
        request,
        "surveys/survey_form.html",
        {"organisation": organisation, "form": form, "survey": None},
        status=400 if form.errors else 200,
    )


def _outline(survey: Survey) -> list[tuple[Section, list[Question]]]:
    """Parts with their questions, marked with what may be deleted.

    The marks follow the rules in ``services.delete_question`` and
    ``services.delete_section``, so no delete link leads to a refusal.
    """
    sections = list(survey.sections.all())
    questions: list[Question] = list(
        survey.questions.select_related("show_if_question", "effect", "indicator")
        .prefetch_related("choices", "show_if_question__choices")
        .annotate(
            n_answers=Exists(Answer.objects.filter(question=OuterRef("pk"))),
            n_dependants=Exists(Question.objects.filter(show_if_question=OuterRef("pk"))),
        )
        .order_by("order", "id")
    )
    for question in questions:
        question.can_delete = not question.n_answers and not question.n_dependants  # type: ignore[attr-defined]
        if question.show_if_question is not None:
            labels = dict(question.show_if_question.answer_options())
            question.show_if_labels = ", ".join(  # type: ignore[attr-defined]
                labels.get(k, k) for k in question.show_if_values
            )
    # A part whose question controls a question in another part cannot go
    # (services.section_delete_blocker): that skip logic would silently vanish.
    section_of = {q.pk: q.section_id for q in questions}
    controlling = {
        section_of.get(q.show_if_question_id)
        for q in questions
        if q.show_if_question_id and section_of.get(q.show_if_question_id) != q.section_id
    }
    outline: list[tuple[Section, list[Question]]] = []
    for section in sections:
        own = [q for q in questions if q.section_id == section.pk]
        answered = any(q.n_answers for q in own)  # type: ignore[attr-defined]
        section.can_delete = not answered and section.pk not in controlling  # type: ignore[attr-defined]
        outline.append((section, own))
    return outline


@login_required
def survey_detail(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "outline": _outline(survey),
            "can_edit": can_edit(request.user, survey.organisation),
            "n_responses": survey.responses.count(),
            "closed_reason": services.closed_reason(survey),
            "public_url": request.build_absolute_uri(survey.get_public_url()),
            "waves": survey.waves.annotate(n=Count("responses")),
            "current_wave": survey.current_wave(),
        },
    )


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
    blocker = services.survey_delete_blocker(survey)
    if request.method == "POST":
        try:
            services.delete_survey(survey, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("surveys:detail", organisation_slug, survey.pk)
        messages.success(request, _("The survey has been deleted."))
        return redirect("surveys:list", organisation_slug)
    n_responses = survey.responses.count()
    return render(
        request,
        "surveys/confirm_delete.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "what": survey.title,
            "warning": ngettext(
                "This deletes the survey and its %(n)s response. This cannot be undone.",
                "This deletes the survey and all %(n)s responses. This cannot be undone.",
                n_responses,
            )
            % {"n": n_responses},
            "error": blocker,
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


def _confirm_delete_part(
    request: HttpRequest,
    part: Any,
    *,
    delete: Callable[..., None],
    blocker: Callable[[Any], str | None],
    what: str,
    warning: str,
    done_message: str,
) -> HttpResponse:
    """Ask before deleting a part of a survey (section, question or wave).

    The survey page is where the user came from and goes back to. When the
    part cannot be deleted (``blocker`` says why: the rule the service
    applies), the page says why and has no delete button; a ServiceError
    raised meanwhile is shown the same way.
    """
    survey = part.survey
    detail_url = reverse("surveys:detail", args=[survey.organisation.slug, survey.pk])
    error = blocker(part)
    if request.method == "POST" and error is None:
        try:
            delete(part, by=request.user)
        except ServiceError as exc:
            error = exc.message
        else:
            messages.success(request, done_message)
            return redirect(detail_url)
    return render(
        request,
        "surveys/confirm_delete.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "what": what,
            "warning": warning,
            "error": error,
            "cancel_url": detail_url,
        },
        status=400 if error and request.method == "POST" else 200,
    )


def _section_warning(n_questions: int) -> str:
    if n_questions == 0:
        return _("The part has no questions.")
    return ngettext(
        "This also deletes the question in this part.",
        "This also deletes the %(n)s questions in this part.",
        n_questions,
    ) % {"n": n_questions}


@login_required
def section_delete(
    request: HttpRequest, organisation_slug: str, survey_id: int, section_id: int
) -> HttpResponse:
    section = get_section_for_user(
        request.user, organisation_slug, survey_id, section_id, min_role=Role.STAFF
    )
    return _confirm_delete_part(
        request,
        section,
        delete=services.delete_section,
        blocker=services.section_delete_blocker,
        what=section.title,
        warning=_section_warning(section.questions.count()),
        done_message=_("The part has been deleted."),
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
    initial: dict[str, Any] = {"type": Question.Type.LIKERT5, "allow_dont_know": True}
    section_id = int_param(request, "deel")
    last = survey.sections.last()
    if section_id is not None:
        initial["section"] = section_id
    elif last is not None:
        initial["section"] = last.pk
    form = QuestionForm(request.POST or None, survey=survey, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                # A survey without parts gets its first part with its first question,
                # so a new survey never shows an empty part.
                section = form.cleaned_data.get("section") or services.add_section(
                    survey, by=request.user, title=_("Questions")
                )
                question = services.add_question(section, by=request.user, **form.service_kwargs())
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The question has been added."))
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
    return _confirm_delete_part(
        request,
        question,
        delete=services.delete_question,
        blocker=services.question_delete_blocker,
        what=question.text,
        warning=_("This deletes the question."),
        done_message=_("The question has been deleted."),
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
    return _confirm_delete_part(
        request,
        wave,
        delete=services.delete_wave,
        blocker=services.wave_delete_blocker,
        what=wave.name,
        warning=_("This deletes the measurement."),
        done_message=_("The measurement has been deleted."),
    )
