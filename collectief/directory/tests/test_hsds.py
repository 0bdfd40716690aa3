"""HSDS 3.1 import and export: the examples round-trip, bad input is refused."""

from __future__ import annotations

import copy
import io
import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from django.utils import translation

from collectief.directory import models as m
from collectief.directory.hsds import export_hsds, import_hsds
from collectief.directory.hsds.importer import Reader, read
from collectief.directory.hsds.schema import validator

# The HSDS 3.1 examples, vendored with their licence note (see SOURCE.md there).
EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "hsds-examples"

JSON_EXAMPLES = sorted(p.name for p in EXAMPLES.glob("*.json"))

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch() -> Any:
    with translation.override("nl"):
        yield


def csv_example_zip(datapackage: bytes = b'{"name": "example", "resources": []}') -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("datapackage.json", datapackage)
        for path in sorted((EXAMPLES / "csv").glob("*.csv")):
            archive.writestr(path.name, path.read_bytes())
    return buffer.getvalue()


def facts(reader: Reader) -> dict[tuple[str, str], dict[str, Any]]:
    return {(t, i): row for t, rows in reader.tables.items() for i, row in rows.items()}


def assert_no_loss(source: Reader, exported: Reader) -> None:
    got = facts(exported)
    for key, row in facts(source).items():
        assert key in got, f"{key} is missing from the export"
        for name, value in row.items():
            assert got[key].get(name) == value, (
                f"{key}.{name}: {value!r} != {got[key].get(name)!r}"
            )


def export_json() -> tuple[bytes, dict[str, Any]]:
    out = io.BytesIO()
    export_hsds("hsds-json", out)
    return out.getvalue(), json.loads(out.getvalue())


def export_csv() -> bytes:
    out = io.BytesIO()
    export_hsds("hsds-csv", out)
    return out.getvalue()


def assert_valid_json_export(document: dict[str, Any]) -> None:
    for service in document["contents"]:
        errors = [
            f"{list(e.absolute_path)}: {e.message}"
            for e in validator("service").iter_errors(service)
        ]
        assert errors == []


def assert_valid_csv_export(data: bytes) -> None:
    reader = read(data, "export.zip")
    assert reader.problems == []


@pytest.mark.parametrize("name", JSON_EXAMPLES)
def test_json_example_imports_and_round_trips_without_loss(name: str) -> None:
    data = (EXAMPLES / name).read_bytes()
    result = import_hsds(data, name)
    assert result.ok, [str(p) for p in result.problems]
    source = read(data, name)

    csv_data = export_csv()
    assert_valid_csv_export(csv_data)
    assert_no_loss(source, read(csv_data, "export.zip"))

    raw, document = export_json()
    assert_valid_json_export(document)
    if "service" in source.tables and name != "tabular.json":
        # Nested JSON holds what hangs under services; the tabular example
        # also has unlinked rows, which only the CSV datapackage carries.
        assert_no_loss(source, read(raw, "export.json"))


def test_csv_datapackage_example_imports_and_round_trips() -> None:
    data = csv_example_zip()
    result = import_hsds(data, "hsds.zip")
    assert result.ok, [str(p) for p in result.problems]
    assert result.created["service"] == 1
    csv_data = export_csv()
    assert_valid_csv_export(csv_data)
    assert_no_loss(read(data, "hsds.zip"), read(csv_data, "export.zip"))
    with zipfile.ZipFile(io.BytesIO(csv_data)) as archive:
        package = json.loads(archive.read("datapackage.json"))
        assert {r["path"] for r in package["resources"]} <= set(archive.namelist())


def test_all_examples_together_round_trip() -> None:
    readers = []
    for name in JSON_EXAMPLES:
        data = (EXAMPLES / name).read_bytes()
        assert import_hsds(data, name).ok
        readers.append(read(data, name))
    exported = read(export_csv(), "export.zip")
    # The last import of an id wins; the facts of the service example survive.
    assert ("service", "ac148810-d857-441c-9679-408f346de14b") in facts(exported)


def test_reimport_is_idempotent() -> None:
    data = (EXAMPLES / "service_full.json").read_bytes()
    first = import_hsds(data, "service_full.json")
    counts = {
        model: model.objects.count() for model in (m.Service, m.Phone, m.Schedule, m.Location)
    }
    second = import_hsds(data, "service_full.json")
    assert second.ok
    assert sum(second.created.values()) == 0
    assert sum(second.updated.values()) == sum(first.created.values())
    assert {model: model.objects.count() for model in counts} == counts


