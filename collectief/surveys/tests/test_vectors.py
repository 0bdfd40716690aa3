"""The answer vectors are a derived index: results from them equal results from Answer rows."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from collectief.accounts.models import Organisation, User
from collectief.surveys import services
from collectief.surveys.analysis import (
    analyse_survey,
    breakdown,
    breakdown_options,
    breakdowns,
    results_as_dict,
)
from collectief.surveys.imports.responses import plan_response_import
from collectief.surveys.imports.services import create_survey_from_xlsform, import_responses
from collectief.surveys.models import Question, Response, Survey
from collectief.surveys.tests.xlsform_helpers import badhuis_xlsform
from collectief.surveys.vectors import DK_CODE, Layout, load_matrix, rebuild_vectors

FIXTURES = Path(__file__).parent / "fixtures"


def _build(organisation: Organisation) -> Survey:
    survey = services.create_survey(organisation, by=None, title="Eigenschappen")
    first = services.add_section(survey, by=None, title="Een")
    second = services.add_section(survey, by=None, title="Twee")
    add = services.add_question
    add(first, by=None, text="Ik ken buren", type=Question.Type.LIKERT5, code="ken")
    add(
        first,
        by=None,
        text="Ik help buren",
        type=Question.Type.LIKERT5,
        code="help",
        allow_dont_know=False,
    )
    add(first, by=None, text="Kom je vaak?", type=Question.Type.YES_NO, code="komt")
    add(
        second,
        by=None,
        text="Wijk",
        type=Question.Type.SINGLE_CHOICE,
        code="wijk",
        choices=[services.ChoiceSpec(t) for t in ("Noord", "Zuid", "Oost", "West")],
    )
    add(
        second,
        by=None,
        text="Wat doe je?",
        type=Question.Type.MULTIPLE_CHOICE,
        code="doet",
        choices=[services.ChoiceSpec(t) for t in ("Koken", "Yoga", "Koor")],
    )
    add(second, by=None, text="Leeftijd", type=Question.Type.NUMBER, code="leeftijd")
    add(second, by=None, text="Nog iets?", type=Question.Type.LONG_TEXT, code="open")
    return survey


def _random_answers(rng: random.Random, survey: Survey) -> dict[int, list[str]]:
    answers: dict[int, list[str]] = {}
    for question in survey.questions.prefetch_related("choices"):
        if rng.random() < 0.15:
            continue  # blank
        options = [key for key, _label in question.answer_options()]
        if question.type == Question.Type.MULTIPLE_CHOICE:
            answers[question.pk] = rng.sample(options, rng.randint(1, len(options)))
        elif question.is_closed:
            # Skewed, so that some breakdown groups fall under 5 people.
            weights = [1 + 3 * i for i in range(len(options))]
            answers[question.pk] = [rng.choices(options, weights)[0]]
        elif question.type == Question.Type.NUMBER:
            answers[question.pk] = [str(rng.randint(10, 90))]
        else:
            answers[question.pk] = [rng.choice(["Fijn", "Meer bankjes", "Niets"])]
    return answers


def _breakdown_shape(results: Any, by: Question) -> Any:
    split = breakdown(results, by)
    return (
        [(g.key, g.label, g.size, g.hidden) for g in split.groups],
        [(row.question.code, [(c.n, c.share) for c in row.cells]) for row in split.rows],
    )


def _assert_same(survey: Survey, wave: Any = None) -> None:
    fast = analyse_survey(survey, wave=wave)
    slow = analyse_survey(survey, wave=wave, use_vectors=False)
    assert fast.matrix is not None and slow.matrix is None
    assert results_as_dict(fast) == results_as_dict(slow)
    for by in breakdown_options(survey):
        expected = _breakdown_shape(slow, by)
        if by.type == Question.Type.MULTIPLE_CHOICE:
            assert _breakdown_shape(fast, by) == expected, by.code
            continue
        # The fast path must not fall back to the answer rows.
        with mock.patch.object(
            breakdowns, "_breakdown_counts_from_rows", side_effect=AssertionError
        ):
            assert _breakdown_shape(fast, by) == expected, by.code


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_vector_results_equal_answer_row_results_on_random_data(
    own_org: Organisation, seed: int
) -> None:
    rng = random.Random(seed)
    survey = _build(own_org)
    services.set_survey_status(survey, Survey.Status.OPEN, by=None)
    start = timezone.now() - timedelta(days=10)
    before = services.add_wave(survey, by=None, name="Voor", kind="voormeting", starts_at=start)
    after = services.add_wave(
        survey, by=None, name="Na", kind="nameting", starts_at=start + timedelta(days=1)
    )
    for index in range(rng.randint(40, 80)):
        services.submit_response(
            survey,
            _random_answers(rng, survey),
            idempotency_key=f"a{index}",
            wave=before if index % 3 else after,
            source=rng.choice([Response.Source.WEB, Response.Source.PAPER]),
        )
    _assert_same(survey)

    # The survey changes while it runs: a new statement, a new answer option,
    # questions and sections moved. Older vectors are shorter; positions stay.
    section = survey.sections.get(title="Een")
    services.add_question(section, by=None, text="Nieuw", type=Question.Type.LIKERT5, code="nieuw")
    wijk = survey.questions.get(code="wijk")
    services.update_question(
        wijk,
        by=None,
        choices=[
            services.ChoiceSpec(c.label, c.value) for c in wijk.choices.all()
        ]  # keep the old ones
        + [services.ChoiceSpec("Centrum")],
    )
    services.move_question(survey.questions.get(code="komt"), "up", by=None)
    services.move_section(survey.sections.get(title="Twee"), "up", by=None)
    for index in range(rng.randint(20, 40)):
        services.submit_response(
            survey, _random_answers(rng, survey), idempotency_key=f"b{index}", wave=after
        )
    survey.refresh_from_db()
    layout = Layout.from_json(survey.vector_layout)
    widths = {len(bytes(v)) for v in Response.objects.values_list("answer_vector", flat=True)}
    assert widths == {layout.width - 1, layout.width}
    _assert_same(survey)
    _assert_same(survey, before)
    _assert_same(survey, after)


def test_vector_codes(own_org: Organisation) -> None:
    survey = _build(own_org)
    questions = {q.code: q for q in survey.questions.all()}
    wijk = list(questions["wijk"].choices.all())
    response, _ = services.submit_response(
        survey,
        {
            questions["ken"].pk: ["dk"],
            questions["help"].pk: ["4"],
            questions["komt"].pk: ["0"],
            questions["wijk"].pk: [wijk[2].value],
            questions["doet"].pk: ["koken"],
        },
        idempotency_key="x",
        check_open=False,
    )
    survey.refresh_from_db()
    layout = Layout.from_json(survey.vector_layout)
    # Multiple choice, number and open questions have no place in the vector.
    assert set(layout.slots) == {questions[c].pk for c in ("ken", "help", "komt", "wijk")}
    vector = bytes(response.answer_vector)
    assert vector[layout.slots[questions["ken"].pk]] == DK_CODE
    assert vector[layout.slots[questions["help"].pk]] == 4
    assert vector[layout.slots[questions["komt"].pk]] == 1  # "no"
    assert vector[layout.slots[questions["wijk"].pk]] == 3  # third option


def test_rebuild_gives_the_same_vectors_and_missing_vectors_fall_back(
    own_org: Organisation,
) -> None:
    rng = random.Random(7)
    survey = _build(own_org)
    for index in range(30):
        services.submit_response(
            survey, _random_answers(rng, survey), idempotency_key=f"r{index}", check_open=False
        )
    stored = dict(Response.objects.values_list("pk", "answer_vector"))
    Response.objects.update(answer_vector=None)
    n, matrix = load_matrix(survey)
    assert n == 30 and matrix is None
    slow = analyse_survey(survey, use_vectors=False)
    assert results_as_dict(analyse_survey(survey)) == results_as_dict(slow)  # falls back
    assert rebuild_vectors(survey) == 30
    rebuilt = dict(Response.objects.values_list("pk", "answer_vector"))
    assert {k: bytes(v) for k, v in rebuilt.items()} == {k: bytes(v) for k, v in stored.items()}
    _assert_same(survey)


def test_empty_survey_and_survey_without_closed_questions(own_org: Organisation) -> None:
    survey = services.create_survey(own_org, by=None, title="Leeg")
    assert load_matrix(survey)[0] == 0
    assert analyse_survey(survey).n_responses == 0
    section = services.add_section(survey, by=None, title="Open")
    question = services.add_question(
        section, by=None, text="Vertel", type=Question.Type.LONG_TEXT, code="vertel"
    )
    services.submit_response(
        survey, {question.pk: ["Hallo"]}, idempotency_key="t", check_open=False
    )
    n, matrix = load_matrix(survey)
    assert n == 1 and matrix is not None and matrix.columns.shape == (0, 1)
    assert results_as_dict(analyse_survey(survey))["questions"][0]["n"] == 1


def test_imported_responses_get_vectors(own_org: Organisation, staff: User) -> None:
    survey, _warnings = create_survey_from_xlsform(
        own_org, badhuis_xlsform(), "badhuis.xlsx", by=staff
    )
    plan = plan_response_import(
        survey, (FIXTURES / "google_forms.csv").read_bytes(), "google_forms.csv"
    )
    import_responses(survey, plan, by=staff, skip_unmatched_columns=True)
    assert not Response.objects.filter(answer_vector__isnull=True).exists()
    _assert_same(survey)


def test_layout_positions_are_stable_and_choice_codes_are_capped() -> None:
    layout = Layout()
    assert layout.extend([(10, "likert5"), (11, "number"), (12, "single_choice")], [(1, 12)])
    assert layout.slots == {10: 0, 12: 1}
    assert not layout.extend([(12, "single_choice"), (10, "likert5")], [(1, 12)])
    assert layout.extend([(13, "yes_no")], [])
    assert layout.slots == {10: 0, 12: 1, 13: 2}
    assert Layout.from_json(layout.to_json()) == layout
    many = [(choice_id, 12) for choice_id in range(2, 300)]
    layout.extend([], many)
    assert max(layout.codes[12].values()) == 254
    assert not layout.serves(12, "single_choice", [c for c, _q in many])
    assert layout.serves(10, "likert5", [])
    assert not layout.serves(11, "number", [])
