"""Ranking the wijken of a gemeente: observed against expected, honestly (issue 12 point 3)."""

from __future__ import annotations

from typing import Any

import pytest

from collectief.insights.catalogue import ensure_catalogue
from collectief.insights.models import Indicator
from collectief.insights.ranking import rank_indicator, rank_theme, sentence
from collectief.insights.tests.conftest import put_values
from collectief.lib.errors import ServiceError

pytestmark = pytest.mark.django_db

BIJSTAND = "PersonenPerSoortUitkeringBijstand"


@pytest.fixture
def ranked(barendrecht: dict[str, Any]) -> Any:
    # The gemeente: 2 % of its inhabitants has bijstand.
    put_values(barendrecht["gemeente"], 2024, AantalInwoners=10000, **{BIJSTAND: 200})
    put_values(barendrecht["buitenoord"], 2024, AantalInwoners=2500, **{BIJSTAND: 90})
    put_values(barendrecht["centrum"], 2024, AantalInwoners=2500, **{BIJSTAND: 56})
    put_values(barendrecht["klein"], 2024, AantalInwoners=40, **{BIJSTAND: 12})
    put_values(barendrecht["weinig"], 2024, AantalInwoners=400, **{BIJSTAND: 7})
    put_values(barendrecht["leeg"], 2024, AantalInwoners=300, **{BIJSTAND: "x"})
    # An older year that must not be used.
    put_values(barendrecht["buitenoord"], 2023, AantalInwoners=2500, **{BIJSTAND: 10})
    indicator = Indicator.objects.get(key=BIJSTAND)
    return rank_indicator(barendrecht["gemeente"], indicator)


def row(ranking: Any, code: str) -> dict[str, Any]:
    return next(r for r in ranking.as_dict()["rows"] if r["area"] == code)


def test_clearly_higher_is_called_with_the_plain_sentence(ranked: Any) -> None:
    assert ranked.year == 2024
    buitenoord = row(ranked, "WK048901")
    assert buitenoord["observed"] == 90
    assert buitenoord["expected"] == 50.0
    assert buitenoord["ratio"] == 1.8
    # Garwood limits for 90 (72.38, 110.62) divided by 50.
    assert buitenoord["ci95"] == [1.45, 2.21]
    assert buitenoord["call"] == "hoger"
    assert 1.0 < buitenoord["smoothed"] < 1.8
    assert sentence(ranked.rows[0], ranked) == (
        "In Buitenoord komen mensen met bijstand ongeveer 1,8 keer zo vaak voor als "
        "gemiddeld in Barendrecht; dat is waarschijnlijk geen toeval."
    )


def test_a_difference_within_chance_is_not_called(ranked: Any) -> None:
    centrum = row(ranked, "WK048902")
    # 56 is published as 55: the ratio is computed from what is shown.
    assert centrum["observed"] == 55
    assert centrum["ratio"] == 1.1
    assert centrum["call"] == "niet te zeggen"
    assert sentence(ranked.rows[1], ranked) == (
        "In Centrum komen mensen met bijstand niet duidelijk vaker of minder vaak voor dan "
        "gemiddeld in Barendrecht; het verschil kan toeval zijn."
    )


def test_no_rate_on_a_denominator_under_fifty(ranked: Any) -> None:
    klein = row(ranked, "WK048903")
    assert klein["observed"] == 10
    assert (klein["ratio"], klein["ci95"], klein["smoothed"]) == (None, None, None)
    assert klein["call"] == "niet te zeggen"


def test_a_small_count_is_shown_as_under_ten_without_a_ratio(ranked: Any) -> None:
    weinig = row(ranked, "WK048904")
    assert weinig["observed"] == "<10"
    assert (weinig["ratio"], weinig["ci95"], weinig["smoothed"]) == (None, None, None)
    assert weinig["call"] == "niet te zeggen"
    assert sentence(ranked.rows[3], ranked) == (
        "In Carnisselande zijn te weinig mensen met bijstand of inwoners om te vergelijken "
        "met Barendrecht."
    )


def test_a_secret_value_leaves_the_wijk_out(ranked: Any) -> None:
    assert "WK048905" not in {r["area"] for r in ranked.as_dict()["rows"]}
    assert [a.code for a in ranked.without_data] == ["WK048905"]


def test_the_json_has_exactly_the_documented_keys(ranked: Any) -> None:
    assert set(ranked.as_dict()) == {"rows"}
    assert set(ranked.as_dict()["rows"][0]) == {
        "area",
        "observed",
        "expected",
        "ratio",
        "ci95",
        "smoothed",
        "call",
    }


def test_clearly_lower(barendrecht: dict[str, Any]) -> None:
    put_values(barendrecht["gemeente"], 2024, AantalInwoners=10000, **{BIJSTAND: 400})
    put_values(barendrecht["centrum"], 2024, AantalInwoners=5000, **{BIJSTAND: 100})
    ranking = rank_indicator(barendrecht["gemeente"], Indicator.objects.get(key=BIJSTAND))
    assert row(ranking, "WK048902")["call"] == "lager"
    assert sentence(ranking.rows[0], ranking).startswith(
        "In Centrum komen mensen met bijstand minder vaak voor dan gemiddeld in Barendrecht"
    )


def test_the_gemeente_rate_falls_back_to_the_sum_of_its_wijken(
    barendrecht: dict[str, Any],
) -> None:
    put_values(barendrecht["buitenoord"], 2024, AantalInwoners=1000, **{BIJSTAND: 30})
    put_values(barendrecht["centrum"], 2024, AantalInwoners=1000, **{BIJSTAND: 10})
    ranking = rank_indicator(barendrecht["gemeente"], Indicator.objects.get(key=BIJSTAND))
    assert row(ranking, "WK048901")["expected"] == 20.0


def test_only_counts_with_a_denominator_and_whole_gemeenten(barendrecht: dict[str, Any]) -> None:
    ensure_catalogue()
    with pytest.raises(ServiceError, match="geen aantal met een noemer"):
        rank_indicator(barendrecht["gemeente"], Indicator.objects.get(key="PersonenInArmoede"))
    with pytest.raises(ServiceError, match="hele gemeente"):
        rank_indicator(barendrecht["centrum"], Indicator.objects.get(key=BIJSTAND))


def test_a_theme_is_ranked_on_its_count_where_higher_is_worse(
    ranked: Any, barendrecht: dict[str, Any], themes: dict[str, Any]
) -> None:
    ranking = rank_theme(barendrecht["gemeente"], themes["geldzorgen-en-schulden"])
    assert ranking.indicator.key == BIJSTAND
    with pytest.raises(ServiceError, match="geen indicator met aantallen"):
        rank_theme(barendrecht["gemeente"], themes["veiligheid"])


def test_no_values_gives_an_empty_ranking(barendrecht: dict[str, Any]) -> None:
    ensure_catalogue()
    ranking = rank_indicator(barendrecht["gemeente"], Indicator.objects.get(key=BIJSTAND))
    assert ranking.year is None
    assert ranking.rows == []
    assert len(ranking.without_data) == 5
