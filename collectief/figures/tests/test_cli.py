from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from collectief.figures import services
from collectief.figures.models import Figure

pytestmark = pytest.mark.django_db


def test_import_and_export_round_trip(own_org, other_org, staff, tmp_path):
    services.create_figure(
        own_org,
        by=staff,
        label="baromzet",
        value=Decimal("1825.5"),
        unit="euro",
        period="maand",
        is_highlighted=True,
    )
    csv_file = tmp_path / "cijfers.csv"
    err = io.StringIO()
    call_command("figures", "export", "own-org", "-o", str(csv_file), stderr=err)
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")
    out = io.StringIO()
    call_command("figures", "import", "other-org", str(csv_file), stdout=out)
    assert "1" in out.getvalue()
    assert Figure.objects.get(organisation=other_org).display == "1.825,5 euro baromzet per maand"


def test_xlsx_export_to_file(own_org, staff, tmp_path):
    services.create_figure(own_org, by=staff, label="x", value=Decimal(1))
    target = tmp_path / "c.xlsx"
    call_command(
        "figures", "export", "own-org", "--format", "xlsx", "-o", str(target), stderr=io.StringIO()
    )
    assert target.read_bytes()[:2] == b"PK"


def test_csv_export_to_stdout(own_org, staff):
    services.create_figure(own_org, by=staff, label="x", value=Decimal(1))
    out = io.StringIO()
    call_command("figures", "export", "own-org", stdout=out)
    assert "x;1;" in out.getvalue()


def test_xlsx_to_a_text_stream_is_refused(own_org):
    with pytest.raises(CommandError, match=r"Gebruik \-o BESTAND om een Excel\-bestand te maken"):
        call_command("figures", "export", "own-org", "--format", "xlsx", stdout=io.StringIO())


def test_import_errors_exit_with_the_problems(own_org, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes("omschrijving;waarde\nx;veel\n".encode("cp1252"))
    with pytest.raises(
        CommandError, match=r"Er is niets ingelezen\. Los deze problemen op en probeer het"
    ) as error:
        call_command("figures", "import", "own-org", str(bad))
    assert "'waarde'" in str(error.value)
    assert not Figure.objects.exists()


def test_unknown_organisation_and_missing_file(own_org, tmp_path):
    with pytest.raises(CommandError, match=r"Er is geen organisatie met de korte naam nope"):
        call_command("figures", "list", "nope")
    with pytest.raises(CommandError, match=r"missing\.csv niet lezen"):
        call_command("figures", "import", "own-org", str(tmp_path / "missing.csv"))


def test_list(own_org, staff):
    services.create_figure(own_org, by=staff, label="x", value=Decimal(1), is_highlighted=True)
    out = io.StringIO()
    call_command("figures", "list", "own-org", stdout=out)
    assert out.getvalue() == "* 1 x\n"


def test_exit_codes_of_the_console_command():
    """Usage errors exit with 2 and help with 0, without touching the database."""
    import os
    import subprocess
    import sys

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "django", "figures", *args],
            capture_output=True,
            text=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "collectief.settings"},
            check=False,
        )

    assert run("--help").returncode == 0
    missing = run()
    assert missing.returncode == 2
    assert "import" in missing.stderr
    assert run("export", "own-org", "--format", "pdf").returncode == 2
