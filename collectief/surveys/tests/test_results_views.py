import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collectief.accounts.models import Organisation, User
from collectief.audit.models import AuditEvent
from collectief.surveys.models import Answer, Response, Survey
from collectief.surveys.tests.results_helpers import add_responses, make_survey
from collectief.surveys.tests.xlsform_helpers import badhuis_xlsform, build_xlsform, survey_row

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def survey(own_org: Organisation) -> Survey:
    survey = make_survey(own_org)
    add_responses(
        survey,
        [{"kennen": ["5"], "komt": ["1"], "mening": ["Fijne buurt met aardige mensen"]}] * 6
        + [{"kennen": ["2"], "komt": ["0"], "mening": ["Te weinig bankjes"]}] * 3,
    )
    return survey


def url(name: str, survey: Survey, *extra: Any) -> str:
    return reverse(f"surveys:{name}", args=[survey.organisation.slug, survey.pk, *extra])


def quote_url(survey: Survey, answer_id: int) -> str:
    """Marking an open answer as a quote lives in the stories app (one quote concept)."""
    return reverse("stories:answer_quote", args=[survey.organisation.slug, survey.pk, answer_id])


def test_results_page_for_reader(client_for, reader: User, survey: Survey) -> None:  # type: ignore[no-untyped-def]
    response = client_for(reader).get(url("results", survey))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ik ken andere buurtbewoners." in content
    assert "<svg" in content and "<table" in content
    assert "67%" in content  # 6 of 9 agree
    assert "is een uitkomst een indruk, geen meting" in content
    # A horizontal stacked bar chart with a fixed pixel viewBox (one row, 72 units) that
    # scales proportionally, a label per statement and the percentages in the segments.
    assert 'viewBox="0 0 640 74"' in content
    assert 'preserveAspectRatio="none"' not in content
    assert 'class="results-chart__label results-chart__label--long"' in content
    # Every answer count of this statement is under 5 or would give one away
    # (6 agree of 9: "strongly agree" 6 = agree 6 minus nothing), so no segment shows.
    assert ">67%</text>" not in content
    assert "surveys/surveys.css" in content


def test_results_breakdown_and_bad_parameters(client_for, reader: User, survey: Survey) -> None:  # type: ignore[no-untyped-def]
    komt = survey.questions.get(code="komt")
    client = client_for(reader)
    response = client.get(url("results", survey), {"uitsplitsen": komt.pk})
    assert response.status_code == 200
    # 6 and 3 people: the 3 is hidden, and the 6 too (9 - 6 = 3).
    assert "n = 6" not in response.content.decode()
    # A measurement or question that does not exist: all answers, no breakdown.
    for params in ({"uitsplitsen": "999"}, {"meting": "999"}):
        assert client.get(url("results", survey), params).status_code == 200
    # Not a number at all: the Dutch page about a wrong address (issue 8, point 14).
    for params in ({"uitsplitsen": "x"}, {"voor": "abc", "na": "-1"}):
        response = client.get(url("results", survey), params)
        assert response.status_code == 400
        assert "Er klopt iets niet aan dit adres" in response.content.decode()


def test_breakdown_hides_a_group_of_four_on_the_page(  # type: ignore[no-untyped-def]
    client_for, reader: User, own_org: Organisation
) -> None:
    """DESIGN §4: a breakdown shows no group with fewer than 5 respondents."""
    survey = make_survey(own_org)
    add_responses(
        survey,
        [{"kennen": ["5"], "komt": ["1"]}] * 6 + [{"kennen": ["2"], "komt": ["0"]}] * 4,
    )
    komt = survey.questions.get(code="komt")
    page = client_for(reader).get(url("results", survey), {"uitsplitsen": komt.pk})
    assert page.status_code == 200
    split = page.context["breakdown"]
    # The four are hidden, and the six too: 10 - 6 would give the four away.
    assert {g.key: g.hidden for g in split.groups} == {"1": True, "0": True}
    assert [c.share for c in split.rows[0].cells] == [None, None]
    table = page.content.decode().split('id="breakdown"', 1)[1]
    assert "n = 6" not in table and "n = 4" not in table
    assert ">0%" not in table and ">100%" not in table  # the share of the four is nowhere


