from __future__ import annotations

from datetime import date, time

import pytest
from django.db import connection

from collectief.directory.models import Schedule, Service
from collectief.directory.search import (
    closed_on,
    describe_schedule,
    light_dutch_stem,
    neighbouring_areas,
    parse_day,
    schedule_occurs_on,
    search_services,
)
from collectief.directory.tests.search_helpers import breda, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _taxonomies(db: None) -> None:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()


def names(qs) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(s.name for s in qs)


@pytest.fixture
def areas() -> dict:  # type: ignore[type-arg]
    return breda()


def test_full_text_finds_dutch_word_forms(areas: dict) -> None:  # type: ignore[type-arg]
    make_service("Koffie-inloop", description="Voor eenzame ouderen uit de wijk")
    make_service("Naailes", description="Leer naaien met een naaimachine")
    assert names(search_services("eenzaamheid")) == ["Koffie-inloop"]
    assert names(search_services("ouderen eenzaam")) == ["Koffie-inloop"]
    assert names(search_services("koffie")) == ["Koffie-inloop"]
    assert names(search_services("naaien")) == ["Naailes"]
    assert names(search_services("schaken")) == []


def test_full_text_ignores_syntax_characters(areas: dict) -> None:  # type: ignore[type-arg]
    make_service("Koffie-inloop", description="Voor eenzame ouderen")
    assert names(search_services('"koffie* (: -')) == ["Koffie-inloop"]
    assert names(search_services("  ")) == ["Koffie-inloop"]


def test_full_text_follows_changes(areas: dict) -> None:  # type: ignore[type-arg]
    service = make_service("Koffie-inloop")
    service.search_text = "Schaakclub voor iedereen"
    service.save(update_fields=["search_text"])
    assert names(search_services("schaakclub")) == ["Koffie-inloop"]
    assert names(search_services("koffie")) == []
    service.delete()
    assert names(search_services("schaakclub")) == []


def test_only_active_public_services(areas: dict) -> None:  # type: ignore[type-arg]
    make_service("Actief")
    make_service("Gestopt", status=Service.Status.DEFUNCT)
    make_service("Privé", is_public=False)
    assert names(search_services()) == ["Actief"]


def test_area_filter_includes_buurten_and_gemeente_wide(areas: dict) -> None:  # type: ignore[type-arg]
    make_service("In Kesteren", where=areas["kesteren"])
    make_service("In Heilaar", where=areas["heilaar"])
    make_service("In de binnenstad", where=areas["binnenstad"])
    make_service("Voor heel Breda", serves=areas["breda"])
    assert names(search_services(area=areas["kesteren"])) == ["In Kesteren", "Voor heel Breda"]
    assert names(search_services(area=areas["haagse_beemden"])) == [
        "In Heilaar",
        "In Kesteren",
        "Voor heel Breda",
    ]
    assert names(search_services(area=areas["kesteren"], include_neighbours=True)) == [
        "In Heilaar",
        "In Kesteren",
        "Voor heel Breda",
    ]


def test_neighbouring_wijken_by_distance(areas: dict) -> None:  # type: ignore[type-arg]
    from collectief.directory.tests.search_helpers import area

    far = area("WK075820", "Ver weg", areas["breda"])
    make_service("A", where=areas["kesteren"], point=(51.60, 4.74))
    make_service("B", where=areas["binnenstad"], point=(51.59, 4.77))
    make_service("C", where=far, point=(51.40, 4.50))
    neighbours = neighbouring_areas(areas["haagse_beemden"])
    assert areas["centrum"] in neighbours
    assert far not in neighbours
    assert neighbouring_areas(areas["kesteren"]) == [areas["heilaar"]]
    assert neighbouring_areas(areas["breda"]) == []


def test_theme_and_target_group_filters(areas: dict) -> None:  # type: ignore[type-arg]
    make_service("Koffie", themes=("eenzaamheid",), groups=("ouderen",))
    make_service("Huiswerk", themes=("opvoeden-en-opgroeien",), groups=("jeugd",))
    assert names(search_services(theme="eenzaamheid")) == ["Koffie"]
    assert names(search_services(target_group="jeugd")) == ["Huiswerk"]
    assert names(search_services(theme="eenzaamheid", target_group="jeugd")) == []


def test_flag_filters(areas: dict) -> None:  # type: ignore[type-arg]
    make_service("Gratis", is_free=True)
    make_service("Met verwijzing", is_free=True, referral=Service.Referral.REFERRAL)
    make_service("Rolstoel", wheelchair_accessible=True)
    assert names(search_services(free=True)) == ["Gratis", "Met verwijzing"]
    assert names(search_services(free=True, no_referral=True)) == ["Gratis"]
    assert names(search_services(wheelchair=True)) == ["Rolstoel"]
    assert names(search_services(free=False)) == ["Gratis", "Met verwijzing", "Rolstoel"]


def test_day_filter(areas: dict) -> None:  # type: ignore[type-arg]
    make_service("Dinsdag", byday="TU")
    make_service("Ma en wo", byday="MO,WE")
    make_service("Eerste dinsdag", byday="1TU", freq="MONTHLY")
    assert names(search_services(day="di")) == ["Dinsdag", "Eerste dinsdag"]
    assert names(search_services(day="woensdag")) == ["Ma en wo"]
    assert names(search_services(day=0)) == ["Ma en wo"]
    assert names(search_services(day="zo")) == []


