from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from collectief.audit.models import AuditEvent
from collectief.figures import services, tabular_io
from collectief.figures.models import Figure, FigureValue, Period, Unit

pytestmark = pytest.mark.django_db


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    import io

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def problems_of(org, user, data: bytes, filename: str = "cijfers.csv") -> list[str]:
    with pytest.raises(
        services.FiguresImportError,
        match=r"Er is niets ingelezen\. Los deze problemen op en probeer het",
    ) as error:
        tabular_io.import_figures_file(org, data, filename, by=user)
    return error.value.problems


GOOD_CSV = (
    "omschrijving;waarde;eenheid;periode;datum;bron\n"
    "vrijwilligers;94;aantal;projectperiode 2021–2022;;magazine\n"
    "baromzet;1.825,50;euro;per maand;31-12-2022;kassa\n"
    "kopjes koffie;160;;per maand;;\n"
)


def test_import_semicolon_csv_with_dutch_numbers(own_org, staff):
    result = tabular_io.import_figures_file(own_org, csv_bytes(GOOD_CSV), "c.csv", by=staff)
    assert (result.created, result.updated) == (3, 0)
    omzet = Figure.objects.get(label="baromzet")
    assert (omzet.value, omzet.unit, omzet.period) == (Decimal("1825.50"), Unit.EURO, Period.MONTH)
    assert omzet.date == dt.date(2022, 12, 31)
    assert Figure.objects.get(label="vrijwilligers").period_name == "projectperiode 2021–2022"
    assert AuditEvent.objects.filter(action="figure.import_file").count() == 1


def test_import_english_headers_comma_csv(own_org, staff):
    data = csv_bytes(
        "label,value,unit,period,date,source\nvisitors,1825.5,number,per day,2023-01-05,list\n"
    )
    tabular_io.import_figures_file(own_org, data, "c.csv", by=staff)
    figure = Figure.objects.get()
    assert (figure.value, figure.period, figure.date) == (
        Decimal("1825.5"),
        Period.DAY,
        dt.date(2023, 1, 5),
    )


def test_thousands_dot_is_read_as_in_the_magazine(own_org, staff):
    tabular_io.import_figures_file(
        own_org, csv_bytes("omschrijving;waarde\nvolgers op Facebook;1.769\n"), "c.csv", by=staff
    )
    assert Figure.objects.get().value == Decimal(1769)


def test_cp1252_file(own_org, staff):
    text = "omschrijving;waarde;periode\ncafé-bezoekers;12;projectperiode 2021–2022\n"
    tabular_io.import_figures_file(own_org, csv_bytes(text, "cp1252"), "c.csv", by=staff)
    figure = Figure.objects.get()
    assert figure.label == "café-bezoekers"
    assert figure.period_name == "projectperiode 2021–2022"


def test_every_problem_has_row_and_column_and_nothing_is_saved(own_org, staff):
    data = csv_bytes(
        "omschrijving;waarde;eenheid;periode;datum\n"
        "goed;1;aantal;;\n"
        "slecht getal;1.825,50,3;aantal;;\n"
        "onbekende eenheid;3;liter;;\n"
        "onbekende periode;3;aantal;per kwartaal;\n"
        "slechte datum;3;aantal;;31-02-2022\n"
        ";4;aantal;;\n"
        "amerikaanse datum;3;aantal;;12/31/2022\n"
    )
    problems = problems_of(own_org, staff, data)
    text = "\n".join(problems)
    assert "3, " in problems[0] and "'waarde'" in problems[0]
    assert any("4" in p and "'eenheid'" in p and "liter" in p for p in problems)
    assert any("5" in p and "'periode'" in p and "per kwartaal" in p for p in problems)
    assert any("6" in p and "'datum'" in p and "31-02-2022" in p for p in problems)
    assert any("7" in p and "'omschrijving'" in p for p in problems)
    assert any("8" in p and "12/31/2022" in p for p in problems)
    assert len(problems) == 6, text
    assert not Figure.objects.exists()


