import datetime as dt

import pytest
from django.utils import timezone, translation

from collectief.accounts.models import Organisation
from collectief.lib import stats
from collectief.surveys import services
from collectief.surveys.analysis import (
    analyse_survey,
    breakdown,
    compare_waves,
    comparison_sentence,
    results_as_dict,
    small_sample_warning,
)
from collectief.surveys.models import Question
from collectief.surveys.tests.results_helpers import add_responses, make_survey


@pytest.fixture(autouse=True)
def _english() -> object:
    with translation.override("en"):
        yield


@pytest.fixture
def survey(own_org: Organisation):  # type: ignore[no-untyped-def]
    survey = make_survey(own_org)
    rows = (
        [{"kennen": ["5"], "komt": ["1"], "mening": ["Gezellig hier"]}] * 6
        + [{"kennen": ["4"], "komt": ["1"]}] * 2
        + [{"kennen": ["2"], "komt": ["0"]}] * 5
        + [{"kennen": ["dk"], "komt": ["0"]}] * 1
        + [{"komt": ["0"]}] * 1
    )
    add_responses(survey, rows)
    return survey


def test_counts_share_and_interval(survey) -> None:  # type: ignore[no-untyped-def]
    results = analyse_survey(survey)
    assert results.n_responses == 15
    kennen = results.by_code()["kennen"]
    assert kennen.n == 13  # "weet ik niet" and the blank are not counted
    assert kennen.n_dont_know == 1
    assert kennen.agree == 8
    assert kennen.agree_pct == pytest.approx(100 * 8 / 13)
    lo, hi = stats.wilson_interval(8, 13)  # type: ignore[misc]
    assert kennen.agree_ci95 == pytest.approx((100 * lo, 100 * hi))
    # "Agree" (2) is hidden, and "Strongly agree" (6) with it: the agree count 8
    # minus 6 would give the 2 away.
    assert kennen.distribution["Strongly agree"] is None
    assert kennen.distribution["Agree"] is None
    assert kennen.warning == "With 13 answers this is an impression, not a measurement."
    komt = results.by_code()["komt"]
    assert komt.n == 15 and komt.agree_pct is None
    assert results.by_code()["mening"].n == 6


def test_json_shape(survey) -> None:  # type: ignore[no-untyped-def]
    data = results_as_dict(analyse_survey(survey))
    assert data["survey"] == survey.pk
    assert data["n_responses"] == 15
    question = data["questions"][0]
    assert {
        "code",
        "text",
        "type",
        "effect",
        "n",
        "distribution",
        "agree_pct",
        "agree_ci95",
    } <= set(question)
    assert question["agree_pct"] == 61.5
    assert question["agree_ci95"][0] < 61.5 < question["agree_ci95"][1]


def test_effect_tables_group_statements(survey) -> None:  # type: ignore[no-untyped-def]
    tables = analyse_survey(survey).effect_tables()
    assert len(tables) == 1
    assert [q.code for q in tables[0].questions] == ["kennen"]
    segments = tables[0].questions[0].bar_segments()
    # Hidden answers get no segment width, so the bar never shows a small group.
    assert sum(s["width"] for s in segments) <= 100 + 1e-9


def test_breakdown_hides_small_groups(survey) -> None:  # type: ignore[no-untyped-def]
    results = analyse_survey(survey)
    by = survey.questions.get(code="komt")
    split = breakdown(results, by)
    sizes = {g.key: g.size for g in split.groups}
    assert sizes == {"1": 8, "0": 7}
    row = split.rows[0]
    assert row.question.code == "kennen"
    yes, no = row.cells
    assert yes.share == pytest.approx(100.0)
    assert no.n == 5 and no.share == pytest.approx(0.0)
    # Broken down by the statement: the "4" group has 2 people and is hidden.
    split = breakdown(results, survey.questions.get(code="kennen"))
    hidden = {g.key: g.hidden for g in split.groups}
    # ... and "5" (6 people) with it, else 8 agreeing minus 6 gives the 2 away.
    assert hidden["4"] and hidden["5"] and hidden["1"]
    cells = dict(zip([g.key for g in split.groups], split.rows[0].cells, strict=True))
    assert cells["4"].share is None and cells["5"].share is None


def test_breakdown_by_choice_question(own_org: Organisation) -> None:
    survey = make_survey(own_org)
    section = survey.sections.first()
    services.add_question(
        section,
        by=None,
        text="Leeftijd",
        type=Question.Type.SINGLE_CHOICE,
        code="leeftijd",
        choices=services.parse_choice_lines("jong\noud"),
    )
    values = [c.value for c in survey.questions.get(code="leeftijd").choices.all()]
    add_responses(
        survey,
        [{"kennen": ["5"], "leeftijd": [values[0]]}] * 5
        + [{"kennen": ["1"], "leeftijd": [values[1]]}] * 6,
    )
    split = breakdown(analyse_survey(survey), survey.questions.get(code="leeftijd"))
    assert [g.size for g in split.groups] == [5, 6]
    kennen = next(r for r in split.rows if r.question.code == "kennen")
    assert [c.share for c in kennen.cells] == [100.0, 0.0]


