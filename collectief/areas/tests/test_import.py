from __future__ import annotations

import json

import pytest

from collectief.areas.importing import normalise_header
from collectief.areas.models import Area
from collectief.areas.services import AreaImportError, import_areas
from collectief.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

STATLINE_CSV = (
    '"Wijken en buurten";"Gemeentenaam";"Soort regio";"Codering"\r\n'
    '"Nederland";"Nederland                                ";"Land     ";"NL00      "\r\n'
    '"Haarlem";"Haarlem                                 ";"Gemeente ";"GM0392    "\r\n'
    '"Oude Stad";"Haarlem                                 ";"Wijk     ";"WK039201  "\r\n'
    '"Centrum";"Haarlem                                 ";"Buurt    ";"BU03920101"\r\n'
    '"Zijlwegkwartier";"Haarlem";"Wijk";"WK039203  "\r\n'
)


def problems(error: AreaImportError) -> list[str]:
    return [str(p) for p in error.problems]


def test_statline_csv_imports_gemeente_wijk_buurt_with_parents() -> None:
    result = import_areas(STATLINE_CSV.encode(), "kwb.csv", year=2024)
    assert (result.created, result.updated, result.skipped) == (4, 0, 1)
    buurt = Area.objects.get(code="BU03920101")
    assert buurt.name == "Centrum"
    assert buurt.level == Area.Level.BUURT
    assert buurt.year == 2024
    assert buurt.parent.code == "WK039201"
    assert buurt.parent.parent.code == "GM0392"


def test_statline_headers_with_units_and_year_column() -> None:
    data = (
        '"Perioden";"Wijken en buurten";"Regioaanduiding/Gemeentenaam (naam)";'
        '"Regioaanduiding/Soort regio (omschrijving)";"Regioaanduiding/Codering (code)"\n'
        '"2023";"Breda";"Breda";"Gemeente";"GM0758"\n'
        '"2023";"Breda noord-west";"Breda";"Wijk";"WK075806"\n'
    )
    result = import_areas(data.encode(), "export.csv")
    assert result.year == 2023
    assert Area.objects.get(code="WK075806").year == 2023


def test_code_column_is_found_by_its_values_and_name_by_odata_suffix() -> None:
    data = "Gemeentenaam_1;Regio;WijkenEnBuurten_1\nUtrecht;X;Utrecht\n"
    # No code column at all: a clear message about the missing column.
    with pytest.raises(
        AreaImportError, match=r"Er is geen kolom met CBS\-codes\. Het bestand moet een kolom"
    ) as caught:
        import_areas(data.encode(), "a.csv", year=2024)
    assert "CBS codes" in caught.value.message or "CBS-codes" in caught.value.message
    data = "Naam (naam);Iets;Kolom zonder naam\nUtrecht;x;GM0344\nZuidwest;y;WK034408\n"
    result = import_areas(data.encode(), "b.csv", year=2024)
    assert result.created == 2
    assert Area.objects.get(code="WK034408").name == "Zuidwest"


def test_missing_name_column_is_reported() -> None:
    data = "Codering;Inwoners\nGM0344;360000\n"
    with pytest.raises(
        AreaImportError, match=r"Er is geen kolom met de namen van de gebieden\. Het bestand"
    ) as caught:
        import_areas(data.encode(), "c.csv", year=2024)
    assert "Naam" in caught.value.message or "name" in caught.value.message.lower()
    assert not Area.objects.exists()


def test_cp1252_csv_is_decoded() -> None:
    data = "Wijken en buurten;Codering\nSúdwest-Fryslân;GM1900\nWijk 00 Sneek;WK190000\n"
    import_areas(data.encode("cp1252"), "fries.csv", year=2024)
    assert Area.objects.get(code="GM1900").name == "Súdwest-Fryslân"


def test_bad_codes_are_reported_with_row_and_column_and_nothing_changes() -> None:
    data = (
        '"Wijken en buurten";"Codering"\n'
        '"Haarlem";"GM0392"\n'
        '"Fout";"WK03920"\n'
        '"Ook fout";"0392"\n'
        '"";"WK039201"\n'
    )
    with pytest.raises(
        AreaImportError, match=r"Er is niets ingelezen: het bestand heeft"
    ) as caught:
        import_areas(data.encode(), "bad.csv", year=2024)
    found = problems(caught.value)
    assert len(found) == 3
    assert found[0].startswith(("row 3, column 'Codering'", "rij 3, kolom 'Codering'"))
    assert "WK03920" in found[0]
    assert "WK039201" in found[0]  # The example in the hint.
    assert "Wijken en buurten" in found[2]
    assert not Area.objects.exists()