def test_reimport_updates_fields() -> None:
    document = json.loads((EXAMPLES / "service_full.json").read_bytes())
    import_hsds(json.dumps(document).encode(), "s.json")
    document["name"] = "Koffieochtend"
    assert import_hsds(json.dumps(document).encode(), "s.json").ok
    service = m.Service.objects.get()
    assert service.name == "Koffieochtend"
    assert "Koffieochtend" in service.search_text


def test_schedule_fields_are_stored_as_values() -> None:
    import_hsds((EXAMPLES / "service_full.json").read_bytes(), "s.json")
    schedule = m.Schedule.objects.get()
    assert schedule.freq == "WEEKLY"
    assert schedule.days == ["TH", "FR"]
    assert str(schedule.opens_at) == "10:00:00"
    assert schedule.service_id and schedule.location_id and schedule.service_at_location_id


def service_document(**changes: Any) -> dict[str, Any]:
    document = {
        "id": str(uuid.uuid4()),
        "name": "Koffieochtend",
        "status": "active",
        "schedules": [
            {
                "id": str(uuid.uuid4()),
                "freq": "WEEKLY",
                "byday": "WE",
                "opens_at": "10:00:00",
                "closes_at": "12:00:00",
            }
        ],
    }
    document.update(changes)
    return document


def problems_of(data: Any, filename: str = "data.json") -> list[str]:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    result = import_hsds(raw, filename)
    assert not result.ok
    assert m.Service.objects.count() == 0, "nothing may be half-imported"
    return [str(p) for p in result.problems]


def test_every_invalid_record_is_reported_with_its_path() -> None:
    good = service_document()
    bad_enum = service_document(status="misschien")
    bad_freq = service_document()
    bad_freq["schedules"][0]["freq"] = "DAILY"
    missing_name = service_document()
    del missing_name["name"]
    problems = problems_of([good, bad_enum, bad_freq, missing_name])
    assert any(p.startswith("services[1].status:") and "niet toegestaan" in p for p in problems)
    assert any(p.startswith("services[2].schedules[0].freq:") for p in problems)
    assert any(p.startswith("services[3].name:") and "ontbreekt" in p for p in problems)


def test_paginated_shape_paths_use_contents() -> None:
    problems = problems_of({"contents": [service_document(status="x")]})
    assert problems[0].startswith("contents[0].status:")


def test_duplicate_ids_are_refused() -> None:
    one = service_document()
    two = service_document(id=one["id"], name="Iets anders")
    problems = problems_of([one, two])
    assert any("services[1]" in p and one["id"] in p for p in problems)


def test_same_nested_id_with_other_content_is_refused() -> None:
    one = service_document()
    two = service_document()
    two["schedules"][0]["id"] = one["schedules"][0]["id"]
    two["schedules"][0]["byday"] = "MO"
    problems = problems_of([one, two])
    assert any("services[1].schedules[0]" in p for p in problems)


def test_broken_reference_is_refused() -> None:
    document = service_document(organization_id=str(uuid.uuid4()))
    problems = problems_of([document])
    assert any(
        p.startswith("services[0].organization_id:") and "bestaat niet" in p for p in problems
    )


def test_reference_to_existing_object_in_database_is_accepted() -> None:
    organization = m.DirectoryOrganization.objects.create(name="Het Badhuis")
    result = import_hsds(
        json.dumps([service_document(organization_id=str(organization.pk))]).encode(), "x.json"
    )
    assert result.ok
    assert m.Service.objects.get().organization == organization


def test_schedule_that_ends_before_it_starts_is_refused() -> None:
    document = service_document()
    document["schedules"][0].update(valid_from="2025-09-01", valid_to="2025-06-01")
    document["schedules"][0].update(opens_at="14:00:00", closes_at="12:00:00")
    problems = problems_of([document])
    assert any(p.startswith("services[0].schedules[0].valid_to:") for p in problems)
    assert any(p.startswith("services[0].schedules[0].closes_at:") for p in problems)


def test_age_range_must_be_ordered() -> None:
    problems = problems_of([service_document(minimum_age=65, maximum_age=12)])
    assert any(p.startswith("services[0].maximum_age:") for p in problems)


def test_invalid_json_and_wrong_types() -> None:
    assert problems_of(b"{not json")
    problems = problems_of([service_document(minimum_age="oud")])
    assert any(p.startswith("services[0].minimum_age:") for p in problems)
    problems = problems_of([service_document(id="niet-een-uuid")])
    assert any(p.startswith("services[0].id:") for p in problems)


@override_settings(DIRECTORY_HSDS_MAX_BYTES=1000)
def test_file_over_the_size_limit_is_refused_before_parsing() -> None:
    problems = problems_of(b"[" + b" " * 2000 + b"]", "groot.json")
    assert len(problems) == 1
    assert "groter" in problems[0]


