"""Beschikkingen per area × category × year: all-or-nothing import, published through disclosure."""

from __future__ import annotations

import io
import json
from io import StringIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from collectief.insights.counts import import_counts
from collectief.insights.models import ProvisionCount
from collectief.insights.services import CbsImportError, show_area

pytestmark = pytest.mark.django_db

GOOD = (
    "gebied;categorie;jaar;aantal\n"
    "WK003401;wmo-begeleiding;2024;212\n"
    "WK003401;schuldhulpverlening;2024;7\n"
    "WK003401;schuldhulpverlening;2023;12\n"
    "wk003402  ;jeugd-ambulant;2024;0\n"
)


def test_csv_is_imported_and_published_through_disclosure(almere: Any) -> None:
    result = import_counts(GOOD.encode(), "beschikkingen.csv")
    assert result.summary() == "4 aantallen beschikkingen ingelezen (jaren: 2023, 2024)."
    assert (
        ProvisionCount.objects.get(area=almere["haven"], category__code="wmo-begeleiding").count
        == 212
    )
    shown = show_area(almere["haven"])["provision_counts"]
    assert shown == [
        {"category": "wmo-begeleiding", "name": "Begeleiding", "year": 2024, "count": 210},
        {
            "category": "schuldhulpverlening",
            "name": "Schuldhulpverlening",
            "year": 2024,
            "count": "<10",
        },
    ]
    # A zero is hidden like any small count.
    assert show_area(almere["stad"])["provision_counts"][0]["count"] == "<10"


def test_xlsx_works_the_same(almere: Any) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Gebied", "Categorie", "Jaar", "Aantal"], ["WK003401", "jeugd-ggz", 2024, 31]]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    import_counts(buffer.getvalue(), "beschikkingen.xlsx")
    assert ProvisionCount.objects.get().count == 31


def test_every_problem_with_row_and_column_and_nothing_written(almere: Any) -> None:
    bad = (
        "gebied;categorie;jaar;aantal\n"
        "WK003401;wmo-begeleiding;2024;-3\n"
        "WK009999;wmo-begeleiding;2024;20\n"
        "WK003401;huisbezoek;2024;20\n"
        "WK003401;jeugd-ggz;vorig jaar;20\n"
        "WK003401;jeugd-ggz;2024;20\n"
        "WK003401;jeugd-ggz;2024;21\n"
    )
    with pytest.raises(CbsImportError) as error:
        import_counts(bad.encode(), "b.csv")
    lines = error.value.lines()
    assert lines[0] == "Er is niets ingelezen: het bestand heeft 5 problemen."
    assert lines[1] == (
        "- rij 2, kolom 'aantal': '-3' is geen aantal beschikkingen (een heel getal, 0 of meer)."
    )
    assert (
        lines[2]
        == "- rij 3, kolom 'gebied': 'WK009999' is geen gebied in Collectief. Lees eerst de gebieden in."
    )
    assert lines[3].startswith("- rij 4, kolom 'categorie': 'huisbezoek' is geen categorie.")
    assert lines[4] == "- rij 5, kolom 'jaar': 'vorig jaar' is geen jaar, bijvoorbeeld 2024."
    assert lines[5] == "- rij 7, kolom 'gebied': WK003401, jeugd-ggz, 2024 komt twee keer voor."
    assert not ProvisionCount.objects.exists()


def test_missing_columns(almere: Any) -> None:
    with pytest.raises(CbsImportError, match="Deze kolommen ontbreken: jaar, aantal"):
        import_counts(b"gebied;categorie\nWK003401;jeugd-ggz\n", "b.csv")


def test_cli_import_counts(almere: Any, tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = StringIO()
    call_command("wijkbeeld", "import-counts", str(path), stdout=out)
    assert "4 aantallen beschikkingen ingelezen" in out.getvalue()
    path.write_text("gebied;categorie;jaar;aantal\nWK003401;jeugd-ggz;2024;x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="'x' is geen aantal beschikkingen"):
        call_command("wijkbeeld", "import-counts", str(path), stdout=StringIO())
    shown = json.loads(_show("WK003401"))
    assert shown["provision_counts"][0]["count"] == 210


def _show(code: str) -> str:
    out = StringIO()
    call_command("wijkbeeld", "show", code, "--format", "json", stdout=out)
    return out.getvalue()


def test_the_wijk_page_shows_the_published_counts(
    almere: Any, own_org: Any, reader: Any, client_for: Any, themes: Any
) -> None:
    own_org.areas.add(almere["gemeente"])
    import_counts(GOOD.encode(), "b.csv")
    html = (
        client_for(reader)
        .get(reverse("insights:area", args=["own-org", "WK003401"]))
        .content.decode()
    )
    assert "Beschikkingen in Almere Haven per categorie" in html
    assert '<td class="num">210</td>' in html
    assert '<td class="num">&lt;10</td>' in html
    assert '<td class="num">212</td>' not in html