def test_region_type_must_match_the_code() -> None:
    data = "Wijken en buurten;Soort regio;Codering\nHaarlem;Wijk;GM0392\n"
    with pytest.raises(
        AreaImportError, match=r"Er is niets ingelezen: het bestand heeft"
    ) as caught:
        import_areas(data.encode(), "t.csv", year=2024)
    assert "Soort regio" in problems(caught.value)[0]


def test_unknown_parent_is_an_error() -> None:
    data = "Wijken en buurten;Codering\nOude Stad;WK039201\nCentrum;BU03920101\n"
    with pytest.raises(
        AreaImportError, match=r"Er is niets ingelezen: het bestand heeft"
    ) as caught:
        import_areas(data.encode(), "p.csv", year=2024)
    found = problems(caught.value)
    assert len(found) == 1
    assert "GM0392" in found[0]
    assert "2" in found[0]  # row 2
    assert not Area.objects.exists()


def test_parent_may_come_from_the_database() -> None:
    import_areas(b"Wijken en buurten;Codering\nHaarlem;GM0392\n", "g.csv", year=2024)
    result = import_areas(b"Wijken en buurten;Codering\nOude Stad;WK039201\n", "w.csv", year=2024)
    assert result.created == 1
    assert Area.objects.get(code="WK039201").parent.code == "GM0392"


def test_duplicate_code_in_file() -> None:
    data = "Wijken en buurten;Codering\nHaarlem;GM0392\nHaarlem;GM0392\n"
    with pytest.raises(
        AreaImportError, match=r"Er is niets ingelezen: het bestand heeft"
    ) as caught:
        import_areas(data.encode(), "d.csv", year=2024)
    assert "GM0392" in problems(caught.value)[0]


def test_reimport_is_idempotent_and_updates_names_and_year() -> None:
    import_areas(STATLINE_CSV.encode(), "kwb.csv", year=2023)
    again = import_areas(STATLINE_CSV.encode(), "kwb.csv", year=2023)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    renamed = STATLINE_CSV.replace('"Oude Stad"', '"Oude Stad en Vijfhoek"')
    result = import_areas(renamed.encode(), "kwb.csv", year=2024)
    assert (result.created, result.updated) == (0, 4)
    assert Area.objects.count() == 4
    assert Area.objects.get(code="WK039201").name == "Oude Stad en Vijfhoek"
    assert set(Area.objects.values_list("year", flat=True)) == {2024}


def test_all_or_nothing_when_one_row_is_bad() -> None:
    data = STATLINE_CSV + '"Kapot";"Haarlem";"Buurt";"BU0392"\r\n'
    with pytest.raises(AreaImportError, match=r"Er is niets ingelezen: het bestand heeft"):
        import_areas(data.encode(), "kwb.csv", year=2024)
    assert not Area.objects.exists()
    assert not AuditEvent.objects.filter(action="areas.import").exists()


def test_year_is_required_without_perioden_column() -> None:
    with pytest.raises(
        AreaImportError, match=r"In het bestand staat niet van welk jaar de indeling is\."
    ) as caught:
        import_areas(STATLINE_CSV.encode(), "kwb.csv")
    assert "--year" in caught.value.message
    assert not Area.objects.exists()


def test_impossible_year_and_mixed_years() -> None:
    with pytest.raises(AreaImportError, match=r"kan niet\. Gebruik een jaar tussen"):
        import_areas(STATLINE_CSV.encode(), "kwb.csv", year=24)
    data = "Perioden;Wijken en buurten;Codering\n2023;Haarlem;GM0392\n2024;Breda;GM0758\n"
    with pytest.raises(
        AreaImportError, match=r"Importeer één jaar tegelijk, of geef het jaar op met \-\-year"
    ) as caught:
        import_areas(data.encode(), "y.csv")
    assert "2023, 2024" in caught.value.message
    data = "Perioden;Wijken en buurten;Codering\ntwintig;Haarlem;GM0392\n"
    with pytest.raises(
        AreaImportError, match=r"Er is niets ingelezen: het bestand heeft"
    ) as caught:
        import_areas(data.encode(), "y.csv")
    assert "Perioden" in problems(caught.value)[0]


