from __future__ import annotations

import io

import pytest

from collectief.accounts.demo import ORGANISATIONS
from collectief.areas import demo
from collectief.areas.models import Area
from collectief.lib import cbs

pytestmark = pytest.mark.django_db


def test_demo_areas_load_and_are_idempotent() -> None:
    demo.load_demo(io.StringIO())
    count = Area.objects.count()
    assert count > 20
    demo.load_demo(io.StringIO())
    assert Area.objects.count() == count
    for area in Area.objects.all():
        assert cbs.is_valid(area.code)
        assert area.year == demo.DEMO_YEAR


def test_every_demo_gemeente_is_there() -> None:
    demo.load_demo(io.StringIO())
    names = set(Area.objects.filter(level="gemeente").values_list("name", flat=True))
    assert {"Haarlem", "Breda", "Barendrecht", "Almere", "Utrecht"} <= names


def test_demo_organisations_refer_to_areas_that_exist() -> None:
    demo.load_demo(io.StringIO())
    for spec in ORGANISATIONS:
        for name in spec["areas"]:
            assert Area.objects.filter(name=name).exclude(level="gemeente").exists(), name
        if spec.get("area_municipality"):
            assert Area.objects.filter(level="gemeente", name=spec["area_municipality"]).exists()
