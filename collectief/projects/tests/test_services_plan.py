"""Step 2 services: plan, werkgroep and kartrekkers, roles, planning, story, agreements."""

from __future__ import annotations

import datetime

import pytest

from collectief.accounts.factories import OrganisationFactory
from collectief.accounts.models import Organisation
from collectief.audit.models import AuditEvent
from collectief.changestories.models import ChangeStory
from collectief.changestories.services import ConflictError
from collectief.lib.errors import ServiceError
from collectief.projects import services, services_plan
from collectief.projects.models import (
    AgreementStatus,
    FollowUpKind,
    PartnerRole,
    Project,
    WorkingGroupMember,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 20)


def _member(project: Project, org: Organisation | None, name: str) -> WorkingGroupMember:
    return services_plan.add_member(
        project,
        by=None,
        organisation=project.owner,
        name=name,
        member_organisation=org,
        resident_consent=org is None,
    )


def test_save_plan_records_the_fields_that_changed(
    project: Project, own_org: Organisation
) -> None:
    services_plan.save_plan(
        project, by=None, organisation=own_org, problem="Weinig contact", vision="Samen"
    )
    project.refresh_from_db()
    assert (project.problem, project.vision, project.intention) == ("Weinig contact", "Samen", "")
    event = AuditEvent.objects.filter(action="projects.plan.save").get()
    assert event.details == {"fields": ["problem", "vision"]}
    assert "Weinig" not in str(event.details)


def test_save_plan_refuses_an_overlong_text(project: Project, own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="Gebruik hoogstens 1000 tekens"):
        services_plan.save_plan(project, by=None, organisation=own_org, problem="x" * 1001)


def test_a_resident_is_named_only_with_consent(project: Project, own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="alleen met toestemming"):
        services_plan.add_member(
            project, by=None, organisation=own_org, name="Fatima", member_organisation=None
        )
    member = _member(project, None, "Fatima")
    assert member.organisation is None and member.left_on is None


def test_a_member_comes_from_an_organisation_taking_part(
    project: Project, own_org: Organisation, other_org: Organisation
) -> None:
    with pytest.raises(ServiceError, match="doet niet mee aan het project"):
        _member(project, other_org, "Iemand")


