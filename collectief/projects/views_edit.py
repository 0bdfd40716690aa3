"""Changing and removing what a project holds: the project itself (title, question,
wijk, theme), werkgroep members, goals, milestones, agreements, progress log entries
and lessons.

A change page is the add form, filled in with what is there; a form that
comes back with errors shows what was typed. Removing asks first, on a page
of its own, as removing a partner or a member does. Medewerkers and
beheerders of the owner change the project itself; those of the owner and of
the partners change the plan and the
agreements; a log entry or a lesson only its own organisation. Access is
decided in ``access.py``; writes go through ``services_edit``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from collectief.accounts.models import Role
from collectief.lib.errors import ServiceError
from collectief.projects import services, services_edit
from collectief.projects.access import get_project_for_user, get_project_item_for_user
from collectief.projects.forms import ProjectDetailsForm
from collectief.projects.forms_plan import (
    AgreementForm,
    GoalForm,
    LessonForm,
    LogForm,
    MemberDetailsForm,
    MilestoneForm,
)
from collectief.projects.models import (
    Agreement,
    Goal,
    Lesson,
    LogEntry,
    Milestone,
    WorkingGroupMember,
)
from collectief.projects.services_plan import takes_part
from collectief.projects.views_common import Request, page, save_form, viewer_of


def _data(request: Request) -> Any:
    return request.POST if request.method == "POST" else None


def _change(
    request: Request,
    item: Any,
    form: Any,
    update: Callable[..., Any],
    *,
    heading: str,
    back: str,
    done: str,
    intro: str = "",
) -> HttpResponse:
    """The change page of one item: save and go back, or show the form (400 with errors)."""
    project = item.project
    return save_form(
        request,
        project,
        form,
        lambda data: update(item, by=request.user, organisation=viewer_of(project), **data),
        heading=heading,
        intro=intro,
        back=back,
        done=done,
    )


def _remove(
    request: Request,
    item: Any,
    remove: Callable[..., Any],
    *,
    heading: str,
    text: str,
    back: str,
    done: str,
) -> HttpResponse:
    """Ask first (GET), remove on POST; a rule that refuses is told on the page it came from."""
    project = item.project
    viewer = viewer_of(project)
    if request.method == "POST":
        try:
            remove(item, by=request.user, organisation=viewer)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, done)
        return redirect(f"projects:{back}", viewer.slug, project.pk)
    return page(
        request,
        project,
        "projects/confirm_remove.html",
        heading=heading,
        text=text,
        back_url=reverse(f"projects:{back}", args=[viewer.slug, project.pk]),
    )


def _item(
    request: Request, slug: str, project_id: int, model: Any, item_id: int, **kwargs: Any
) -> Any:
    return get_project_item_for_user(request.user, slug, project_id, model, item_id, **kwargs)


# --- the project itself (the owner) ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: Request, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(
        request.user, organisation_slug, project_id, min_role=Role.STAFF, owner_only=True
    )
    form = ProjectDetailsForm(
        _data(request),
        initial={
            "title": project.title,
            "question": project.question,
            "wijk": project.wijk.code,
            "theme": project.theme_id,
        },
    )
    return save_form(
        request,
        project,
        form,
        lambda data: services.update_project(project, by=request.user, **data),
        done=_("The project has been changed."),
        heading=_("Change the project"),
        intro=_(
            "Another wijk or theme shows other provisions in step 1; the answers about the "
            "former ones are kept."
        ),
        back="detail",
    )


# --- werkgroep -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(
    request: Request, organisation_slug: str, project_id: int, member_id: int
) -> HttpResponse:
    member = _item(request, organisation_slug, project_id, WorkingGroupMember, member_id)
    form = MemberDetailsForm(_data(request), initial={"name": member.name, "task": member.task})
    return _change(
        request,
        member,
        form,
        services_edit.update_member,
        heading=_("Change %(name)s in the werkgroep") % {"name": member.name},
        intro=_("To move someone to another organisation, remove them and add them again."),
        back="plan",
        done=_("The werkgroep has been changed."),
    )


# --- goals and planning ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(
    request: Request, organisation_slug: str, project_id: int, goal_id: int
) -> HttpResponse:
    goal = _item(request, organisation_slug, project_id, Goal, goal_id)
    form = GoalForm(_data(request), initial={"text": goal.text})
    return _change(
        request,
        goal,
        form,
        services_edit.update_goal,
        heading=_("Change a goal"),
        back="plan",
        done=_("The goal has been changed."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_remove(
    request: Request, organisation_slug: str, project_id: int, goal_id: int
) -> HttpResponse:
    goal = _item(request, organisation_slug, project_id, Goal, goal_id)
    return _remove(
        request,
        goal,
        services_edit.remove_goal,
        heading=_("Remove this goal?"),
        text=goal.text,
        back="plan",
        done=_("The goal has been removed."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(
    request: Request, organisation_slug: str, project_id: int, milestone_id: int
) -> HttpResponse:
    milestone = _item(request, organisation_slug, project_id, Milestone, milestone_id)
    form = MilestoneForm(
        _data(request), initial={"title": milestone.title, "due_on": milestone.due_on}
    )
    return _change(
        request,
        milestone,
        form,
        services_edit.update_milestone,
        heading=_("Change a milestone"),
        back="plan",
        done=_("The planning has been changed."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_remove(
    request: Request, organisation_slug: str, project_id: int, milestone_id: int
) -> HttpResponse:
    milestone = _item(request, organisation_slug, project_id, Milestone, milestone_id)
    return _remove(
        request,
        milestone,
        services_edit.remove_milestone,
        heading=_("Remove this milestone from the planning?"),
        text=milestone.title,
        back="plan",
        done=_("The milestone has been removed from the planning."),
    )


# --- agreements ------------------------------------------------------------------------


def _open_agreement(request: Request, slug: str, project_id: int, agreement_id: int) -> Any:
    agreement = _item(request, slug, project_id, Agreement, agreement_id)
    try:
        # Kept and missed agreements are history: say so instead of a form that cannot save.
        services_edit.require_open(agreement)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return None
    return agreement


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(
    request: Request, organisation_slug: str, project_id: int, agreement_id: int
) -> HttpResponse:
    agreement = _open_agreement(request, organisation_slug, project_id, agreement_id)
    if agreement is None:
        return redirect("projects:agreements", organisation_slug, project_id)
    project = agreement.project
    owner_left = not takes_part(project, agreement.owner)
    form = AgreementForm(
        _data(request),
        project=project,
        initial={
            # An owner that left is no choice any more: the form asks for a new one.
            "owner": None if owner_left else agreement.owner_id,
            "person": agreement.person,
            "what": agreement.what,
            "due_on": agreement.due_on,
        },
    )
    intro = (
        _("%(name)s no longer takes part in the project. Choose who keeps this agreement now.")
        % {"name": agreement.owner.name}
        if owner_left
        else _("A new organisation or date means a new reminder before that date.")
    )
    return _change(
        request,
        agreement,
        form,
        services_edit.update_agreement,
        heading=_("Change an agreement"),
        intro=intro,
        back="agreements",
        done=_("The agreement has been changed."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_remove(
    request: Request, organisation_slug: str, project_id: int, agreement_id: int
) -> HttpResponse:
    agreement = _open_agreement(request, organisation_slug, project_id, agreement_id)
    if agreement is None:
        return redirect("projects:agreements", organisation_slug, project_id)
    return _remove(
        request,
        agreement,
        services_edit.remove_agreement,
        heading=_("Remove this agreement?"),
        text=_(
            "“%(what)s”. Only remove an agreement that was made by mistake; every partner "
            "saw it. Not going to keep it? Mark it missed and follow it up instead."
        )
        % {"what": agreement.what},
        back="agreements",
        done=_("The agreement has been removed."),
    )


# --- progress log and lessons: the organisation that wrote them --------------------------


@login_required
@require_http_methods(["GET", "POST"])
def log_edit(
    request: Request, organisation_slug: str, project_id: int, entry_id: int
) -> HttpResponse:
    entry = _item(request, organisation_slug, project_id, LogEntry, entry_id, writer_only=True)
    initial = {
        "kind": entry.kind,
        "happened_on": entry.happened_on,
        "text": entry.text,
        "residents": entry.residents,
    }
    return _change(
        request,
        entry,
        LogForm(_data(request), initial=initial),
        services_edit.update_log_entry,
        heading=_("Change progress or an interim evaluation"),
        back="progress",
        done=_("The progress log has been changed."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_remove(
    request: Request, organisation_slug: str, project_id: int, entry_id: int
) -> HttpResponse:
    entry = _item(request, organisation_slug, project_id, LogEntry, entry_id, writer_only=True)
    return _remove(
        request,
        entry,
        services_edit.remove_log_entry,
        heading=_("Remove this from the progress log?"),
        text=entry.text,
        back="progress",
        done=_("Removed from the progress log."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(
    request: Request, organisation_slug: str, project_id: int, lesson_id: int
) -> HttpResponse:
    lesson = _item(request, organisation_slug, project_id, Lesson, lesson_id, writer_only=True)
    form = LessonForm(_data(request), initial={"text": lesson.text, "is_public": lesson.is_public})
    return _change(
        request,
        lesson,
        form,
        services_edit.update_lesson,
        heading=_("Change a lesson learned"),
        back="learn",
        done=_("The lesson has been changed."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_remove(
    request: Request, organisation_slug: str, project_id: int, lesson_id: int
) -> HttpResponse:
    lesson = _item(request, organisation_slug, project_id, Lesson, lesson_id, writer_only=True)
    text = lesson.text
    if lesson.is_public:
        text = _("%(text)s (Published: it also disappears from the public page.)") % {"text": text}
    return _remove(
        request,
        lesson,
        services_edit.remove_lesson,
        heading=_("Remove this lesson?"),
        text=text,
        back="learn",
        done=_("The lesson has been removed."),
    )
