from pathlib import Path

import pytest

from collectief.accounts.models import Organisation, User
from collectief.audit.models import AuditEvent
from collectief.surveys.imports.responses import plan_response_import
from collectief.surveys.imports.services import (
    ImportProblemsError,
    create_survey_from_xlsform,
    import_responses,
)
from collectief.surveys.models import Answer, Question, Response, Survey
from collectief.surveys.tests.xlsform_helpers import badhuis_xlsform, build_xlsform, survey_row

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def survey(own_org: Organisation, staff: User) -> Survey:
    survey, warnings = create_survey_from_xlsform(
        own_org, badhuis_xlsform(), "badhuis.xlsx", by=staff
    )
    assert warnings == []
    return survey


def _plan(survey: Survey, name: str):  # type: ignore[no-untyped-def]
    return plan_response_import(survey, (FIXTURES / name).read_bytes(), name)


def test_create_survey_from_xlsform(survey: Survey) -> None:
    assert survey.status == Survey.Status.DRAFT
    assert [s.title for s in survey.sections.all()] == ["Onderlinge contacten", "Over u"]
    questions = {q.code: q for q in survey.questions.all()}
    assert questions["contact_kennen"].type == Question.Type.LIKERT5
    assert questions["contact_kennen"].required
    assert questions["leeftijd"].min_value == 0
    assert questions["leeftijd"].max_value == 120
    activiteiten = questions["activiteiten"]
    assert activiteiten.show_if_question == questions["bezoeker"]
    assert activiteiten.show_if_values == ["1"]
    assert [c.value for c in activiteiten.choices.all()] == ["koken", "yoga", "koor"]
    assert AuditEvent.objects.filter(action="survey.create_from_xlsform").count() == 1


def test_create_survey_from_bad_xlsform_stores_nothing(own_org: Organisation, staff: User) -> None:
    bad = build_xlsform([survey_row("select_one nolist", "x", "X")])
    with pytest.raises(ImportProblemsError, match=r"ontbreekt of is leeg") as info:
        create_survey_from_xlsform(own_org, bad, "x.xlsx", by=staff)
    assert "nolist" in info.value.problems[0]
    assert not Survey.objects.exists()


@pytest.mark.parametrize(
    ("name", "n_rows", "encoding", "delimiter"),
    [
        ("google_forms.csv", 4, "utf-8", ","),
        ("microsoft_forms.xlsx", 3, None, None),
        ("limesurvey.csv", 3, "cp1252", ";"),
        ("kobotoolbox.csv", 2, "utf-8-sig", ";"),
    ],
)
def test_exports_of_four_tools_map_completely(
    survey: Survey, staff: User, name: str, n_rows: int, encoding: str, delimiter: str
) -> None:
    plan = _plan(survey, name)
    assert plan.unmatched_headers == []
    assert [str(p) for p in plan.problems] == []
    assert sorted(plan.mapping.values()) == sorted(q.code for q in survey.questions.all())
    assert plan.encoding == encoding
    assert plan.delimiter == delimiter
    assert import_responses(survey, plan, by=staff) == n_rows
    assert Response.objects.filter(survey=survey, source=Response.Source.IMPORT).count() == n_rows


def test_google_forms_values(survey: Survey, staff: User) -> None:
    import_responses(survey, _plan(survey, "google_forms.csv"), by=staff)
    kennen = Answer.objects.filter(question__code="contact_kennen").order_by("response_id")
    assert [(a.value, a.dont_know) for a in kennen] == [
        (5, False),
        (3, False),
        (None, True),
        (1, False),
    ]
    multi = Answer.objects.filter(question__code="activiteiten")
    assert sorted(a.choice.value for a in multi if a.choice) == [
        "koken",
        "koken",
        "koor",
        "koor",
        "yoga",
        "yoga",
    ]
    tips = list(
        Answer.objects.filter(question__code="tip")
        .order_by("response_id")
        .values_list("text", flat=True)
    )
    assert tips == ["Meer muziek, graag!", "Koffie is lekker; blijf zo doorgaan"]
    assert Answer.objects.filter(question__code="bezoeker", value=1).count() == 3


def test_limesurvey_windows_1252_text_survives(survey: Survey, staff: User) -> None:
    import_responses(survey, _plan(survey, "limesurvey.csv"), by=staff)
    assert Answer.objects.filter(text="Een café-avond voor iedereen").exists()
    assert Answer.objects.filter(text__contains="—").exists()


def test_kobo_codes_and_option_columns(survey: Survey, staff: User) -> None:
    plan = _plan(survey, "kobotoolbox.csv")
    assert "over_u/activiteiten/koken" in plan.skipped_headers
    import_responses(survey, plan, by=staff)
    assert Answer.objects.filter(question__code="contact_praatje", dont_know=True).count() == 1
    assert Answer.objects.filter(question__code="activiteiten").count() == 2


def test_messy_export_lists_every_problem_and_imports_nothing(survey: Survey, staff: User) -> None:
    plan = _plan(survey, "messy.tsv.csv")
    assert plan.delimiter == "\t"
    assert plan.unmatched_headers == ["Opmerking van de invoerder"]
    messages = [str(p) for p in plan.all_problems()]
    assert any("Opmerking van de invoerder" in m for m in messages)
    assert any("2" in m and "Misschien" in m for m in messages)
    assert any("veertig" in m for m in messages)
    assert any("3" in m and "130" in m for m in messages)
    with pytest.raises(
        ImportProblemsError, match=r"deze kolom past bij geen enkele vraag \(niet op code en niet"
    ) as info:
        import_responses(survey, plan, by=staff)
    assert len(info.value.problems) == 4
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_unmatched_columns_may_be_skipped_when_asked(survey: Survey, staff: User) -> None:
    data = b"Tijdstempel,contact_kennen,Opmerking\n1-1-2023,Helemaal eens,x\n1-1-2023,Eens,\n"
    plan = plan_response_import(survey, data, "x.csv")
    assert not plan.is_valid()
    assert plan.is_valid(skip_unmatched_columns=True)
    assert import_responses(survey, plan, by=staff, skip_unmatched_columns=True) == 2


def test_same_file_twice_is_refused(survey: Survey, staff: User) -> None:
    import_responses(survey, _plan(survey, "google_forms.csv"), by=staff)
    with pytest.raises(
        ImportProblemsError, match=r"Dit bestand is al ingelezen in deze vragenlijst"
    ):
        import_responses(survey, _plan(survey, "google_forms.csv"), by=staff)
    assert Response.objects.count() == 4


def test_unreadable_and_empty_files(survey: Survey) -> None:
    plan = plan_response_import(survey, b"PK\x03\x04garbage", "x.xlsx")
    assert plan.problems and not plan.is_valid()
    plan = plan_response_import(survey, b"onbekend,nog een\n1,2\n", "x.csv")
    assert any("column" in str(p).lower() or "kolom" in str(p).lower() for p in plan.problems)


def test_plan_for_other_survey_is_refused(
    survey: Survey, own_org: Organisation, staff: User
) -> None:
    other, _ = create_survey_from_xlsform(own_org, badhuis_xlsform(), "b.xlsx", by=staff)
    plan = _plan(survey, "google_forms.csv")
    with pytest.raises(Exception, match=r"."):
        import_responses(other, plan, by=staff)