def test_wrong_columns(own_org, staff):
    problems = problems_of(own_org, staff, csv_bytes("naam;aantal\nx;1\n"))
    assert any("'naam'" in p for p in problems)
    assert any("omschrijving" in p for p in problems)
    assert any("waarde" in p for p in problems)


def test_duplicate_column(own_org, staff):
    problems = problems_of(own_org, staff, csv_bytes("label;omschrijving;waarde\nx;y;1\n"))
    assert len(problems) == 1 and "'omschrijving'" in problems[0]


def test_empty_and_header_only_files(own_org, staff):
    assert problems_of(own_org, staff, b"")
    assert problems_of(own_org, staff, csv_bytes("omschrijving;waarde\n"))


def test_broken_xlsx(own_org, staff):
    assert problems_of(own_org, staff, b"PK\x03\x04not really", "x.xlsx")


def test_range_error_is_on_the_tot_column(own_org, staff):
    problems = problems_of(own_org, staff, csv_bytes("omschrijving;waarde;tot\nmensen;25;20\n"))
    assert len(problems) == 1 and "'tot'" in problems[0] and "2" in problems[0]


def test_series_rows(own_org, staff):
    data = csv_bytes(
        "omschrijving;waarde;periode;datum\n"
        "bardiensten;40;per maand;01-01-2022\n"
        "bardiensten;42;per maand;01-02-2022\n"
        "bardiensten;41;per maand;2021-12-01\n"
    )
    result = tabular_io.import_figures_file(own_org, data, "c.csv", by=staff)
    figure = Figure.objects.get()
    assert (figure.value, figure.date) == (Decimal(42), dt.date(2022, 2, 1))
    assert figure.values.count() == 3
    assert result.measurements == 2  # plus the figure's own number


def test_series_rows_must_agree_and_have_distinct_dates(own_org, staff):
    data = csv_bytes(
        "omschrijving;waarde;periode;datum\n"
        "bardiensten;40;per maand;\n"
        "bardiensten;42;per week;01-02-2022\n"
        "bardiensten;43;per maand;01-02-2022\n"
        "bardiensten;44;per maand;\n"
    )
    problems = problems_of(own_org, staff, data)
    assert any(p.startswith(("Rij 5", "Row 5")) for p in problems)
    assert any(p.startswith(("Rij 3", "Row 3")) and "'periode'" in p for p in problems)
    assert any(p.startswith(("Rij 4", "Row 4")) and "'datum'" in p for p in problems)


def test_xlsx_import(own_org, staff):
    data = xlsx_bytes(
        [
            ["Omschrijving", "Waarde", "Eenheid", "Periode", "Datum"],
            ["baromzet", 1825.5, "euro", "per maand", dt.datetime(2022, 12, 31)],  # noqa: DTZ001 - a spreadsheet cell,
            ["koffie", "12,5", "aantal", "", None],
        ]
    )
    tabular_io.import_figures_file(own_org, data, "c.xlsx", by=staff)
    assert Figure.objects.get(label="baromzet").value == Decimal("1825.5")
    assert Figure.objects.get(label="baromzet").date == dt.date(2022, 12, 31)
    # A text cell with a decimal comma is read the Dutch way.
    assert Figure.objects.get(label="koffie").value == Decimal("12.5")


def test_xlsx_dot_is_a_decimal_point(own_org, staff):
    # Spreadsheet numbers arrive as 1825.5; so "1.825" in a workbook is 1,825.
    data = xlsx_bytes([["omschrijving", "waarde"], ["koffie", "1.825"]])
    problems = problems_of(own_org, staff, data, "c.xlsx")
    assert len(problems) == 1 and "'waarde'" in problems[0]


def test_xlsx_errors_name_the_row(own_org, staff):
    data = xlsx_bytes([["omschrijving", "waarde"], ["a", 1], ["b", "veel"]])
    problems = problems_of(own_org, staff, data, "c.xlsx")
    assert len(problems) == 1 and "3" in problems[0] and "'waarde'" in problems[0]


