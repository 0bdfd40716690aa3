"""The empty beschikkingen template: built from the importer's columns, and it imports as it is."""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from collectief.insights.counts import HEADERS, import_counts
from collectief.insights.counts_template import counts_template, template_headers
from collectief.insights.models import ProvisionCategory, ProvisionCount
from collectief.insights.services import CbsImportError

pytestmark = pytest.mark.django_db

ROWS = [
    ["WK003401", "wmo-begeleiding", 2024, 212],
    ["WK003401", "schuldhulpverlening", 2023, 12],
    ["BU00340201", "jeugd-ambulant", 2024, 0],
]


def _filled_csv(content: bytes) -> bytes:
    lines = [";".join(str(v) for v in row) for row in ROWS]
    return content + ("\r\n".join(lines) + "\r\n").encode()


def _filled_xlsx(content: bytes) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    for row in ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _imported() -> set[tuple[str, str, int, int]]:
    return set(ProvisionCount.objects.values_list("area__code", "category__code", "year", "count"))


def test_headers_are_the_importers_own() -> None:
    assert template_headers() == ["gebied", "categorie", "jaar", "aantal"]
    assert template_headers() == [names[0] for names in HEADERS.values()]


def test_csv_holds_the_header_only_and_imports_nothing_as_it_is(almere: Any) -> None:
    content, content_type, filename = counts_template("csv")
    assert (content_type, filename) == ("text/csv; charset=utf-8", "beschikkingen-sjabloon.csv")
    assert content.decode("utf-8-sig").splitlines() == ["gebied;categorie;jaar;aantal"]
    with pytest.raises(CbsImportError, match="geen rijen"):
        import_counts(content, filename)
    assert not ProvisionCount.objects.exists()


@pytest.mark.parametrize(("fmt", "fill"), [("csv", _filled_csv), ("xlsx", _filled_xlsx)])
def test_the_filled_template_imports_cleanly(almere: Any, fmt: str, fill: Any) -> None:
    content, _type, filename = counts_template(fmt)
    result = import_counts(fill(content), filename)
    assert result.rows == 3
    assert _imported() == {
        ("WK003401", "wmo-begeleiding", 2024, 212),
        ("WK003401", "schuldhulpverlening", 2023, 12),
        ("BU00340201", "jeugd-ambulant", 2024, 0),
    }


def test_xlsx_explains_the_columns_on_a_second_sheet(almere: Any) -> None:
    ProvisionCategory.objects.create(code="eigen-categorie", name="Eigen", law="wmo", order=999)
    content, content_type, filename = counts_template("xlsx")
    assert filename == "beschikkingen-sjabloon.xlsx"
    assert content_type.endswith("spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["beschikkingen", "Uitleg"]
    data = list(book["beschikkingen"].iter_rows(values_only=True))
    assert data == [("gebied", "categorie", "jaar", "aantal")]
    text = [
        [v for v in row if v is not None] for row in book["Uitleg"].iter_rows(values_only=True)
    ]
    assert text[0] == ["Kolom", "Wat vul je in", "Voorbeeld"]
    assert [row[0] for row in text[1:5]] == ["gebied", "categorie", "jaar", "aantal"]
    codes = {row[0] for row in text if len(row) == 3}
    # The standard categories (created by the first import) and one added in the admin.
    assert {"wmo-begeleiding", "schuldhulpverlening", "eigen-categorie"} <= codes
    # The explanation sheet is never read by the import: the empty file still has no rows.
    with pytest.raises(CbsImportError, match="geen rijen"):
        import_counts(content, filename)


def _url(fmt: str, slug: str = "own-org", code: str = "GM0034") -> str:
    return reverse("insights:counts_template", args=[slug, code, fmt])


@pytest.fixture
def own_almere(own_org: Any, almere: Any) -> Any:
    own_org.areas.add(almere["gemeente"])
    return almere


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_download_from_the_gemeente_page(
    client_for: Any, reader: Any, own_almere: Any, fmt: str
) -> None:
    client = client_for(reader)
    page = client.get(reverse("insights:gemeente", args=["own-org", "GM0034"])).content.decode()
    assert f'href="{_url(fmt)}" download' in page
    response = client.get(_url(fmt))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="beschikkingen-sjabloon.{fmt}"'
    )
    assert response.content[:4] == (b"PK\x03\x04" if fmt == "xlsx" else b"\xef\xbb\xbfg")


def test_download_needs_login_and_the_organisation(
    client: Any, client_for: Any, outsider: Any, own_almere: Any
) -> None:
    response = client.get(_url("csv"))
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert client_for(outsider).get(_url("csv")).status_code == 404
    assert client_for(outsider).get(_url("csv", slug="other-org")).status_code == 404


def test_download_bad_input(client_for: Any, reader: Any, own_almere: Any) -> None:
    client = client_for(reader)
    assert client.get(_url("pdf")).status_code == 404
    assert client.get(_url("csv", code="GM9999")).status_code == 404
    assert client.get(_url("csv", code="WK003401")).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_cli_writes_the_same_template(tmp_path: Path, almere: Any, fmt: str) -> None:
    target = tmp_path / f"sjabloon.{fmt}"
    out = StringIO()
    call_command("wijkbeeld", "counts-template", "--format", fmt, "-o", str(target), stdout=out)
    assert target.read_bytes()[:4] == counts_template(fmt)[0][:4]
    assert str(target) in out.getvalue()
    fill = _filled_csv if fmt == "csv" else _filled_xlsx
    call_command(
        "wijkbeeld",
        "import-counts",
        str(_write(tmp_path, fmt, fill(target.read_bytes()))),
        stdout=StringIO(),
    )
    assert len(_imported()) == 3


def _write(tmp_path: Path, fmt: str, content: bytes) -> Path:
    path = tmp_path / f"ingevuld.{fmt}"
    path.write_bytes(content)
    return path


def test_cli_cannot_write(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Kan .* niet schrijven"):
        call_command(
            "wijkbeeld",
            "counts-template",
            "--format",
            "csv",
            "-o",
            str(tmp_path / "nope" / "x.csv"),
        )
