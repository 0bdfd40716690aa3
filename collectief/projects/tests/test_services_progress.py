"""Steps 3 and 4: log, contributions, evaluation, decision, lessons, reminders (and the task)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from collectief.accounts.models import Organisation, Role, User
from collectief.directory.match import find_services
from collectief.directory.models import DirectoryOrganization, Service
from collectief.figures.models import Figure
from collectief.jobs.scheduler import scheduled_tasks
from collectief.lib.errors import ServiceError
from collectief.projects import services, services_plan, services_progress
from collectief.projects.models import AgreementStatus, Decision, LogKind, Project, Step
from collectief.projects.tasks import send_agreement_reminders_task
from collectief.projects.tests.conftest import member
from collectief.surveys.tests.survey_factories import make_survey

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_log_entry_and_interim_evaluation(project: Project, own_org: Organisation) -> None:
    services_progress.add_log_entry(
        project, by=None, organisation=own_org, text="Eerste koffie", happened_on=TODAY
    )
    with pytest.raises(ServiceError, match="hoeveel deden er mee"):
        services_progress.add_log_entry(
            project,
            by=None,
            organisation=own_org,
            text="Evaluatie",
            happened_on=TODAY,
            kind=LogKind.INTERIM,
        )
    services_progress.add_log_entry(
        project,
        by=None,
        organisation=own_org,
        text="Evaluatie",
        happened_on=TODAY,
        kind=LogKind.INTERIM,
        residents=12,
    )
    assert [e.kind for e in project.log.order_by("pk")] == [LogKind.PROGRESS, LogKind.INTERIM]


def test_log_entry_refuses_a_future_date(project: Project, own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="niet in de toekomst"):
        services_progress.add_log_entry(
            project,
            by=None,
            organisation=own_org,
            text="x",
            happened_on=TODAY + datetime.timedelta(days=1),
        )


def test_assess_contribution_per_partner(
    project: Project, own_org: Organisation, partner_org: Organisation, other_org: Organisation
) -> None:
    role = services_progress.assess_contribution(
        project,
        partner_org,
        by=None,
        organisation=own_org,
        delivers="deels",
        note="Te weinig uren",
    )
    assert (role.delivers, role.delivers_note) == ("deels", "Te weinig uren")
    with pytest.raises(ServiceError, match="ja, deels of nee"):
        services_progress.assess_contribution(
            project, partner_org, by=None, organisation=own_org, delivers=""
        )
    with pytest.raises(ServiceError, match="doet niet mee"):
        services_progress.assess_contribution(
            project, other_org, by=None, organisation=own_org, delivers="ja"
        )


def test_evaluation_links_only_own_figures_and_surveys(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    ours = Figure.objects.create(organisation=own_org, label="bezoekers", value=Decimal(40))
    theirs = Figure.objects.create(organisation=partner_org, label="huisbezoeken", value=10)
    survey = make_survey(own_org)
    services_progress.save_evaluation(
        project, by=None, organisation=partner_org, effect_summary="", figures=[theirs]
    )
    services_progress.save_evaluation(
        project,
        by=None,
        organisation=own_org,
        effect_summary="Meer contact",
        figures=[ours],
        surveys=[survey],
    )
    assert set(project.figures.all()) == {ours, theirs}
    assert list(project.surveys.all()) == [survey]
    # Unlinking one's own leaves the partner's link alone.
    services_progress.save_evaluation(project, by=None, organisation=own_org, effect_summary="")
    assert list(project.figures.all()) == [theirs]
    with pytest.raises(ServiceError, match="eigen organisatie"):
        services_progress.save_evaluation(
            project, by=None, organisation=own_org, effect_summary="", figures=[theirs]
        )


def test_embedding_creates_a_sociale_kaart_entry_for_the_wijk(
    project: Project, own_org: Organisation
) -> None:
    DirectoryOrganization.objects.create(name="Eigen initiatief", organisation=own_org)
    project = services_progress.decide(
        project, by=None, decision=Decision.EMBED, note="Het werkt; vast aanbod"
    )
    service = project.embedded_service
    assert service is not None
    assert service.name == "Samen tegen eenzaamheid"
    assert service.delivery == Service.Delivery.COLLECTIVE and service.is_public
    assert project.finished_on == TODAY and project.step == Step.LEARN
    # The step 1 search of a new project finds it in the wijk.
    found = find_services(project.theme, project.wijk)
    assert any(m.service.pk == service.pk and m.in_area for m in found)
    with pytest.raises(ServiceError, match="al afgerond"):
        services_progress.decide(project, by=None, decision=Decision.STOP, note="x")


def test_embedding_needs_an_entry_in_the_sociale_kaart(project: Project) -> None:
    with pytest.raises(ServiceError, match="staat nog niet in de sociale kaart"):
        services_progress.decide(project, by=None, decision=Decision.EMBED, note="x")
    project.refresh_from_db()
    assert project.decision == "" and project.finished_on is None


@pytest.mark.parametrize(
    ("decision", "step", "finished"),
    [
        (Decision.CONTINUE, Step.CARRY_OUT, False),
        (Decision.STOP, Step.LEARN, True),
        (Decision.RESTART, Step.EXPLORE, False),
    ],
)
def test_other_decisions(project: Project, decision: str, step: int, finished: bool) -> None:
    project = services_progress.decide(project, by=None, decision=decision, note="Besproken")
    assert project.step == step and (project.finished_on is not None) == finished


def test_a_decision_needs_a_reason_and_a_choice(project: Project) -> None:
    with pytest.raises(ServiceError, match="verplicht"):
        services_progress.decide(project, by=None, decision=Decision.STOP, note="")
    with pytest.raises(ServiceError, match="een van de vier"):
        services_progress.decide(project, by=None, decision="", note="x")


def test_lessons_are_public_only_by_choice_of_their_writer(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    lesson = services_progress.add_lesson(
        project, by=None, organisation=own_org, text="Begin klein"
    )
    assert not services_progress.public_lessons().exists()
    with pytest.raises(ServiceError, match="Alleen de organisatie"):
        services_progress.set_lesson_public(
            lesson, by=None, organisation=partner_org, is_public=True
        )
    services_progress.set_lesson_public(lesson, by=None, organisation=own_org, is_public=True)
    assert list(services_progress.public_lessons()) == [lesson]


def _agreement(project: Project, owner: Organisation, days: int) -> Any:
    return services_plan.add_agreement(
        project,
        by=None,
        organisation=project.owner,
        owner=owner,
        what=f"Flyers over {days} dagen",
        due_on=TODAY + datetime.timedelta(days=days),
    )


def test_reminders_go_to_the_owner_of_an_agreement_due_soon_once(
    project: Project,
    own_org: Organisation,
    partner_org: Organisation,
    partner_staff: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    member(partner_org, Role.READER, "reader@partner.test")
    soon = _agreement(project, partner_org, 2)
    _agreement(project, partner_org, 10)  # not yet
    kept = _agreement(project, own_org, 1)
    services_plan.set_agreement_status(kept, AgreementStatus.DONE, by=None, organisation=own_org)
    with django_capture_on_commit_callbacks(execute=True):
        assert services_progress.send_agreement_reminders() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["staff@partner.test"]
    assert message.subject == "Herinnering: afspraken in een project moeten bijna klaar zijn"
    assert "Flyers over 2 dagen" in message.body and "10 dagen" not in message.body
    assert f"/projecten/{project.pk}/afspraken/" in message.body
    soon.refresh_from_db()
    assert soon.reminded_on == TODAY
    assert services_progress.send_agreement_reminders() == 0


def test_no_reminder_for_a_partner_that_left(
    project: Project, partner_org: Organisation, partner_staff: User
) -> None:
    _agreement(project, partner_org, 1)
    services.remove_partner(project.partnerships.get(), by=None)
    assert services_progress.send_agreement_reminders() == 0


def test_the_reminder_task_is_scheduled_daily_and_runs(
    project: Project, partner_org: Organisation, partner_staff: User
) -> None:
    assert "collectief.projects.tasks.send_agreement_reminders_task" in [
        p.task for p in scheduled_tasks()
    ]
    _agreement(project, partner_org, 0)
    result = send_agreement_reminders_task.enqueue()
    assert result.return_value == 1