def test_parse_day() -> None:
    assert parse_day("di") == 1
    assert parse_day("Dinsdag") == 1
    assert parse_day("TU") == 1
    assert parse_day("sunday") == 6
    assert parse_day("") is None
    with pytest.raises(ValueError):
        parse_day("dondag")


def _schedule(**kwargs) -> Schedule:  # type: ignore[no-untyped-def]
    return Schedule(**{"kind": Schedule.Kind.OPEN, "freq": "WEEKLY", **kwargs})


def test_schedule_rules() -> None:
    wednesday = date(2025, 3, 5)
    assert schedule_occurs_on(_schedule(byday="WE"), wednesday)
    assert not schedule_occurs_on(_schedule(byday="TU"), wednesday)
    # Every other week, counted from the first time.
    biweekly = _schedule(byday="WE", interval=2, dtstart=date(2025, 2, 26))
    assert not schedule_occurs_on(biweekly, wednesday)
    assert schedule_occurs_on(biweekly, date(2025, 3, 12))
    # First and last Tuesday of the month.
    first = _schedule(freq="MONTHLY", byday="1TU")
    assert schedule_occurs_on(first, date(2025, 3, 4))
    assert not schedule_occurs_on(first, date(2025, 3, 11))
    last = _schedule(freq="MONTHLY", byday="-1TU")
    assert schedule_occurs_on(last, date(2025, 3, 25))
    # Outside the validity dates.
    ended = _schedule(byday="WE", valid_to=date(2025, 1, 1))
    assert not schedule_occurs_on(ended, wednesday)
    # A one-off date.
    once = Schedule(kind=Schedule.Kind.OPEN, dtstart=wednesday)
    assert schedule_occurs_on(once, wednesday)
    assert not schedule_occurs_on(once, date(2025, 3, 12))


def test_zomerstop_closes_the_agenda(areas: dict) -> None:  # type: ignore[type-arg]
    huiskamer = make_service(
        "Huiskamerproject",
        byday="WE",
        opens=time(14),
        closes=time(16),
        closed=(date(2025, 7, 14), date(2025, 8, 24)),
    )
    summer_wednesday = date(2025, 7, 16)
    autumn_wednesday = date(2025, 9, 3)
    schedules = list(huiskamer.schedules.all())
    assert closed_on(schedules, summer_wednesday) is not None
    assert closed_on(schedules, autumn_wednesday) is None
    assert names(search_services(when="vandaag", today=summer_wednesday)) == []
    assert names(search_services(when="vandaag", today=autumn_wednesday)) == ["Huiskamerproject"]
    # The week of the last Sunday of the zomerstop includes the next Wednesday.
    assert names(search_services(when="week", today=date(2025, 8, 24))) == ["Huiskamerproject"]
    assert names(search_services(when="week", today=date(2025, 8, 1))) == []


def test_describe_schedule_in_dutch() -> None:
    from django.utils import translation

    with translation.override("nl"):
        text = describe_schedule(_schedule(byday="TU,TH", opens_at=time(10), closes_at=time(12)))
        assert "dinsdag" in text and "donderdag" in text and "10:00–12:00" in text
        closed = Schedule(
            kind=Schedule.Kind.CLOSED,
            valid_from=date(2025, 7, 14),
            valid_to=date(2025, 8, 24),
            description="zomerstop",
        )
        assert "zomerstop" in describe_schedule(closed)


def test_light_dutch_stem() -> None:
    assert light_dutch_stem("eenzame") == light_dutch_stem("eenzaam")
    assert light_dutch_stem("eenzaamheid").startswith(light_dutch_stem("eenzaam"))
    assert "ouderen".startswith(light_dutch_stem("ouderen"))


def test_wijkteam_question(areas: dict) -> None:  # type: ignore[type-arg]
    """Is er iets voor eenzame ouderen in Kesteren op dinsdag, gratis en zonder verwijzing?"""
    make_service(
        "Koffie-inloop",
        where=areas["kesteren"],
        themes=("eenzaamheid", "ontmoeting"),
        groups=("ouderen",),
        byday="TU",
        is_free=True,
    )
    make_service("Betaalde cursus", where=areas["kesteren"], groups=("ouderen",), byday="TU")
    make_service(
        "Op maandag", where=areas["kesteren"], groups=("ouderen",), byday="MO", is_free=True
    )
    found = search_services(
        area=areas["kesteren"], target_group="ouderen", day="di", free=True, no_referral=True
    )
    assert names(found) == ["Koffie-inloop"]
    assert names(search_services("eenzame ouderen", area=areas["kesteren"], day="di")) == [
        "Koffie-inloop"
    ]


def test_ranking_puts_the_better_match_first(areas: dict) -> None:  # type: ignore[type-arg]
    make_service("Schaakclub", description="Schaken op woensdag. Schaken voor iedereen, schaken!")
    make_service("Buurthuis", description="Koffie, kaarten en soms schaken")
    assert search_services("schaken")[0].name == "Schaakclub"
    assert connection.vendor in ("sqlite", "postgresql")
