"""The help and the usage errors of ``collectief`` are Dutch too, not only the messages."""

from __future__ import annotations

import pytest
from django.core.management import get_commands, load_command_class
from django.utils import translation

from collectief.web.tests.test_cli_language import run


def test_the_command_list_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "--help")
    assert "Gebruik: collectief <opdracht> [opties]" in out
    assert "Opdrachten van Collectief:" in out
    assert "Vragenlijsten: tonen, maken uit een XLSForm" in out
    assert "Opdrachten van Django, voor beheerders (in het Engels):" in out
    assert "Available subcommands" not in out
    _code, out, _err = run(capsys, "--language", "en", "--help")
    assert "Commands of Collectief:" in out
    assert "Surveys: list, create from an XLSForm" in out


def test_a_command_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "survey", "--help")
    assert code == 0
    for dutch in (
        "gebruik:",
        "vaste argumenten:",
        "opties:",
        "deze hulp tonen en stoppen",
        "De resultaten tonen als JSON of CSV.",
        "De volledige technische foutmelding tonen",
    ):
        assert dutch in out
    for english in ("usage:", "show this help message", "Display a full stack trace"):
        assert english not in out


def test_a_usage_error_is_dutch_and_english_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "survey", "results")
    assert code == 2
    assert "fout: deze argumenten zijn nodig: survey_id" in err
    code, _out, err = run(capsys, "--language", "en", "survey", "results")
    assert code == 2
    assert "error: the following arguments are required: survey_id" in err


def test_every_collectief_command_explains_itself_in_dutch() -> None:
    """A new command without a Dutch description fails here, not in front of a user."""
    ours = {name: app for name, app in get_commands().items() if app.startswith("collectief.")}
    assert "survey" in ours
    untranslated = []
    for name, app in sorted(ours.items()):
        command = load_command_class(app, name)
        with translation.override("en"):
            english = str(command.help)
        with translation.override("nl"):
            dutch = str(command.help)
        if not dutch or dutch == english:
            untranslated.append(name)
    assert untranslated == [], untranslated