def test_200_mb_is_over_the_default_limit() -> None:
    from collectief.directory.hsds.importer import max_bytes

    assert max_bytes() < 200 * 1024 * 1024


def zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_with_unexpected_member_is_refused() -> None:
    data = zip_with(
        {"datapackage.json": b"{}", "services.csv": b"id,name,status\n", "virus.exe": b"MZ"}
    )
    problems = problems_of(data, "hsds.zip")
    assert any(p.startswith("virus.exe:") for p in problems)


def test_zip_with_path_traversal_is_refused() -> None:
    data = zip_with({"datapackage.json": b"{}", "../services.csv": b"id,name,status\n"})
    problems = problems_of(data, "hsds.zip")
    assert any(p.startswith("../services.csv:") for p in problems)


def test_zip_without_datapackage_is_refused() -> None:
    problems = problems_of(zip_with({"services.csv": b"id,name,status\n"}), "hsds.zip")
    assert any("datapackage.json" in p for p in problems)


def test_not_a_zip() -> None:
    assert problems_of(b"PK\x03\x04 broken", "hsds.zip")


def test_csv_rows_are_reported_with_file_row_and_column() -> None:
    services = (
        "id,organization_id,name,status\n"
        f"{uuid.uuid4()},{uuid.uuid4()},Koffie,active\n"
        f"{uuid.uuid4()},,Soep,gesloten\n"
    )
    data = zip_with({"datapackage.json": b"{}", "services.csv": services.encode()})
    problems = problems_of(data, "hsds.zip")
    assert any(p.startswith("services.csv rij 2, kolom organization_id:") for p in problems)
    assert any(p.startswith("services.csv rij 3, kolom status:") for p in problems)
    assert any(p.startswith("services.csv rij 3, kolom organization_id:") for p in problems)


def test_location_with_cbs_code_is_placed_and_others_flagged(db: None) -> None:
    from collectief.areas.models import Area

    gemeente = Area.objects.create(code="GM0123", name="Dorp", level="gemeente", year=2024)
    wijk = Area.objects.create(
        code="WK012301", name="Centrum", level="wijk", parent=gemeente, year=2024
    )
    buurt = Area.objects.create(
        code="BU01230101", name="Kern", level="buurt", parent=wijk, year=2024
    )
    placed = {
        "id": str(uuid.uuid4()),
        "location_type": "physical",
        "name": "Buurthuis",
        "external_identifier": "BU01230101",
        "external_identifier_type": "CBS buurtcode",
    }
    unplaced = {"id": str(uuid.uuid4()), "location_type": "physical", "name": "Ergens"}
    result = import_hsds(json.dumps([placed, unplaced]).encode(), "locations.json")
    assert result.ok
    assert result.needs_placement == 1
    assert m.Location.objects.get(pk=placed["id"]).area == buurt
    assert m.Location.objects.get(pk=unplaced["id"]).needs_placement


def test_modelled_fields_win_after_an_edit() -> None:
    from collectief.directory.hsds.mapping import clear_extra, object_to_row

    document = json.loads((EXAMPLES / "service_full.json").read_bytes())
    document["last_modified"] = "2023-03-15T10:30:45Z"
    import_hsds(json.dumps(document).encode(), "s.json")
    service = m.Service.objects.get()
    assert "last_modified" in service.extra  # kept raw because the stored form differs
    service.name = "Nieuw"
    clear_extra(service, ["name", "last_modified"])
    assert object_to_row("service", service)["name"] == "Nieuw"
    assert "last_modified" not in service.extra


def test_export_streams_json_with_api_shape() -> None:
    import_hsds((EXAMPLES / "service_full.json").read_bytes(), "s.json")
    _raw, document = export_json()
    assert document["total_items"] == 1
    assert document["contents"][0]["organization"]["name"] == "Example Organization Inc."
    assert_valid_json_export(document)


def test_api_info_example_imports_nothing() -> None:
    result = import_hsds((EXAMPLES / "base.json").read_bytes(), "base.json")
    assert result.ok and result.total == 0


def test_copy_of_example_with_dangling_optional_link_keeps_it() -> None:
    document = copy.deepcopy(json.loads((EXAMPLES / "taxonomy_term.json").read_bytes()))
    result = import_hsds(json.dumps(document).encode(), "taxonomy_term.json")
    assert result.ok
    assert result.notes  # the parent term is not there: kept as text
    term = m.TaxonomyTerm.objects.get(pk=document["id"])
    assert term.parent_id is None
    assert term.extra["parent_id"] == document["parent_id"]
