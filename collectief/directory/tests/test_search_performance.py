"""The fast paths of the search (day filter via partial indexes, centroids, term ids).

The migrations do not run in tests, so the tests that look at query plans
create the indexes of migration 0102 themselves.
"""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.db import connection

from collectief.directory.models import Schedule, ServiceAtLocation
from collectief.directory.search import (
    _centroids,
    _weekday_sql,
    area_choices,
    search_services,
)
from collectief.directory.tests.search_helpers import breda, make_service

pytestmark = pytest.mark.django_db

weekday_indexes = importlib.import_module(
    "collectief.directory.migrations.0102_schedule_weekday_indexes"
)


@pytest.fixture(autouse=True)
def _taxonomies(db: None) -> None:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()


def names(qs) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(s.name for s in qs)


def test_day_filter_finds_schedules_of_a_service_at_a_location() -> None:
    areas = breda()
    service = make_service("Koffie op locatie", where=areas["kesteren"])
    sal = ServiceAtLocation.objects.get(service=service)
    Schedule.objects.create(service_at_location=sal, freq="WEEKLY", byday="TH")
    make_service("Eigen schema", byday="TH")
    make_service("Andere dag", byday="FR")

    assert names(search_services(day="do")) == ["Eigen schema", "Koffie op locatie"]
    assert names(search_services(day="vr")) == ["Andere dag"]


def test_day_filter_skips_ended_schedules_and_closing_periods() -> None:
    today = date(2025, 3, 4)
    ended = make_service("Gestopt")
    Schedule.objects.create(service=ended, byday="TU", valid_to=date(2025, 1, 1))
    last_time = make_service("Laatste keer geweest")
    Schedule.objects.create(service=last_time, byday="TU", until=date(2025, 2, 1))
    running = make_service("Loopt nog")
    Schedule.objects.create(service=running, byday="TU", valid_to=date(2025, 12, 31))
    closed = make_service("Alleen dicht")
    Schedule.objects.create(service=closed, kind=Schedule.Kind.CLOSED, byday="TU")

    assert names(search_services(day="di", today=today)) == ["Loopt nog"]


def test_day_filter_combines_with_other_filters() -> None:
    areas = breda()
    make_service(
        "Koffie",
        where=areas["kesteren"],
        byday="TU",
        themes=("eenzaamheid",),
        groups=("ouderen",),
        is_free=True,
    )
    make_service("Koffie duur", where=areas["kesteren"], byday="TU", themes=("eenzaamheid",))
    make_service("Koffie woensdag", where=areas["kesteren"], byday="WE", is_free=True)

    found = search_services(
        "koffie",
        area=areas["haagse_beemden"],
        theme="eenzaamheid",
        target_group="ouderen",
        day="di",
        free=True,
        no_referral=True,
    )
    assert names(found) == ["Koffie"]
    assert found.count() == 1


def test_unknown_theme_finds_nothing() -> None:
    make_service("Iets", themes=("eenzaamheid",))
    assert names(search_services(theme="bestaat-niet")) == []


def test_centroids_average_the_locations_of_each_wijk() -> None:
    areas = breda()
    make_service("A", where=areas["kesteren"], point=(51.60, 4.70))
    make_service("B", where=areas["heilaar"], point=(51.62, 4.74))
    make_service("C", where=areas["binnenstad"], point=(51.59, 4.78))
    make_service("Zonder plek", where=areas["kesteren"])

    centroids = _centroids([areas["haagse_beemden"], areas["centrum"]])

    assert centroids[areas["haagse_beemden"].pk] == pytest.approx((51.61, 4.72))
    assert centroids[areas["centrum"].pk] == pytest.approx((51.59, 4.78))


def test_area_choices_list_each_buurt_with_a_location_once() -> None:
    areas = breda()
    make_service("A", where=areas["kesteren"])
    make_service("B", where=areas["kesteren"])
    options = dict(area_choices())["Breda"]
    codes = [code for code, _label in options]
    assert codes.count("BU07581001") == 1
    assert "BU07581002" not in codes  # no location in Heilaar


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite query plan")
def test_sqlite_day_filter_reads_the_partial_index() -> None:
    with connection.cursor() as cursor:
        for _name, sql in weekday_indexes.INDEXES:
            cursor.execute(sql)
        sql = _weekday_sql(1, "service_id").replace("%%", "%").replace("%s", "?")
        plan = " ".join(
            str(row) for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}", ["2025-01-01"] * 2)
        )
    assert "directory_schedule_open_tu" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plan")
def test_postgres_day_filter_can_use_the_partial_index() -> None:
    with connection.cursor() as cursor:
        for _name, sql in weekday_indexes.INDEXES:
            cursor.execute(sql)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN " + _weekday_sql(1, "service_id"), [date(2025, 1, 1), date(2025, 1, 1)]
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "directory_schedule_open_tu" in plan