def test_import_updates_existing_labels(own_org, staff):
    services.create_figure(
        own_org, by=staff, label="Vrijwilligers", value=Decimal(90), is_highlighted=True
    )
    result = tabular_io.import_figures_file(
        own_org, csv_bytes("omschrijving;waarde\nvrijwilligers;94\n"), "c.csv", by=staff
    )
    assert (result.created, result.updated) == (0, 1)
    figure = Figure.objects.get()
    assert figure.value == Decimal(94)
    assert figure.is_highlighted  # no column, so kept


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_import_round_trip(own_org, other_org, staff, outsider, fmt):
    services.create_figure(
        own_org,
        by=staff,
        label="mensen per dag",
        qualifier="gemiddeld",
        value=Decimal(20),
        value_max=Decimal(25),
        period=Period.DAY,
        source="telling",
        is_highlighted=True,
    )
    services.create_figure(
        own_org,
        by=staff,
        label="baromzet",
        value=Decimal("1825.5"),
        unit=Unit.EURO,
        period=Period.MONTH,
        date=dt.date(2022, 12, 31),
    )
    omzet = Figure.objects.get(label="baromzet")
    services.add_figure_value(omzet, date=dt.date(2022, 11, 30), value=Decimal(1700), by=staff)
    services.create_figure(
        own_org,
        by=staff,
        label="volgers",
        value=Decimal(1769),
        period=Period.NAMED,
        period_name="projectperiode 2021–2022",
    )
    content, _type, filename = tabular_io.export_figures(own_org, fmt)
    assert filename == f"cijfers-own-org.{fmt}"

    tabular_io.import_figures_file(other_org, content, filename, by=outsider)

    def state(org):
        return [
            (
                f.label,
                f.qualifier,
                f.value,
                f.value_max,
                f.unit,
                f.period,
                f.period_name,
                f.date,
                f.source,
                f.is_highlighted,
                list(f.values.values_list("date", "value")),
            )
            for f in services.figures_for(org)
        ]

    assert state(other_org) == state(own_org)
    # Importing the same file again changes nothing.
    tabular_io.import_figures_file(other_org, content, filename, by=outsider)
    assert state(other_org) == state(own_org)
    assert FigureValue.objects.filter(figure__organisation=other_org).count() == 2


def test_csv_export_is_excel_friendly(own_org, staff):
    services.create_figure(
        own_org,
        by=staff,
        label="baromzet",
        value=Decimal("1825.5"),
        unit=Unit.EURO,
        period=Period.MONTH,
    )
    content, content_type, _name = tabular_io.export_figures(own_org, "csv")
    text = content.decode("utf-8-sig")
    assert (
        text.splitlines()[0]
        == "omschrijving;waarde;tot;toevoeging;eenheid;periode;datum;bron;uitgelicht"
    )
    assert "baromzet;1825,5;;;euro;per maand;;;nee" in text
    assert content_type.startswith("text/csv")


def test_xlsx_export_has_numbers_and_dates(own_org, staff):
    import io

    services.create_figure(
        own_org, by=staff, label="baromzet", value=Decimal("1825.5"), date=dt.date(2022, 12, 31)
    )
    content, _t, _n = tabular_io.export_figures(own_org, "xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    row = [c.value for c in sheet[2]]
    assert row[1] == pytest.approx(1825.5)
    assert row[6].date() == dt.date(2022, 12, 31)


def test_messages_are_dutch(own_org, staff):
    from django.utils import translation

    data = csv_bytes("omschrijving;waarde;datum;kleur\n")
    with translation.override("nl"):
        problems = problems_of(own_org, staff, data)
        assert problems == [
            "Kolom 'kleur': deze kolom kennen we niet. Bekende kolommen zijn: omschrijving, "
            "waarde, tot, toevoeging, eenheid, periode, datum, bron, uitgelicht."
        ]
        data = csv_bytes("omschrijving;waarde;datum\nkoffie;veel;31-02-2022\n")
        problems = problems_of(own_org, staff, data)
        assert problems == [
            "Rij 2, kolom 'waarde': 'veel' is geen getal.",
            "Rij 2, kolom 'datum': '31-02-2022' is geen datum. Schrijf de datum als "
            "dd-mm-jjjj, bijvoorbeeld 31-12-2022.",
        ]
