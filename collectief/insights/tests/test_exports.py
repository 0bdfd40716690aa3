"""CSV and XLSX of the gemeente table: the page's cells, the page's suppression, nothing more."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from collectief.insights.heat import heat_table
from collectief.insights.tests.conftest import put_values

pytestmark = pytest.mark.django_db

BIJSTAND = "PersonenPerSoortUitkeringBijstand"
THEME_HEADER = "Geldzorgen en schulden (Mensen met bijstand, 2024): keer zo vaak"


@pytest.fixture
def data(own_org: Any, barendrecht: dict[str, Any], themes: Any) -> dict[str, Any]:
    own_org.areas.add(barendrecht["gemeente"])
    put_values(barendrecht["gemeente"], 2024, AantalInwoners=10000, **{BIJSTAND: 200})
    put_values(barendrecht["buitenoord"], 2024, AantalInwoners=2500, **{BIJSTAND: 91})
    put_values(barendrecht["centrum"], 2024, AantalInwoners=2500, **{BIJSTAND: 21})
    # 7 is published as "<10"; its ratio (7 / 6 = 1.17) must not leak.
    put_values(barendrecht["klein"], 2024, AantalInwoners=300, **{BIJSTAND: 7})
    # 13 of 40 inhabitants: a count, but the base is under 50, so no ratio (16.25, or 18.75
    # from the published 15).
    put_values(barendrecht["weinig"], 2024, AantalInwoners=40, **{BIJSTAND: 13})
    return barendrecht


def url(fmt: str, code: str = "GM0489", slug: str = "own-org") -> str:
    return reverse("insights:gemeente_export", args=[slug, code, fmt])


def read_csv(content: bytes) -> list[dict[str, str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def page_cells(html: str) -> dict[str, list[str]]:
    """Wijk code → the numbers in its cells, in column order, as the page shows them."""
    rows = re.findall(r'wijkbeeld/(WK\d{6})/">.*?</tr>', html, flags=re.S)
    cells = {}
    for match in re.finditer(r'wijkbeeld/(WK\d{6})/">(.*?)</tr>', html, flags=re.S):
        cells[match.group(1)] = re.findall(r'<td class="[^"]+">([^<]*)<span', match.group(2))
    assert len(cells) == len(rows)
    return cells


def test_csv_has_dutch_headers_decimal_commas_and_the_page_numbers(
    client_for: Any, reader: Any, data: Any
) -> None:
    client = client_for(reader)
    response = client.get(url("csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="wijkbeeld-GM0489.csv"' in response["Content-Disposition"]
    rows = {row["CBS-code"]: row for row in read_csv(response.content)}
    assert set(rows["WK048901"]) >= {
        "Wijk",
        "CBS-code",
        THEME_HEADER,
        "Geldzorgen en schulden: vergeleken met de gemeente",
        "Geldzorgen en schulden: kans voor collectief aanbod",
    }
    buitenoord = rows["WK048901"]
    assert buitenoord["Wijk"] == "Buitenoord"
    assert buitenoord["Geldzorgen en schulden: vergeleken met de gemeente"] == "hoger"
    assert buitenoord["Geldzorgen en schulden: kans voor collectief aanbod"] == "ja"
    assert "," in buitenoord[THEME_HEADER]
    # Every number equals the number on the page (which shows "–" where the CSV is empty).
    page = page_cells(
        client.get(reverse("insights:gemeente", args=["own-org", "GM0489"])).content.decode()
    )
    assert len(page) == 5
    ratio_columns = [h for h in rows["WK048901"] if h.endswith(": keer zo vaak")]
    assert THEME_HEADER in ratio_columns
    for code, shown in page.items():
        assert len(shown) == len(ratio_columns)
        exported = [rows[code][h] for h in ratio_columns]
        assert exported == ["" if s == "–" else s for s in shown], code


def test_no_suppressed_value_is_in_the_export(client_for: Any, reader: Any, data: Any) -> None:
    client = client_for(reader)
    rows = {row["CBS-code"]: row for row in read_csv(client.get(url("csv")).content)}
    for code in ("WK048903", "WK048904", "WK048905"):
        assert rows[code][THEME_HEADER] == ""
        assert rows[code]["Geldzorgen en schulden: vergeleken met de gemeente"] == "niet te zeggen"
        assert rows[code]["Geldzorgen en schulden: kans voor collectief aanbod"] == "nee"
    content = client.get(url("csv")).content.decode("utf-8")
    # Neither the counts (hidden, unrounded or rounded) nor the ratios they would give.
    for secret in (";7;", ";13;", ";15;", ";91;", ";21;", "1,2", "1,17", "16,", "18,"):
        assert secret not in content, secret
    workbook = load_workbook(io.BytesIO(client.get(url("xlsx")).content))
    values = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
    for secret in (7, 13, 15, 91, 21, 7 / 6, 1.2, 16.25, 18.75, 16.3, 18.8):
        assert secret not in values, secret


def test_xlsx_has_the_same_cells_as_numbers(client_for: Any, reader: Any, data: Any) -> None:
    response = client_for(reader).get(url("xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "wijken per thema"
    rows = list(sheet.iter_rows(values_only=True))
    headers = list(rows[0])
    column = headers.index(THEME_HEADER)
    by_code = {row[1]: row for row in rows[1:]}
    table = heat_table(data["gemeente"])
    j = [t.code for t, _i in table.columns].index("geldzorgen-en-schulden")
    smoothed = next(r for r in table.rows if r.wijk.code == "WK048901").cells[j].rank
    assert smoothed is not None and smoothed.smoothed is not None
    assert by_code["WK048901"][column] == round(smoothed.smoothed, 1)
    assert by_code["WK048903"][column] is None


def test_the_page_links_to_both_exports(client_for: Any, reader: Any, data: Any) -> None:
    html = client_for(reader).get(reverse("insights:gemeente", args=["own-org", "GM0489"]))
    text = html.content.decode()
    assert "Deze tabel downloaden:" in text
    assert url("csv") in text and url("xlsx") in text


def test_anonymous_goes_to_login(client: Any, data: Any) -> None:
    response = client.get(url("csv"))
    assert response.status_code == 302
    assert "/login" in response["Location"] or "inloggen" in response["Location"]


def test_another_organisation_gets_404(client_for: Any, outsider: Any, data: Any) -> None:
    assert client_for(outsider).get(url("csv")).status_code == 404
    assert client_for(outsider).get(url("xlsx", slug="other-org")).status_code == 404


@pytest.mark.parametrize(("fmt", "code"), [("pdf", "GM0489"), ("csv", "GM9999"), ("csv", "x")])
def test_bad_input_gives_404(client_for: Any, reader: Any, data: Any, fmt: str, code: str) -> None:
    assert client_for(reader).get(url(fmt, code)).status_code == 404