def test_quick_select_writes_the_same_html_as_django_select() -> None:
    from django import forms

    from collectief.directory.search import QuickSelect

    choices = [
        ("", "Overal"),
        ("Breda & <omgeving>", [("GM0758", 'Heel "Breda"'), ("WK075810", "Haagse Beemden")]),
        ("Zundert", [("GM0879", "Heel Zundert")]),
    ]
    attrs = {"id": "id_gebied", "aria-describedby": "x_helptext", "required": True, "x": False}
    for value in ("", "WK075810", "GM0879", None, "bestaat-niet"):
        expected = forms.Select(choices=choices).render("gebied", value, attrs)
        assert QuickSelect(choices=choices).render("gebied", value, attrs) == expected


def test_search_page_form_keeps_the_chosen_area() -> None:
    from collectief.directory.search import SearchForm

    areas = breda()
    make_service("A", where=areas["kesteren"])
    form = SearchForm({"gebied": "BU07581001"})
    assert form.is_valid()
    html = str(form["gebied"])
    assert '<option value="BU07581001" selected>– Kesteren</option>' in html
    assert '<optgroup label="Breda">' in html


@pytest.mark.parametrize(
    ("number", "expected_page", "expected_names"),
    [
        (1, 1, ["Activiteit 0", "Activiteit 1"]),
        (2, 2, ["Activiteit 2", "Activiteit 3"]),
        (3, 3, ["Activiteit 4"]),
        (9, 3, ["Activiteit 4"]),  # past the end: the last page
        (1_000_000, 3, ["Activiteit 4"]),  # the largest page_number() gives
        (0, 3, ["Activiteit 4"]),  # as Paginator.get_page does
    ],
)
def test_display_page_counts_and_pages_like_the_paginator(
    number: int, expected_page: int, expected_names: list[str]
) -> None:
    from collectief.directory.search import display_page

    for i in range(5):
        make_service(f"Activiteit {i}")
    make_service("Niet actief", status="inactive")

    page = display_page(search_services(), number, 2)

    assert page.number == expected_page
    assert page.paginator.count == 5
    assert page.paginator.num_pages == 3
    assert [s.name for s in page.object_list] == expected_names


def test_display_page_without_results() -> None:
    from collectief.directory.search import display_page

    page = display_page(search_services("bestaatnietwoord"), 1, 20)
    assert page.paginator.count == 0
    assert page.number == 1
    assert page.object_list == []


def test_display_page_total_with_full_text_and_filters() -> None:
    from collectief.directory.search import display_page

    for i in range(3):
        make_service(f"Koffie {i}", is_free=True)
    make_service("Koffie duur")
    make_service("Thee", is_free=True)

    page = display_page(search_services("koffie", free=True), 1, 2)
    assert page.paginator.count == 3
    assert len(page.object_list) == 2
    assert page.has_next()


def test_display_page_with_day_area_and_words() -> None:
    from collectief.directory.search import display_page

    areas = breda()
    make_service("Koffie dinsdag", where=areas["kesteren"], byday="TU", themes=("eenzaamheid",))
    make_service("Koffie woensdag", where=areas["kesteren"], byday="WE")
    make_service("Koffie elders", where=areas["binnenstad"], byday="TU")

    page = display_page(
        search_services("koffie", area=areas["haagse_beemden"], day="di", theme="eenzaamheid"),
        1,
        20,
    )
    assert page.paginator.count == 1
    assert [s.name for s in page.object_list] == ["Koffie dinsdag"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL stored document")
def test_postgres_stored_search_document_gives_the_same_results() -> None:
    """The stored column of migration 0104 finds what the expression finds."""
    from django.contrib.postgres.search import SearchQuery, SearchVector

    from collectief.directory.models import Service
    from collectief.directory.search.fulltext import _pg_tsquery, query_words

    make_service("Koffieochtend", description="Voor eenzame ouderen", is_free=True)
    make_service("Kookcafé", description="Samen koken en eten")
    make_service("Taalcafé", description="Nederlands oefenen")
    # Only words that are not stop words: a query of stop words alone reads as
    # no text at all here, as it does on SQLite.
    queries = ["koffie", "eenzaamheid", "koken", "café", "oefenen nederlands", "zwemmen"]
    for query in queries:
        tsquery = SearchQuery(_pg_tsquery(query_words(query)), config="dutch", search_type="raw")
        expected = set(
            Service.objects.annotate(document=SearchVector("search_text", config="dutch"))
            .filter(document=tsquery)
            .values_list("name", flat=True)
        )
        assert {s.name for s in search_services(query)} == expected, query
    assert "search_document" in str(search_services("koken").query)
    assert [s.name for s in search_services("koken")] == ["Kookcafé"]
    assert [s.name for s in search_services("eenzaamheid")] == ["Koffieochtend"]
