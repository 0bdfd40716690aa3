from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import ManagementUtility, base, call_command
from django.core.management.base import CommandError

from collectief.areas.models import Area

pytestmark = pytest.mark.django_db

GOOD = "Wijken en buurten;Codering\nHaarlem;GM0392\nOude Stad;WK039201\n"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("areas", *args, stdout=out)
    return out.getvalue()


def test_import_prints_a_summary(tmp_path: Path) -> None:
    file = tmp_path / "regios.csv"
    file.write_text(GOOD, encoding="utf-8")
    output = run("import", str(file), "--year", "2024")
    assert "2" in output and "2024" in output
    assert Area.objects.count() == 2


def test_import_twice_changes_nothing(tmp_path: Path) -> None:
    file = tmp_path / "regios.csv"
    file.write_text(GOOD, encoding="utf-8")
    run("import", str(file), "--year", "2024")
    run("import", str(file), "--year", "2024")
    assert Area.objects.count() == 2


def test_missing_file_is_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"nope\.csv niet lezen") as caught:
        run("import", str(tmp_path / "nope.csv"), "--year", "2024")
    assert "nope.csv" in str(caught.value)


def test_bad_rows_are_listed_and_nothing_is_written(tmp_path: Path) -> None:
    file = tmp_path / "fout.csv"
    file.write_text(GOOD + "Fout;WK0392\nOnbekend;BU07580601\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"Er is niets ingelezen: het bestand heeft") as caught:
        run("import", str(file), "--year", "2024")
    message = str(caught.value)
    assert "WK0392" in message
    assert "WK075806" in message
    assert message.count("\n- ") == 2
    assert not Area.objects.exists()


def test_missing_year_is_a_command_error(tmp_path: Path) -> None:
    file = tmp_path / "regios.csv"
    file.write_text(GOOD, encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"In het bestand staat niet van welk jaar de indeling is\."
    ) as caught:
        run("import", str(file))
    assert "--year" in str(caught.value)


def test_non_zero_exit_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run as from a shell: the error goes to stderr and the exit code is 1."""
    # run_from_argv closes the connections when done, which would end the test transaction.
    monkeypatch.setattr(base.connections, "close_all", lambda: None)
    file = tmp_path / "fout.csv"
    file.write_text("Wijken en buurten;Codering\nX;WK12\n", encoding="utf-8")
    utility = ManagementUtility(["collectief", "areas", "import", str(file), "--year", "2024"])
    with pytest.raises(SystemExit) as caught:
        utility.execute()
    assert caught.value.code == 1
    assert "WK12" in capsys.readouterr().err
    assert not Area.objects.exists()


def test_list_shows_areas_and_filters(tmp_path: Path) -> None:
    file = tmp_path / "regios.csv"
    file.write_text(GOOD, encoding="utf-8")
    run("import", str(file), "--year", "2024")
    everything = run("list")
    assert "GM0392" in everything and "WK039201" in everything
    wijken = run("list", "--level", "wijk", "--parent", "gm0392")
    assert "WK039201" in wijken and "GM0392 " not in wijken
    assert run("list", "--parent", "GM9999").strip()
