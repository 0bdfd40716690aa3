"""Step 2 of the routekaart: the plan of action and uitspreken – afspreken – aanspreken.

Every write is one transaction with an audit record that names what
changed, never the texts. ``organisation`` is the organisation the acting
person works for in this project (the owner or a current partner); access
has been checked before, in ``access.py``. The rules of the domain are
checked here and refused with a Dutch ``ServiceError``:

- the werkgroep has at most two kartrekkers, from the owner or a current
  partner, so that they can stand in for each other;
- an organisation that left the project is no kartrekker and owns no new
  agreement;
- an agreement always has an owner, a text and a date.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation, User
from collectief.audit.services import record_event
from collectief.changestories import services as story_services
from collectief.changestories.models import ChangeStory
from collectief.lib.errors import ServiceError
from collectief.projects.models import (
    ANSWER_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Agreement,
    AgreementStatus,
    FollowUp,
    FollowUpKind,
    Goal,
    Milestone,
    PartnerRole,
    Partnership,
    Project,
    WorkingGroupMember,
)
from collectief.projects.services import _text

KARTREKKERS = 2
PLAN_FIELDS = ("problem", "intention", "vision", "desired_result", "residents_role")


def _touch(project: Project) -> None:
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())


def takes_part(project: Project, organisation: Organisation) -> bool:
    """The owner or a current partner."""
    return (
        organisation.pk == project.owner_id
        or Partnership.objects.filter(
            project=project, organisation=organisation, left_on__isnull=True
        ).exists()
    )


def _require_taking_part(project: Project, organisation: Organisation, field: str) -> None:
    if takes_part(project, organisation):
        return
    if Partnership.objects.filter(project=project, organisation=organisation).exists():
        raise ServiceError(
            _("%(name)s has left the project; choose an organisation that takes part now.")
            % {"name": organisation.name},
            field=field,
        )
    raise ServiceError(
        _("%(name)s does not take part in the project.") % {"name": organisation.name},
        field=field,
    )


@transaction.atomic
def save_plan(
    project: Project, *, by: User | None, organisation: Organisation, **texts: str
) -> Project:
    """Waarom: problem or opportunity, intention, vision, desired result, residents' part."""
    unknown = set(texts) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Not plan fields: {sorted(unknown)}")
    changed = []
    for field, value in texts.items():
        value = _text(value, field, NOTE_MAX_LENGTH)
        if getattr(project, field) != value:
            setattr(project, field, value)
            changed.append(field)
    if changed:
        project.save(update_fields=[*changed, "updated_at"])
    record_event(
        "projects.plan.save",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={"fields": sorted(changed)},
    )
    return project


# --- werkgroep and kartrekkers -------------------------------------------------------------


def member_values(*, name: str, task: str = "") -> dict[str, Any]:
    """The one check of a werkgroep member's name and task, for adding and for changing."""
    return {
        "name": _text(name, "name", TITLE_MAX_LENGTH, required=True),
        "task": _text(task, "task", ANSWER_MAX_LENGTH),
    }


@transaction.atomic
def add_member(
    project: Project,
    *,
    by: User | None,
    organisation: Organisation,
    name: str,
    member_organisation: Organisation | None,
    task: str = "",
    resident_consent: bool = False,
) -> WorkingGroupMember:
    """A person joins the werkgroep: from an organisation taking part, or a resident.

    A resident is named only with their consent; without it, count them with
    the residents involved instead.
    """
    values = member_values(name=name, task=task)
    if member_organisation is None:
        if not resident_consent:
            raise ServiceError(
                _(
                    "A resident is named only with their consent. Tick that they agreed, "
                    "or count them with the residents involved."
                ),
                field="resident_consent",
            )
    else:
        _require_taking_part(project, member_organisation, "member_organisation")
    member = WorkingGroupMember.objects.create(
        project=project,
        organisation=member_organisation,
        joined_on=timezone.localdate(),
        **values,
    )
    _touch(project)
    record_event(
        "projects.member.add",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={
            "member": member.pk,
            "of": member_organisation.slug if member_organisation else "bewoner",
        },
    )
    return member


