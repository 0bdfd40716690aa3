"""Results pages: tables and charts, breakdowns, wave comparison, open answers,
exports and imports. Every number comes from ``collectief.surveys.analysis``.

Readers of the organisation may look at the results and download them;
staff members import (marking an open answer as a quote is in
``collectief.stories``: one concept with quotes from stories). Separate responses (all answers as a
file, the open answers) are for staff members from 5 responses on. Anyone else
gets 404 (see ``collectief.surveys.access``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from collectief.accounts.access import can_edit, get_organisation_for_user
from collectief.accounts.models import Role
from collectief.lib.params import get_page, int_param, parse_int
from collectief.lib.uploads import LimitedFileField
from collectief.surveys import exports
from collectief.surveys.access import (
    TooFewResponsesError,
    get_survey_for_user,
    get_survey_responses_for_user,
    may_read_responses,
)
from collectief.surveys.analysis import (
    MIN_GROUP_SIZE,
    SMALL_SAMPLE,
    analyse_survey,
    breakdown,
    breakdown_options,
    compare_waves,
)
from collectief.surveys.charts import COLOURS
from collectief.surveys.imports import uploads
from collectief.surveys.imports.responses import plan_response_import
from collectief.surveys.imports.services import (
    ImportProblemsError,
    create_survey_from_xlsform,
    import_responses,
)
from collectief.surveys.models import Answer, Question, Survey, Wave
from collectief.surveys.results_layout import in_survey_order
from collectief.surveys.tasks import BACKGROUND_ROWS, start_response_import

MAX_UPLOAD_MB = 20


def _wave(survey: Survey, request: HttpRequest, name: str, *, posted: bool = False) -> Wave | None:
    """The measurement in ``?name=`` (or the posted field); none or another survey's: all answers."""
    data = request.POST if posted else request.GET
    wave_id = parse_int(data.get(name), name)
    return survey.waves.filter(pk=wave_id).first() if wave_id else None


def separate_responses(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Explain in a page why separate responses are not shown yet (fewer than 5).

    Also used by ``stories.views`` for marking an open answer as a quote.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except TooFewResponsesError as refusal:
            return render(
                request,
                "surveys/results/too_few.html",
                {
                    "organisation": refusal.survey.organisation,
                    "survey": refusal.survey,
                    "reason": str(refusal),
                },
                status=403,
            )

    return wrapped


@login_required
def results(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id)
    waves = list(survey.waves.all())
    wave = _wave(survey, request, "meting")
    survey_results = analyse_survey(survey, wave=wave)
    n_total = survey_results.n_responses if wave is None else survey.responses.count()
    options = breakdown_options(survey)
    by_id = int_param(request, "uitsplitsen")
    chosen = next((q for q in options if q.pk == by_id), None)
    split = breakdown(survey_results, chosen) if chosen else None
    comparisons = None
    before = _wave(survey, request, "voor") or (waves[0] if len(waves) >= 2 else None)
    after = _wave(survey, request, "na") or (waves[-1] if len(waves) >= 2 else None)
    if before and after and before != after:
        comparisons = compare_waves(survey, before, after)
    return render(
        request,
        "surveys/results/page.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "results": survey_results,
            "sections": in_survey_order(survey_results),
            "waves": waves,
            "wave": wave,
            "breakdown_options": options,
            "breakdown": split,
            "chosen": chosen,
            "comparisons": comparisons,
            "before": before,
            "after": after,
            "legend": list(zip(COLOURS, [str(x) for x in _likert_labels()], strict=True)),
            "min_group": MIN_GROUP_SIZE,
            "small_sample": SMALL_SAMPLE,
            "can_edit": can_edit(request.user, survey.organisation),
            "may_read_responses": may_read_responses(request.user, survey, n_total),
            "n_total": n_total,
        },
    )


def _likert_labels() -> list[str]:
    from collectief.surveys.models import LIKERT_LABELS

    return [str(LIKERT_LABELS[v]) for v in range(1, 6)]


