"""HSDS as written, not only as exemplified: schedule times with a UTC offset,
values the database cannot hold, and a fuzz of the importer from the schemas."""

from __future__ import annotations

import json
import uuid
from datetime import time
from typing import Any

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from collectief.directory import models as m
from collectief.directory.hsds import import_hsds
from collectief.directory.hsds.mapping import object_to_row
from collectief.directory.hsds.schema import flat_schema

from .test_hsds import export_json

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch() -> Any:
    with translation.override("nl"):
        yield


def feed(**schedule: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "name": "Koffieochtend",
        "status": "active",
        "schedules": [{"id": str(uuid.uuid4()), "freq": "WEEKLY", "byday": "WE", **schedule}],
    }


def imported(document: dict[str, Any]) -> m.Schedule:
    result = import_hsds(json.dumps(document).encode(), "feed.json")
    assert result.ok, [str(p) for p in result.problems]
    return m.Schedule.objects.get()


@pytest.mark.parametrize(
    ("schedule", "opens", "closes"),
    [
        # Winter: Amsterdam is UTC+1, so 09:00+01:00 is 09:00 on the door.
        (
            {"dtstart": "2026-01-07", "opens_at": "09:00+01:00", "closes_at": "11:30Z"},
            "09:00",
            "12:30",
        ),
        # Summer: UTC+2.
        (
            {"valid_from": "2026-07-01", "opens_at": "08:00Z", "closes_at": "12:00:00+02:00"},
            "10:00",
            "12:00",
        ),
        # The schema's own example, in the schedule's own timezone.
        (
            {"timezone": -5, "opens_at": "09:00-05:00", "closes_at": "17:00:00-05:00"},
            "09:00",
            "17:00",
        ),
        # Without an offset: the wall-clock time, as the examples have it.
        ({"opens_at": "10:00:00", "closes_at": "12:00"}, "10:00", "12:00"),
    ],
)
def test_schedule_times_with_an_offset_import_as_wall_clock_time(schedule, opens, closes):
    document = feed(**schedule)
    stored = imported(document)
    assert stored.opens_at == time.fromisoformat(opens)
    assert stored.closes_at == time.fromisoformat(closes)
    # The export gives back exactly what the feed said.
    _data, exported = export_json()
    row = exported["contents"][0]["schedules"][0]
    assert row["opens_at"] == schedule["opens_at"]
    assert row["closes_at"] == schedule["closes_at"]


def test_times_made_in_collectief_export_with_their_offset():
    stored = imported(feed(dtstart="2026-01-07", opens_at="10:00:00", closes_at="12:00:00"))
    stored.extra = {}
    stored.save()
    row = object_to_row("schedule", stored)
    assert row["opens_at"] == "10:00:00+01:00"
    assert row["closes_at"] == "12:00:00+01:00"
    _data, exported = export_json()
    assert exported["contents"][0]["schedules"][0]["opens_at"] == "10:00:00+01:00"
    stored.dtstart = None
    stored.valid_from = None
    stored.timezone = 0
    assert object_to_row("schedule", stored)["opens_at"] == "10:00:00Z"


def test_closing_before_opening_is_compared_in_wall_clock_time():
    result = import_hsds(
        json.dumps(
            feed(dtstart="2026-01-07", opens_at="10:00+01:00", closes_at="08:30Z")
        ).encode(),
        "feed.json",
    )
    assert [str(p) for p in result.problems] == [
        "schedules[0].closes_at: De eindtijd moet na de begintijd liggen."
    ]


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        ({"name": "x" * 201}, "name", "langer dan 200 tekens"),
        ({"minimum_age": 10**30}, "minimum_age", "te groot"),
        ({"maximum_age": 1e308 * 10}, "maximum_age", "te groot"),
        ({"assured_date": "2026-02-30"}, "assured_date", "geen geldige datum"),
        ({"description": "nul\x00teken"}, "description", "NUL"),
        ({"email": "a\ud800@b.nl"}, "email", "ongeldig teken"),
        ({"extra_field": 2**70}, "extra_field", "te groot"),
    ],
)
def test_values_the_database_cannot_hold_are_problems_with_their_path(change, path, words):
    document = feed(opens_at="10:00", closes_at="12:00")
    document.update(change)
    result = import_hsds(json.dumps(document).encode(), "feed.json")
    problems = [str(p) for p in result.problems]
    assert any(p.startswith(path + ":") and words in p for p in problems), problems
    assert m.Service.objects.count() == 0
    assert m.Schedule.objects.count() == 0


def test_impossible_schedule_time_is_a_problem():
    result = import_hsds(json.dumps(feed(opens_at="25:00+01:00")).encode(), "feed.json")
    assert any(str(p).startswith("schedules[0].opens_at:") for p in result.problems)
    assert m.Schedule.objects.count() == 0


def _rows(type_name: str) -> st.SearchStrategy[dict[str, Any]]:
    """Rows from the vendored schema, one hypothesis-jsonschema strategy per field.

    hypothesis-jsonschema's own object strategy does not run on the current
    Hypothesis, so the object is put together here from its fields' schemas.
    """
    schema = flat_schema(type_name)
    fields = {name: from_schema(prop) for name, prop in schema["properties"].items()}
    required = set(schema["required"]) | {"id"}
    return st.fixed_dictionaries(
        {name: fields[name] for name in required if name in fields},
        optional={name: s for name, s in fields.items() if name not in required},
    )


def _service_with_schedules() -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(
        lambda s, schedules: {**s, "schedules": schedules},
        _rows("service"),
        st.lists(_rows("schedule"), max_size=2),
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(document=_service_with_schedules())
def test_fuzzed_feeds_never_raise_and_never_half_import(document):
    """Documents generated from the vendored HSDS schemas: a result, never an exception."""
    before = (m.Service.objects.count(), m.Schedule.objects.count(), m.HsdsImport.objects.count())
    result = import_hsds(json.dumps(document).encode(), "feed.json")
    after = (m.Service.objects.count(), m.Schedule.objects.count(), m.HsdsImport.objects.count())
    if not result.ok:
        assert after == before, "nothing may be half-imported"
        assert all(p.message for p in result.problems)
    else:
        assert after[2] == before[2] + 1