def current_kartrekkers(project: Project) -> list[WorkingGroupMember]:
    return list(
        project.members.filter(kartrekker_slot__isnull=False)
        .select_related("organisation")
        .order_by("kartrekker_slot")
    )


@transaction.atomic
def make_kartrekker(
    member: WorkingGroupMember, *, by: User | None, organisation: Organisation
) -> WorkingGroupMember:
    """Make a member one of the (at most two) kartrekkers."""
    project = Project.objects.select_for_update().get(pk=member.project_id)
    member = WorkingGroupMember.objects.select_related("organisation").get(pk=member.pk)
    if member.left_on is not None:
        raise ServiceError(_("%(name)s has left the werkgroep.") % {"name": member.name})
    if member.kartrekker_slot is not None:
        raise ServiceError(_("%(name)s is a kartrekker already.") % {"name": member.name})
    if member.organisation is None:
        raise ServiceError(
            _("A kartrekker comes from an organisation taking part: the owner or a partner.")
        )
    _require_taking_part(project, member.organisation, "member")
    taken = set(
        project.members.filter(kartrekker_slot__isnull=False).values_list(
            "kartrekker_slot", flat=True
        )
    )
    free = [slot for slot in range(1, KARTREKKERS + 1) if slot not in taken]
    if not free:
        raise ServiceError(
            _(
                "The project has two kartrekkers already. Make one of them an ordinary "
                "member first."
            )
        )
    member.kartrekker_slot = free[0]
    member.save(update_fields=["kartrekker_slot"])
    _touch(project)
    record_event(
        "projects.kartrekker.add",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={"member": member.pk, "slot": member.kartrekker_slot},
    )
    return member


def _release_kartrekker(member: WorkingGroupMember) -> str:
    """Free the member's slot; the Dutch message says who is left to stand in."""
    member.kartrekker_slot = None
    member.save(update_fields=["kartrekker_slot"])
    others = current_kartrekkers(member.project)
    if others:
        return _(
            "%(name)s is no longer a kartrekker. %(other)s remains kartrekker and stands in; "
            "choose a second kartrekker so that they can stand in for each other."
        ) % {"name": member.name, "other": others[0].name}
    return _(
        "%(name)s is no longer a kartrekker. The project has no kartrekker now: choose two."
    ) % {"name": member.name}


@transaction.atomic
def stop_kartrekker(
    member: WorkingGroupMember, *, by: User | None, organisation: Organisation
) -> str:
    """The member stays in the werkgroep but is no kartrekker; returns the message to show."""
    Project.objects.select_for_update().get(pk=member.project_id)
    member = WorkingGroupMember.objects.select_related("project").get(pk=member.pk)
    if member.kartrekker_slot is None:
        raise ServiceError(_("%(name)s is not a kartrekker.") % {"name": member.name})
    slot = member.kartrekker_slot
    message = _release_kartrekker(member)
    _touch(member.project)
    record_event(
        "projects.kartrekker.remove",
        member.project,
        by=by,
        organisation_id=organisation.pk,
        details={"member": member.pk, "slot": slot},
    )
    return message


@transaction.atomic
def remove_member(
    member: WorkingGroupMember, *, by: User | None, organisation: Organisation
) -> str:
    """The member leaves the werkgroep (the row stays); returns the message to show."""
    Project.objects.select_for_update().get(pk=member.project_id)
    member = WorkingGroupMember.objects.select_related("project").get(pk=member.pk)
    if member.left_on is not None:
        raise ServiceError(_("%(name)s has left the werkgroep already.") % {"name": member.name})
    message = _("%(name)s has left the werkgroep.") % {"name": member.name}
    was_kartrekker = member.kartrekker_slot is not None
    if was_kartrekker:
        message = _release_kartrekker(member)
    member.left_on = timezone.localdate()
    member.save(update_fields=["left_on"])
    _touch(member.project)
    record_event(
        "projects.member.remove",
        member.project,
        by=by,
        organisation_id=organisation.pk,
        details={"member": member.pk, "kartrekker": was_kartrekker},
    )
    return message


