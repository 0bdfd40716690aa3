"""The demo reproduces the percentages printed in the magazine (tables 1-4)."""

import io
import math

import pytest

from collectief.accounts.factories import OrganisationFactory
from collectief.surveys import demo
from collectief.surveys.analysis import analyse_survey
from collectief.surveys.models import Survey


def _matches(figure: str, pct: float) -> bool:
    """The reading of the magazine's words, as documented in surveys/demo.py."""
    number = int(figure.split()[-1])
    if figure.startswith("ruim"):
        return number < pct < number + 0.5
    if figure.startswith("bijna"):
        return number - 0.5 <= pct < number
    return math.floor(pct + 0.5) == number


@pytest.fixture
def badhuis(db: None):  # type: ignore[no-untyped-def]
    return OrganisationFactory(slug="het-badhuis", name="Het Badhuis")


def test_demo_matches_the_magazine(badhuis) -> None:  # type: ignore[no-untyped-def]
    survey = demo.load_demo(io.StringIO())
    assert survey is not None
    results = analyse_survey(survey, wave=survey.waves.order_by("starts_at").first())
    assert results.n_responses == 111
    by_code = results.by_code()
    checked = 0
    for _title, _effect, statements in demo.TABLES:
        for code, _text, _agree, _valid, figure in statements:
            pct = by_code[code].agree_pct
            assert pct is not None
            assert _matches(figure, pct), (code, figure, pct)
            checked += 1
    assert checked == 13
    assert by_code["betekenis"].n == len(demo.QUOTES)


def test_demo_is_idempotent(badhuis) -> None:  # type: ignore[no-untyped-def]
    first = demo.load_demo(io.StringIO())
    second = demo.load_demo(io.StringIO())
    assert first == second
    assert first is not None
    assert first.responses.count() == 111 + demo.WAVE2_RESPONDENTS
    assert first.waves.count() == 2


def test_answer_keys_are_complete() -> None:
    keys = demo.answer_keys(80, 109)
    assert len(keys) == 111
    assert keys.count("dk") == 2
    assert keys.count("4") + keys.count("5") == 80


def test_demo_without_organisation_is_skipped(db: None) -> None:
    out = io.StringIO()
    assert demo.load_demo(out) is None
    assert "overgeslagen" in out.getvalue()


def test_demo_is_a_closed_survey_linked_to_the_change_story(badhuis) -> None:  # type: ignore[no-untyped-def]
    from collectief.changestories import demo as changestories_demo
    from collectief.changestories.models import Effect

    changestories_demo.load_demo(io.StringIO())  # `collectief demo` runs it first
    survey = demo.load_demo(io.StringIO())
    assert survey is not None
    assert survey.status == Survey.Status.CLOSED
    assert survey.opened_at is not None
    effects = {e.name: e for e in Effect.objects.filter(story__organisation=badhuis)}
    assert set(effects) >= {"VERBONDENHEID", "STEUNEND NETWERK", "EMPOWERMENT"}
    questions = {q.code: q for q in survey.questions.select_related("effect", "indicator")}
    linked_indicators = 0
    for _title, effect_name, statements in demo.TABLES:
        for code, _text, _agree, _valid, _figure in statements:
            question = questions[code]
            assert question.effect == effects[effect_name], code
            if question.indicator is not None:
                assert question.indicator.effect == effects[effect_name], code
                linked_indicators += 1
    # Every statement but the negative one of table 3 has an indicator worded like it.
    assert linked_indicators == 12
    assert questions["netwerk_niet_vaker"].indicator is None
    # The results page groups the statements per effect, like the magazine's tables.
    tables = analyse_survey(survey).effect_tables()
    assert [t.name for t in tables] == ["VERBONDENHEID", "STEUNEND NETWERK", "EMPOWERMENT"]
    # Running the demo again keeps the links and the status.
    demo.load_demo(io.StringIO())
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED
    assert survey.questions.filter(effect__isnull=False).count() == 13
