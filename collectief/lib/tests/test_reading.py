"""The reading layer refuses hostile files quickly, with a Dutch message (issue 8 points 5, 6)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import translation

from collectief.lib import reading, tabular
from collectief.lib.tests import hostile


@pytest.fixture(autouse=True)
def dutch() -> object:
    with translation.override("nl"):
        yield


def test_sparse_xlsx_is_refused_by_its_declared_dimension() -> None:
    with pytest.raises(reading.ReadLimitError, match=r"meer dan 100\.000 rijen"):
        tabular.read_xlsx_sheets(hostile.sparse_xlsx())


def test_sparse_xlsx_without_dimension_is_refused_while_reading() -> None:
    with pytest.raises(reading.ReadLimitError, match=r"meer dan 100\.000 rijen"):
        tabular.read_xlsx_sheets(hostile.undimensioned_sparse_xlsx())


def test_too_many_columns_are_refused(settings) -> None:  # type: ignore[no-untyped-def]
    settings.IMPORT_MAX_COLUMNS = 3
    data = tabular.write_xlsx({"Blad": (["a", "b", "c", "d"], [[1, 2, 3, 4]])})
    with pytest.raises(reading.ReadLimitError, match="meer dan 3 kolommen"):
        tabular.read_xlsx_sheets(data)
    with pytest.raises(reading.ReadLimitError, match="meer dan 3 kolommen"):
        tabular.read_csv(b"a;b;c;d\n1;2;3;4\n")


def test_a_huge_cell_in_a_small_workbook_is_refused_before_loading() -> None:
    data = hostile.huge_cell_xlsx(2)
    assert len(data) < 100_000  # 2 MB of spaces packs into a few KB
    with pytest.raises(reading.ReadLimitError, match=r"meer dan 32\.767 tekens"):
        tabular.read_xlsx_sheets(data)


def test_a_huge_cell_in_a_csv_is_refused_with_its_row(settings) -> None:  # type: ignore[no-untyped-def]
    settings.IMPORT_MAX_CELL_CHARS = 10
    with pytest.raises(reading.ReadLimitError, match=r"Rij 3, B: .*meer dan 10 tekens"):
        tabular.read_csv(b"a;b\n1;2\n3;" + b"x" * 11 + b"\n")


def test_two_million_rows_are_refused() -> None:
    with pytest.raises(reading.ReadLimitError, match=r"meer dan 100\.000 rijen"):
        tabular.read_csv(hostile.csv_rows(2_000_000))


def test_too_many_cells_are_refused(settings) -> None:  # type: ignore[no-untyped-def]
    settings.IMPORT_MAX_CELLS = 5
    with pytest.raises(reading.ReadLimitError, match="meer dan 5 cellen"):
        tabular.read_csv(b"a;b\n1;2\n3;4\n5;6\n")


def test_zip_bomb_is_refused_by_the_bytes_actually_unpacked(settings) -> None:  # type: ignore[no-untyped-def]
    settings.IMPORT_MAX_UNPACKED_BYTES = 2 * 1024 * 1024
    archive = reading.open_zip(hostile.zip_bomb(3))
    member = next(info for info in archive.members if info.filename == "organizations.csv")
    with pytest.raises(reading.ReadLimitError, match="groter dan 2 MB"):
        archive.read(member)


def test_under_declared_zip_member_is_refused() -> None:
    data = hostile.under_declared_zip(3)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("organizations.csv")
    assert info.file_size == 1000  # what the file claims
    archive = reading.open_zip(data)
    with pytest.raises(reading.ReadLimitError, match="bevat meer dan het zegt"):
        archive.read(archive.archive.getinfo("organizations.csv"))


def test_too_many_zip_members_are_refused(settings) -> None:  # type: ignore[no-untyped-def]
    settings.IMPORT_MAX_ZIP_MEMBERS = 2
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for index in range(3):
            target.writestr(f"{index}.csv", b"a")
    with pytest.raises(reading.ReadLimitError, match="meer dan 2 bestanden"):
        reading.open_zip(out.getvalue())


def test_deep_json_is_refused_without_recursion_error() -> None:
    with pytest.raises(reading.ReadLimitError, match="meer dan 64 niveaus"):
        reading.read_json(hostile.deep_json(100_000))


def test_brackets_inside_json_strings_do_not_count() -> None:
    text = '{"a": "' + "[" * 1000 + '", "b": [[1]]}'
    assert reading.read_json(text.encode())["b"] == [[1]]


def test_json_errors_and_encodings_are_dutch() -> None:
    with pytest.raises(reading.TableError, match="geen geldige JSON: regel 1, kolom 3"):
        reading.read_json(b"{ x")
    with pytest.raises(reading.TableError, match=r"Regel 2: .*geen UTF-8"):
        reading.read_json(b'{\n"a": "\xff"}')
    assert reading.read_json(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}


def test_time_budget_stops_reading(settings) -> None:  # type: ignore[no-untyped-def]
    settings.IMPORT_TIME_LIMIT = 0
    budget = reading.Budget()
    budget.started -= 1  # one second has passed
    with pytest.raises(reading.ReadLimitError, match="langer dan 0 seconden"):
        tabular.read_csv(hostile.csv_rows(2_000), budget=budget)


def test_legitimate_files_read_as_before() -> None:
    table = tabular.read_csv("naam;leeftijd\nAnneke;71\n\ufeffJoop;68\n".encode())
    assert [row.values for row in table.rows] == [
        {"naam": "Anneke", "leeftijd": "71"},
        {"naam": "\ufeffJoop", "leeftijd": "68"},
    ]
    data = tabular.write_xlsx({"Blad": (["naam", "leeftijd"], [["Anneke", 71]])})
    sheet = tabular.read_xlsx(data)
    assert sheet.rows[0].values == {"naam": "Anneke", "leeftijd": "71"}


# --- point 6: import integrity ------------------------------------------------------


def test_unclosed_quote_is_reported_where_it_starts() -> None:
    data = b'naam,antwoord\nAnneke,"Fijn\nJoop,goed\nKees,prima\n'
    with pytest.raises(reading.TableError, match=r"van het bestand") as info:
        tabular.read_csv(data)
    message = str(info.value)
    assert message.startswith("Rij 2 (regel 2 van het bestand)")
    assert "aanhalingsteken" in message


def test_unclosed_quote_closed_by_a_later_quote_is_reported_where_it_starts() -> None:
    data = (
        b'naam;antwoord;wijk\nAnneke;"Fijn;Kesteren\nJoop;goed;Kesteren\nKees;"prima";Kesteren\n'
    )
    with pytest.raises(reading.TableError, match=r"^Rij 2 \(regel 2 van het bestand\)"):
        tabular.read_csv(data)


def test_a_swallowed_row_inside_closed_quotes_is_reported() -> None:
    data = b'naam;antwoord;wijk\nAnneke;"Fijn\nJoop;goed;Kesteren";Kesteren\nKees;prima;Kesteren\n'
    with pytest.raises(reading.TableError, match=r"^Rij 2 \(regel 2 van het bestand\)"):
        tabular.read_csv(data)


def test_a_multi_line_answer_is_still_fine() -> None:
    data = b'naam;antwoord;wijk\nAnneke;"Fijn.\nEcht waar; heel fijn";Kesteren\n'
    table = tabular.read_csv(data)
    assert table.rows[0].get("antwoord") == "Fijn.\nEcht waar; heel fijn"


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"\xef\xbb\xbfnaam;wijk\nAnneke;K\xe9steren\n", 2),
        (b"\xef\xbb\xbfnaam;wijk\nAnneke;Kesteren\nJoop;\xc3\n", 3),
    ],
)
def test_utf8_with_bom_and_bad_bytes_gets_a_dutch_message(data: bytes, line: int) -> None:
    with pytest.raises(
        reading.TableError, match=r"te zijn, maar bevat tekens die geen UTF"
    ) as info:
        tabular.read_csv(data)
    assert str(info.value).startswith(f"Regel {line}: ")
    assert "UTF-8" in str(info.value)


def test_api_body_nested_too_deep_is_a_400(rf) -> None:  # type: ignore[no-untyped-def]
    from collectief.lib.api import ApiError, read_json

    request = rf.post("/api/v1/", data=hostile.deep_json(100_000), content_type="application/json")
    with pytest.raises(ApiError, match=r"niveaus diep genest; dat is de grens") as info:
        read_json(request)
    assert info.value.status == 400
    assert "meer dan 64 niveaus" in info.value.message


def test_a_picture_in_a_workbook_is_not_mistaken_for_a_huge_cell() -> None:
    data = tabular.write_xlsx({"Blad": (["naam"], [["Anneke"]])})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("xl/media/image1.png", b"a" * 300_000)  # no markup at all
    assert tabular.read_xlsx(out.getvalue()).rows[0].get("naam") == "Anneke"