def test_odata_dimension_json_with_padded_keys() -> None:
    document = {
        "odata.metadata": "https://opendata.cbs.nl/ODataApi/OData/85984NED/$metadata#Cbs.OData.Dimension",
        "value": [
            {"Key": "NL01      ", "Title": "Nederland", "Description": None},
            {"Key": "GM0392    ", "Title": "Haarlem", "Description": "", "Municipality": "GM0392"},
            {"Key": "WK039201  ", "Title": "Oude Stad", "Municipality": "GM0392"},
            {"Key": "BU03920101", "Title": "Centrum", "Municipality": "GM0392"},
        ],
    }
    result = import_areas(json.dumps(document).encode(), "WijkenEnBuurten.json", year=2024)
    assert (result.created, result.skipped) == (3, 1)
    assert Area.objects.get(code="BU03920101").parent.code == "WK039201"


def test_odata_typed_dataset_rows_as_returned_by_cbsodata() -> None:
    rows = [
        {"ID": 0, "WijkenEnBuurten": "Nederland", "Gemeentenaam_1": "Nederland",
         "SoortRegio_2": "Land     ", "Codering_3": "NL00      ", "AantalInwoners_5": 1},
        {"ID": 1, "WijkenEnBuurten": "Haarlem", "Gemeentenaam_1": "Haarlem   ",
         "SoortRegio_2": "Gemeente ", "Codering_3": "GM0392    ", "AantalInwoners_5": 2},
        {"ID": 2, "WijkenEnBuurten": "Oude Stad", "Gemeentenaam_1": "Haarlem   ",
         "SoortRegio_2": "Wijk     ", "Codering_3": "WK039201  ", "AantalInwoners_5": 3},
    ]  # fmt: skip
    result = import_areas(json.dumps(rows).encode(), "data.json", year=2024)
    assert result.created == 2
    assert Area.objects.get(code="WK039201").name == "Oude Stad"


def test_raw_typed_dataset_without_names_reports_json_path() -> None:
    document = {
        "value": [
            {"ID": 1, "WijkenEnBuurten": "GM0392    ", "Gemeentenaam_1": "Haarlem",
             "SoortRegio_2": "Gemeente ", "Codering_3": "GM0392    "},
            {"ID": 2, "WijkenEnBuurten": "WK039201  ", "Gemeentenaam_1": "Haarlem",
             "SoortRegio_2": "Wijk     ", "Codering_3": "WK039201  "},
        ]
    }  # fmt: skip
    with pytest.raises(
        AreaImportError, match=r"Er is niets ingelezen: het bestand heeft"
    ) as caught:
        import_areas(json.dumps(document).encode(), "typed.json", year=2024)
    found = problems(caught.value)
    assert found[0].startswith("value[1].WijkenEnBuurten")


def test_bad_json_code_names_the_json_path() -> None:
    document = {"value": [{"Key": "GM0392", "Title": "Haarlem"}, {"Key": "WK12", "Title": "X"}]}
    with pytest.raises(
        AreaImportError, match=r"Er is niets ingelezen: het bestand heeft"
    ) as caught:
        import_areas(json.dumps(document).encode(), "d.json", year=2024)
    assert problems(caught.value)[0].startswith("value[1].Key")


@pytest.mark.parametrize(
    "data",
    [b"", b"{not json", b'{"odata.metadata": "x"}', b'{"value": []}', b"PK\x03\x04rest"],
)
def test_unreadable_files(data: bytes) -> None:
    with pytest.raises(AreaImportError):
        import_areas(data, "file", year=2024)


def test_file_with_only_other_regions() -> None:
    with pytest.raises(
        AreaImportError, match=r"Het bestand heeft geen gemeente, wijk of buurt"
    ) as caught:
        import_areas(b"Wijken en buurten;Codering\nNederland;NL00\n", "nl.csv", year=2024)
    assert "1" in caught.value.message


def test_import_writes_one_audit_event_per_gemeente() -> None:
    import_areas(STATLINE_CSV.encode(), "kwb.csv", year=2024)
    events = AuditEvent.objects.filter(action="areas.import")
    assert events.count() == 1
    assert events[0].details == {"file": "kwb.csv", "year": 2024, "areas_written": 4}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Codering_3", "codering"),
        ("Regioaanduiding/Codering (code)", "codering"),
        ("Wijken en buurten", "wijken en buurten"),
        ("Gemeentenaam (naam)", "gemeentenaam"),
        ("SoortRegio_2", "soortregio"),
    ],
)
def test_normalise_header(header: str, expected: str) -> None:
    assert normalise_header(header) == expected
