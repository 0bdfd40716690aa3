"""Exports cannot attack, and Dutch spreadsheets get Dutch CSV (issue 8 point 7, issue 10 point 10).

Formula payloads are planted where outsiders can put text: a respondent's open
answer, an imported answer, a question text from an imported XLSForm, a figure
label and an HSDS organisation name. Every CSV/XLSX route must hand them to a
spreadsheet as text, never as a formula; numbers must stay numbers.
"""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from collectief.accounts.models import Organisation, User
from collectief.directory.hsds import export_hsds, import_hsds
from collectief.directory.models import DirectoryOrganization
from collectief.figures import services as figure_services
from collectief.figures import tabular_io
from collectief.lib.exporting import csv_number, safe_cell, write_csv, write_xlsx
from collectief.surveys import services as survey_services
from collectief.surveys.imports.responses import plan_response_import
from collectief.surveys.imports.services import import_responses
from collectief.surveys.models import Question, Survey
from collectief.surveys.tests.results_helpers import add_responses, make_survey

HYPERLINK = '=HYPERLINK("http://x","klik")'
CMD = "=cmd|' /C calc'!A0"
PAYLOADS = (HYPERLINK, CMD)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- the helper ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [HYPERLINK, CMD, "+1+cmd|x", "-2+3+cmd|x", "@SUM(A1)", "\t=1+1", "\r=1+1", "=1+1"],
)
def test_safe_cell_neutralises_formulas(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    "value", [5, 2.5, Decimal("-3.5"), "-5", "-3,5", "+31 20 123 4567", "12:30", "tekst", ""]
)
def test_safe_cell_leaves_numbers_and_plain_text(value: Any) -> None:
    assert safe_cell(value) == value


def test_csv_numbers_get_a_decimal_comma_only_for_dutch_spreadsheets() -> None:
    assert csv_number(66.66667, dutch=True) == "66,66667"
    assert csv_number(Decimal("1825.50"), dutch=True) == "1825,5"
    assert csv_number(3.0, dutch=True) == "3"
    assert csv_number(66.5, dutch=False) == "66.5"
    text = write_csv(["a", "b"], [[1.5, 2]]).decode("utf-8-sig")
    assert text.splitlines()[1] == "1,5;2"
    assert write_csv(["a", "b"], [[1.5, 2]], excel_friendly=False).decode() == "a,b\r\n1.5,2\r\n"


def test_xlsx_text_is_never_a_formula_and_numbers_stay_numbers() -> None:
    data = write_xlsx({"Blad": (["tekst", "getal"], [[HYPERLINK, 3.5], ["-5", -5]])})
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("'" + HYPERLINK, "s")
    assert (sheet["B2"].value, sheet["B2"].data_type) == (3.5, "n")
    assert (sheet["A3"].value, sheet["A3"].data_type) == ("-5", "s")
    assert sheet["B3"].value == -5


# --- every export route --------------------------------------------------------------


def _csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") else ","
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def _xlsx_cells(content: bytes) -> list[Any]:
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_csv_safe(content: bytes, planted: tuple[str, ...] = PAYLOADS) -> None:
    cells = _csv_cells(content)
    for payload in planted:
        assert "'" + payload in cells, payload
    assert not [c for c in cells if c.startswith(FORMULA_START) and not c[1:2].isdigit()]


def _assert_xlsx_safe(content: bytes, planted: tuple[str, ...] = PAYLOADS) -> None:
    cells = _xlsx_cells(content)
    values = [c.value for c in cells]
    for payload in planted:
        assert "'" + payload in values, payload
    assert not [c for c in cells if c.data_type == "f"]


@pytest.fixture
def survey(own_org: Organisation, staff: User) -> Survey:
    """Open answers typed by respondents, an imported answer and an imported question text."""
    survey = make_survey(own_org)
    section = survey.sections.get()
    survey_services.add_question(
        section, by=None, text=CMD, type=Question.Type.SHORT_TEXT, code="geimporteerd"
    )
    add_responses(survey, [{"kennen": ["5"], "komt": ["1"], "mening": [HYPERLINK]}] * 6)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows([["kennen", "komt", "mening", "geimporteerd"], ["4", "1", CMD, HYPERLINK]])
    data = buffer.getvalue().encode()
    plan = plan_response_import(survey, data, "antwoorden.csv")
    import_responses(survey, plan, by=staff)
    return survey


