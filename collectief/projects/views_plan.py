"""Pages of step 2: the plan of action, and uitspreken – afspreken – aanspreken.

Everyone in the project (owner and current partners, every role) reads
these pages; medewerkers and beheerders of the owner and of the partners
write the plan and the agreements together, because the werkgroep is
theirs jointly. Access is decided in ``access.py``; writes go through the
services. Changing and removing what was added is in ``views_edit``; steps
3 and 4 are in ``views_progress``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collectief.changestories.services import ConflictError, story_content
from collectief.lib.errors import ServiceError
from collectief.projects import services_plan
from collectief.projects.access import get_project_for_user, get_project_item_for_user
from collectief.projects.forms_plan import (
    AgreementForm,
    FollowUpForm,
    GoalForm,
    MemberForm,
    MilestoneForm,
    PlanForm,
    RoleForm,
    StoryForm,
)
from collectief.projects.models import (
    Agreement,
    AgreementStatus,
    Milestone,
    PartnerRole,
    Project,
    WorkingGroupMember,
)
from collectief.projects.plan_pdf import plan_context, render_plan_pdf
from collectief.projects.views_common import (
    Request,
    form_error,
    form_page,
    page,
    save_form,
    staff,
    viewer_of,
)

# --- step 2: the plan --------------------------------------------------------------------


@login_required
@require_GET
def plan(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(request.user, organisation_slug, project_id)
    return page(request, project, "projects/plan.html", **plan_context(project))


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = staff(request, organisation_slug, project_id)
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            services_plan.save_plan(
                project, by=request.user, organisation=viewer_of(project), **form.cleaned_data
            )
            messages.success(request, _("The plan has been saved."))
            return redirect("projects:plan", organisation_slug, project.pk)
    else:
        form = PlanForm(initial={f: getattr(project, f) for f in services_plan.PLAN_FIELDS})
    return form_page(request, project, form, heading=_("Why this project?"), back="plan")


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = staff(request, organisation_slug, project_id)
    if request.method == "POST":
        form = MemberForm(request.POST, project=project)
        if form.is_valid():
            try:
                member = services_plan.add_member(
                    project, by=request.user, organisation=viewer_of(project), **form.cleaned_data
                )
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request, _("%(name)s is in the werkgroep.") % {"name": member.name}
                )
                return redirect("projects:plan", organisation_slug, project.pk)
    else:
        form = MemberForm(project=project)
    return form_page(
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
        result = action(member, by=request.user, organisation=viewer_of(member.project))
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
    return page(request, member.project, "projects/member_remove.html", member=member)


@login_required
@require_http_methods(["GET", "POST"])
def role(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    """The viewer's own organisation: its role, contribution, mandate and expectations."""
    project = staff(request, organisation_slug, project_id)
    viewer = viewer_of(project)
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
    return form_page(
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
    project = staff(request, organisation_slug, project_id)
    return save_form(
        request,
        project,
        GoalForm(request.POST if request.method == "POST" else None),
        lambda data: services_plan.add_goal(
            project, by=request.user, organisation=viewer_of(project), **data
        ),
        done=_("The goal has been added."),
        heading=_("Add a goal"),
        submit=_("Add"),
        back="plan",
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_add(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = staff(request, organisation_slug, project_id)
    return save_form(
        request,
        project,
        MilestoneForm(request.POST if request.method == "POST" else None),
        lambda data: services_plan.add_milestone(
            project, by=request.user, organisation=viewer_of(project), **data
        ),
        done=_("The milestone has been added to the planning."),
        heading=_("Add a milestone"),
        submit=_("Add"),
        back="plan",
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
            milestone, by=request.user, organisation=viewer_of(milestone.project)
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
    project = staff(request, organisation_slug, project_id)
    if request.method == "POST":
        form = StoryForm(request.POST)
        if form.is_valid():
            try:
                services_plan.save_project_story(
                    project,
                    form.content(),
                    by=request.user,
                    organisation=viewer_of(project),
                    base_version=(
                        form.cleaned_data["version"] if project.change_story is not None else None
                    ),
                )
            except ConflictError as exc:
                form.add_error(None, exc.message)
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("The change story of the project has been saved."))
                return redirect("projects:plan", organisation_slug, project.pk)
    else:
        form = StoryForm(initial=_story_initial(project))
    return form_page(
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
    return page(
        request,
        project,
        "projects/agreements.html",
        roles=list(project.roles.select_related("organisation")),
        agreements=list(
            project.agreements.select_related("owner").prefetch_related("follow_ups__organisation")
        ),
        statuses=AgreementStatus,
        # An open agreement of an organisation that left needs a new owner; the page says so.
        taking_part={project.owner_id}
        | set(
            project.partnerships.filter(left_on__isnull=True).values_list(
                "organisation_id", flat=True
            )
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_add(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = staff(request, organisation_slug, project_id)
    return save_form(
        request,
        project,
        AgreementForm(request.POST if request.method == "POST" else None, project=project),
        lambda data: services_plan.add_agreement(
            project, by=request.user, organisation=viewer_of(project), **data
        ),
        done=_("The agreement has been recorded."),
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
            agreement, status, by=request.user, organisation=viewer_of(agreement.project)
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
    return save_form(
        request,
        project,
        FollowUpForm(request.POST if request.method == "POST" else None),
        lambda data: services_plan.add_follow_up(
            agreement, by=request.user, organisation=viewer_of(project), **data
        ),
        done=_("The follow-up has been recorded; every partner sees it."),
        heading=_("Follow up a missed agreement"),
        intro=_(
            "“%(what)s” was not kept. The magazine gives three ways on: address each other on "
            "the agreement; if it was not clear, agree on it again and record it; if it is "
            "not clear what you expect of each other, say it out loud first."
        )
        % {"what": agreement.what},
        back="agreements",
    )
