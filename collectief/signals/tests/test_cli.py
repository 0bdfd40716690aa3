from __future__ import annotations

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from collectief.accounts.factories import OrganisationFactory
from collectief.signals.models import Signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(almere):
    return OrganisationFactory(slug="team")


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("signals", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_json_stores_and_prints_the_number_on_the_last_line(team, almere, themes, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps(
            [
                {
                    "area": "Kruidenwijk",
                    "themes": ["wonen", "geldzorgen-en-schulden"],
                    "source_role": "corporatie",
                    "date": "2025-03-01",
                    "text": "Dhr. Bakker, Dorpsstraat 12, huurachterstand",
                    "age_band": "65+",
                },
                {"area": "WK003401", "themes": ["eenzaamheid"], "date": "2025-03-02", "text": ""},
            ]
        )
    )
    out, _err = _run("import", team.slug, str(path))
    assert out.strip().splitlines()[-1] == "2 signalen opgeslagen."
    first = Signal.objects.get(area=almere["kruidenwijk"])
    assert first.note == "Dhr. [NAAM], [ADRES], huurachterstand"
    assert (first.source_role, first.age_band, first.channel) == ("corporatie", "65+", "cli")


def test_import_csv_is_all_or_nothing_with_row_and_column(team, almere, themes, tmp_path):
    path = tmp_path / "s.csv"
    future = (timezone.localdate().replace(year=timezone.localdate().year + 1)).isoformat()
    path.write_text(
        "area,themes,source_role,date,text\n"
        "BU00340201,wonen,wijkteam,2025-01-05,schimmel in de flat\n"
        f"Nergenshuizen,wonen,wijkteam,{future},\n"
        "BU00340201,onzin,wijkteam,05-01-2025,<b>vet</b>\n"
    )
    with pytest.raises(CommandError, match="Er is niets geïmporteerd"):
        _run("import", team.slug, str(path))
    assert not Signal.objects.exists()


def test_import_reports_problems_in_dutch(team, almere, themes, tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_text("area,themes,date,text\nNergenshuizen,onzin,gisteren,\n")
    err = StringIO()
    with pytest.raises(CommandError, match="Er\\ is\\ niets\\ geïmporteerd:\\ 3\\ problemen"):
        call_command("signals", "import", team.slug, str(path), stderr=err)
    text = err.getvalue()
    assert "Rij 2, kolom area: Onbekende wijk of buurt" in text
    assert "Rij 2, kolom themes: Onbekend thema: onzin." in text
    assert "Rij 2, kolom date:" in text


def test_export_json_and_csv_give_the_notes_as_stored(team, almere, themes, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps(
            [
                {
                    "area": "BU00340201",
                    "themes": ["wonen"],
                    "date": "2025-02-01",
                    "text": "Mw. Pietersen, schimmel",
                }
            ]
        )
    )
    _run("import", team.slug, str(path))
    out, _ = _run("export", team.slug, "--format", "json")
    rows = json.loads(out)
    assert rows[0]["text"] == "Mw. [NAAM], schimmel"
    assert rows[0]["themes"] == ["wonen"] and rows[0]["area"] == "BU00340201"
    target = tmp_path / "out.csv"
    _run("export", team.slug, "--format", "csv", "-o", str(target))
    reader = list(csv.DictReader(io.StringIO(target.read_text())))
    assert reader[0]["text"] == "Mw. [NAAM], schimmel"


def test_unknown_organisation_is_a_dutch_error(db):
    with pytest.raises(CommandError, match="Er is geen organisatie"):
        _run("export", "bestaat-niet")


def test_suggest_themes_json_explains_itself():
    out, _ = _run("suggest-themes", "Aanmaning van het incassobureau en een huurachterstand")
    items = json.loads(out)
    assert items[0]["theme"] == "geldzorgen-en-schulden"
    assert "aanmaning" in items[0]["because"]
    assert items == sorted(items, key=lambda item: -item["score"])
    assert {"theme", "score", "because"} == set(items[0])


def test_purge_removes_old_notes_and_keeps_the_signal(team, almere, themes, staff):
    from datetime import timedelta

    from collectief.signals.services import record_signal

    signal = record_signal(
        team,
        by=None,
        area=almere["kruidenwijk"],
        themes=[themes["wonen"]],
        date=timezone.localdate(),
        note="Lekkage in de portiek",
    )
    Signal.objects.filter(pk=signal.pk).update(created_at=timezone.now() - timedelta(days=181))
    fresh = record_signal(
        team,
        by=None,
        area=almere["kruidenwijk"],
        themes=[themes["wonen"]],
        date=timezone.localdate(),
        note="Veel schimmel in de badkamer",
    )
    out, _ = _run("purge")
    assert "1 notitie ouder dan 180 dagen" in out
    signal.refresh_from_db()
    fresh.refresh_from_db()
    assert signal.note == "" and signal.note_removed_at is not None
    assert fresh.note == "Veel schimmel in de badkamer"
    assert Signal.objects.count() == 2


def test_purge_task_runs_the_same_service(team, almere, themes):
    from collectief.signals.tasks import purge_signal_notes_task

    assert purge_signal_notes_task.call() == 0
