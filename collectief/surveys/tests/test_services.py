from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from collectief.lib.errors import ServiceError
from collectief.surveys import services
from collectief.surveys.models import LIKERT_LABELS, Answer, Question, Response, Survey
from collectief.surveys.tests.survey_factories import make_survey, q

pytestmark = pytest.mark.django_db


def test_codes_are_generated_readable_and_unique(own_org):
    assert services.slug_code("Door de activiteiten ken ik andere buurtbewoners") == (
        "activiteiten_ken_andere"
    )
    assert services.slug_code("Één café?") == "cafe"
    assert services.unique_code("ken", ["ken", "KEN_2"]) == "ken_3"
    survey = make_survey(own_org)
    with pytest.raises(
        ServiceError, match=r"Een andere vraag in deze vragenlijst heeft al de code KEN"
    ):
        services.validate_code(survey, "KEN_BUREN")  # case-insensitive clash
    with pytest.raises(
        ServiceError, match=r"Een code begint met een letter en heeft alleen letters,"
    ):
        services.validate_code(survey, "1abc")
    assert services.validate_code(survey, "nieuw_1") == "nieuw_1"


def test_add_question_generates_code_and_rejects_bad_skip_logic(own_org):
    survey = make_survey(own_org)
    section = survey.sections.first()
    question = services.add_question(
        section, by=None, text="Ik voel me welkom", type=Question.Type.LIKERT5
    )
    assert question.code == "voel_welkom"
    with pytest.raises(ServiceError, match=r"Geef minstens twee antwoorden"):
        services.add_question(
            section,
            by=None,
            text="Kies",
            type=Question.Type.SINGLE_CHOICE,
            choices=[services.ChoiceSpec("Een")],
        )
    with pytest.raises(
        ServiceError, match=r"Een vraag overslaan kan alleen na een vraag met vaste"
    ):  # depends on an open question
        services.add_question(
            section,
            by=None,
            text="X",
            type=Question.Type.YES_NO,
            show_if_question=q(survey, "open"),
            show_if_values=["a"],
        )
    with pytest.raises(
        ServiceError, match=r"is geen antwoord van vraag bezoek"
    ):  # unknown answer key
        services.add_question(
            section,
            by=None,
            text="Y",
            type=Question.Type.YES_NO,
            show_if_question=q(survey, "bezoek"),
            show_if_values=["7"],
        )


def test_parse_choice_lines():
    specs = services.parse_choice_lines("ja | Ja, graag | 2\nNee\n\n")
    assert [(s.value, s.label, s.score) for s in specs] == [
        ("ja", "Ja, graag", 2),
        ("", "Nee", None),
    ]
    with pytest.raises(ServiceError):
        services.parse_choice_lines("a | b | c | d")
    with pytest.raises(ServiceError, match=r"de score moet een heel getal zijn"):
        services.parse_choice_lines("a | b | veel")


def test_answer_keys_for_accepts_labels_and_keys(own_org):
    survey = make_survey(own_org)
    likert = q(survey, "ken_buren")
    assert services.answer_keys_for(likert, [str(LIKERT_LABELS[5]).upper(), "4"]) == ["5", "4"]
    with pytest.raises(ServiceError, match=r"misschien is geen antwoord van vraag ken"):
        services.answer_keys_for(likert, ["misschien"])


