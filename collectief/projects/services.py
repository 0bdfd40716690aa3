"""Writes of the routekaart: each in a transaction with an audit record.

The audit details name what changed (ids, steps, fields), never the texts
themselves. Services check the domain rules and raise ``ServiceError`` with a
Dutch message; who may call them is decided before, in ``access.py``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.audit.services import record_event
from collectief.directory.models import Service, TaxonomyTerm
from collectief.lib.errors import ServiceError
from collectief.projects.models import (
    ANSWER_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Handover,
    Origin,
    Partnership,
    Project,
    ProvisionReview,
    Step,
    WhoActs,
)
from collectief.signals.models import Action

MAX_INVOLVED = 10_000


def _text(value: str, field: str, max_length: int, *, required: bool = False) -> str:
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise ServiceError(_("This field is required."), field=field)
    if len(value) > max_length:
        raise ServiceError(_("Use at most %(max)d characters.") % {"max": max_length}, field=field)
    return value


def apply_changes(item: Any, values: dict[str, Any]) -> list[str]:
    """Set the checked values on the item; the names of the fields that really changed.

    The audit record of a change names these fields, and only they are saved.
    """
    changed = sorted(field for field, value in values.items() if getattr(item, field) != value)
    for field in changed:
        setattr(item, field, values[field])
    return changed


def _count(value: int, field: str) -> int:
    if value < 0 or value > MAX_INVOLVED:
        raise ServiceError(
            _("Give a number from 0 to %(max)d.") % {"max": MAX_INVOLVED}, field=field
        )
    return value


def project_values(
    *, title: str, question: str, wijk: Area, theme: TaxonomyTerm
) -> dict[str, Any]:
    """The one check of what a project is about, for starting it and for changing it."""
    title = _text(title, "title", TITLE_MAX_LENGTH, required=True)
    question = _text(question, "question", QUESTION_MAX_LENGTH, required=True)
    if wijk.level != Area.Level.WIJK:
        raise ServiceError(_("A project is about one wijk. Choose a wijk."), field="wijk")
    if not TaxonomyTerm.objects.themes().filter(pk=theme.pk).exists():
        raise ServiceError(_("This theme is not in the theme list."), field="theme")
    return {"title": title, "question": question, "wijk": wijk, "theme": theme}


@transaction.atomic
def create_project(
    owner: Organisation,
    *,
    by: Any,
    title: str,
    question: str,
    wijk: Area,
    theme: TaxonomyTerm,
    residents_involved: int = 0,
    experts_involved: int = 0,
    origin: str = Origin.NONE,
    origin_action: Action | None = None,
) -> Project:
    values = project_values(title=title, question=question, wijk=wijk, theme=theme)
    if origin not in Origin.values:
        raise ServiceError(_("Choose what started the project from the list."), field="origin")
    if origin_action is not None:
        # Only the owner's own bespreek actions: another team's action is not
        # this organisation's to refer to.
        if origin_action.discussion.organisation_id != owner.pk:
            raise ServiceError(_("This action is not one of your organisation's."))
        origin = Origin.ACTION
    project = Project.objects.create(
        owner=owner,
        **values,
        residents_involved=_count(residents_involved, "residents_involved"),
        experts_involved=_count(experts_involved, "experts_involved"),
        origin=origin,
        origin_action=origin_action,
        created_by=by,
    )
    record_event(
        "projects.project.create",
        project,
        by=by,
        organisation_id=owner.pk,
        details={
            "wijk": wijk.code,
            "theme": theme.code,
            "origin": origin,
            "action": origin_action.pk if origin_action else None,
        },
    )
    return project


@transaction.atomic
def update_project(
    project: Project, *, by: Any, title: str, question: str, wijk: Area, theme: TaxonomyTerm
) -> Project:
    """Correct the title or the question, or move the project to another wijk or theme.

    Another wijk or theme shows other provisions in step 1; the answers
    given about the former ones stay, and return if the project moves back.
    """
    values = project_values(title=title, question=question, wijk=wijk, theme=theme)
    project = Project.objects.select_for_update(of=("self",)).get(pk=project.pk)
    changed = apply_changes(project, values)
    if changed:
        project.save(update_fields=[*changed, "updated_at"])
    record_event(
        "projects.project.update",
        project,
        by=by,
        organisation_id=project.owner_id,
        details={"fields": changed, "wijk": project.wijk.code, "theme": project.theme.code},
    )
    return project


@transaction.atomic
def set_involved(
    project: Project, *, by: Any, residents_involved: int, experts_involved: int
) -> Project:
    project.residents_involved = _count(residents_involved, "residents_involved")
    project.experts_involved = _count(experts_involved, "experts_involved")
    project.save(update_fields=["residents_involved", "experts_involved", "updated_at"])
    record_event(
        "projects.project.involved",
        project,
        by=by,
        organisation_id=project.owner_id,
        details={"residents": residents_involved, "experts": experts_involved},
    )
    return project


@transaction.atomic
def set_step(project: Project, step: int, *, by: Any) -> Project:
    if step not in Step.values:
        raise ServiceError(_("Choose one of the four steps."), field="step")
    old = project.step
    if old == step:
        return project
    project.step = step
    project.save(update_fields=["step", "updated_at"])
    record_event(
        "projects.project.step",
        project,
        by=by,
        organisation_id=project.owner_id,
        details={"from": old, "to": step},
    )
    return project


@transaction.atomic
def add_partner(
    project: Project,
    organisation: Organisation,
    *,
    by: Any,
    joined_on: datetime.date | None = None,
) -> Partnership:
    if organisation.pk == project.owner_id:
        raise ServiceError(
            _("The owner takes part already; choose another organisation."),
            field="organisation",
        )
    current = Partnership.objects.select_for_update().filter(
        project=project, organisation=organisation, left_on__isnull=True
    )
    if current.exists():
        raise ServiceError(
            _("%(name)s is a partner already.") % {"name": organisation.name},
            field="organisation",
        )
    joined_on = joined_on or timezone.localdate()
    partnership = Partnership.objects.create(
        project=project, organisation=organisation, joined_on=joined_on, added_by=by
    )
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())
    record_event(
        "projects.partner.add",
        project,
        by=by,
        organisation_id=project.owner_id,
        details={"partner": organisation.slug, "joined_on": str(joined_on)},
    )
    return partnership


@transaction.atomic
def remove_partner(
    partnership: Partnership, *, by: Any, left_on: datetime.date | None = None
) -> Partnership:
    """End a partnership; the row stays, with the date it ended, as history."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if partnership.left_on is not None:
        raise ServiceError(_("This organisation has already left the project."))
    left_on = left_on or timezone.localdate()
    if left_on < partnership.joined_on:
        raise ServiceError(_("A partner cannot leave before it joined."), field="left_on")
    partnership.left_on = left_on
    partnership.save(update_fields=["left_on"])
    project = partnership.project
    # Its people leave the werkgroep and are kartrekker no more (the rows stay).
    members = project.members.filter(organisation=partnership.organisation, left_on__isnull=True)
    partnership.kartrekkers_ended = members.filter(  # type: ignore[attr-defined]
        kartrekker_slot__isnull=False
    ).count()
    members.update(kartrekker_slot=None, left_on=left_on)
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())
    record_event(
        "projects.partner.remove",
        project,
        by=by,
        organisation_id=project.owner_id,
        details={
            "partner": partnership.organisation.slug,
            "left_on": str(left_on),
            "kartrekkers_ended": partnership.kartrekkers_ended,  # type: ignore[attr-defined]
        },
    )
    return partnership


