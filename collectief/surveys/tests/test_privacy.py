"""DESIGN §4, issue 8 points 1-2: fewer than 5 means nothing shown, by every route,
and no hidden group follows by subtraction from what is shown."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from collectief.accounts.models import Organisation, User
from collectief.surveys import services
from collectief.surveys.analysis import analyse_survey, breakdown
from collectief.surveys.models import Question, Survey
from collectief.surveys.tests.results_helpers import add_responses, make_survey


def _with_background(survey: Survey) -> Survey:
    section = survey.sections.first()
    services.add_question(
        section,
        by=None,
        text="Wat is je gender?",
        type=Question.Type.SINGLE_CHOICE,
        code="gender",
        choices=[
            services.ChoiceSpec("Man", "man"),
            services.ChoiceSpec("Vrouw", "vrouw"),
            services.ChoiceSpec("Anders", "anders"),
        ],
    )
    services.add_question(
        section, by=None, text="Hoe oud ben je?", type=Question.Type.NUMBER, code="leeftijd"
    )
    return survey


@pytest.fixture
def fourteen(own_org: Organisation) -> Survey:
    """14 people: 7 men, 7 women and one "Anders" would be 15; here 7 + 6 + 1."""
    survey = _with_background(make_survey(own_org))
    rows = (
        [{"kennen": ["5"], "komt": ["1"], "gender": ["man"], "leeftijd": ["30"]}] * 7
        + [{"kennen": ["2"], "komt": ["0"], "gender": ["vrouw"], "leeftijd": ["40"]}] * 6
        + [{"kennen": ["4"], "komt": ["1"], "gender": ["anders"], "leeftijd": ["87"]}]
    )
    add_responses(survey, rows)
    return survey


@pytest.fixture
def wave_of_four(own_org: Organisation) -> tuple[Survey, Any]:
    survey = _with_background(make_survey(own_org))
    add_responses(
        survey,
        [{"kennen": ["5"], "komt": ["1"], "gender": ["man"], "leeftijd": ["23"]}] * 6,
        prefix="a",
    )
    survey.responses.update(submitted_at=timezone.now() - timezone.timedelta(days=30))
    wave = services.add_wave(
        survey, by=None, name="Nameting", kind="nameting", starts_at=timezone.now()
    )
    add_responses(
        survey,
        [{"kennen": ["1"], "komt": ["0"], "gender": ["vrouw"], "leeftijd": ["71"]}] * 4,
        prefix="b",
        wave=wave,
    )
    return survey, wave


def _url(name: str, survey: Survey, *extra: Any) -> str:
    return reverse(f"surveys:{name}", args=[survey.organisation.slug, survey.pk, *extra])


# 1. Fewer than 5 means nothing shown -----------------------------------------


def test_a_wave_of_four_shows_only_n_in_the_analysis(wave_of_four) -> None:  # type: ignore[no-untyped-def]
    survey, wave = wave_of_four
    results = analyse_survey(survey, wave=wave)
    assert results.n_responses == 4 and results.suppressed
    for q in results.questions:
        assert q.distribution is None
        assert q.agree_pct is None and q.agree_ci95 is None
        assert q.mean is None and q.median is None and q.quartiles is None
    assert results.by_code()["kennen"].n == 4


def test_a_wave_of_four_in_the_cli_json(wave_of_four) -> None:  # type: ignore[no-untyped-def]
    survey, wave = wave_of_four
    out = io.StringIO()
    call_command(
        "survey", "results", str(survey.pk), "--format", "json", "--wave", str(wave.pk), stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["suppressed"] is True
    for q in data["questions"]:
        assert {"code", "text", "n"} <= set(q)
        assert q["distribution"] is None and q["agree_pct"] is None
        assert q["agree_ci95"] is None and q["mean"] is None
    assert next(q for q in data["questions"] if q["code"] == "kennen")["n"] == 4
    assert "71" not in out.getvalue()


def test_a_wave_of_four_in_the_csv_and_json_exports(  # type: ignore[no-untyped-def]
    client_for, reader: User, wave_of_four
) -> None:
    survey, wave = wave_of_four
    client = client_for(reader)
    raw = client.get(_url("export_results", survey, "json"), {"meting": wave.pk}).content
    data = json.loads(raw)
    assert data["suppressed"] is True
    assert all(q["distribution"] is None for q in data["questions"])
    text = client.get(_url("export_results", survey, "csv"), {"meting": wave.pk}).content
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    assert rows and all(r["aantal"] == "" and r["% eens"] == "" for r in rows)
    assert all(r["gemiddelde"] == "" and r["mediaan"] == "" for r in rows)


def test_a_wave_of_four_on_the_page(client_for, reader: User, wave_of_four) -> None:  # type: ignore[no-untyped-def]
    survey, wave = wave_of_four
    page = client_for(reader).get(_url("results", survey), {"meting": wave.pk})
    assert page.status_code == 200
    # The CSRF token is random text and may hold any digits; it is no answer.
    content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.content.decode())
    assert page.context["results"].suppressed
    assert "0%" not in content and "100%" not in content  # 4 of 4 disagree is nowhere
    assert "71" not in content
    komt = survey.questions.get(code="komt")
    split = client_for(reader).get(
        _url("results", survey), {"meting": wave.pk, "uitsplitsen": komt.pk}
    )
    assert all(g.hidden for g in split.context["breakdown"].groups)


def test_a_number_question_shows_aggregates_never_the_values(fourteen: Survey) -> None:
    leeftijd = analyse_survey(fourteen).by_code()["leeftijd"]
    assert leeftijd.n == 14
    assert leeftijd.median == 35 and leeftijd.quartiles == (30, 40)
    assert leeftijd.distribution == {}  # no "87: 1"
    out = io.StringIO()
    call_command("survey", "results", str(fourteen.pk), "--format", "csv", stdout=out)
    assert "87" not in out.getvalue()


def test_a_number_question_on_the_page(client_for, reader: User, fourteen: Survey) -> None:  # type: ignore[no-untyped-def]
    content = client_for(reader).get(_url("results", fourteen)).content.decode()
    section = content.split("Hoe oud ben je?", 1)[1].split("</div>", 1)[0]
    assert "87" not in section and ">35<" in section


# 2. No recovery by subtraction ------------------------------------------------


def test_anders_cannot_be_found_by_subtraction(fourteen: Survey) -> None:
    results = analyse_survey(fourteen)
    gender = results.by_code()["gender"]
    # "Anders" (1) is hidden, and the smaller of the others (6) with it.
    assert gender.distribution == {"Man": 7, "Vrouw": None, "Anders": None}
    split = breakdown(results, fourteen.questions.get(code="gender"))
    assert {g.key: g.hidden for g in split.groups} == {"man": False, "vrouw": True, "anders": True}
    for row in split.rows:
        assert row.cells[1].share is None and row.cells[2].share is None


def test_anders_not_on_the_page_nor_in_the_csv(  # type: ignore[no-untyped-def]
    client_for, reader: User, fourteen: Survey
) -> None:
    gender = fourteen.questions.get(code="gender")
    client = client_for(reader)
    content = client.get(_url("results", fourteen), {"uitsplitsen": gender.pk}).content.decode()
    card = content.split("Wat is je gender?", 1)[1].split("</table>", 1)[0]
    assert "Anders</th><td>1<" not in card and ">6<" not in card and ">7<" in card
    table = content.split('id="breakdown"', 1)[1]
    assert "n = 1" not in table and "n = 6" not in table and "n = 7" in table
    text = client.get(_url("export_results", fourteen, "csv")).content.decode("utf-8-sig")
    rows = [r for r in csv.DictReader(io.StringIO(text), delimiter=";") if r["code"] == "gender"]
    assert {r["antwoord"]: r["aantal"] for r in rows} == {"Man": "7", "Vrouw": "", "Anders": ""}
