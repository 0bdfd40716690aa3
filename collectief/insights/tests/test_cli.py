"""``collectief wijkbeeld import-cbs | show | ranking``: Dutch by default, the documented JSON."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from collectief.insights.models import IndicatorValue
from collectief.insights.tests.conftest import FIXTURES, put_values

pytestmark = pytest.mark.django_db

TYPED = str(FIXTURES / "kwb_2024_typed.json")
PROPS = str(FIXTURES / "kwb_2024_properties.json")
UNTYPED = str(FIXTURES / "kwb_2024_untyped.json")


def run(*args: str) -> str:
    out = StringIO()
    call_command("wijkbeeld", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_cbs_prints_a_dutch_summary(almere: Any) -> None:
    out = run("import-cbs", UNTYPED, "--properties", PROPS)
    assert "CBS-tabel 85984NED (2024) ingelezen: 25 cijfers" in out
    assert IndicatorValue.objects.count() == 25


def test_import_cbs_without_properties_fails_in_dutch_and_writes_nothing(almere: Any) -> None:
    with pytest.raises(CommandError) as error:
        run("import-cbs", TYPED)
    assert "Er is niets ingelezen: het bestand heeft 1 probleem." in str(error.value)
    assert "heeft ook DataProperties nodig" in str(error.value)
    assert not IndicatorValue.objects.exists()


def test_import_cbs_of_a_missing_file(almere: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Kan .*weg\.json niet lezen"):
        run("import-cbs", str(tmp_path / "weg.json"))


def test_import_cbs_refuses_an_oversized_file_before_reading(
    almere: Any, settings: Any, tmp_path: Path
) -> None:
    settings.WIJKBEELD_MAX_IMPORT_BYTES = 1024 * 1024
    big = tmp_path / "groot.json"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024)  # a sparse file: nothing is read
    with pytest.raises(CommandError, match="Het bestand is 3 MB; bestanden tot 1 MB"):
        run("import-cbs", str(big), "--properties", PROPS)


def test_show_json_has_the_documented_shape(almere: Any) -> None:
    run("import-cbs", UNTYPED, "--properties", PROPS)
    data = json.loads(run("show", "wk003401", "--format", "json"))
    # The documented keys, and the beschikkingen (none imported here).
    assert set(data) == {"area", "name", "indicators", "provision_counts"}
    assert data["provision_counts"] == []
    assert (data["area"], data["name"]) == ("WK003401", "Almere Haven")
    by_key = {i["key"]: i for i in data["indicators"]}
    assert by_key["AantalInwoners"] == {
        "key": "AantalInwoners",
        "title": "Inwoners",
        "year": 2024,
        "value": 22190,
        "status": "ok",
    }
    assert by_key["PersonenPerSoortUitkeringBijstand"]["value"] is None
    assert by_key["PersonenPerSoortUitkeringBijstand"]["status"] == "secret"
    assert by_key["WmoClienten"]["value"] == 0
    assert by_key["WmoClienten"]["status"] == "nil"
    assert by_key["GemiddeldInkomenPerInwoner"]["value"] == 28.1


def test_show_text_is_dutch_with_years(almere: Any) -> None:
    run("import-cbs", UNTYPED, "--properties", PROPS)
    out = run("show", "WK003401")
    assert "CBS-cijfers van Almere Haven (WK003401)" in out
    assert "Inwoners: 22.190 (2024)" in out
    assert "Mensen met bijstand: geheim (2024)" in out


def test_show_of_an_unknown_area(almere: Any) -> None:
    with pytest.raises(CommandError, match="Geen gebied met code WK999999"):
        run("show", "WK999999")


def test_ranking_json_and_text(barendrecht: dict[str, Any], themes: Any) -> None:
    put_values(
        barendrecht["gemeente"], 2024, AantalInwoners=10000, PersonenPerSoortUitkeringBijstand=200
    )
    put_values(
        barendrecht["buitenoord"], 2024, AantalInwoners=2500, PersonenPerSoortUitkeringBijstand=90
    )
    put_values(
        barendrecht["weinig"], 2024, AantalInwoners=400, PersonenPerSoortUitkeringBijstand=7
    )
    data = json.loads(
        run("ranking", "gm0489", "--theme", "geldzorgen-en-schulden", "--format", "json")
    )
    assert data == {
        "rows": [
            {
                "area": "WK048901",
                "observed": 90,
                "expected": 50.0,
                "ratio": 1.8,
                "ci95": [1.45, 2.21],
                "smoothed": data["rows"][0]["smoothed"],
                "call": "hoger",
            },
            {
                "area": "WK048904",
                "observed": "<10",
                "expected": 8.0,
                "ratio": None,
                "ci95": None,
                "smoothed": None,
                "call": "niet te zeggen",
            },
        ]
    }
    out = run("ranking", "GM0489", "--theme", "geldzorgen-en-schulden")
    assert "Mensen met bijstand in Barendrecht, 2024, per wijk vergeleken met de gemeente" in out
    assert "ongeveer 1,8 keer zo vaak voor als gemiddeld in Barendrecht" in out
    assert "Geen cijfers: Centrum, Kleine Polder, Gaatkensplas" in out


def test_ranking_bad_input(barendrecht: dict[str, Any], themes: Any) -> None:
    with pytest.raises(CommandError, match="Geen gemeente met code WK048901"):
        run("ranking", "WK048901", "--theme", "wonen")
    with pytest.raises(CommandError, match=r"Geen thema 'armoede'\. Thema's: eenzaamheid"):
        run("ranking", "GM0489", "--theme", "armoede")
    with pytest.raises(
        CommandError, match="Aan het thema Veiligheid zijn geen aantallen van het CBS"
    ):
        run("ranking", "GM0489", "--theme", "veiligheid")


@pytest.mark.parametrize("which", ["file", "properties", "counts"])
def test_a_300_mb_file_is_refused_by_its_size_at_the_default_limit(
    almere: Any, tmp_path: Path, which: str
) -> None:
    big = tmp_path / "groot.json"
    with big.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: nothing is written, nothing is read
    args = {
        "file": ("import-cbs", str(big), "--properties", PROPS),
        "properties": ("import-cbs", TYPED, "--properties", str(big)),
        "counts": ("import-counts", str(big)),
    }[which]
    with pytest.raises(CommandError, match="Het bestand is 300 MB; bestanden tot 100 MB"):
        run(*args)
    assert not IndicatorValue.objects.exists()


def test_show_and_ranking_take_the_names_people_use(barendrecht: dict[str, Any]) -> None:
    """Issue 12 point 6: an area by its name, also on the command line."""
    from collectief.areas.models import Area

    Area.objects.create(
        code="BU04890101",
        name="Kesteren",
        level="buurt",
        parent=barendrecht["buitenoord"],
        year=2024,
    )
    put_values(barendrecht["buitenoord"], 2024, AantalInwoners=2500)
    put_values(Area.objects.get(code="BU04890101"), 2024, AantalInwoners=800)
    assert json.loads(run("show", "Kesteren", "--format", "json"))["area"] == "BU04890101"
    assert json.loads(run("show", "buitenoord", "--format", "json"))["area"] == "WK048901"
    ranked = run("ranking", "barendrecht", "--theme", "geldzorgen-en-schulden")
    assert "Mensen met bijstand in Barendrecht" in ranked
    with pytest.raises(CommandError, match="Geen gebied met code ATLANTIS"):
        run("show", "Atlantis")
    with pytest.raises(CommandError, match="Geen gemeente met code BUITENOORD"):
        run("ranking", "Buitenoord", "--theme", "wonen")