def test_results_exports_and_cli_have_no_breakdowns(  # type: ignore[no-untyped-def]
    client_for, reader: User, own_org: Organisation
) -> None:
    """Breakdowns exist only on the results page, where small groups are hidden.

    The JSON/CSV results (web export and ``collectief survey results``) hold whole-survey
    totals per question only, never a share per answer to another question.
    """
    from io import StringIO

    from django.core.management import call_command

    survey = make_survey(own_org)
    add_responses(
        survey,
        [{"kennen": ["5"], "komt": ["1"]}] * 6 + [{"kennen": ["2"], "komt": ["0"]}] * 4,
    )
    client = client_for(reader)
    data = json.loads(client.get(url("export_results", survey, "json")).content)
    out = StringIO()
    call_command("survey", "results", str(survey.pk), "--format", "json", stdout=out)
    for exported in (data, json.loads(out.getvalue())):
        assert not {k for k in exported if "breakdown" in k or "group" in k}
        for question in exported["questions"]:
            assert not {k for k in question if "breakdown" in k or "group" in k}
    csv_text = client.get(url("export_results", survey, "csv")).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == (
        "code;vraag;soort;direct effect;n;antwoord;aantal;% van geldige antwoorden;% eens;"
        "% eens, 95%-interval van;% eens, 95%-interval tot;gemiddelde;mediaan;"
        "eerste kwartiel;derde kwartiel"
    )


@pytest.mark.parametrize(
    "name",
    ["results", "open_answers", "export_codebook"],
)
def test_access_rules(  # type: ignore[no-untyped-def]
    client_for, outsider: User, survey: Survey, name: str
) -> None:
    assert client_for(None).get(url(name, survey)).status_code == 302
    assert client_for(outsider).get(url(name, survey)).status_code == 404


def test_other_organisation_survey_is_404(
    client_for, reader: User, other_org: Organisation
) -> None:  # type: ignore[no-untyped-def]
    other = make_survey(other_org)
    response = client_for(reader).get(
        reverse("surveys:results", args=[reader.memberships.first().organisation.slug, other.pk])
    )
    assert response.status_code == 404


def test_exports(client_for, staff: User, survey: Survey) -> None:  # type: ignore[no-untyped-def]
    client = client_for(staff)
    csv_labels = client.get(url("export_responses", survey, "csv")).content.decode("utf-8-sig")
    assert "Helemaal mee eens" in csv_labels and "Strongly agree" not in csv_labels
    assert csv_labels.splitlines()[0].endswith("kennen;komt;mening")
    csv_codes = client.get(url("export_responses", survey, "csv") + "?codes=1").content.decode(
        "utf-8-sig"
    )
    assert ";5;1;Fijne buurt" in csv_codes
    xlsx = client.get(url("export_responses", survey, "xlsx"))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    from collectief.lib.tabular import read_xlsx_sheets

    sheets = read_xlsx_sheets(xlsx.content)
    assert len(sheets) == 2
    assert len(next(iter(sheets.values())).rows) == 9
    codebook = client.get(url("export_codebook", survey)).content.decode("utf-8-sig")
    assert "kennen" in codebook and "dk = " in codebook
    data = json.loads(client.get(url("export_results", survey, "json")).content)
    assert data["n_responses"] == 9
    assert client.get(url("export_results", survey, "csv")).status_code == 200
    assert client.get(url("export_results", survey, "pdf")).status_code == 404
    assert client.get(url("export_responses", survey, "pdf")).status_code == 404


def test_open_answers_search_and_quotes(  # type: ignore[no-untyped-def]
    client_for, staff: User, reader: User, survey: Survey
) -> None:
    page = client_for(staff).get(url("open_answers", survey), {"zoek": "bankjes"})
    assert page.status_code == 200
    content = page.content.decode()
    assert "Te weinig bankjes" in content and "Fijne buurt" not in content
    answer = Answer.objects.filter(text="Te weinig bankjes").first()
    assert answer is not None
    # Readers may not mark quotes.
    assert client_for(reader).post(quote_url(survey, answer.pk), {"quote": "1"}).status_code == 403
    staff_client = client_for(staff)
    response = staff_client.post(quote_url(survey, answer.pk), {"quote": "1"})
    assert response.status_code == 302
    assert Answer.objects.filter(pk=answer.pk, quote__isnull=False).exists()
    assert AuditEvent.objects.filter(action="survey.quote.mark").exists()
    only = client_for(staff).get(url("open_answers", survey), {"citaten": "1"})
    assert only.content.decode().count("Te weinig bankjes") == 1
    staff_client.post(quote_url(survey, answer.pk), {"quote": "0"})
    assert not Answer.objects.filter(quote__isnull=False).exists()
    closed = Answer.objects.filter(value=5).first()
    assert closed is not None
    staff_client.post(quote_url(survey, closed.pk), {"quote": "1"})
    assert not Answer.objects.filter(quote__isnull=False).exists()
    assert staff_client.post(quote_url(survey, 999999), {"quote": "1"}).status_code == 404


