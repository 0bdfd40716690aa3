"""The QR poster, the printable paper version and data entry of paper forms."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from collectief.accounts.models import Role
from collectief.lib.errors import ServiceError
from collectief.lib.suppression import MIN_COUNT
from collectief.surveys import services
from collectief.surveys.access import (
    get_survey_for_user,
)
from collectief.surveys.forms import (
    DataEntryForm,
    entry_codes,
)
from collectief.surveys.models import Question, Response
from collectief.surveys.views.builder import _outline
from collectief.surveys.views.respond import default_privacy_text

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

    parts = _outline(survey)
    # Paper shows question numbers (1, 2, 3 ...), not the codes used in exports.
    numbers = {q.pk: n for n, q in enumerate((q for _s, qs in parts for q in qs), start=1)}
    for question in (q for _s, qs in parts for q in qs):
        question.number = numbers[question.pk]  # type: ignore[attr-defined]
        question.show_if_number = numbers.get(question.show_if_question_id or 0)  # type: ignore[attr-defined]
    outline = [
        (section, [(q, entry_codes(q), condition(q)) for q in questions])
        for section, questions in parts
    ]
    return render(
        request,
        "surveys/paper.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "outline": outline,
            "privacy_text": survey.privacy_text or default_privacy_text(survey),
            "min_count": MIN_COUNT,
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
