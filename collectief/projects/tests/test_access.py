"""Who sees a project: owner and current partners, through their own address; nobody else."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from collectief.accounts.models import Organisation, Role, User
from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.projects import services
from collectief.projects.access import (
    ProjectLeft,
    get_handover_for_user,
    get_partnership_for_user,
    get_project_for_user,
    origin_action_of,
    projects_of,
)
from collectief.projects.models import Partnership, Project, WhoActs
from collectief.projects.tests.conftest import member, other_project

pytestmark = pytest.mark.django_db


def test_owner_members_of_every_role_see_the_project(
    project: Project, admin: User, staff: User, reader: User
) -> None:
    for user in (admin, staff, reader):
        found = get_project_for_user(user, "own-org", project.pk)
        assert found == project
        assert found.viewer_is_owner  # type: ignore[attr-defined]


def test_a_current_partner_sees_it_through_its_own_address(
    project: Project, partner_org: Organisation
) -> None:
    reader = member(partner_org, Role.READER, "reader@partner.test")
    found = get_project_for_user(reader, "partner-org", project.pk)
    assert found == project
    assert not found.viewer_is_owner  # type: ignore[attr-defined]
    # But not through the owner's address, which it is no member of.
    with pytest.raises(Http404):
        get_project_for_user(reader, "own-org", project.pk)


def test_a_partner_that_left_sees_it_no_more(
    project: Project, partner_org: Organisation, partner_staff: User
) -> None:
    partnership = project.partnerships.get()
    services.remove_partner(partnership, by=None)
    # A kind of 404 (a page that does not catch it answers 404), which says it left.
    with pytest.raises(ProjectLeft) as raised:
        get_project_for_user(partner_staff, "partner-org", project.pk)
    assert isinstance(raised.value, Http404)
    assert raised.value.partnership == partnership
    assert raised.value.organisation == partner_org
    # The owner's controls and every item of the project tell it the same.
    with pytest.raises(ProjectLeft):
        get_project_for_user(partner_staff, "partner-org", project.pk, owner_only=True)
    with pytest.raises(ProjectLeft):
        get_partnership_for_user(partner_staff, "partner-org", project.pk, partnership.pk)
    assert project not in projects_of(partner_org)


def test_the_latest_partnership_that_ended_is_named(
    project: Project, partner_org: Organisation, partner_staff: User
) -> None:
    first = project.partnerships.get()
    Partnership.objects.filter(pk=first.pk).update(joined_on=datetime.date(2026, 1, 1))
    services.remove_partner(first, by=None, left_on=datetime.date(2026, 2, 1))
    second = services.add_partner(
        project, partner_org, by=None, joined_on=datetime.date(2026, 3, 1)
    )
    services.remove_partner(second, by=None, left_on=datetime.date(2026, 4, 1))
    with pytest.raises(ProjectLeft) as raised:
        get_project_for_user(partner_staff, "partner-org", project.pk)
    assert raised.value.partnership.left_on == datetime.date(2026, 4, 1)


def test_a_current_partner_without_the_rights_is_not_told_it_left(
    project: Project, partner_staff: User
) -> None:
    """The owner's controls stay a plain 404 for a partner that still takes part."""
    with pytest.raises(Http404) as raised:
        get_project_for_user(partner_staff, "partner-org", project.pk, owner_only=True)
    assert not isinstance(raised.value, ProjectLeft)


def test_another_organisation_is_not_told_that_a_partner_left(
    project: Project, outsider: User
) -> None:
    services.remove_partner(project.partnerships.get(), by=None)
    with pytest.raises(Http404) as raised:
        get_project_for_user(outsider, "other-org", project.pk)
    assert not isinstance(raised.value, ProjectLeft)


def test_outsiders_and_anonymous_get_404(project: Project, outsider: User) -> None:
    for user in (outsider, AnonymousUser()):
        with pytest.raises(Http404):
            get_project_for_user(user, "own-org", project.pk)
    with pytest.raises(Http404):
        get_project_for_user(outsider, "other-org", project.pk)