@transaction.atomic
def save_provision_review(
    project: Project,
    service: Service,
    *,
    by: Any,
    organisation: Organisation,
    fits: str = "",
    works_together: str = "",
    residents_say: str = "",
) -> ProvisionReview:
    """Record the three questions of step 1 for one provision (p. 16)."""
    values = {
        "fits": _text(fits, "fits", ANSWER_MAX_LENGTH),
        "works_together": _text(works_together, "works_together", ANSWER_MAX_LENGTH),
        "residents_say": _text(residents_say, "residents_say", ANSWER_MAX_LENGTH),
    }
    review, created = ProvisionReview.objects.select_for_update().get_or_create(
        project=project, service=service, defaults={**values, "updated_by": by}
    )
    changed = sorted(f for f, v in values.items() if created or getattr(review, f) != v)
    if not created:
        for field, value in values.items():
            setattr(review, field, value)
        review.updated_by = by
        review.save()
    record_event(
        "projects.review.save",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={"service": str(service.pk), "fields": changed},
    )
    return review


@transaction.atomic
def set_who_acts(
    project: Project,
    *,
    by: Any,
    who_acts: str,
    reason: str,
    handed_to: Organisation | None = None,
    note: str = "",
) -> Project:
    """ "Wie is aan zet?": a, b or c with the reasoning; c asks another organisation.

    Choosing c again with another organisation asks the new one; an answer
    already given stays until then. Leaving c withdraws an open question.
    """
    if who_acts not in WhoActs.values:
        raise ServiceError(_("Choose a, b or c."), field="who_acts")
    reason = _text(reason, "reason", NOTE_MAX_LENGTH, required=True)
    note = _text(note, "note", NOTE_MAX_LENGTH)
    if who_acts == WhoActs.OTHER:
        if handed_to is None:
            raise ServiceError(
                _("Choose the organisation that should take it up."), field="handed_to"
            )
        if handed_to.pk == project.owner_id:
            raise ServiceError(_("Choose another organisation than your own."), field="handed_to")
        if not note:
            raise ServiceError(
                _("Write a note for the other organisation: what you ask and what you can add."),
                field="note",
            )
        if handed_to.pk != project.handed_to_id or project.handover_status != Handover.OPEN:
            project.handover_status = Handover.OPEN
            project.handover_reply = ""
        project.handed_to = handed_to
        project.handover_note = note
    else:
        if project.handover_status == Handover.OPEN:
            project.handed_to = None
            project.handover_status = ""
            project.handover_note = ""
    project.who_acts = who_acts
    project.who_acts_reason = reason
    project.save()
    record_event(
        "projects.project.who_acts",
        project,
        by=by,
        organisation_id=project.owner_id,
        details={
            "who_acts": who_acts,
            "handed_to": handed_to.slug if handed_to and who_acts == WhoActs.OTHER else None,
        },
    )
    return project


