"""Every wijkbeeld table as CSV and XLSX: the page's cells, the page's suppression, the page's access.

The data has a count behind every rule: a CBS bijstand count of 7 (shown
"<10") and of 91 (shown 90), beschikkingen of 2 and 3 ("<10") and 12
(shown 10), and rode draden of 12 (10) and 4 ("<10"). None of the true
counts may appear in any download, and each download holds what its page
shows.
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from collectief.signals.tests.conftest import activate_two_factor

pytestmark = pytest.mark.django_db

SLUG, GEMEENTE = "own-org", "GM0489"


# Every download: (url name, arguments after the organisation slug).
WIJK_TABLES = ["cijfers", "beschikkingen", "themas", "trend"]
EXPORTS = [
    ("insights:gemeente_export", [GEMEENTE]),
    ("insights:provisions_export", [GEMEENTE]),
    ("insights:theme_export", [GEMEENTE, "geldzorgen-en-schulden", "cbs"]),
    ("insights:theme_export", [GEMEENTE, "geldzorgen-en-schulden", "schuldhulpverlening"]),
    ("insights:theme_export", [GEMEENTE, "ontmoeting", "wmo-dagbesteding"]),
    *(
        ("insights:area_export", [wijk, table])
        for wijk in ("WK048901", "WK048903", "WK048904")
        for table in WIJK_TABLES
    ),
]


def export_url(name: str, args: list[str], fmt: str, slug: str = SLUG) -> str:
    return reverse(name, args=[slug, *args, fmt])


def read_csv(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def read_xlsx(content: bytes) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_for(client: Any, name: str, args: list[str]) -> list[dict[str, str]]:
    response = client.get(export_url(name, args, "csv"))
    assert response.status_code == 200, (name, args)
    rows = read_csv(response.content)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def page(client: Any, name: str, *args: str) -> str:
    response = client.get(reverse(name, args=[SLUG, *args]))
    assert response.status_code == 200
    return response.content.decode()


def cells(fragment: str) -> list[str]:
    """The text of every <td> of a piece of a page, tags left out, whitespace squeezed."""
    found = re.findall(r"<td[^>]*>(.*?)</td>", fragment, flags=re.S)
    return [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in found]


def table_of(html: str, caption_id: str) -> str:
    start = html.index(f'id="{caption_id}"')
    return html[start : html.index("</table>", start)]


def row_of(table: str, name: str) -> list[str]:
    pattern = rf">{re.escape(name)}(?:</a>)?(?:\s*<strong[^<]*</strong>)?</th>(.*?)</tr>"
    match = re.search(pattern, table, flags=re.S)
    assert match is not None, name
    return cells(match.group(1))


# --- nothing below the thresholds, in any download ------------------------------------------


# Column headers of counts (of people, beschikkingen, signals) in the downloads.
COUNT_COLUMNS = ("geteld", "Aantal", "Rode draden", "Buitenoord", "Kleine Polder", "Barendrecht")
# The downloads without a count column: the gemeente tables hold ratios and calls only,
# and Weinig has figures of one year, so its trend has no year column.
WITHOUT_COUNTS = [
    ("insights:gemeente_export", [GEMEENTE]),
    ("insights:provisions_export", [GEMEENTE]),
    ("insights:area_export", ["WK048904", "trend"]),
]


@pytest.mark.parametrize(("name", "args"), EXPORTS)
def test_no_count_of_1_to_9_and_no_true_count_in_any_download(
    client_for: Any, reader: Any, counted: Any, name: str, args: list[str]
) -> None:
    client = client_for(activate_two_factor(reader))
    for fmt, read in (("csv", read_csv), ("xlsx", read_xlsx)):
        response = client.get(export_url(name, args, fmt))
        assert response.status_code == 200, (name, args, fmt)
        assert "attachment;" in response["Content-Disposition"]
        rows = read(response.content)
        headers = [str(h) for h in rows[0]]
        checked = 0
        for row in rows[1:]:
            for header, value in zip(headers, row, strict=True):
                text = "" if value is None else str(value)
                # 91 is published as 90 everywhere; nothing else is 91 in this data.
                assert text != "91", (name, args, fmt, header)
                counted = header.startswith(COUNT_COLUMNS) and not header.endswith(": jaar")
                if not (counted or re.fullmatch(r"\d{4}", header)):
                    continue
                # The true counts that are never published: 7, 8, 2, 3, 4 ("<10") and 12.
                assert text not in {"7", "8", "2", "3", "4", "12"}, (name, args, fmt, header)
                checked += 1
                if re.fullmatch(r"\d+", text):
                    assert int(text) == 0 or int(text) >= 10, (name, args, header, text)
                    assert int(text) % 5 == 0, (name, args, header, text)
        # A download whose count columns were renamed would check nothing.
        assert bool(checked) == ((name, args) not in WITHOUT_COUNTS), (name, args, fmt, headers)


def test_the_small_counts_are_there_as_the_sign(
    client_for: Any, reader: Any, counted: Any
) -> None:
    client = client_for(reader)
    cbs = {
        r["CBS-code"]: r
        for r in csv_for(
            client, "insights:theme_export", [GEMEENTE, "geldzorgen-en-schulden", "cbs"]
        )
    }
    assert cbs["WK048903"]["geteld"] == "<10"
    assert cbs["WK048903"]["keer zo vaak"] == ""
    assert cbs["WK048903"]["vergeleken met de gemeente"] == "niet te zeggen"
    assert cbs["WK048901"]["geteld"] == "90"
    cijfers = {
        r["Indicator"]: r for r in csv_for(client, "insights:area_export", ["WK048903", "cijfers"])
    }
    assert cijfers["Mensen met bijstand"]["Kleine Polder"] == "<10"
    assert cijfers["Inwoners"]["Kleine Polder"] == "300"  # inhabitants are not a count of need
    beschikkingen = csv_for(client, "insights:area_export", ["WK048903", "beschikkingen"])
    assert [(r["Categorie"], r["Aantal"]) for r in beschikkingen] == [("Dagbesteding", "<10")]


# --- each download holds what its page shows --------------------------------------------------


def test_the_theme_tables_match_the_page_for_cbs_and_beschikkingen(
    client_for: Any, reader: Any, counted: Any
) -> None:
    client = client_for(reader)
    for theme, source in (
        ("geldzorgen-en-schulden", "cbs"),
        ("geldzorgen-en-schulden", "schuldhulpverlening"),
        ("ontmoeting", "wmo-dagbesteding"),
    ):
        html = page(client, "insights:theme", GEMEENTE, theme)
        table = table_of(html, f"theme-caption-{source}")
        exported = csv_for(client, "insights:theme_export", [GEMEENTE, theme, source])
        assert exported, (theme, source)
        for row in exported:
            shown = row_of(table, row["Wijk"])
            ratio = (
                f"{row['keer zo vaak']} ({row['95%-interval van']}–{row['95%-interval tot']})"
                if row["keer zo vaak"]
                else "–"
            )
            assert shown == [
                row["geteld"],
                row["verwacht"],
                ratio,
                row["vergeleken met de gemeente"],
            ], (theme, source, row["Wijk"])
        # As many rows as the page.
        assert table.count('<th scope="row">') == len(exported)


def test_the_gemeente_beschikkingen_table_matches_the_page(
    client_for: Any, reader: Any, counted: Any
) -> None:
    client = client_for(reader)
    table = table_of(page(client, "insights:gemeente", GEMEENTE), "provisions-caption")
    exported = csv_for(client, "insights:provisions_export", [GEMEENTE])
    # Gaatkensplas has no counts: a row of "no count" on the page and in the file.
    assert len(exported) == table.count('<th scope="row">') == 5
    for row in exported:
        shown = row_of(table, row["Wijk"])
        values = list(row.values())[2:]
        expected = [f"{values[i] or '–'} {values[i + 1]}" for i in range(0, len(values), 2)]
        assert shown == expected, row["Wijk"]
    klein = next(r for r in exported if r["CBS-code"] == "WK048903")
    assert klein["Dagbesteding (2024): keer zo vaak"] == ""


def _number(text: str) -> str:
    """A Dutch page number ("2.500", "12,5 %") as the CSV writes it ("2500", "12,5")."""
    return text.replace(".", "").replace(" %", "")


def test_the_wijk_tables_match_the_page(client_for: Any, reader: Any, counted: Any) -> None:
    client = client_for(activate_two_factor(reader))
    html = page(client, "insights:area", "WK048901")

    cbs = table_of(html, "cbs-caption")
    exported = csv_for(client, "insights:area_export", ["WK048901", "cijfers"])
    assert exported
    for row in exported:
        shown = row_of(cbs, row["Indicator"])
        assert shown[0] == f"{_number_back(row['Buitenoord'])} ({row['Buitenoord: jaar']})"
        comparison = row["Vergeleken met de gemeente"]
        if row["95%-interval van"]:
            comparison += (
                f" (95%-interval {row['95%-interval van']} tot {row['95%-interval tot']})"
            )
        assert shown[3] == comparison

    trend = table_of(html, "trend-caption")
    exported = csv_for(client, "insights:area_export", ["WK048901", "trend"])
    assert exported
    for row in exported:
        shown = row_of(trend, row["Cijfer"])
        assert [_number(s) if s != "–" else "" for s in shown] == list(row.values())[1:]

    provisions = table_of(html, "beschikkingen-caption")
    exported = csv_for(client, "insights:area_export", ["WK048901", "beschikkingen"])
    assert len(exported) == 2
    for row in exported:
        shown = row_of(provisions, row["Categorie"])
        assert shown[:3] == [row["Wet"], row["Aantal"], row["Jaar"]]
        assert shown[3].startswith(row["Vergeleken met de gemeente"])

    themes = table_of(html, "themes-caption")
    exported = csv_for(client, "insights:area_export", ["WK048901", "themas"])
    month = next(h for h in exported[0] if h.startswith("Rode draden "))
    by_theme = {r["Thema"]: r for r in exported}
    # The signals summary's own protection of the whole gemeente table: 12 is shown as 10,
    # or hidden as "x" when a neighbouring small count needs it; 4 is "<10" or "x".
    assert by_theme["Geldzorgen en schulden"][month] in {"10", "x"}
    assert by_theme["Eenzaamheid"][month] in {"<10", "x"}
    assert by_theme["Ontmoeting"]["Kans voor collectief aanbod"] == "ja"
    for row in exported:
        shown = row_of(themes, row["Thema"])
        assert shown[1] == (row[month] or "–"), row["Thema"]
        calls = row["CBS vergeleken met de gemeente"]
        assert shown[0] == (calls.replace("; ", " ") if calls else "–"), row["Thema"]


def _number_back(csv_value: str) -> str:
    """A CSV number as the page writes it: thousands with a dot ("2500" → "2.500")."""
    if not re.fullmatch(r"\d+", csv_value):
        return csv_value
    return f"{int(csv_value):,}".replace(",", ".")


def test_the_rode_draden_only_with_two_factor_as_on_the_page(
    client_for: Any, reader: Any, counted: Any
) -> None:
    exported = csv_for(client_for(reader), "insights:area_export", ["WK048901", "themas"])
    assert not any(h.startswith("Rode draden") for h in exported[0])


def test_xlsx_keeps_numbers_as_numbers(client_for: Any, reader: Any, counted: Any) -> None:
    client = client_for(reader)
    args = [GEMEENTE, "geldzorgen-en-schulden", "cbs"]
    rows = read_xlsx(client.get(export_url("insights:theme_export", args, "xlsx")).content)
    by_code = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_code["WK048901"]["geteld"] == 90
    assert by_code["WK048901"]["verwacht"] == 50
    assert by_code["WK048903"]["geteld"] == "<10"
    assert by_code["WK048903"]["keer zo vaak"] is None
    assert isinstance(by_code["WK048901"]["keer zo vaak"], float)
    assert Decimal(str(by_code["WK048901"]["keer zo vaak"])) == Decimal("1.8")


# --- the links on the pages -------------------------------------------------------------------


def test_every_table_has_its_download_links(client_for: Any, reader: Any, counted: Any) -> None:
    client = client_for(activate_two_factor(reader))
    expected = {
        ("insights:gemeente", (GEMEENTE,)): [
            ("insights:gemeente_export", [GEMEENTE]),
            ("insights:provisions_export", [GEMEENTE]),
        ],
        ("insights:theme", (GEMEENTE, "geldzorgen-en-schulden")): [
            ("insights:theme_export", [GEMEENTE, "geldzorgen-en-schulden", "cbs"]),
            ("insights:theme_export", [GEMEENTE, "geldzorgen-en-schulden", "schuldhulpverlening"]),
        ],
        ("insights:area", ("WK048901",)): [
            ("insights:area_export", ["WK048901", table]) for table in WIJK_TABLES
        ],
    }
    for (page_name, page_args), links in expected.items():
        html = page(client, page_name, *page_args)
        for name, args in links:
            for fmt in ("csv", "xlsx"):
                assert f'href="{export_url(name, args, fmt)}" download>' in html, (name, args)
        # Each link says which table it downloads, for screen readers.
        assert html.count('<span class="visually-hidden"> – ') >= 2 * len(links)


# --- access and bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "args"), EXPORTS)
def test_anonymous_goes_to_login_and_another_organisation_gets_404(
    client: Any, client_for: Any, outsider: Any, counted: Any, name: str, args: list[str]
) -> None:
    response = client.get(export_url(name, args, "csv"))
    assert response.status_code == 302
    assert "login" in response["Location"] or "inloggen" in response["Location"]
    other = client_for(outsider)
    assert other.get(export_url(name, args, "csv")).status_code == 404
    assert other.get(export_url(name, args, "xlsx", slug="other-org")).status_code == 404


@pytest.mark.parametrize(
    ("name", "args", "fmt"),
    [
        ("insights:provisions_export", [GEMEENTE], "pdf"),
        ("insights:provisions_export", ["GM9999"], "csv"),
        ("insights:theme_export", [GEMEENTE, "geldzorgen-en-schulden", "cbs"], "json"),
        ("insights:theme_export", [GEMEENTE, "bestaat-niet", "cbs"], "csv"),
        ("insights:theme_export", [GEMEENTE, "geldzorgen-en-schulden", "jeugd-ggz"], "csv"),
        ("insights:theme_export", [GEMEENTE, "vechtscheiding", "cbs"], "csv"),
        ("insights:area_export", ["WK048901", "cijfers"], "txt"),
        ("insights:area_export", ["WK048901", "alles"], "csv"),
        ("insights:area_export", ["WK999999", "cijfers"], "csv"),
        ("insights:area_export", ["GM0489", "cijfers"], "csv"),
    ],
)
def test_bad_input_gives_404(
    client_for: Any, reader: Any, counted: Any, name: str, args: list[str], fmt: str
) -> None:
    assert client_for(reader).get(export_url(name, args, fmt)).status_code == 404


def test_a_wijk_of_another_gemeente_gets_404(
    client_for: Any, reader: Any, counted: Any, almere: Any
) -> None:
    url = export_url("insights:area_export", ["WK003401", "cijfers"], "csv")
    assert client_for(reader).get(url).status_code == 404