@login_required
@separate_responses
def open_answers(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_responses_for_user(request.user, organisation_slug, survey_id)
    text_questions = list(survey.questions.filter(type__in=Question.TEXT_TYPES))
    answers = (
        Answer.objects.filter(question__in=text_questions)
        .exclude(text="")
        .exclude(text__isnull=True)
        .select_related("question", "quote")
        .order_by("question__section__order", "question__order", "response_id")
    )
    query = request.GET.get("zoek", "").strip()[:200]
    if query:
        answers = answers.filter(text__icontains=query)
    question_id = int_param(request, "vraag")
    if question_id:
        answers = answers.filter(question_id=question_id)
    if request.GET.get("citaten") == "1":
        answers = answers.filter(quote__isnull=False)
    page = get_page(request, Paginator(answers, 50))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "surveys/results/open_answers.html",
        {
            "organisation": survey.organisation,
            "survey": survey,
            "page": page,
            "query": query,
            "text_questions": text_questions,
            "question_id": question_id,
            "only_quotes": request.GET.get("citaten") == "1",
            "querystring": params.urlencode(),
            "can_edit": can_edit(request.user, survey.organisation),
        },
    )


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@separate_responses
def export_responses(
    request: HttpRequest, organisation_slug: str, survey_id: int, fmt: str
) -> HttpResponse:
    survey = get_survey_responses_for_user(request.user, organisation_slug, survey_id)
    codes = request.GET.get("codes") == "1"
    suffix = "codes" if codes else "labels"
    if fmt == "csv":
        return _download(
            exports.responses_csv(survey, codes=codes),
            f"vragenlijst-{survey.pk}-antwoorden-{suffix}.csv",
            "text/csv; charset=utf-8",
        )
    if fmt == "xlsx":
        return _download(
            exports.responses_xlsx(survey, codes=codes),
            f"vragenlijst-{survey.pk}-antwoorden-{suffix}.xlsx",
            XLSX_TYPE,
        )
    raise Http404


@login_required
def export_codebook(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id)
    return _download(
        exports.codebook_csv(survey),
        f"vragenlijst-{survey.pk}-codeboek.csv",
        "text/csv; charset=utf-8",
    )


@login_required
def export_results(
    request: HttpRequest, organisation_slug: str, survey_id: int, fmt: str
) -> HttpResponse:
    survey = get_survey_for_user(request.user, organisation_slug, survey_id)
    if fmt not in ("json", "csv"):
        raise Http404
    survey_results = analyse_survey(survey, wave=_wave(survey, request, "meting"))
    if fmt == "json":
        return _download(
            exports.results_json(survey_results),
            f"vragenlijst-{survey.pk}-resultaten.json",
            "application/json",
        )
    return _download(
        exports.results_csv(survey_results),
        f"vragenlijst-{survey.pk}-resultaten.csv",
        "text/csv; charset=utf-8",
    )


# Imports -------------------------------------------------------------------


