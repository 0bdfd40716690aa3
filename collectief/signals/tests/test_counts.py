from __future__ import annotations

import pytest

from collectief.accounts.factories import OrganisationFactory
from collectief.audit.models import AuditEvent
from collectief.signals import counts
from collectief.signals.models import ImportedCount

pytestmark = pytest.mark.django_db

HEADER = "gebied,thema,maand,bron,aantal\n"


@pytest.fixture
def team(almere):
    return OrganisationFactory(slug="team")


def test_import_is_idempotent_per_area_theme_month_source(team, almere, themes):
    data = (
        HEADER
        + "WK003402,geldzorgen-en-schulden,2025-01,wijkteam,14\n"
        + "Kruidenwijk,Wonen,2025-01,corporatie,0\n"
    ).encode()
    assert counts.import_counts(team, data, "a.csv", by=None) == counts.CountsResult(2, 0)
    changed = data.replace(b",14\n", b",15\n")
    assert counts.import_counts(team, changed, "a.csv", by=None) == counts.CountsResult(0, 2)
    assert ImportedCount.objects.count() == 2
    cell = ImportedCount.objects.get(area=almere["stad"])
    assert (cell.count, cell.period.isoformat(), cell.source_role) == (
        15,
        "2025-01-01",
        "wijkteam",
    )
    assert AuditEvent.objects.filter(action="signal.counts_import").count() == 2


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("WK003402,wonen,2025-01,wijkteam,-3", "aantal", "Geef een heel getal van 0 of meer."),
        ("WK003402,wonen,2025-01,wijkteam,veel", "aantal", "Geef een heel getal van 0 of meer."),
        ("Nergenshuizen,wonen,2025-01,wijkteam,3", "gebied", "Onbekende wijk of buurt"),
        ("WK003402,onzin,2025-01,wijkteam,3", "thema", "Onbekend thema: onzin."),
        ("WK003402,wonen,januari,wijkteam,3", "maand", "Schrijf de maand als JJJJ-MM"),
        ("WK003402,wonen,2999-01,wijkteam,3", "maand", "Deze maand ligt in de toekomst."),
        ("WK003402,wonen,2025-01,buurman,3", "bron", "Onbekende bron"),
        ("GM0034,wonen,2025-01,wijkteam,3", "gebied", "Onbekende wijk of buurt"),
    ],
)
def test_bad_rows_are_refused_with_row_and_column_and_nothing_is_stored(
    team, almere, themes, row, column, message
):
    data = (HEADER + "WK003402,wonen,2025-02,wijkteam,4\n" + row + "\n").encode()
    with pytest.raises(counts.CountsImportError) as raised:
        counts.import_counts(team, data, "a.csv", by=None)
    problems = [str(error) for error in raised.value.errors]
    assert any(p.startswith(f"Rij 3, kolom {column}: {message}") for p in problems), problems
    assert not ImportedCount.objects.exists()


def test_duplicate_cells_and_missing_columns_are_refused(team, almere, themes):
    data = (
        HEADER + "WK003402,wonen,2025-01,wijkteam,4\nWK003402,wonen,2025-01,wijkteam,5\n"
    ).encode()
    with pytest.raises(counts.CountsImportError) as raised:
        counts.import_counts(team, data, "a.csv", by=None)
    assert "als rij 2" in str(raised.value.errors[0])
    with pytest.raises(counts.CountsImportError) as raised:
        counts.import_counts(team, b"gebied,thema\nWK003402,wonen\n", "a.csv", by=None)
    assert "maand, bron, aantal" in str(raised.value.errors[0])


def test_the_templates_can_be_imported_as_they_are(team, almere, themes):
    assert counts.import_counts(team, counts.template_csv(), "t.csv", by=None).created == 2
    assert counts.import_counts(team, counts.template_xlsx(), "t.xlsx", by=None).updated == 2