@transaction.atomic
def answer_handover(project: Project, *, by: Any, accept: bool, reply: str = "") -> Project:
    """The organisation asked (option c) accepts or declines.

    Accepting makes it the owner; the organisation that asked stays as a
    partner, so it keeps seeing what happens with its question. Declining
    leaves the project with its owner, who sees the reply.
    """
    project = (
        Project.objects.select_for_update(of=("self",))
        .select_related("owner", "handed_to")
        .get(pk=project.pk)
    )
    if project.handover_status != Handover.OPEN or project.handed_to is None:
        raise ServiceError(_("This question has been answered or withdrawn already."))
    reply = _text(reply, "reply", NOTE_MAX_LENGTH)
    new_owner = project.handed_to
    old_owner = project.owner
    project.handover_reply = reply
    if accept:
        project.handover_status = Handover.ACCEPTED
        # The new owner stops being a partner (an owner is never one as well).
        Partnership.objects.filter(
            project=project, organisation=new_owner, left_on__isnull=True
        ).update(left_on=timezone.localdate())
        project.owner = new_owner
        project.handed_to = None
        project.save()
        if not Partnership.objects.filter(
            project=project, organisation=old_owner, left_on__isnull=True
        ).exists():
            Partnership.objects.create(
                project=project,
                organisation=old_owner,
                joined_on=timezone.localdate(),
                added_by=by,
            )
    else:
        project.handover_status = Handover.DECLINED
        project.save()
    record_event(
        "projects.handover.accept" if accept else "projects.handover.decline",
        project,
        by=by,
        organisation_id=new_owner.pk,
        details={"from": old_owner.slug, "to": new_owner.slug},
    )
    return project