# --- roles, goals, planning -------------------------------------------------------------


@transaction.atomic
def save_role(
    project: Project,
    *,
    by: User | None,
    organisation: Organisation,
    role: str = "",
    contribution: str = "",
    mandate: str = "",
    expectations: str = "",
) -> PartnerRole:
    """An organisation's own role, contribution and mandate, and what it expects (uitspreken)."""
    _require_taking_part(project, organisation, "organisation")
    values = {
        "role": _text(role, "role", ANSWER_MAX_LENGTH),
        "contribution": _text(contribution, "contribution", ANSWER_MAX_LENGTH),
        "mandate": _text(mandate, "mandate", ANSWER_MAX_LENGTH),
        "expectations": _text(expectations, "expectations", NOTE_MAX_LENGTH),
    }
    record, created = PartnerRole.objects.select_for_update().get_or_create(
        project=project, organisation=organisation, defaults=values
    )
    changed = sorted(k for k, v in values.items() if created or getattr(record, k) != v)
    if not created:
        for key, value in values.items():
            setattr(record, key, value)
        record.save()
    _touch(project)
    record_event(
        "projects.role.save",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={"partner": organisation.slug, "fields": changed},
    )
    return record


def goal_values(*, text: str) -> dict[str, Any]:
    """The one check of a goal, for adding and for changing it."""
    return {"text": _text(text, "text", ANSWER_MAX_LENGTH, required=True)}


@transaction.atomic
def add_goal(project: Project, *, by: User | None, organisation: Organisation, text: str) -> Goal:
    goal = Goal.objects.create(project=project, **goal_values(text=text))
    _touch(project)
    record_event(
        "projects.goal.add",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={"goal": goal.pk},
    )
    return goal


def milestone_values(*, title: str, due_on: datetime.date | None) -> dict[str, Any]:
    """The one check of a milestone, for adding and for changing it."""
    title = _text(title, "title", TITLE_MAX_LENGTH, required=True)
    if due_on is None:
        raise ServiceError(_("Give the date."), field="due_on")
    return {"title": title, "due_on": due_on}


@transaction.atomic
def add_milestone(
    project: Project,
    *,
    by: User | None,
    organisation: Organisation,
    title: str,
    due_on: datetime.date | None,
) -> Milestone:
    milestone = Milestone.objects.create(
        project=project, **milestone_values(title=title, due_on=due_on)
    )
    _touch(project)
    record_event(
        "projects.milestone.add",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={"milestone": milestone.pk, "due_on": str(due_on)},
    )
    return milestone


@transaction.atomic
def complete_milestone(
    milestone: Milestone, *, by: User | None, organisation: Organisation
) -> Milestone:
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.done_on is not None:
        raise ServiceError(_("This milestone has been reached already."))
    milestone.done_on = timezone.localdate()
    milestone.save(update_fields=["done_on"])
    record_event(
        "projects.milestone.done",
        milestone.project,
        by=by,
        organisation_id=organisation.pk,
        details={"milestone": milestone.pk},
    )
    return milestone


# --- the project's veranderverhaal -----------------------------------------------------


