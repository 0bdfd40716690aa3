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