def _survey_url(name: str, survey: Survey, *extra: Any) -> str:
    return reverse(f"surveys:{name}", args=[survey.organisation.slug, survey.pk, *extra])


@pytest.mark.django_db
def test_survey_responses_csv_and_xlsx(client_for, staff: User, survey: Survey) -> None:  # type: ignore[no-untyped-def]
    client = client_for(staff)
    for codes in ("0", "1"):
        content = client.get(_survey_url("export_responses", survey, "csv"), {"codes": codes})
        _assert_csv_safe(content.content)
        content = client.get(_survey_url("export_responses", survey, "xlsx"), {"codes": codes})
        _assert_xlsx_safe(content.content)


@pytest.mark.django_db
def test_survey_codebook_and_results_csv(client_for, staff: User, survey: Survey) -> None:  # type: ignore[no-untyped-def]
    client = client_for(staff)
    _assert_csv_safe(client.get(_survey_url("export_codebook", survey)).content, (CMD,))
    results = client.get(_survey_url("export_results", survey, "csv")).content
    _assert_csv_safe(results, (CMD,))


@pytest.mark.django_db
def test_results_csv_is_dutch_with_decimal_commas(client_for, staff: User, survey: Survey) -> None:  # type: ignore[no-untyped-def]
    text = client_for(staff).get(_survey_url("export_results", survey, "csv")).content
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    komt = [r for r in rows if r["code"] == "komt"]
    assert komt and komt[0]["vraag"] == "Komt u in het buurthuis?"
    kennen = [r for r in rows if r["code"] == "kennen" and r["aantal"]]
    assert kennen and all("." not in r["% van geldige antwoorden"] for r in kennen)
    assert any("," in r["% eens, 95%-interval van"] for r in kennen)


@pytest.mark.django_db
def test_cli_results_csv_stays_a_machine_format(survey: Survey) -> None:
    out = io.StringIO()
    call_command("survey", "results", str(survey.pk), "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("code,text,type,effect,n,answer,count,pct_of_valid,agree_pct")
    interval = next(
        r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["code"] == "kennen"
    )
    assert "." in interval["agree_ci95_low"] and "," not in interval["agree_ci95_low"]


@pytest.mark.django_db
def test_figures_csv_and_xlsx(client_for, own_org: Organisation, staff: User) -> None:  # type: ignore[no-untyped-def]
    figure_services.create_figure(own_org, by=staff, label=CMD, value=Decimal("-3.5"))
    figure_services.create_figure(own_org, by=staff, label=HYPERLINK, value=Decimal("94"))
    client = client_for(staff)
    url = reverse("figures:export", args=[own_org.slug])
    csv_content = client.get(url, {"format": "csv"}).content
    _assert_csv_safe(csv_content)
    assert "-3,5" in _csv_cells(csv_content)
    xlsx_content = client.get(url, {"format": "xlsx"}).content
    _assert_xlsx_safe(xlsx_content)
    assert Decimal("-3.5") in [
        Decimal(str(c.value)) for c in _xlsx_cells(xlsx_content) if c.data_type == "n"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_figures_round_trip_keeps_the_label(own_org: Organisation, staff: User, fmt: str) -> None:
    figure_services.create_figure(own_org, by=staff, label=CMD, value=Decimal("2"))
    content, _type, name = tabular_io.export_figures(own_org, fmt)
    tabular_io.import_figures_file(own_org, content, name, by=staff)
    assert list(figure_services.figures_for(own_org).values_list("label", flat=True)) == [CMD]


@pytest.mark.django_db
def test_hsds_csv_names_are_neutralised_and_round_trip() -> None:
    DirectoryOrganization.objects.create(name=HYPERLINK, description=CMD)
    out = io.BytesIO()
    export_hsds("hsds-csv", out)
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    cells = _csv_cells(archive.read("organizations.csv"))
    assert "'" + HYPERLINK in cells and "'" + CMD in cells
    DirectoryOrganization.objects.all().delete()
    result = import_hsds(out.getvalue(), "kaart.zip")
    assert result.ok, result.problems
    assert DirectoryOrganization.objects.get().name == HYPERLINK