def test_compare_waves(own_org: Organisation) -> None:
    survey = make_survey(own_org)
    start = timezone.now() - dt.timedelta(days=30)
    before = services.add_wave(
        survey,
        by=None,
        name="voormeting",
        kind="voormeting",
        starts_at=start,
        ends_at=start + dt.timedelta(days=10),
    )
    after = services.add_wave(
        survey, by=None, name="nameting", kind="nameting", starts_at=start + dt.timedelta(days=20)
    )
    add_responses(
        survey, [{"kennen": ["4"]}] * 30 + [{"kennen": ["2"]}] * 70, prefix="a", wave=before
    )
    add_responses(
        survey, [{"kennen": ["5"]}] * 60 + [{"kennen": ["1"]}] * 40, prefix="b", wave=after
    )
    (comparison,) = compare_waves(survey, before, after)
    assert comparison.before.agree_pct == pytest.approx(30)
    assert comparison.after.agree_pct == pytest.approx(60)
    assert comparison.difference_points == pytest.approx(30)
    assert comparison.test is not None and comparison.test.significant
    assert "30 percentage points more" in comparison.sentence
    assert "probably not chance" in comparison.sentence
    assert analyse_survey(survey, wave=before).n_responses == 100


def test_comparison_sentences_in_dutch() -> None:
    small = stats.two_proportion_z_test(45, 100, 57, 100)
    with translation.override("nl"):
        text = comparison_sentence(12.0, small, "Ik ken buren", "de nameting")
    assert text == (
        "Bij de nameting is 12 procentpunt meer mensen het (helemaal) eens met “Ik ken buren”. "
        "Dit verschil kan toeval zijn."
    )


def test_comparison_sentences() -> None:
    small = stats.two_proportion_z_test(45, 100, 57, 100)
    text = comparison_sentence(12.0, small, "Ik ken buren", "de nameting")
    assert text.startswith("In de nameting 12 percentage points more people agree")
    assert "may be chance" in text
    assert "fewer" in comparison_sentence(-3.2, small, "x", "y")
    assert "about as many" in comparison_sentence(0.2, small, "x", "y")
    assert "not enough" in comparison_sentence(None, None, "x", "y")


def test_small_sample_warning() -> None:
    assert small_sample_warning(0) == ""
    assert small_sample_warning(30) == ""
    assert "14 answers" in small_sample_warning(14)


def test_instrument_scales(own_org: Organisation) -> None:
    survey = make_survey(own_org)
    services.add_instrument(survey, "djg6", by=None, permission_confirmed=True)
    services.add_instrument(survey, "who5", by=None)
    djg = {q.instrument_item: q for q in survey.questions.filter(instrument="djg6")}
    who = {q.instrument_item: q for q in survey.questions.filter(instrument="who5")}
    answers = []
    # Person 1: all "ja" → emotional 3, social 0, total 3 (matig).
    answers.append(
        {
            **{djg[i].pk: ["ja"] for i in range(1, 7)},
            **{who[i].pk: ["hele_tijd"] for i in range(1, 6)},
        }
    )
    # Person 2: all "nee" → emotional 0, social 3, total 3; WHO-5 all "nooit" → 0.
    answers.append(
        {
            **{djg[i].pk: ["nee"] for i in range(1, 7)},
            **{who[i].pk: ["nooit"] for i in range(1, 6)},
        }
    )
    # Person 3: two DJG items missing → no total; WHO-5 incomplete → no score.
    answers.append(
        {
            djg[1].pk: ["ja"],
            djg[2].pk: ["ja"],
            djg[3].pk: ["ja"],
            djg[4].pk: ["ja"],
            who[1].pk: ["meestal"],
        }
    )
    for index, row in enumerate(answers):
        services.submit_response(survey, row, idempotency_key=f"s{index}", check_open=False)
    scales = {s.code: s for s in analyse_survey(survey).scales}
    djg6 = scales["djg6"]
    # Two people with a score: fewer than 5, so no mean, bands or subscales.
    assert djg6.n == 2 and djg6.suppressed
    assert djg6.mean is None and djg6.bands is None
    assert djg6.subscales == {"emotioneel": None, "sociaal": None}
    assert djg6.permission_required
    who5 = scales["who5"]
    assert who5.n == 2 and who5.mean is None and who5.mean_scaled is None
    assert who5.bands is None