@transaction.atomic
def save_project_story(
    project: Project,
    content: dict[str, Any],
    *,
    by: User | None,
    organisation: Organisation,
    base_version: int | None = None,
) -> ChangeStory:
    """The project's own change story, saved as a version by the changestories services.

    The first save makes the story. A save from an older version than the
    current one is refused with the changestories ``ConflictError``.
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.change_story is None:
        project.change_story = story_services.create_story(by=by, organisation_id=organisation.pk)
        project.save(update_fields=["change_story", "updated_at"])
    assert project.change_story is not None
    return story_services.save_story(
        project.change_story,
        content,
        by=by,
        organisation_id=organisation.pk,
        base_version=base_version,
        note=_("project %(id)s") % {"id": project.pk},
    )


# --- uitspreken, afspreken, aanspreken ---------------------------------------------------


def agreement_values(
    project: Project,
    *,
    owner: Organisation | None,
    what: str,
    due_on: datetime.date | None,
    person: str = "",
) -> dict[str, Any]:
    """The one check of an agreement, for adding and for changing it.

    Who keeps it is an organisation taking part now: an agreement without an
    owner, or with one that left the project, is refused with a message
    that says so.
    """
    if owner is None:
        raise ServiceError(
            _("An agreement needs someone who keeps it: choose the organisation."),
            field="owner",
        )
    _require_taking_part(project, owner, "owner")
    what = _text(what, "what", ANSWER_MAX_LENGTH, required=True)
    if due_on is None:
        raise ServiceError(_("Give the date by which it is done."), field="due_on")
    return {
        "owner": owner,
        "person": _text(person, "person", TITLE_MAX_LENGTH),
        "what": what,
        "due_on": due_on,
    }


@transaction.atomic
def add_agreement(
    project: Project,
    *,
    by: User | None,
    organisation: Organisation,
    owner: Organisation | None,
    what: str,
    due_on: datetime.date | None,
    person: str = "",
) -> Agreement:
    """Afspreken: who (an organisation taking part), what, and by when."""
    values = agreement_values(project, owner=owner, what=what, due_on=due_on, person=person)
    agreement = Agreement.objects.create(project=project, **values)
    _touch(project)
    record_event(
        "projects.agreement.add",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={
            "agreement": agreement.pk,
            "owner": agreement.owner.slug,
            "due_on": str(agreement.due_on),
        },
    )
    return agreement


@transaction.atomic
def set_agreement_status(
    agreement: Agreement, status: str, *, by: User | None, organisation: Organisation
) -> Agreement:
    """Mark an open agreement kept or missed (a missed one asks for a follow-up)."""
    if status not in (AgreementStatus.DONE, AgreementStatus.MISSED):
        raise ServiceError(_("Choose kept or missed."), field="status")
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.OPEN:
        raise ServiceError(
            _("This agreement has been marked %(status)s already.")
            % {"status": agreement.get_status_display()}
        )
    agreement.status = status
    agreement.save(update_fields=["status"])
    _touch(agreement.project)
    record_event(
        "projects.agreement.status",
        agreement.project,
        by=by,
        organisation_id=organisation.pk,
        details={"agreement": agreement.pk, "status": status},
    )
    return agreement


@transaction.atomic
def add_follow_up(
    agreement: Agreement, *, by: User | None, organisation: Organisation, kind: str, note: str = ""
) -> FollowUp:
    """Aanspreken, afspreken or uitspreken after a missed agreement (p. 24)."""
    agreement = (
        Agreement.objects.select_for_update().select_related("project").get(pk=agreement.pk)
    )
    if agreement.status != AgreementStatus.MISSED:
        raise ServiceError(_("A follow-up is for a missed agreement."))
    if kind not in FollowUpKind.values:
        raise ServiceError(_("Choose one of the three follow-ups."), field="kind")
    follow_up = FollowUp.objects.create(
        agreement=agreement,
        kind=kind,
        note=_text(note, "note", ANSWER_MAX_LENGTH),
        organisation=organisation,
    )
    _touch(agreement.project)
    record_event(
        "projects.agreement.follow_up",
        agreement.project,
        by=by,
        organisation_id=organisation.pk,
        details={"agreement": agreement.pk, "kind": kind},
    )
    return follow_up