def test_move_question_and_section(own_org):
    survey = make_survey(own_org)
    first, second = list(survey.sections.all())
    third = services.add_section(survey, by=None, title="Extra")
    services.move_section(third, "up", by=None)
    assert list(survey.sections.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    visits = q(survey, "bezoek")
    services.move_question(visits, "up", by=None)
    assert list(first.questions.values_list("code", flat=True)) == ["bezoek", "ken_buren"]


def test_move_that_breaks_skip_logic_is_refused(own_org):
    survey = make_survey(own_org)
    first, second = list(survey.sections.all())
    with pytest.raises(ServiceError, match=r"vóór de vraag waarvan hij afhangt\. Dat kan niet"):
        services.move_section(second, "up", by=None)  # hoe_vaak would come before bezoek
    assert list(survey.sections.values_list("pk", flat=True)) == [first.pk, second.pk]


def test_open_requires_questions_and_future_closing_date(own_org):
    survey = services.create_survey(own_org, by=None, title="Leeg")
    with pytest.raises(
        ServiceError, match=r"Voeg minstens één vraag toe voordat je de vragenlijst opent"
    ):
        services.set_survey_status(survey, Survey.Status.OPEN, by=None)
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    survey.closes_at = timezone.now() - timedelta(days=1)
    survey.save()
    with pytest.raises(
        ServiceError, match=r"De sluitingsdatum is voorbij\. Verander die voordat je de"
    ):
        services.set_survey_status(survey, Survey.Status.OPEN, by=None)


def test_submit_response_stores_narrow_answers_once(own_org):
    survey = make_survey(own_org)
    answers = {
        q(survey, "ken_buren").pk: ["dk"],
        q(survey, "bezoek").pk: ["1"],
        q(survey, "hoe_vaak").pk: ["week"],
        q(survey, "open").pk: ["Gezellig!"],
    }
    response, created = services.submit_response(survey, answers, idempotency_key="abc")
    assert created
    again, created_again = services.submit_response(survey, answers, idempotency_key="abc")
    assert not created_again and again.pk == response.pk
    assert Response.objects.count() == 1
    rows = {a.question.code: a for a in Answer.objects.select_related("question", "choice")}
    assert rows["ken_buren"].dont_know and rows["ken_buren"].value is None
    assert rows["bezoek"].value == 1
    assert rows["hoe_vaak"].choice.value == "week"
    assert rows["open"].text == "Gezellig!"


def test_submit_response_applies_skip_logic_and_required(own_org):
    survey = make_survey(own_org)
    with pytest.raises(
        services.SubmissionError, match=r"Sommige antwoorden moeten beter"
    ) as excinfo:
        services.submit_response(survey, {q(survey, "bezoek").pk: ["1"]}, idempotency_key="x")
    assert set(excinfo.value.errors) == {
        f"q{q(survey, 'ken_buren').pk}",
        f"q{q(survey, 'hoe_vaak').pk}",
    }
    # When bezoek is "nee", hoe_vaak is hidden: not required and its answer is dropped.
    response, _ = services.submit_response(
        survey,
        {
            q(survey, "ken_buren").pk: ["4"],
            q(survey, "bezoek").pk: ["0"],
            q(survey, "hoe_vaak").pk: ["week"],
        },
        idempotency_key="y",
    )
    assert not response.answers.filter(question__code="hoe_vaak").exists()
    assert Response.objects.count() == 1


def test_submit_response_refuses_foreign_question_and_bad_values(own_org, other_org):
    survey = make_survey(own_org)
    other = make_survey(other_org)
    with pytest.raises(
        ServiceError, match=r"Deze antwoorden horen niet bij deze vragenlijst\. Er is"
    ):
        services.submit_response(survey, {q(other, "ken_buren").pk: ["4"]}, idempotency_key="f")
    with pytest.raises(services.SubmissionError, match=r"Sommige antwoorden moeten beter"):
        services.submit_response(survey, {q(survey, "ken_buren").pk: ["9"]}, idempotency_key="g")
    assert Response.objects.count() == 0


def test_number_validation(own_org):
    survey = make_survey(own_org)
    section = survey.sections.first()
    age = services.add_question(
        section, by=None, text="Leeftijd", type=Question.Type.NUMBER, min_value=0, max_value=120
    )
    for raw, ok in (("40", True), ("-1", False), ("121", False), ("veertig", False)):
        if ok:
            assert services.clean_answer(age, [raw]) == [raw]
        else:
            with pytest.raises(ServiceError):
                services.clean_answer(age, [raw])


def test_closed_survey_and_maximum(own_org):
    survey = make_survey(own_org, max_responses=1)
    answers = {q(survey, "ken_buren").pk: ["5"]}
    services.submit_response(survey, answers, idempotency_key="one")
    assert services.closed_reason(survey) == "full"
    with pytest.raises(ServiceError, match=r"Deze vragenlijst is gesloten"):
        services.submit_response(survey, answers, idempotency_key="two")
    survey.max_responses = None
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save()
    assert services.closed_reason(survey) == "date"


def test_current_wave(own_org):
    survey = make_survey(own_org)
    now = timezone.now()
    before = services.add_wave(
        survey,
        by=None,
        name="Voormeting",
        kind="voormeting",
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=10),
    )
    after = services.add_wave(
        survey, by=None, name="Nameting", kind="nameting", starts_at=now - timedelta(days=1)
    )
    assert survey.current_wave() == after
    response, _ = services.submit_response(
        survey, {q(survey, "ken_buren").pk: ["3"]}, idempotency_key="w"
    )
    assert response.wave == after
    with pytest.raises(
        ServiceError, match=r"Deze meting heeft antwoorden\. Je kunt hem niet verwijderen"
    ):
        services.delete_wave(after, by=None)
    services.delete_wave(before, by=None)
    with pytest.raises(ServiceError, match=r"Het einde moet na het begin komen"):
        services.add_wave(survey, by=None, name="X", kind="meting", starts_at=now, ends_at=now)


def test_delete_question_with_answers_or_dependants_is_refused(own_org):
    survey = make_survey(own_org)
    with pytest.raises(ServiceError, match=r"Andere vragen hangen af van deze vraag"):
        services.delete_question(q(survey, "bezoek"), by=None)  # hoe_vaak depends on it
    services.submit_response(survey, {q(survey, "ken_buren").pk: ["3"]}, idempotency_key="d")
    with pytest.raises(
        ServiceError, match=r"Mensen hebben deze vraag al beantwoord\. Je kunt hem niet"
    ):
        services.delete_question(q(survey, "ken_buren"), by=None)
    services.delete_question(q(survey, "open"), by=None)
    assert not survey.questions.filter(code="open").exists()


def test_update_question_changes_code_and_choices(own_org):
    survey = make_survey(own_org)
    question = q(survey, "hoe_vaak")
    services.update_question(
        question,
        by=None,
        code="frequentie",
        choices=[services.ChoiceSpec("Elke week", "week"), services.ChoiceSpec("Nooit", "nooit")],
    )
    question.refresh_from_db()
    assert question.code == "frequentie"
    assert [c.value for c in question.choices.all()] == ["week", "nooit"]
    with pytest.raises(
        ServiceError, match=r"Een andere vraag in deze vragenlijst heeft al de code ken"
    ):
        services.update_question(question, by=None, code="ken_buren")
