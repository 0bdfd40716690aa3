"""Pages of steps 2 to 4: plan of action, agreements, carrying out, learning.

Everyone in the project (owner and current partners, every role) reads
these pages; medewerkers and beheerders of the owner and of the partners
write the plan, agreements, log and lessons together, because the
werkgroep is theirs jointly. The step 4 decision is the owner's. Access is
decided in ``access.py``; writes go through the services.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collectief.accounts.access import can_edit
from collectief.accounts.models import Organisation, Role, User
from collectief.changestories.services import ConflictError, story_content
from collectief.directory.models import TaxonomyTerm
from collectief.lib.errors import ServiceError
from collectief.projects import services_plan, services_progress
from collectief.projects.access import (
    get_participant_for_user,
    get_project_for_user,
    get_project_item_for_user,
)
from collectief.projects.forms_plan import (
    AgreementForm,
    DecisionForm,
    DeliversForm,
    EvaluationForm,
    FollowUpForm,
    GoalForm,
    LessonForm,
    LogForm,
    MemberForm,
    MilestoneForm,
    PlanForm,
    RoleForm,
    StoryForm,
)
from collectief.projects.models import (
    Agreement,
    AgreementStatus,
    Lesson,
    LogKind,
    Milestone,
    PartnerRole,
    Project,
    WorkingGroupMember,
)
from collectief.projects.plan_pdf import plan_context, render_plan_pdf

LESSONS_PER_PAGE = 20


class Request(HttpRequest):
    """A request of a logged-in person (every view here but the public lessons is one)."""

    user: User


def _viewer(project: Project) -> Organisation:
    return project.viewer_organisation  # type: ignore[attr-defined]


def _staff(request: Request, slug: str, project_id: int) -> Project:
    return get_project_for_user(request.user, slug, project_id, min_role=Role.STAFF)


def _form_error(form: Any, exc: ServiceError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _form_page(
    request: Request,
    project: Project,
    form: Any,
    *,
    heading: str,
    back: str,
    intro: str = "",
    submit: str = "",
) -> HttpResponse:
    """One form on its own page; 400 when it came back with errors."""
    viewer = _viewer(project)
    return render(
        request,
        "projects/form_page.html",
        {
            "organisation": viewer,
            "current_organisation": viewer,
            "project": project,
            "form": form,
            "heading": heading,
            "intro": intro,
            "submit": submit or _("Save"),
            "back": reverse(f"projects:{back}", args=[viewer.slug, project.pk]),
        },
        status=400 if form.is_bound else 200,
    )


def _page(request: Request, project: Project, template: str, **context: Any) -> HttpResponse:
    viewer = _viewer(project)
    return render(
        request,
        template,
        {
            "organisation": viewer,
            "current_organisation": viewer,
            "project": project,
            "can_write": can_edit(request.user, viewer),
            "is_owner": project.viewer_is_owner,  # type: ignore[attr-defined]
            **context,
        },
    )


# --- step 2: the plan --------------------------------------------------------------------


@login_required
@require_GET
def plan(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(request.user, organisation_slug, project_id)
    return _page(request, project, "projects/plan.html", **plan_context(project))


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = _staff(request, organisation_slug, project_id)
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            services_plan.save_plan(
                project, by=request.user, organisation=_viewer(project), **form.cleaned_data
            )
            messages.success(request, _("The plan has been saved."))
            return redirect("projects:plan", organisation_slug, project.pk)
    else:
        form = PlanForm(initial={f: getattr(project, f) for f in services_plan.PLAN_FIELDS})
    return _form_page(request, project, form, heading=_("Why this project?"), back="plan")


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = _staff(request, organisation_slug, project_id)
    if request.method == "POST":
        form = MemberForm(request.POST, project=project)
        if form.is_valid():
            try:
                member = services_plan.add_member(
                    project, by=request.user, organisation=_viewer(project), **form.cleaned_data
                )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(
                    request, _("%(name)s is in the werkgroep.") % {"name": member.name}
                )
                return redirect("projects:plan", organisation_slug, project.pk)
    else:
        form = MemberForm(project=project)
    return _form_page(
        request,
        project,
        form,
        heading=_("Add someone to the werkgroep"),
        intro=_(
            "People of the owner and the partners, and residents who agree to be named. "
            "Make two of them kartrekkers on the plan page."
        ),
        submit=_("Add"),
        back="plan",
    )


def _member(request: Request, slug: str, project_id: int, member_id: int) -> Any:
    return get_project_item_for_user(request.user, slug, project_id, WorkingGroupMember, member_id)


def _member_action(
    request: Request, slug: str, project_id: int, member_id: int, action: Any
) -> HttpResponse:
    member = _member(request, slug, project_id, member_id)
    try:
        result = action(member, by=request.user, organisation=_viewer(member.project))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        if isinstance(result, str):
            messages.success(request, result)
        else:
            messages.success(request, _("%(name)s is a kartrekker.") % {"name": member.name})
    return redirect("projects:plan", slug, project_id)


@login_required
@require_POST
def kartrekker_add(
    request: Request, organisation_slug: str, project_id: int, member_id: int
) -> HttpResponse:
    return _member_action(
        request, organisation_slug, project_id, member_id, services_plan.make_kartrekker
    )


@login_required
@require_POST
def kartrekker_stop(
    request: Request, organisation_slug: str, project_id: int, member_id: int
) -> HttpResponse:
    return _member_action(
        request, organisation_slug, project_id, member_id, services_plan.stop_kartrekker
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(
    request: Request, organisation_slug: str, project_id: int, member_id: int
) -> HttpResponse:
    member = _member(request, organisation_slug, project_id, member_id)
    if member.left_on is not None:
        raise Http404
    if request.method == "POST":
        return _member_action(
            request, organisation_slug, project_id, member_id, services_plan.remove_member
        )
    return _page(request, member.project, "projects/member_remove.html", member=member)


@login_required
@require_http_methods(["GET", "POST"])
def role(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    """The viewer's own organisation: its role, contribution, mandate and expectations."""
    project = _staff(request, organisation_slug, project_id)
    viewer = _viewer(project)
    if request.method == "POST":
        form = RoleForm(request.POST)
        if form.is_valid():
            services_plan.save_role(
                project, by=request.user, organisation=viewer, **form.cleaned_data
            )
            messages.success(request, _("Your role and expectations have been saved."))
            return redirect("projects:plan", organisation_slug, project.pk)
    else:
        existing = PartnerRole.objects.filter(project=project, organisation=viewer).first()
        fields = ("role", "contribution", "mandate", "expectations")
        form = RoleForm(initial={f: getattr(existing, f) for f in fields} if existing else {})
    return _form_page(
        request,
        project,
        form,
        heading=_("Role, contribution and mandate of %(name)s") % {"name": viewer.name},
        intro=_("Everyone in the project sees this. Each organisation writes its own."),
        back="plan",
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_add(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = _staff(request, organisation_slug, project_id)
    form = GoalForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services_plan.add_goal(
            project, by=request.user, organisation=_viewer(project), **form.cleaned_data
        )
        messages.success(request, _("The goal has been added."))
        return redirect("projects:plan", organisation_slug, project.pk)
    return _form_page(
        request, project, form, heading=_("Add a goal"), submit=_("Add"), back="plan"
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_add(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = _staff(request, organisation_slug, project_id)
    form = MilestoneForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services_plan.add_milestone(
            project, by=request.user, organisation=_viewer(project), **form.cleaned_data
        )
        messages.success(request, _("The milestone has been added to the planning."))
        return redirect("projects:plan", organisation_slug, project.pk)
    return _form_page(
        request, project, form, heading=_("Add a milestone"), submit=_("Add"), back="plan"
    )


@login_required
@require_POST
def milestone_done(
    request: Request, organisation_slug: str, project_id: int, milestone_id: int
) -> HttpResponse:
    milestone = get_project_item_for_user(
        request.user, organisation_slug, project_id, Milestone, milestone_id
    )
    try:
        services_plan.complete_milestone(
            milestone, by=request.user, organisation=_viewer(milestone.project)
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Milestone reached."))
    return redirect("projects:plan", organisation_slug, project_id)


def _story_initial(project: Project) -> dict[str, Any]:
    if project.change_story is None:
        return {"version": 0}
    content = story_content(project.change_story)

    def texts(block: str) -> str:
        return "\n".join(item["text"] for item in content[block])

    effects = "\n".join(
        f"{e['name']}: {e['description']}" if e["name"] else e["description"]
        for e in content["effects"]
    )
    return {
        "target_groups": texts("target_groups"),
        "approaches": texts("approaches"),
        "effects": effects,
        "contributions": texts("contributions"),
        "version": project.change_story.version,
    }


@login_required
@require_http_methods(["GET", "POST"])
def story(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    """The project's veranderverhaal (a change story of its own), one item per line."""
    project = _staff(request, organisation_slug, project_id)
    if request.method == "POST":
        form = StoryForm(request.POST)
        if form.is_valid():
            try:
                services_plan.save_project_story(
                    project,
                    form.content(),
                    by=request.user,
                    organisation=_viewer(project),
                    base_version=(
                        form.cleaned_data["version"] if project.change_story is not None else None
                    ),
                )
            except ConflictError as exc:
                form.add_error(None, exc.message)
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The change story of the project has been saved."))
                return redirect("projects:plan", organisation_slug, project.pk)
    else:
        form = StoryForm(initial=_story_initial(project))
    return _form_page(
        request,
        project,
        form,
        heading=_("Change story of the project"),
        intro=_(
            "For whom, what you do, what changes directly, and what it contributes to. "
            "The plan of action shows it."
        ),
        back="plan",
    )


@login_required
@require_GET
def plan_pdf(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(request.user, organisation_slug, project_id)
    response = HttpResponse(render_plan_pdf(project), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-van-aanpak-{project.pk}.pdf"'
    return response


# --- uitspreken, afspreken, aanspreken ------------------------------------------------------


@login_required
@require_GET
def agreements(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(request.user, organisation_slug, project_id)
    return _page(
        request,
        project,
        "projects/agreements.html",
        roles=list(project.roles.select_related("organisation")),
        agreements=list(
            project.agreements.select_related("owner").prefetch_related("follow_ups__organisation")
        ),
        statuses=AgreementStatus,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_add(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = _staff(request, organisation_slug, project_id)
    if request.method == "POST":
        form = AgreementForm(request.POST, project=project)
        if form.is_valid():
            try:
                services_plan.add_agreement(
                    project, by=request.user, organisation=_viewer(project), **form.cleaned_data
                )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The agreement has been recorded."))
                return redirect("projects:agreements", organisation_slug, project.pk)
    else:
        form = AgreementForm(project=project)
    return _form_page(
        request,
        project,
        form,
        heading=_("New agreement"),
        intro=_("Who does what, and by when? The organisation that keeps it gets a reminder."),
        submit=_("Record agreement"),
        back="agreements",
    )


def _agreement_status(
    request: Request, slug: str, project_id: int, agreement_id: int, status: str
) -> HttpResponse:
    agreement = get_project_item_for_user(request.user, slug, project_id, Agreement, agreement_id)
    try:
        services_plan.set_agreement_status(
            agreement, status, by=request.user, organisation=_viewer(agreement.project)
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("projects:agreements", slug, project_id)
    if status == AgreementStatus.MISSED:
        messages.info(request, _("The agreement was missed. Choose how you follow it up."))
        return redirect("projects:follow_up", slug, project_id, agreement.pk)
    messages.success(request, _("The agreement has been kept."))
    return redirect("projects:agreements", slug, project_id)


@login_required
@require_POST
def agreement_kept(
    request: Request, organisation_slug: str, project_id: int, agreement_id: int
) -> HttpResponse:
    return _agreement_status(
        request, organisation_slug, project_id, agreement_id, AgreementStatus.DONE
    )


@login_required
@require_POST
def agreement_missed(
    request: Request, organisation_slug: str, project_id: int, agreement_id: int
) -> HttpResponse:
    return _agreement_status(
        request, organisation_slug, project_id, agreement_id, AgreementStatus.MISSED
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(
    request: Request, organisation_slug: str, project_id: int, agreement_id: int
) -> HttpResponse:
    agreement = get_project_item_for_user(
        request.user, organisation_slug, project_id, Agreement, agreement_id
    )
    project = agreement.project
    if agreement.status != AgreementStatus.MISSED:
        raise Http404
    form = FollowUpForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services_plan.add_follow_up(
            agreement, by=request.user, organisation=_viewer(project), **form.cleaned_data
        )
        messages.success(request, _("The follow-up has been recorded; every partner sees it."))
        return redirect("projects:agreements", organisation_slug, project.pk)
    return _form_page(
        request,
        project,
        form,
        heading=_("Follow up a missed agreement"),
        intro=_(
            "“%(what)s” was not kept. The magazine gives three ways on: address each other on "
            "the agreement; if it was not clear, agree on it again and record it; if it is "
            "not clear what you expect of each other, say it out loud first."
        )
        % {"what": agreement.what},
        back="agreements",
    )


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
    return _page(
        request,
        project,
        "projects/progress.html",
        log=list(project.log.select_related("organisation")),
        contributions=[(o, roles.get(o.pk)) for o in participants],
        interim=LogKind.INTERIM,
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_add(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = _staff(request, organisation_slug, project_id)
    form = LogForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services_progress.add_log_entry(
                project, by=request.user, organisation=_viewer(project), **form.cleaned_data
            )
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Added to the progress log."))
            return redirect("projects:progress", organisation_slug, project.pk)
    return _form_page(
        request,
        project,
        form,
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
    form = DeliversForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services_progress.assess_contribution(
            project, partner, by=request.user, organisation=_viewer(project), **form.cleaned_data
        )
        messages.success(request, _("Saved."))
        return redirect("projects:progress", organisation_slug, project.pk)
    return _form_page(
        request,
        project,
        form,
        heading=_("Does %(name)s deliver its contribution?") % {"name": partner.name},
        back="progress",
    )


# --- step 4: learn, adjust, finish ------------------------------------------------------------


@login_required
@require_GET
def learn(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(request.user, organisation_slug, project_id)
    viewer = _viewer(project)
    return _page(
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
    project = _staff(request, organisation_slug, project_id)
    viewer = _viewer(project)
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
    return _form_page(
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
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            project = services_progress.decide(project, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("projects:learn", organisation_slug, project.pk)
    return _form_page(
        request,
        project,
        form,
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
    project = _staff(request, organisation_slug, project_id)
    form = LessonForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services_progress.add_lesson(
            project, by=request.user, organisation=_viewer(project), **form.cleaned_data
        )
        messages.success(request, _("The lesson has been saved."))
        return redirect("projects:learn", organisation_slug, project.pk)
    return _form_page(
        request, project, form, heading=_("Lesson learned"), submit=_("Add"), back="learn"
    )


def _lesson_public(
    request: Request, slug: str, project_id: int, lesson_id: int, public: bool
) -> HttpResponse:
    lesson = get_project_item_for_user(request.user, slug, project_id, Lesson, lesson_id)
    try:
        services_progress.set_lesson_public(
            lesson, by=request.user, organisation=_viewer(lesson.project), is_public=public
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
