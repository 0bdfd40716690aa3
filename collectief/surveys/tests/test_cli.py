import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from collectief.accounts.models import Organisation
from collectief.surveys.models import Response, Survey
from collectief.surveys.tests.xlsform_helpers import badhuis_xlsform, build_xlsform, survey_row

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("survey", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def created(own_org: Organisation, tmp_path: Path) -> Survey:
    path = tmp_path / "badhuis.xlsx"
    path.write_bytes(badhuis_xlsform())
    out, _ = run("create", own_org.slug, "--from-xlsform", str(path))
    survey_id = int(out.strip().splitlines()[-1])
    return Survey.objects.get(pk=survey_id)


def test_create_prints_id_on_last_line(created: Survey, own_org: Organisation) -> None:
    assert created.organisation == own_org
    assert created.questions.count() == 7


def test_create_bad_xlsform_fails_and_stores_nothing(
    own_org: Organisation, tmp_path: Path
) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(build_xlsform([survey_row("select_one geen", "x", "X")]))
    with pytest.raises(
        CommandError, match=r"Het XLSForm is niet ingelezen; er is niets opgeslagen"
    ):
        run("create", own_org.slug, "--from-xlsform", str(path))
    assert not Survey.objects.exists()


def test_create_unknown_org_and_missing_file(own_org: Organisation) -> None:
    with pytest.raises(CommandError, match=r"Organisatie bestaat\-niet bestaat niet"):
        run("create", "bestaat-niet", "--from-xlsform", "x.xlsx")
    with pytest.raises(CommandError, match=r"nonexistent\.xlsx bestaat niet"):
        run("create", own_org.slug, "--from-xlsform", "/nonexistent.xlsx")


def test_list_json(created: Survey, own_org: Organisation) -> None:
    out, _ = run("list", own_org.slug, "--format", "json")
    assert json.loads(out) == [
        {"id": created.pk, "title": "Badhuis buurtmeting", "status": "draft", "n_responses": 0}
    ]
    text, _ = run("list", own_org.slug)
    assert "Badhuis buurtmeting" in text


def test_import_responses_and_results(created: Survey) -> None:
    out, _ = run("import-responses", str(created.pk), str(FIXTURES / "google_forms.csv"))
    assert "Ingevulde vragenlijsten: 4;" in out
    assert Response.objects.filter(survey=created).count() == 4
    out, _ = run("results", str(created.pk), "--format", "json")
    data = json.loads(out)
    assert data["survey"] == created.pk
    assert data["n_responses"] == 4
    kennen = next(q for q in data["questions"] if q["code"] == "contact_kennen")
    assert set(kennen) >= {
        "code",
        "text",
        "type",
        "effect",
        "n",
        "distribution",
        "agree_pct",
        "agree_ci95",
    }
    # Four respondents: fewer than 5, so only n is shown (DESIGN §4).
    assert data["suppressed"] is True
    assert kennen["n"] == 3
    assert kennen["distribution"] is None and kennen["mean"] is None
    assert kennen["agree_pct"] is None and kennen["agree_ci95"] is None
    assert data["scales"] == []
    csv_out, _ = run("results", str(created.pk), "--format", "csv")
    assert csv_out.splitlines()[0].startswith("code,text,type")


def test_import_with_problems_exits_non_zero(created: Survey) -> None:
    with pytest.raises(SystemExit) as info:
        run("import-responses", str(created.pk), str(FIXTURES / "messy.tsv.csv"))
    assert info.value.code == 1
    assert not Response.objects.exists()


def test_unknown_survey(db: None) -> None:
    with pytest.raises(CommandError, match=r"bestaat niet"):
        run("results", "999")


def test_bench_command_lists_the_survey_benchmarks() -> None:
    out = io.StringIO()
    call_command("bench", "list", stdout=out)
    assert "surveys_analysis" in out.getvalue()
    assert "surveys_submit" in out.getvalue()
    with pytest.raises(CommandError, match=r"Unknown benchmark"):
        call_command("bench", "does_not_exist", stdout=io.StringIO())


def test_rebuild_vectors(created: Survey) -> None:
    run("import-responses", str(created.pk), str(FIXTURES / "google_forms.csv"))
    before = run("results", str(created.pk), "--format", "json")[0]
    Response.objects.update(answer_vector=None)
    out, _ = run("rebuild-vectors", str(created.pk))
    assert out.split("\t")[:2] == [str(created.pk), "4"]
    assert not Response.objects.filter(answer_vector__isnull=True).exists()
    assert run("results", str(created.pk), "--format", "json")[0] == before
    out, _ = run("rebuild-vectors")
    assert str(created.pk) in out
    with pytest.raises(CommandError, match=r"bestaat niet"):
        run("rebuild-vectors", "999")