def test_quote_other_organisation_is_404(  # type: ignore[no-untyped-def]
    client_for, outsider: User, survey: Survey
) -> None:
    answer = Answer.objects.filter(text__isnull=False).first()
    assert answer is not None
    response = client_for(outsider).post(quote_url(survey, answer.pk), {"quote": "1"})
    assert response.status_code == 404


def _badhuis(own_org: Organisation, staff: User) -> Survey:
    from collectief.surveys.imports.services import create_survey_from_xlsform

    return create_survey_from_xlsform(own_org, badhuis_xlsform(), "b.xlsx", by=staff)[0]


def test_import_preview_then_confirm(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation
) -> None:
    survey = _badhuis(own_org, staff)
    client = client_for(staff)
    upload = SimpleUploadedFile("google.csv", (FIXTURES / "google_forms.csv").read_bytes())
    preview = client.post(url("import_responses", survey), {"file": upload})
    assert preview.status_code == 200
    assert not Response.objects.exists()
    token = preview.context["token"]
    assert "Tijdstempel" in preview.content.decode()
    done = client.post(url("import_responses", survey), {"step": "confirm", "token": token})
    assert done.status_code == 302
    assert Response.objects.filter(survey=survey, source="import").count() == 4
    # The stored upload is gone: confirming again does nothing.
    again = client.post(url("import_responses", survey), {"step": "confirm", "token": token})
    assert again.status_code == 302
    assert Response.objects.count() == 4


def test_import_preview_lists_problems_with_row_and_column(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation
) -> None:
    survey = _badhuis(own_org, staff)
    client = client_for(staff)
    upload = SimpleUploadedFile("messy.csv", (FIXTURES / "messy.tsv.csv").read_bytes())
    preview = client.post(url("import_responses", survey), {"file": upload})
    content = preview.content.decode()
    assert "Misschien" in content and "veertig" in content
    assert "Opmerking van de invoerder" in content
    token = preview.context["token"]
    refused = client.post(url("import_responses", survey), {"step": "confirm", "token": token})
    assert refused.status_code == 400
    assert not Response.objects.exists()


def test_import_access_and_bad_input(  # type: ignore[no-untyped-def]
    client_for, reader: User, outsider: User, staff: User, survey: Survey
) -> None:
    assert client_for(None).get(url("import_responses", survey)).status_code == 302
    assert client_for(reader).get(url("import_responses", survey)).status_code == 403
    assert client_for(outsider).get(url("import_responses", survey)).status_code == 404
    assert client_for(staff).get(url("import_responses", survey)).status_code == 200
    assert client_for(staff).post(url("import_responses", survey), {}).status_code == 400


def test_xlsform_page(
    client_for, staff: User, reader: User, outsider: User, own_org: Organisation
) -> None:  # type: ignore[no-untyped-def]
    address = reverse("surveys:import_xlsform", args=[own_org.slug])
    assert client_for(None).get(address).status_code == 302
    assert client_for(reader).get(address).status_code == 403
    assert client_for(outsider).get(address).status_code == 404
    client = client_for(staff)
    assert client.get(address).status_code == 200
    good = SimpleUploadedFile("badhuis.xlsx", badhuis_xlsform())
    response = client.post(address, {"file": good})
    assert response.status_code == 200
    assert Survey.objects.filter(organisation=own_org, title="Badhuis buurtmeting").exists()
    bad = SimpleUploadedFile("bad.xlsx", build_xlsform([survey_row("text", "1x", "A")]))
    response = client.post(address, {"file": bad})
    assert response.status_code == 400
    assert "1x" in response.content.decode()
    assert client.post(address, {}).status_code == 400
