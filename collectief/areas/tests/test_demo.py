from __future__ import annotations

import io

import pytest

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
