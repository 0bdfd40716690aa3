"""The routekaart's services: rules, history of partners, handovers and the audit log."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from collectief.accounts.models import Organisation, User
from collectief.areas.models import Area
from collectief.audit.models import AuditEvent
from collectief.directory.models import TaxonomyTerm
from collectief.lib.errors import ServiceError
from collectief.projects import services
from collectief.projects.models import Handover, Partnership, Project, Step, WhoActs

pytestmark = pytest.mark.django_db


def test_create_project_is_audited_without_its_texts(
    own_org: Organisation, admin: User, areas: dict[str, Area], themes: dict[str, TaxonomyTerm]
) -> None:
    project = services.create_project(
        own_org,
        by=admin,
        title="  Koffie op het plein ",
        question="Geheime vraag",
        wijk=areas["haagse_beemden"],
        theme=themes["eenzaamheid"],
        residents_involved=4,
    )
    assert project.title == "Koffie op het plein"
    assert project.step == Step.EXPLORE
    event = AuditEvent.objects.get(action="projects.project.create")
    assert event.actor == admin and event.organisation_id == own_org.pk
    assert event.details["wijk"] == "WK075810"
    assert "Geheime" not in str(event.details)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"question": ""}, "question"),
        ({"title": "x" * 151}, "title"),
        ({"residents_involved": -1}, "residents_involved"),
        ({"experts_involved": 10_001}, "experts_involved"),
        ({"origin": "iets"}, "origin"),
    ],
)
def test_create_project_bad_input(
    own_org: Organisation,
    areas: dict[str, Area],
    themes: dict[str, TaxonomyTerm],
    changes: dict[str, object],
    field: str,
) -> None:
    values: dict[str, object] = {
        "title": "Titel",
        "question": "Vraag",
        "wijk": areas["haagse_beemden"],
        "theme": themes["eenzaamheid"],
        **changes,
    }
    with pytest.raises(ServiceError) as error:
        services.create_project(own_org, by=None, **values)  # type: ignore[arg-type]
    assert error.value.field == field
    assert not Project.objects.exists()


def test_a_project_is_about_a_wijk_and_a_theme_of_the_list(
    own_org: Organisation, areas: dict[str, Area], themes: dict[str, TaxonomyTerm]
) -> None:
    with pytest.raises(ServiceError, match="één wijk"):
        services.create_project(
            own_org,
            by=None,
            title="T",
            question="V",
            wijk=areas["kesteren"],
            theme=themes["wonen"],
        )
    group = TaxonomyTerm.objects.exclude(pk__in=[t.pk for t in themes.values()]).first()
    assert group is not None
    with pytest.raises(ServiceError, match="lijst met thema"):
        services.create_project(
            own_org, by=None, title="T", question="V", wijk=areas["centrum"], theme=group
        )


def test_partners_leave_with_their_history_and_may_join_again(
    project: Project, partner_org: Organisation, admin: User
) -> None:
    first = project.partnerships.get()
    with pytest.raises(ServiceError, match="al partner"):
        services.add_partner(project, partner_org, by=admin)
    services.remove_partner(first, by=admin)
    with pytest.raises(ServiceError, match="al uit het project"):
        services.remove_partner(first, by=admin)
    again = services.add_partner(project, partner_org, by=admin)
    assert again.pk != first.pk
    rows = list(Partnership.objects.filter(project=project).order_by("pk"))
    assert [r.left_on is None for r in rows] == [False, True]
    assert AuditEvent.objects.filter(action="projects.partner.remove").count() == 1


def test_the_owner_is_no_partner_and_leaving_before_joining_is_refused(
    project: Project, own_org: Organisation
) -> None:
    with pytest.raises(ServiceError) as error:
        services.add_partner(project, own_org, by=None)
    assert error.value.field == "organisation"
    partnership = project.partnerships.get()
    with pytest.raises(ServiceError, match="voordat"):
        services.remove_partner(
            partnership, by=None, left_on=partnership.joined_on - datetime.timedelta(days=1)
        )
    partnership.refresh_from_db()
    assert partnership.left_on is None


def test_the_database_refuses_two_current_partnerships_and_a_fifth_step(
    project: Project, partner_org: Organisation
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(
            project=project, organisation=partner_org, joined_on=timezone.localdate()
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(step=5)


def test_set_step(project: Project, admin: User) -> None:
    services.set_step(project, Step.PLAN, by=admin)
    services.set_step(project, Step.PLAN, by=admin)  # no change, no second record
    assert AuditEvent.objects.filter(action="projects.project.step").count() == 1
    with pytest.raises(ServiceError, match="vier stappen"):
        services.set_step(project, 5, by=admin)
    project.refresh_from_db()
    assert project.step == Step.PLAN


def test_who_acts_c_needs_an_organisation_and_a_note(
    project: Project, other_org: Organisation, own_org: Organisation
) -> None:
    with pytest.raises(ServiceError) as error:
        services.set_who_acts(project, by=None, who_acts="c", reason="Omdat")
    assert error.value.field == "handed_to"
    with pytest.raises(ServiceError) as error:
        services.set_who_acts(
            project, by=None, who_acts="c", reason="Omdat", handed_to=own_org, note="n"
        )
    assert error.value.field == "handed_to"
    with pytest.raises(ServiceError) as error:
        services.set_who_acts(project, by=None, who_acts="c", reason="Omdat", handed_to=other_org)
    assert error.value.field == "note"
    with pytest.raises(ServiceError) as error:
        services.set_who_acts(project, by=None, who_acts="d", reason="Omdat")
    assert error.value.field == "who_acts"
    with pytest.raises(ServiceError) as error:
        services.set_who_acts(project, by=None, who_acts="a", reason=" ")
    assert error.value.field == "reason"


def test_choosing_b_after_c_withdraws_the_open_question(
    project: Project, other_org: Organisation
) -> None:
    services.set_who_acts(
        project, by=None, who_acts="c", reason="Omdat", handed_to=other_org, note="Graag"
    )
    assert project.handover_status == Handover.OPEN
    services.set_who_acts(project, by=None, who_acts=WhoActs.TOGETHER, reason="Toch samen")
    project.refresh_from_db()
    assert project.handed_to is None and project.handover_status == ""


def test_accepting_a_handover_makes_the_asked_organisation_owner(
    project: Project, own_org: Organisation, other_org: Organisation, outsider: User
) -> None:
    services.set_who_acts(
        project, by=None, who_acts="c", reason="Omdat", handed_to=other_org, note="Graag"
    )
    services.answer_handover(project, by=outsider, accept=True, reply="Doen we")
    project.refresh_from_db()
    assert project.owner == other_org
    assert project.handover_status == Handover.ACCEPTED
    assert project.partnerships.filter(organisation=own_org, left_on__isnull=True).exists()
    with pytest.raises(ServiceError, match="al beantwoord"):
        services.answer_handover(project, by=outsider, accept=False)
    assert AuditEvent.objects.filter(action="projects.handover.accept").count() == 1


def test_declining_leaves_the_project_with_its_owner(
    project: Project, own_org: Organisation, other_org: Organisation
) -> None:
    services.set_who_acts(
        project, by=None, who_acts="c", reason="Omdat", handed_to=other_org, note="Graag"
    )
    services.answer_handover(project, by=None, accept=False, reply="Geen capaciteit")
    project.refresh_from_db()
    assert project.owner == own_org
    assert project.handover_status == Handover.DECLINED
    assert project.handover_reply == "Geen capaciteit"


def test_provision_review_is_saved_once_per_service(
    project: Project, own_org: Organisation, areas: dict[str, Area]
) -> None:
    from collectief.directory.tests.search_helpers import make_service

    service = make_service("Koffie", where=areas["kesteren"], themes=("eenzaamheid",))
    services.save_provision_review(
        project, service, by=None, organisation=own_org, fits="Ja", residents_say="Fijn"
    )
    review = services.save_provision_review(
        project, service, by=None, organisation=own_org, fits="Deels"
    )
    assert review.fits == "Deels" and review.residents_say == ""
    assert project.provision_reviews.count() == 1
    with pytest.raises(ServiceError) as error:
        services.save_provision_review(
            project, service, by=None, organisation=own_org, works_together="x" * 501
        )
    assert error.value.field == "works_together"
