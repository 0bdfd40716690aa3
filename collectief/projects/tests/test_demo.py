"""The demo: Utrecht Dichterswijk in step 2 with ten partners, safe to run twice."""

from __future__ import annotations

from io import StringIO

import pytest

from collectief.accounts.factories import OrganisationFactory
from collectief.accounts.models import User
from collectief.areas.models import Area
from collectief.directory.taxonomy_data import ensure_taxonomies
from collectief.projects import demo
from collectief.projects.models import Project, Step, WhoActs

pytestmark = pytest.mark.django_db


def test_demo_project_with_ten_partners_twice() -> None:
    ensure_taxonomies()
    utrecht = Area.objects.create(code="GM0344", name="Utrecht", level="gemeente", year=2024)
    Area.objects.create(
        code="WK034408", name="Wijk 08 Zuidwest", level="wijk", parent=utrecht, year=2024
    )
    OrganisationFactory(slug="dock-zuidwest", name="Dock Utrecht Zuidwest")
    OrganisationFactory(slug="buurtteam-zuidwest", name="Buurtteam Utrecht Zuidwest")
    out = StringIO()
    demo.load_demo(out)
    demo.load_demo(out)
    project = Project.objects.get()
    assert project.step == Step.PLAN and project.who_acts == WhoActs.TOGETHER
    current = project.partnerships.filter(left_on__isnull=True)
    assert current.count() == 10
    names = list(current.values_list("organisation__name", flat=True))
    assert "Buurtteam Utrecht Zuidwest" in names
    assert all(n.endswith("(demo)") for n in names if n != "Buurtteam Utrecht Zuidwest")
    assert "met 10 partners" in out.getvalue()
    # The demo logins see the project: Dock as owner, the corporatie as a partner.
    from collectief.projects.access import get_project_for_user

    dock = User.objects.get(email="dock@zuidwest.demo")
    corporatie = User.objects.get(email="corporatie@zuidwest.demo")
    assert get_project_for_user(dock, "dock-zuidwest", project.pk) == project
    assert get_project_for_user(corporatie, "demo-woningcorporatie-zuidwest", project.pk)
    assert "dock@zuidwest.demo" in out.getvalue()


def test_demo_without_its_owner_skips(db: None) -> None:
    out = StringIO()
    demo.load_demo(out)
    assert not Project.objects.exists()
    assert "overgeslagen" in out.getvalue()


def test_demo_steps_dichterswijk_plan_and_almere_twice() -> None:
    from collectief.directory.models import DirectoryOrganization, Service
    from collectief.projects.models import AgreementStatus, Decision

    ensure_taxonomies()
    utrecht = Area.objects.create(code="GM0344", name="Utrecht", level="gemeente", year=2024)
    Area.objects.create(
        code="WK034408", name="Wijk 08 Zuidwest", level="wijk", parent=utrecht, year=2024
    )
    almere = Area.objects.create(code="GM0034", name="Almere", level="gemeente", year=2024)
    for code, name in (("WK003401", "Almere Haven"), ("WK003403", "Almere Buiten")):
        Area.objects.create(code=code, name=name, level="wijk", parent=almere, year=2024)
    OrganisationFactory(slug="dock-zuidwest", name="Dock Utrecht Zuidwest")
    OrganisationFactory(slug="buurtteam-zuidwest", name="Buurtteam Utrecht Zuidwest")
    team = OrganisationFactory(slug="wijkteam-almere", name="Wijkteam Almere")
    DirectoryOrganization.objects.create(name="Wijkteam Almere", organisation=team)
    out = StringIO()
    demo.load_demo(out)
    demo.load_demo(out)
    dichterswijk = Project.objects.get(wijk__code="WK034408")
    kartrekkers = dichterswijk.members.filter(kartrekker_slot__isnull=False)
    assert kartrekkers.count() == 2
    assert dichterswijk.change_story is not None and dichterswijk.goals.count() == 3
    buiten = Project.objects.get(wijk__code="WK003403")
    assert buiten.step == Step.CARRY_OUT
    statuses = sorted(buiten.agreements.values_list("status", flat=True))
    assert statuses == sorted([AgreementStatus.MISSED, AgreementStatus.DONE, AgreementStatus.OPEN])
    assert buiten.agreements.get(status=AgreementStatus.MISSED).follow_ups.count() == 1
    # A step 3 project has its plan: two kartrekkers, goals and a milestone reached.
    assert buiten.members.filter(kartrekker_slot__isnull=False).count() == 2
    assert (
        buiten.goals.count() == 3 and buiten.milestones.filter(done_on__isnull=False).count() == 1
    )
    haven = Project.objects.get(wijk__code="WK003401")
    assert haven.decision == Decision.EMBED and haven.finished_on is not None
    assert Service.objects.filter(pk=haven.embedded_service_id, is_public=True).count() == 1
    assert Service.objects.filter(name="Samen eten in Almere Haven").count() == 1
    assert haven.lessons.filter(is_public=True).count() == 1
    assert haven.members.filter(kartrekker_slot__isnull=False).count() == 2
    assert haven.log.count() == 2
    assert "Hulp bij de administratie in Almere Buiten" in out.getvalue()
