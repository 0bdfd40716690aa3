from __future__ import annotations

import io

import pytest

from collectief.directory.demo import load_demo
from collectief.directory.models import DirectoryOrganization, Schedule, Service
from collectief.directory.search import search_services
from collectief.directory.tests.search_helpers import breda

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _taxonomies(db: None) -> None:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()


def test_demo_loads_twice_without_duplicates() -> None:
    areas = breda()
    load_demo(io.StringIO())
    counts = (
        Service.objects.count(),
        DirectoryOrganization.objects.count(),
        Schedule.objects.count(),
    )
    out = io.StringIO()
    load_demo(out)
    assert (
        Service.objects.count(),
        DirectoryOrganization.objects.count(),
        Schedule.objects.count(),
    ) == counts
    assert "activiteiten" in out.getvalue()
    names = set(Service.objects.values_list("name", flat=True))
    for expected in (
        "Koffieochtend",
        "Vrijdagmiddagborrel",
        "Beeldhouwgroep",
        "Seniorenkoor",
        "Filmavond",
        "Het huiskamerproject",
        "Kringloopwinkel",
        "Naailes",
        "Handwerkclub",
        "Muziekavond",
        "Koffie-inloop",
        "Computerles",
        "Schaken",
        "Open buurttuin met kippen",
        "Klets en koek",
        "Administratiespreekuur",
        "De koffiebakfiets",
        "Bijeenkomsten over wonen",
        "Dagbesteding Pluk",
        "Grote Broer Grote Zus",
        "Daklozeninloop",
    ):
        assert expected in names
    huiskamer = Service.objects.get(name="Het huiskamerproject")
    assert huiskamer.schedules.filter(kind=Schedule.Kind.CLOSED, description="zomerstop").exists()
    # With Kesteren known as an area, the wijkteam question has an answer.
    assert areas["kesteren"].name == "Kesteren"
    found = search_services(
        area=areas["kesteren"], target_group="ouderen", day="di", free=True, no_referral=True
    )
    assert "Koffie-inloop" in {s.name for s in found}
    assert all(s.is_free and not s.referral for s in found)
