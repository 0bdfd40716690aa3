"""Pages of steps 3 and 4: carrying out, and learn, adjust and finish.

Same rules as the plan (``views_plan``): everyone in the project reads;
medewerkers and beheerders of the owner and of the partners write the log
and the lessons together; the step 4 decision is the owner's.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collectief.accounts.models import Role
from collectief.directory.models import TaxonomyTerm
from collectief.lib.errors import ServiceError
from collectief.projects import services_progress
from collectief.projects.access import (
    get_participant_for_user,
    get_project_for_user,
    get_project_item_for_user,
)
from collectief.projects.forms_plan import (
    DecisionForm,
    DeliversForm,
    EvaluationForm,
    LessonForm,
    LogForm,
)
from collectief.projects.models import Lesson, LogKind, PartnerRole
from collectief.projects.views_common import (
    Request,
    form_page,
    page,
    save_form,
    staff,
    viewer_of,
)

LESSONS_PER_PAGE = 20


# --- step 3: carrying out ---------------------------------------------------------------


@login_required
@require_GET
def progress(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(request.user, organisation_slug, project_id)
    roles = {r.organisation_id: r for r in project.roles.all()}
    participants = [project.owner] + [
        p.organisation
        for p in project.partnerships.filter(left_on__isnull=True).select_related("organisation")
    ]
    return page(
        request,
        project,
        "projects/progress.html",
        log=list(project.log.select_related("organisation")),
        contributions=[(o, roles.get(o.pk)) for o in participants],
        interim=LogKind.INTERIM,
        viewer_id=viewer_of(project).pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_add(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = staff(request, organisation_slug, project_id)
    return save_form(
        request,
        project,
        LogForm(request.POST if request.method == "POST" else None),
        lambda data: services_progress.add_log_entry(
            project, by=request.user, organisation=viewer_of(project), **data
        ),
        done=_("Added to the progress log."),
        heading=_("Progress or interim evaluation"),
        submit=_("Add"),
        back="progress",
    )


@login_required
@require_http_methods(["GET", "POST"])
def delivers(
    request: Request, organisation_slug: str, project_id: int, organisation_id: int
) -> HttpResponse:
    project, partner = get_participant_for_user(
        request.user, organisation_slug, project_id, organisation_id
    )
    # A second assessment changes the first: the form shows what was chosen before.
    existing = PartnerRole.objects.filter(project=project, organisation=partner).first()
    form = DeliversForm(
        request.POST if request.method == "POST" else None,
        initial=(
            {"delivers": existing.delivers, "note": existing.delivers_note}
            if existing is not None and existing.delivers
            else {}
        ),
    )
    return save_form(
        request,
        project,
        form,
        lambda data: services_progress.assess_contribution(
            project, partner, by=request.user, organisation=viewer_of(project), **data
        ),
        done=_("Saved."),
        heading=_("Does %(name)s deliver its contribution?") % {"name": partner.name},
        back="progress",
    )


# --- step 4: learn, adjust, finish ------------------------------------------------------------


@login_required
@require_GET
def learn(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(request.user, organisation_slug, project_id)
    viewer = viewer_of(project)
    return page(
        request,
        project,
        "projects/learn.html",
        figures=list(project.figures.select_related("organisation")),
        surveys=list(project.surveys.select_related("organisation")),
        lessons=list(project.lessons.select_related("organisation")),
        viewer_id=viewer.pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = staff(request, organisation_slug, project_id)
    viewer = viewer_of(project)
    choices = {
        "figures": services_progress.linkable_figures(viewer),
        "surveys": services_progress.linkable_surveys(viewer),
    }
    if request.method == "POST":
        form = EvaluationForm(request.POST, **choices)
        if form.is_valid():
            services_progress.save_evaluation(
                project, by=request.user, organisation=viewer, **form.cleaned_data
            )
            messages.success(request, _("The effect evaluation has been saved."))
            return redirect("projects:learn", organisation_slug, project.pk)
    else:
        form = EvaluationForm(
            initial={
                "effect_summary": project.effect_summary,
                "figures": project.figures.filter(organisation=viewer),
                "surveys": project.surveys.filter(organisation=viewer),
            },
            **choices,
        )
    return form_page(
        request,
        project,
        form,
        heading=_("Effect evaluation"),
        intro=_(
            "Link your own figures and questionnaires: everyone in the project then sees the "
            "figure and the questionnaire's title. Survey results stay with your organisation."
        ),
        back="learn",
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(
        request.user, organisation_slug, project_id, min_role=Role.STAFF, owner_only=True
    )
    return save_form(
        request,
        project,
        DecisionForm(request.POST if request.method == "POST" else None),
        lambda data: services_progress.decide(project, by=request.user, **data),
        done=_("The decision has been recorded."),
        heading=_("Continue, embed, stop, or back to step 1?"),
        intro=_(
            "Embedding makes the project an activity of your organisation in the sociale kaart, "
            "for this wijk and theme, and finishes the project."
        ),
        back="learn",
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_add(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = staff(request, organisation_slug, project_id)
    return save_form(
        request,
        project,
        LessonForm(request.POST if request.method == "POST" else None),
        lambda data: services_progress.add_lesson(
            project, by=request.user, organisation=viewer_of(project), **data
        ),
        done=_("The lesson has been saved."),
        heading=_("Lesson learned"),
        submit=_("Add"),
        back="learn",
    )


def _lesson_public(
    request: Request, slug: str, project_id: int, lesson_id: int, public: bool
) -> HttpResponse:
    lesson = get_project_item_for_user(request.user, slug, project_id, Lesson, lesson_id)
    try:
        services_progress.set_lesson_public(
            lesson, by=request.user, organisation=viewer_of(lesson.project), is_public=public
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The lesson is published.") if public else _("The lesson is no longer published."),
        )
    return redirect("projects:learn", slug, project_id)


@login_required
@require_POST
def lesson_publish(
    request: Request, organisation_slug: str, project_id: int, lesson_id: int
) -> HttpResponse:
    return _lesson_public(request, organisation_slug, project_id, lesson_id, True)


@login_required
@require_POST
def lesson_withdraw(
    request: Request, organisation_slug: str, project_id: int, lesson_id: int
) -> HttpResponse:
    return _lesson_public(request, organisation_slug, project_id, lesson_id, False)


@require_GET
def lessons(request: HttpRequest) -> HttpResponse:
    """Public: published lessons learned, by theme, for other wijken and gemeenten."""
    themes = list(TaxonomyTerm.objects.themes().order_by("order", "name"))
    code = request.GET.get("thema", "")[:50]
    theme = next((t for t in themes if t.code == code), None)
    found = services_progress.public_lessons()
    if theme is not None:
        found = found.filter(project__theme=theme)
    page = Paginator(found, LESSONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/lessons.html",
        {"page": page, "themes": themes, "theme": theme},
    )