class ResponseUploadForm(forms.Form):
    file = LimitedFileField(
        max_mb=MAX_UPLOAD_MB,
        label=gettext_lazy("Export file (CSV or Excel)"),
        help_text=gettext_lazy(
            "An export from Google Forms, Microsoft Forms, LimeSurvey, KoboToolbox or Excel."
        ),
    )
    wave = forms.ModelChoiceField(
        label=gettext_lazy("Wave"), queryset=Wave.objects.none(), required=False
    )

    def __init__(self, *args: object, survey: Survey, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["wave"].queryset = survey.waves.all()  # type: ignore[attr-defined]
        if not survey.waves.exists():
            del self.fields["wave"]


def _stored_upload(request: HttpRequest, token: str) -> tuple[bytes, str] | None:
    stored = request.session.get("survey_import", {})
    if not token or stored.get("token") != token:
        return None
    data = uploads.read_upload(token)
    if data is None:
        return None
    return data, str(stored.get("filename", ""))


@login_required
def import_responses_view(
    request: HttpRequest, organisation_slug: str, survey_id: int
) -> HttpResponse:
    """Upload → preview (every unmatched column and answer) → confirm. All or nothing."""
    survey = get_survey_for_user(request.user, organisation_slug, survey_id, min_role=Role.STAFF)
    context: dict[str, object] = {"organisation": survey.organisation, "survey": survey}
    if request.method == "POST" and request.POST.get("step") == "confirm":
        token = request.POST.get("token", "")
        stored = _stored_upload(request, token)
        if stored is None:
            messages.error(request, _("The uploaded file has expired. Upload it again."))
            return redirect(request.path)
        data, filename = stored
        wave = _wave(survey, request, "wave", posted=True)
        skip = request.POST.get("skip_unmatched_columns") == "1"
        if request.session["survey_import"].get("rows", 0) > BACKGROUND_ROWS:
            # A large file is checked again and stored by the worker; the person
            # follows it on the job page instead of waiting for this request.
            job = start_response_import(
                survey, data, filename, by=request.user, wave=wave, skip_unmatched_columns=skip
            )
            uploads.delete_upload(token)
            request.session.pop("survey_import", None)
            return redirect("jobs:status", job.pk)
        plan = plan_response_import(survey, data, filename)
        try:
            n = import_responses(
                survey, plan, by=request.user, wave=wave, skip_unmatched_columns=skip
            )
        except ImportProblemsError as error:
            context.update(
                {
                    "form": ResponseUploadForm(survey=survey),
                    "plan": plan,
                    "problems": error.problems,
                }
            )
            return render(request, "surveys/results/import.html", context, status=400)
        uploads.delete_upload(token)
        request.session.pop("survey_import", None)
        messages.success(
            request,
            ngettext("%(n)s response has been imported.", "%(n)s responses have been imported.", n)
            % {"n": n},
        )
        return redirect("surveys:results", organisation_slug, survey.pk)

    form = ResponseUploadForm(request.POST or None, request.FILES or None, survey=survey)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        plan = plan_response_import(survey, data, upload.name)
        previous = request.session.get("survey_import", {}).get("token", "")
        token = uploads.store_upload(data, replaces=str(previous))
        request.session["survey_import"] = {
            "token": token,
            "filename": upload.name,
            "rows": len(plan.rows),
        }
        wave = form.cleaned_data.get("wave")
        by_code = {q.code: q for q in survey.questions.all()}
        context.update(
            {
                "plan": plan,
                "token": token,
                "wave": wave,
                "filename": upload.name,
                "matched": [(h, by_code[c]) for h, c in plan.mapping.items()],
                "problems": [str(p) for p in plan.problems],
                "can_skip_columns": bool(plan.unmatched_headers) and not plan.problems,
            }
        )
        return render(request, "surveys/results/import.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "surveys/results/import.html", context, status=status)


class XLSFormUploadForm(forms.Form):
    file = LimitedFileField(
        max_mb=MAX_UPLOAD_MB,
        label=gettext_lazy("XLSForm file (.xlsx)"),
        help_text=gettext_lazy(
            "A workbook with the sheets survey and choices, as used by KoboToolbox and ODK."
        ),
    )


@login_required
def import_xlsform(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    form = XLSFormUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"organisation": organisation, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            survey, warnings = create_survey_from_xlsform(
                organisation, upload.read(), upload.name, by=request.user
            )
        except ImportProblemsError as error:
            context["problems"] = error.problems
            return render(request, "surveys/results/xlsform.html", context, status=400)
        context.update({"survey": survey, "warnings": warnings})
        messages.success(
            request,
            _("The survey '%(title)s' has been made as a draft.") % {"title": survey.title},
        )
        return render(request, "surveys/results/xlsform.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "surveys/results/xlsform.html", context, status=status)
