"""The ``collectief`` command speaks Dutch by default; ``--language en`` switches.

Every command runs through ``collectief.cli.main`` in-process, exactly as the
console script does, and its human output is checked in both languages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.db import connections
from django.test import override_settings

from collectief.accounts.models import Organisation
from collectief.changestories import services as changestory_services
from collectief.changestories.tests.conftest import sample_content
from collectief.cli import LanguageError, main, split_language


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = 0
    # A command run from the command line closes every database connection
    # when it ends; in a test that would close the test's own connection,
    # which PostgreSQL (unlike in-memory SQLite) does not survive.
    with mock.patch.object(connections, "close_all"):
        try:
            main(["collectief", *args])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_split_language() -> None:
    assert split_language(["x", "--language", "en", "demo"]) == ("en", ["x", "demo"])
    assert split_language(["x", "demo", "--language=nl"]) == ("nl", ["x", "demo"])
    assert split_language(["x", "demo"]) == (None, ["x", "demo"])
    # After "--" everything belongs to the command.
    assert split_language(["x", "c", "--", "--language", "en"]) == (
        None,
        ["x", "c", "--", "--language", "en"],
    )
    with pytest.raises(LanguageError):
        split_language(["x", "--language"])


def test_help_names_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "--help")
    assert "--language" in out
    assert "Algemene optie" in out
    _code, out, _err = run(capsys, "--language", "en", "--help")
    assert "Global option" in out


def test_unknown_language_is_refused_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--language", "de", "help")
    assert code == 2
    assert "nl, en" in err
    assert "heeft een van deze nodig" in err


@pytest.mark.django_db
def test_changestory_poster_and_messages(
    capsys: pytest.CaptureFixture[str], own_org: Organisation, staff: Any, tmp_path: Path
) -> None:
    changestory_services.save_change_story(own_org, sample_content(), by=staff)
    _code, out, _err = run(capsys, "changestory", "export", "own-org", "--format", "svg")
    assert "DOELGROEP" in out
    assert "TARGET GROUP" not in out
    _code, out, _err = run(
        capsys, "--language", "en", "changestory", "export", "own-org", "--format", "svg"
    )
    assert "TARGET GROUP" in out
    # The next command without the option is Dutch again.
    code, _out, err = run(capsys, "changestory", "export", "nope")
    assert code == 1
    assert "bestaat niet" in err
    code, _out, err = run(capsys, "changestory", "export", "nope", "--language", "en")
    assert "does not exist" in err

    exported = tmp_path / "story.json"
    run(capsys, "changestory", "export", "own-org", "-o", str(exported))
    _code, out, _err = run(capsys, "changestory", "import", "own-org", str(exported))
    assert "ingelezen" in out
    _code, out, _err = run(
        capsys, "--language", "en", "changestory", "import", "own-org", str(exported)
    )
    assert "imported" in out


def test_changestory_pdf_is_dutch(
    capsys: pytest.CaptureFixture[str], own_org: Organisation, staff: Any, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    changestory_services.save_change_story(own_org, sample_content(), by=staff)
    target = tmp_path / "poster.pdf"
    run(capsys, "changestory", "export", "own-org", "--format", "pdf", "-o", str(target))
    text = PdfReader(target).pages[0].extract_text()
    assert "DOELGROEP" in text
    assert "TARGET GROUP" not in text
    run(
        capsys,
        "--language",
        "en",
        "changestory",
        "export",
        "own-org",
        "--format",
        "pdf",
        "-o",
        str(target),
    )
    assert "TARGET GROUP" in PdfReader(target).pages[0].extract_text()


@pytest.mark.django_db
def test_figures_areas_survey(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "figures", "list", "nope")
    assert code == 1
    assert "Er is geen organisatie" in err
    _code, _out, err = run(capsys, "--language", "en", "figures", "list", "nope")
    assert "There is no organisation" in err

    _code, out, _err = run(capsys, "areas", "list")
    assert "Geen gebieden gevonden." in out
    _code, out, _err = run(capsys, "--language", "en", "areas", "list")
    assert "No areas found." in out

    code, _out, err = run(capsys, "survey", "results", "999999")
    assert code == 1
    assert "bestaat niet" in err
    _code, _out, err = run(capsys, "--language", "en", "survey", "results", "999999")
    assert "does not exist" in err


@pytest.mark.django_db
def test_directory_search_and_reminders(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "directory", "search", "niets-te-vinden")
    assert "0 gevonden" in out
    _code, out, _err = run(capsys, "--language", "en", "directory", "search", "niets-te-vinden")
    assert "0 found" in out
    # JSON keys stay the same in every language.
    _code, out_nl, _err = run(capsys, "directory", "search", "x", "--format", "json")
    _code, out_en, _err = run(
        capsys, "--language", "en", "directory", "search", "x", "--format", "json"
    )
    assert json.loads(out_nl).keys() == json.loads(out_en).keys()

    _code, out, _err = run(capsys, "directory_reminders")
    assert "0 herinneringsmails verstuurd." in out
    _code, out, _err = run(capsys, "--language", "en", "directory_reminders")
    assert "0 reminder e-mails sent." in out


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_demo_refuses_in_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "demo")
    assert code == 1
    assert "Gebruik --force" in err
    _code, _out, err = run(capsys, "--language", "en", "demo")
    assert "Use --force" in err


@pytest.mark.django_db
def test_demo_logins_come_last_when_the_server_listens(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """make run: demo --no-logins, then runserver --demo-logins prints them after its banner."""
    import io

    from collectief.web.management.commands.runserver import Command as Runserver

    code, out, err = run(capsys, "demo", "--force", "--no-logins")
    assert code == 0, err
    assert "collectief-demo" not in out
    # What the demo loaded is told in Dutch, with Dutch plurals.
    assert "organisaties" in out
    assert "veranderverhaal: Het Badhuis" in out
    assert "cijfers van de drie initiatieven" in out
    assert "signalen (rode draden) over 12 maanden" in out
    assert "antwoorden in 2 metingen, gesloten" in out
    for english in ("organisations", "surveys:", "change story", "responses", "signals"):
        assert english not in out

    command = Runserver(stdout=io.StringIO())
    command.demo_logins = True
    command.addr, command.port, command.protocol, command._raw_ipv6 = (
        "127.0.0.1",
        "8000",
        "http",
        False,
    )
    command.on_bind("8000")
    printed = command.stdout._out.getvalue()
    assert printed.index("CONTROL-C") < printed.index("beheerder@badhuis.demo")
    assert printed.rstrip().endswith("/beheer/")
    assert "Demo-logins (wachtwoord voor allemaal: collectief-demo):" in printed
    assert "sitebeheer" in printed

    from django.utils import translation

    from collectief.accounts.demo import print_logins

    english = io.StringIO()
    with translation.override("en"):
        print_logins(english)
    assert "Demo logins (the password for all of them: collectief-demo):" in english.getvalue()
    assert "site admin" in english.getvalue()
