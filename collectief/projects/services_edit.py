"""Changing and removing what a project holds: werkgroep members, goals, milestones,
agreements, log entries and lessons.

The checks are the ones of adding (``goal_values``, ``agreement_values`` …
in ``services_plan`` and ``services_progress``), so that a corrected text
meets the same rules as a new one. Same conventions as there: one
transaction, an audit record that names the fields that changed and never
the texts, a Dutch ``ServiceError`` when a rule is broken. Access has been
checked before, in ``access.py``; a rule that follows from the item itself
(an agreement that is no longer open, an entry of another organisation) is
checked here again, because the item may have changed since the page was
opened.

Removing is for what was entered by mistake. A kept or missed agreement, a
follow-up and a member who took part are history and stay; the page says so.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation, User
from collectief.audit.services import record_event
from collectief.lib.errors import ServiceError
from collectief.projects.models import (
    Agreement,
    AgreementStatus,
    Goal,
    Lesson,
    LogEntry,
    Milestone,
    Project,
    WorkingGroupMember,
)
from collectief.projects.services import apply_changes
from collectief.projects.services_plan import (
    _touch,
    agreement_values,
    goal_values,
    member_values,
    milestone_values,
)
from collectief.projects.services_progress import lesson_values, log_values


def _locked(model: Any, item: Model) -> Any:
    """The item again, locked, as it is now (it may have been changed or removed since)."""
    found = model.objects.select_for_update().filter(pk=item.pk).first()
    if found is None:
        raise ServiceError(_("Someone has just removed this. Nothing has been changed."))
    return found


def _record(
    action: str, project: Project, *, by: User | None, organisation: Organisation, **details: Any
) -> None:
    _touch(project)
    record_event(action, project, by=by, organisation_id=organisation.pk, details=details)


def _save_changes(
    item: Any,
    values: dict[str, Any],
    action: str,
    *,
    by: User | None,
    organisation: Organisation,
    key: str,
    **details: Any,
) -> None:
    """Save the fields that changed and record them (an unchanged form is recorded too)."""
    changed = apply_changes(item, values)
    if changed:
        item.save(update_fields=changed)
    _record(
        action,
        item.project,
        by=by,
        organisation=organisation,
        fields=changed,
        **{key: item.pk},
        **details,
    )


def _remove(
    item: Any, action: str, *, by: User | None, organisation: Organisation, key: str
) -> None:
    project, pk = item.project, item.pk
    item.delete()
    _record(action, project, by=by, organisation=organisation, **{key: pk})


def _require_writer(item: LogEntry | Lesson, organisation: Organisation) -> None:
    if item.organisation_id != organisation.pk:
        raise ServiceError(_("Only the organisation that wrote this changes or removes it."))


# --- werkgroep -------------------------------------------------------------------------


@transaction.atomic
def update_member(
    member: WorkingGroupMember,
    *,
    by: User | None,
    organisation: Organisation,
    name: str,
    task: str = "",
) -> WorkingGroupMember:
    """Correct the name or task of a current member (the organisation stays as it is)."""
    values = member_values(name=name, task=task)
    member = _locked(WorkingGroupMember, member)
    if member.left_on is not None:
        raise ServiceError(
            _("%(name)s has left the werkgroep; the plan keeps the name as it was.")
            % {"name": member.name}
        )
    _save_changes(
        member, values, "projects.member.update", by=by, organisation=organisation, key="member"
    )
    return member


# --- goals and planning ------------------------------------------------------------------


@transaction.atomic
def update_goal(goal: Goal, *, by: User | None, organisation: Organisation, text: str) -> Goal:
    values = goal_values(text=text)
    goal = _locked(Goal, goal)
    _save_changes(
        goal, values, "projects.goal.update", by=by, organisation=organisation, key="goal"
    )
    return goal


@transaction.atomic
def remove_goal(goal: Goal, *, by: User | None, organisation: Organisation) -> None:
    _remove(
        _locked(Goal, goal), "projects.goal.remove", by=by, organisation=organisation, key="goal"
    )


@transaction.atomic
def update_milestone(
    milestone: Milestone,
    *,
    by: User | None,
    organisation: Organisation,
    title: str,
    due_on: datetime.date | None,
) -> Milestone:
    """Correct the title or move the date; a milestone reached stays reached."""
    values = milestone_values(title=title, due_on=due_on)
    milestone = _locked(Milestone, milestone)
    _save_changes(
        milestone,
        values,
        "projects.milestone.update",
        by=by,
        organisation=organisation,
        key="milestone",
    )
    return milestone


@transaction.atomic
def remove_milestone(milestone: Milestone, *, by: User | None, organisation: Organisation) -> None:
    _remove(
        _locked(Milestone, milestone),
        "projects.milestone.remove",
        by=by,
        organisation=organisation,
        key="milestone",
    )


# --- agreements ------------------------------------------------------------------------


def require_open(agreement: Agreement) -> None:
    """Only an open agreement is changed or removed (the change page asks this too)."""
    if agreement.status != AgreementStatus.OPEN:
        raise ServiceError(
            _(
                "This agreement has been marked %(status)s; it stays as it was. "
                "Make a new agreement instead."
            )
            % {"status": agreement.get_status_display()}
        )


@transaction.atomic
def update_agreement(
    agreement: Agreement,
    *,
    by: User | None,
    organisation: Organisation,
    owner: Organisation | None,
    what: str,
    due_on: datetime.date | None,
    person: str = "",
) -> Agreement:
    """Change an open agreement: who keeps it, what, by when.

    This is also how an agreement of a partner that left gets a new owner.
    A new owner or a new date means a new reminder before that date.
    """
    agreement = _locked(Agreement, agreement)
    require_open(agreement)
    values = agreement_values(
        agreement.project, owner=owner, what=what, due_on=due_on, person=person
    )
    changed = apply_changes(agreement, values)
    if {"owner", "due_on"} & set(changed):
        agreement.reminded_on = None
    if changed:
        agreement.save(update_fields=[*changed, "reminded_on"])
    _record(
        "projects.agreement.update",
        agreement.project,
        by=by,
        organisation=organisation,
        agreement=agreement.pk,
        fields=changed,
        owner=agreement.owner.slug,
    )
    return agreement


@transaction.atomic
def remove_agreement(agreement: Agreement, *, by: User | None, organisation: Organisation) -> None:
    """Remove an open agreement made by mistake; kept and missed ones stay as history."""
    agreement = _locked(Agreement, agreement)
    require_open(agreement)
    _remove(
        agreement, "projects.agreement.remove", by=by, organisation=organisation, key="agreement"
    )


# --- progress log and lessons: only the organisation that wrote them -----------------------


@transaction.atomic
def update_log_entry(
    entry: LogEntry,
    *,
    by: User | None,
    organisation: Organisation,
    text: str,
    happened_on: datetime.date | None,
    kind: str,
    residents: int = 0,
) -> LogEntry:
    values = log_values(kind=kind, text=text, happened_on=happened_on, residents=residents)
    entry = _locked(LogEntry, entry)
    _require_writer(entry, organisation)
    _save_changes(
        entry, values, "projects.log.update", by=by, organisation=organisation, key="entry"
    )
    return entry


@transaction.atomic
def remove_log_entry(entry: LogEntry, *, by: User | None, organisation: Organisation) -> None:
    entry = _locked(LogEntry, entry)
    _require_writer(entry, organisation)
    _remove(entry, "projects.log.remove", by=by, organisation=organisation, key="entry")


@transaction.atomic
def update_lesson(
    lesson: Lesson,
    *,
    by: User | None,
    organisation: Organisation,
    text: str,
    is_public: bool = False,
) -> Lesson:
    """Correct a lesson, and publish or withdraw it in the same step."""
    values = lesson_values(text=text, is_public=is_public)
    lesson = _locked(Lesson, lesson)
    _require_writer(lesson, organisation)
    _save_changes(
        lesson,
        values,
        "projects.lesson.update",
        by=by,
        organisation=organisation,
        key="lesson",
        public=values["is_public"],
    )
    return lesson


@transaction.atomic
def remove_lesson(lesson: Lesson, *, by: User | None, organisation: Organisation) -> None:
    """Remove a lesson; a published one disappears from the public page at once."""
    lesson = _locked(Lesson, lesson)
    _require_writer(lesson, organisation)
    _remove(lesson, "projects.lesson.remove", by=by, organisation=organisation, key="lesson")