def test_two_kartrekkers_at_most(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    first = services_plan.make_kartrekker(
        _member(project, own_org, "Anna"), by=None, organisation=own_org
    )
    second = services_plan.make_kartrekker(
        _member(project, partner_org, "Bram"), by=None, organisation=own_org
    )
    assert (first.kartrekker_slot, second.kartrekker_slot) == (1, 2)
    with pytest.raises(ServiceError, match="heeft al twee kartrekkers"):
        services_plan.make_kartrekker(
            _member(project, own_org, "Cem"), by=None, organisation=own_org
        )


def test_a_resident_is_no_kartrekker(project: Project, own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="komt van een organisatie die meedoet"):
        services_plan.make_kartrekker(
            _member(project, None, "Fatima"), by=None, organisation=own_org
        )


def test_removing_a_kartrekker_leaves_the_other_to_stand_in(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    anna = services_plan.make_kartrekker(
        _member(project, own_org, "Anna"), by=None, organisation=own_org
    )
    services_plan.make_kartrekker(
        _member(project, partner_org, "Bram"), by=None, organisation=own_org
    )
    message = services_plan.remove_member(anna, by=None, organisation=own_org)
    assert message == (
        "Anna is geen kartrekker meer. Bram blijft kartrekker en neemt waar; kies een tweede "
        "kartrekker, zodat zij elkaar kunnen vervangen."
    )
    anna.refresh_from_db()
    assert anna.left_on is not None and anna.kartrekker_slot is None
    assert [m.name for m in services_plan.current_kartrekkers(project)] == ["Bram"]


def test_stopping_the_last_kartrekker_says_there_is_none(
    project: Project, own_org: Organisation
) -> None:
    anna = services_plan.make_kartrekker(
        _member(project, own_org, "Anna"), by=None, organisation=own_org
    )
    message = services_plan.stop_kartrekker(anna, by=None, organisation=own_org)
    assert "heeft nu geen kartrekker" in message
    anna.refresh_from_db()
    assert anna.left_on is None and anna.kartrekker_slot is None


def test_a_partner_that_left_cannot_be_kartrekker(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    bram = _member(project, partner_org, "Bram")
    services.remove_partner(project.partnerships.get(), by=None)
    bram.refresh_from_db()
    assert bram.left_on is not None
    with pytest.raises(ServiceError, match="heeft het project verlaten"):
        _member(project, partner_org, "Bram")


def test_a_partner_leaving_ends_its_kartrekker(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    bram = services_plan.make_kartrekker(
        _member(project, partner_org, "Bram"), by=None, organisation=own_org
    )
    partnership = services.remove_partner(project.partnerships.get(), by=None)
    assert partnership.kartrekkers_ended == 1  # type: ignore[attr-defined]
    bram.refresh_from_db()
    assert bram.kartrekker_slot is None


def test_save_role_per_organisation(project: Project, partner_org: Organisation) -> None:
    services_plan.save_role(
        project, by=None, organisation=partner_org, role="Huisbezoeken", mandate="Zelf plannen"
    )
    services_plan.save_role(project, by=None, organisation=partner_org, role="Huisbezoeken")
    role = PartnerRole.objects.get(project=project, organisation=partner_org)
    assert (role.role, role.mandate) == ("Huisbezoeken", "")


def test_save_role_refuses_an_organisation_outside(
    project: Project, other_org: Organisation
) -> None:
    with pytest.raises(ServiceError, match="doet niet mee"):
        services_plan.save_role(project, by=None, organisation=other_org, role="x")


def test_goals_and_milestones(project: Project, own_org: Organisation) -> None:
    services_plan.add_goal(project, by=None, organisation=own_org, text="Elke week koffie")
    milestone = services_plan.add_milestone(
        project, by=None, organisation=own_org, title="Eerste bijeenkomst", due_on=DAY
    )
    services_plan.complete_milestone(milestone, by=None, organisation=own_org)
    with pytest.raises(ServiceError, match="al gehaald"):
        services_plan.complete_milestone(milestone, by=None, organisation=own_org)
    assert [g.text for g in project.goals.all()] == ["Elke week koffie"]
    with pytest.raises(ServiceError, match="verplicht"):
        services_plan.add_goal(project, by=None, organisation=own_org, text="  ")


STORY = {
    "target_groups": [{"text": "Ouderen in de Dichterswijk"}],
    "approaches": [{"text": "Koffieochtend"}],
    "effects": [
        {"name": "ONTMOETING", "description": "Kennen elkaar", "level": "groep", "indicators": []}
    ],
    "contributions": [{"text": "Sociale cohesie"}],
    "links": [],
}


def test_the_project_story_is_a_change_story_without_organisation(
    project: Project, own_org: Organisation
) -> None:
    story = services_plan.save_project_story(project, STORY, by=None, organisation=own_org)
    project.refresh_from_db()
    assert project.change_story == story
    assert story.organisation is None and story.version == 1
    assert story.effects.get().name == "ONTMOETING"
    # The owner's own change story is a different one.
    assert not ChangeStory.objects.filter(organisation=own_org).exists()
    services_plan.save_project_story(project, STORY, by=None, organisation=own_org, base_version=1)
    with pytest.raises(ConflictError):
        services_plan.save_project_story(
            project, STORY, by=None, organisation=own_org, base_version=1
        )


def test_an_agreement_needs_an_owner(project: Project, own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="iemand nodig die hem nakomt"):
        services_plan.add_agreement(
            project, by=None, organisation=own_org, owner=None, what="Flyers", due_on=DAY
        )


def test_an_agreement_needs_a_date_and_text(project: Project, own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="datum"):
        services_plan.add_agreement(
            project, by=None, organisation=own_org, owner=own_org, what="Flyers", due_on=None
        )
    with pytest.raises(ServiceError, match="verplicht"):
        services_plan.add_agreement(
            project, by=None, organisation=own_org, owner=own_org, what="", due_on=DAY
        )


def test_a_partner_that_left_owns_no_new_agreement(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    services.remove_partner(project.partnerships.get(), by=None)
    with pytest.raises(ServiceError, match="Partner in de wijk heeft het project verlaten"):
        services_plan.add_agreement(
            project, by=None, organisation=own_org, owner=partner_org, what="x", due_on=DAY
        )


def test_a_missed_agreement_gets_the_three_follow_ups(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    agreement = services_plan.add_agreement(
        project, by=None, organisation=own_org, owner=partner_org, what="Flyers", due_on=DAY
    )
    with pytest.raises(ServiceError, match="gemiste afspraak"):
        services_plan.add_follow_up(
            agreement, by=None, organisation=own_org, kind=FollowUpKind.ADDRESS
        )
    services_plan.set_agreement_status(
        agreement, AgreementStatus.MISSED, by=None, organisation=own_org
    )
    agreement.refresh_from_db()
    for kind in FollowUpKind.values:
        services_plan.add_follow_up(agreement, by=None, organisation=own_org, kind=kind)
    assert sorted(agreement.follow_ups.values_list("kind", flat=True)) == sorted(
        FollowUpKind.values
    )
    with pytest.raises(ServiceError, match="al als gemist"):
        services_plan.set_agreement_status(
            agreement, AgreementStatus.DONE, by=None, organisation=own_org
        )
    with pytest.raises(ServiceError, match="een van de drie"):
        services_plan.add_follow_up(agreement, by=None, organisation=own_org, kind="boos")


def test_takes_part(project: Project, own_org: Organisation, partner_org: Organisation) -> None:
    assert services_plan.takes_part(project, own_org)
    assert services_plan.takes_part(project, partner_org)
    assert not services_plan.takes_part(project, OrganisationFactory())