def test_own_address_with_another_organisations_project_is_404(
    admin: User, other_org: Organisation, areas: dict[str, Area], themes: dict[str, TaxonomyTerm]
) -> None:
    theirs = other_project(other_org, areas, themes["wonen"])
    with pytest.raises(Http404):
        get_project_for_user(admin, "own-org", theirs.pk)


def test_changes_need_staff_of_the_owner(
    project: Project, reader: User, staff: User, partner_staff: User
) -> None:
    with pytest.raises(PermissionDenied):
        get_project_for_user(reader, "own-org", project.pk, min_role=Role.STAFF)
    assert get_project_for_user(staff, "own-org", project.pk, min_role=Role.STAFF, owner_only=True)
    # A partner sees the project but not the owner's controls.
    with pytest.raises(Http404):
        get_project_for_user(
            partner_staff, "partner-org", project.pk, min_role=Role.STAFF, owner_only=True
        )
    # Step 1's answers are for partners' staff too.
    assert get_project_for_user(partner_staff, "partner-org", project.pk, min_role=Role.STAFF)


def test_partnership_access_only_for_current_partners_of_the_owners_project(
    project: Project, staff: User, partner_staff: User
) -> None:
    partnership = project.partnerships.get()
    assert get_partnership_for_user(staff, "own-org", project.pk, partnership.pk) == partnership
    with pytest.raises(Http404):
        get_partnership_for_user(partner_staff, "partner-org", project.pk, partnership.pk)
    services.remove_partner(partnership, by=None, left_on=timezone.localdate())
    with pytest.raises(Http404):
        get_partnership_for_user(staff, "own-org", project.pk, partnership.pk)


def test_the_organisation_asked_sees_only_the_open_handover(
    project: Project, other_org: Organisation, outsider: User, staff: User
) -> None:
    with pytest.raises(Http404):
        get_handover_for_user(outsider, "other-org", project.pk)
    services.set_who_acts(
        project,
        by=staff,
        who_acts=WhoActs.OTHER,
        reason="Hoort bij hen",
        handed_to=other_org,
        note="Kunnen jullie dit oppakken?",
    )
    assert get_handover_for_user(outsider, "other-org", project.pk) == project
    # Seeing the handover is not seeing the project.
    with pytest.raises(Http404):
        get_project_for_user(outsider, "other-org", project.pk)
    with pytest.raises(Http404):
        get_handover_for_user(staff, "own-org", project.pk)
    services.answer_handover(project, by=outsider, accept=False, reply="Geen tijd")
    with pytest.raises(Http404):
        get_handover_for_user(outsider, "other-org", project.pk)


def test_origin_action_only_the_organisations_own_project_actions(
    own_org: Organisation, other_org: Organisation, areas: dict[str, Area]
) -> None:
    from collectief.signals.models import Action, Discussion

    own = Discussion.objects.create(
        organisation=own_org, area=areas["haagse_beemden"], period=datetime.date(2026, 1, 1)
    )
    theirs = Discussion.objects.create(
        organisation=other_org, area=areas["haagse_beemden"], period=datetime.date(2026, 1, 1)
    )
    mine = Action.objects.create(discussion=own, description="Samen", owner="Team", kind="project")
    task = Action.objects.create(discussion=own, description="Bellen", owner="Team", kind="actie")
    other = Action.objects.create(
        discussion=theirs, description="Ander", owner="Team", kind="project"
    )
    assert origin_action_of(own_org, str(mine.pk)) == mine
    assert origin_action_of(own_org, task.pk) is None
    assert origin_action_of(own_org, other.pk) is None
    assert origin_action_of(own_org, "x") is None
    assert origin_action_of(own_org, None) is None
    assert origin_action_of(own_org, "999999999999999999999") is None
    assert origin_action_of(own_org, "-1") is None
