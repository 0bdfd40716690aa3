"""Importing CBS Kerncijfers Wijken en Buurten in its four shapes, and refusing bad files."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from collectief.audit.models import AuditEvent
from collectief.insights.models import IndicatorValue
from collectief.insights.services import CbsImportError, import_cbs
from collectief.insights.tests.conftest import fixture_bytes

pytestmark = pytest.mark.django_db

PROPS = fixture_bytes("kwb_2024_properties.json")


def value(region: str, key: str) -> IndicatorValue:
    return IndicatorValue.objects.get(region=region, indicator__key=key)


def test_typed_dataset_with_properties(almere: Any) -> None:
    result = import_cbs(fixture_bytes("kwb_2024_typed.json"), "typed.json", properties=PROPS)
    assert (result.table_id, result.year, result.format) == ("85984NED", 2024, "v3-typed")
    # Five catalogue columns × (country, Almere, two wijken, one buurt); Rotterdam is not in
    # Collectief and Flevoland is not an area: both skipped, as is the Oppervlakte column.
    assert result.values == 25
    assert result.skipped_regions == 2
    assert result.ignored_columns == 1
    inwoners = value("WK003402", "AantalInwoners")
    assert (inwoners.value, inwoners.status, inwoners.table_id, inwoners.level, inwoners.year) == (
        Decimal(110140),
        "ok",
        "85984NED",
        "wijk",
        2024,
    )
    assert value("NL01", "AantalInwoners").area is None
    assert value("NL01", "AantalInwoners").level == "land"
    # TypedDataSet gives null for every missing value: it cannot say secret.
    assert value("WK003401", "PersonenPerSoortUitkeringBijstand").status == "unknown"
    assert value("WK003401", "GemiddeldInkomenPerInwoner").value == Decimal("28.1")
    assert AuditEvent.objects.filter(action="insights.import_cbs").count() == 1


def test_untyped_dataset_keeps_the_meaning_of_signs(almere: Any) -> None:
    result = import_cbs(fixture_bytes("kwb_2024_untyped.json"), "untyped.json", properties=PROPS)
    assert result.format == "v3-untyped"
    secret = value("WK003401", "PersonenPerSoortUitkeringBijstand")
    assert (secret.value, secret.status) == (None, "secret")
    nil = value("WK003401", "WmoClienten")
    assert (nil.value, nil.status) == (Decimal(0), "nil")
    unknown = value("BU00340201", "WmoClienten")
    assert (unknown.value, unknown.status) == (None, "unknown")
    # Padded region keys are stripped.
    assert value("GM0034", "AantalInwoners").region == "GM0034"


def test_v4_observations_with_measure_codes(almere: Any) -> None:
    result = import_cbs(
        fixture_bytes("kwb_2024_observations.json"),
        "observations.json",
        properties=fixture_bytes("kwb_2024_measurecodes.json"),
    )
    assert (result.format, result.values) == ("v4", 25)
    assert value("WK003402", "PersonenPerSoortUitkeringBijstand").value == Decimal(4350)
    assert value("WK003401", "PersonenPerSoortUitkeringBijstand").status == "secret"
    assert value("BU00340201", "WmoClienten").status == "unknown"


def test_v4_without_measure_codes_matches_the_stable_codes(almere: Any) -> None:
    result = import_cbs(fixture_bytes("kwb_2024_observations.json"), "observations.json")
    assert result.values == 25


def test_statline_csv_needs_the_year_and_keeps_signs(almere: Any) -> None:
    with pytest.raises(CbsImportError) as error:
        import_cbs(fixture_bytes("kwb_2024.csv"), "kwb.csv")
    assert "Geef het jaar op met --year" in error.value.message
    result = import_cbs(fixture_bytes("kwb_2024.csv"), "kwb.csv", year=2024)
    assert (result.table_id, result.values) == ("85984NED", 25)
    assert value("WK003401", "PersonenPerSoortUitkeringBijstand").status == "secret"
    assert value("WK003401", "WmoClienten").status == "nil"


def test_importing_again_updates_in_place(almere: Any) -> None:
    import_cbs(fixture_bytes("kwb_2024_typed.json"), "typed.json", properties=PROPS)
    import_cbs(fixture_bytes("kwb_2024_untyped.json"), "untyped.json", properties=PROPS)
    assert IndicatorValue.objects.count() == 25
    assert value("WK003401", "PersonenPerSoortUitkeringBijstand").status == "secret"


def test_v3_without_data_properties_is_refused(almere: Any) -> None:
    with pytest.raises(CbsImportError) as error:
        import_cbs(fixture_bytes("kwb_2024_typed.json"), "typed.json")
    assert "heeft ook DataProperties nodig" in "\n".join(error.value.lines())
    assert not IndicatorValue.objects.exists()


def test_properties_of_another_year_are_refused_with_the_column(almere: Any) -> None:
    with pytest.raises(CbsImportError) as error:
        import_cbs(
            fixture_bytes("kwb_2024_typed.json"),
            "typed.json",
            properties=fixture_bytes("kwb_2023_properties.json"),
        )
    lines = "\n".join(error.value.lines())
    assert "Er is niets ingelezen" in lines
    assert "tabel 85984NED, de eigenschappen uit tabel 85618NED" in lines
    assert "value[0].PersonenPerSoortUitkeringBijstand_87: De kolom" in lines
    assert not IndicatorValue.objects.exists()


def test_a_table_that_is_not_kwb_is_refused(almere: Any) -> None:
    document = json.loads(fixture_bytes("kwb_2024_typed.json"))
    document["odata.metadata"] = document["odata.metadata"].replace("85984NED", "47018NED")
    props = json.loads(PROPS)
    props["odata.metadata"] = props["odata.metadata"].replace("85984NED", "47018NED")
    with pytest.raises(CbsImportError) as error:
        import_cbs(json.dumps(document).encode(), "x.json", properties=json.dumps(props).encode())
    assert "Tabel 47018NED is geen tabel van Kerncijfers Wijken en Buurten" in error.value.message
    assert not IndicatorValue.objects.exists()


def test_a_year_that_contradicts_the_table_is_refused(almere: Any) -> None:
    with pytest.raises(CbsImportError) as error:
        import_cbs(fixture_bytes("kwb_2024_typed.json"), "t.json", properties=PROPS, year=2023)
    assert "Tabel 85984NED bevat het jaar 2024, niet 2023" in error.value.message


def test_signs_in_a_typed_numeric_column_are_refused_with_their_place(almere: Any) -> None:
    document = json.loads(fixture_bytes("kwb_2024_typed.json"))
    document["value"][3]["WmoClienten_93"] = "x"
    with pytest.raises(CbsImportError) as error:
        import_cbs(json.dumps(document).encode(), "t.json", properties=PROPS)
    assert error.value.problems[0].location == "value[3].WmoClienten_93"
    assert "UntypedDataSet" in error.value.problems[0].message
    assert not IndicatorValue.objects.exists()


def test_text_that_is_no_sign_is_refused_in_csv(almere: Any) -> None:
    text = fixture_bytes("kwb_2024.csv").decode().replace(";4350;", ";veel;")
    with pytest.raises(CbsImportError) as error:
        import_cbs(text.encode(), "kwb.csv", year=2024)
    [problem] = error.value.problems
    assert problem.location == "rij 5, kolom 'PersonenPerSoortUitkeringBijstand_87'"
    assert "'veel' is geen getal en geen CBS-teken" in problem.message
    assert not IndicatorValue.objects.exists()


def test_an_oversized_file_is_refused_before_reading(almere: Any, settings: Any) -> None:
    settings.WIJKBEELD_MAX_IMPORT_BYTES = 1024 * 1024
    with pytest.raises(CbsImportError) as error:
        import_cbs(b" " * (3 * 1024 * 1024), "big.json", properties=PROPS)
    assert "Het bestand is 3 MB; bestanden tot 1 MB" in error.value.message


def test_an_unknown_wijk_of_a_known_gemeente_is_a_problem(almere: Any) -> None:
    almere["kruidenwijk"].delete()
    with pytest.raises(CbsImportError) as error:
        import_cbs(fixture_bytes("kwb_2024_typed.json"), "t.json", properties=PROPS)
    [problem] = error.value.problems
    assert problem.location.startswith("value[4]")
    assert "BU00340201 staat niet in Collectief" in problem.message
    assert not IndicatorValue.objects.exists()


def test_nothing_to_import_when_no_gemeente_is_known(db: None) -> None:
    with pytest.raises(CbsImportError) as error:
        import_cbs(fixture_bytes("kwb_2024_typed.json"), "t.json", properties=PROPS)
    assert "Er is niets ingelezen" in error.value.message


def test_not_json_and_not_kwb(almere: Any) -> None:
    with pytest.raises(CbsImportError) as error:
        import_cbs(b'{"value": [{"Regio": "GM0034"}]}', "t.json", properties=PROPS)
    assert "geen WijkenEnBuurten" in error.value.message
    with pytest.raises(CbsImportError) as error:
        import_cbs(b'{"value": [', "t.json", properties=PROPS)
    assert "geen geldige JSON" in error.value.message
