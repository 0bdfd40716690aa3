from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from collectief.directory.models import Service
from collectief.directory.tests.search_helpers import breda, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _taxonomies(db: None) -> None:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()


@pytest.fixture
def data() -> dict:  # type: ignore[type-arg]
    areas = breda()
    make_service(
        "Koffie-inloop",
        description="Voor eenzame buurtbewoners",
        where=areas["kesteren"],
        themes=("eenzaamheid",),
        groups=("ouderen",),
        byday="TU",
        is_free=True,
    )
    make_service("Cursus", where=areas["heilaar"], byday="MO", referral=Service.Referral.REFERRAL)
    return areas


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("directory", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_search_json(data: dict) -> None:  # type: ignore[type-arg]
    payload = json.loads(
        run(
            "search",
            "eenzaam",
            "--area",
            "BU07581001",
            "--day",
            "di",
            "--free",
            "--format",
            "json",
        )
    )
    assert payload["count"] == 1
    item = payload["results"][0]
    assert item["name"] == "Koffie-inloop"
    assert item["free"] is True
    assert item["themes"] == ["eenzaamheid"]
    assert any("dinsdag" in line for line in item["when"])


def test_search_text_and_filters(data: dict) -> None:  # type: ignore[type-arg]
    text = run("search", "--area", "wk075810", "--no-referral")
    assert "1 gevonden" in text
    assert "* Koffie-inloop" in text
    assert "Cursus" not in text
    assert "2 gevonden" in run("search")
    assert "0 gevonden" in run("search", "--theme", "eenzaamheid", "--day", "zo")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("search", "--area", "XX123"), "Er is geen gebied met de naam .XX123."),
        (("search", "--theme", "bestaat-niet"), "Onbekend thema"),
        (("search", "--target-group", "katten"), "Onbekend doelgroep"),
        (("search", "--limit", "0"), "--limit"),
    ],
)
def test_search_bad_input(data: dict, args: tuple[str, ...], message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_bad_day_is_rejected_by_the_parser(data: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(CommandError, match=r"Error: argument \-\-day: invalid choice"):
        run("search", "--day", "maandag")


def test_export_and_import_round_trip(data: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    target = tmp_path / "kaart.json"
    text = run("export", "--format", "hsds-json", "-o", str(target))
    assert "2 diensten" in text
    assert target.exists()
    assert not (tmp_path / "kaart.json.part").exists()
    assert "Koffie-inloop" in target.read_text(encoding="utf-8")
    before = Service.objects.count()
    run("import", str(target))
    assert Service.objects.count() == before


def test_export_csv(data: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    target = tmp_path / "kaart.zip"
    run("export", "--format", "hsds-csv", "-o", str(target))
    assert target.read_bytes()[:2] == b"PK"


def test_import_failure_prints_every_problem(data: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    bad = tmp_path / "kapot.json"
    bad.write_text(json.dumps([{"id": "geen-uuid", "name": ""}, {"id": "ook-niet"}]), "utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"Er is niets ingelezen"):
        call_command("directory", "import", str(bad), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().count("\n") >= 2
    with pytest.raises(CommandError, match="niet lezen"):
        run("import", str(tmp_path / "bestaat-niet.json"))


def test_export_to_unwritable_place(data: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    with pytest.raises(CommandError, match="niet schrijven"):
        run("export", "-o", str(tmp_path / "geen-map" / "x.json"))
