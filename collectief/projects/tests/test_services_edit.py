"""Changing and removing: the rules hold in the services too, not only on the pages."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from collectief.accounts.models import Organisation
from collectief.audit.models import AuditEvent
from collectief.lib.errors import ServiceError
from collectief.projects import services, services_edit, services_plan, services_progress
from collectief.projects.models import Agreement, AgreementStatus, Project

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LATER = TODAY + datetime.timedelta(days=10)


def _agreement(project: Project, owner: Organisation) -> Agreement:
    return services_plan.add_agreement(
        project, by=None, organisation=project.owner, owner=owner, what="Flyers", due_on=LATER
    )


def test_the_audit_names_the_fields_never_the_texts(
    project: Project, own_org: Organisation
) -> None:
    goal = services_plan.add_goal(project, by=None, organisation=own_org, text="Geheim doel")
    services_edit.update_goal(goal, by=None, organisation=own_org, text="Nog geheimer doel")
    event = AuditEvent.objects.get(action="projects.goal.update")
    assert event.details == {"goal": goal.pk, "fields": ["text"]}
    assert "geheim" not in str(event.details).lower()
    services_edit.update_goal(goal, by=None, organisation=own_org, text="Nog geheimer doel")
    latest = AuditEvent.objects.filter(action="projects.goal.update").order_by("pk").last()
    assert latest is not None and latest.details["fields"] == []


def test_an_agreement_removed_meanwhile_is_a_clear_message(
    project: Project, own_org: Organisation
) -> None:
    agreement = _agreement(project, own_org)
    Agreement.objects.filter(pk=agreement.pk).delete()
    with pytest.raises(ServiceError, match="net weggehaald"):
        services_edit.update_agreement(
            agreement, by=None, organisation=own_org, owner=own_org, what="x", due_on=LATER
        )


def test_an_agreement_marked_meanwhile_is_not_changed(
    project: Project, own_org: Organisation
) -> None:
    agreement = _agreement(project, own_org)
    stale = Agreement.objects.get(pk=agreement.pk)
    services_plan.set_agreement_status(
        agreement, AgreementStatus.MISSED, by=None, organisation=own_org
    )
    with pytest.raises(ServiceError, match="staat als gemist"):
        services_edit.update_agreement(
            stale, by=None, organisation=own_org, owner=own_org, what="Anders", due_on=LATER
        )
    with pytest.raises(ServiceError, match="staat als gemist"):
        services_edit.remove_agreement(stale, by=None, organisation=own_org)
    assert Agreement.objects.get().what == "Flyers"


def test_an_agreement_keeps_its_reminder_when_only_the_text_changes(
    project: Project, own_org: Organisation
) -> None:
    agreement = _agreement(project, own_org)
    Agreement.objects.filter(pk=agreement.pk).update(reminded_on=TODAY)
    services_edit.update_agreement(
        agreement, by=None, organisation=own_org, owner=own_org, what="Flyers!", due_on=LATER
    )
    agreement.refresh_from_db()
    assert agreement.reminded_on == TODAY
    services_edit.update_agreement(
        agreement,
        by=None,
        organisation=own_org,
        owner=own_org,
        what="Flyers!",
        due_on=LATER + datetime.timedelta(days=1),
    )
    agreement.refresh_from_db()
    assert agreement.reminded_on is None


def test_a_new_owner_must_take_part_now(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    agreement = _agreement(project, own_org)
    services.remove_partner(project.partnerships.get(), by=None)
    with pytest.raises(ServiceError, match="heeft het project verlaten"):
        services_edit.update_agreement(
            agreement, by=None, organisation=own_org, owner=partner_org, what="x", due_on=LATER
        )
    with pytest.raises(ServiceError, match="iemand nodig die hem nakomt"):
        services_edit.update_agreement(
            agreement, by=None, organisation=own_org, owner=None, what="x", due_on=LATER
        )
    assert Agreement.objects.get().owner == own_org


def test_log_and_lessons_only_by_their_writer(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    entry = services_progress.add_log_entry(
        project, by=None, organisation=own_org, text="Avond", happened_on=TODAY
    )
    lesson = services_progress.add_lesson(project, by=None, organisation=own_org, text="Les")
    with pytest.raises(ServiceError, match="Alleen de organisatie die dit schreef"):
        services_edit.update_log_entry(
            entry, by=None, organisation=partner_org, text="x", happened_on=TODAY, kind="voortgang"
        )
    with pytest.raises(ServiceError, match="Alleen de organisatie die dit schreef"):
        services_edit.remove_lesson(lesson, by=None, organisation=partner_org)
    with pytest.raises(ServiceError, match="niet in de toekomst"):
        services_edit.update_log_entry(
            entry,
            by=None,
            organisation=own_org,
            text="Avond",
            happened_on=TODAY + datetime.timedelta(days=1),
            kind="voortgang",
        )
    entry.refresh_from_db()
    assert entry.happened_on == TODAY and project.lessons.count() == 1


def test_a_reached_milestone_stays_reached_when_moved(
    project: Project, own_org: Organisation
) -> None:
    milestone = services_plan.add_milestone(
        project, by=None, organisation=own_org, title="Start", due_on=LATER
    )
    services_plan.complete_milestone(milestone, by=None, organisation=own_org)
    moved = services_edit.update_milestone(
        milestone, by=None, organisation=own_org, title="Startavond", due_on=TODAY
    )
    assert moved.done_on == TODAY and moved.title == "Startavond"
    with pytest.raises(ServiceError, match="Geef de datum"):
        services_edit.update_milestone(
            milestone, by=None, organisation=own_org, title="Startavond", due_on=None
        )
