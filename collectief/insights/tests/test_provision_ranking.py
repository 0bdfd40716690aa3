"""Beschikkingen compared with the gemeente: the same ranking and disclosure control as CBS counts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from collectief.insights.counts import ensure_categories
from collectief.insights.models import ProvisionCount
from collectief.insights.provision_ranking import provision_table, rank_provisions
from collectief.insights.ranking import rank_rows
from collectief.insights.tests.conftest import put_values

pytestmark = pytest.mark.django_db


def counts(area: Any, year: int, is_demo: bool = False, **per_category: int) -> None:
    categories = {c.code.replace("-", "_"): c for c in ensure_categories()}
    for key, n in per_category.items():
        ProvisionCount.objects.update_or_create(
            area=area,
            category=categories[key],
            year=year,
            defaults={"count": n, "is_demo": is_demo},
        )


@pytest.fixture
def data(own_org: Any, barendrecht: dict[str, Any], themes: Any) -> dict[str, Any]:
    own_org.areas.add(barendrecht["gemeente"])
    put_values(barendrecht["gemeente"], 2024, AantalInwoners=10000)
    put_values(barendrecht["buitenoord"], 2023, AantalInwoners=2500)
    put_values(barendrecht["centrum"], 2024, AantalInwoners=2500)
    put_values(barendrecht["klein"], 2024, AantalInwoners=40)
    put_values(barendrecht["weinig"], 2024, AantalInwoners=2500)
    # Dagbesteding: 90 in Buitenoord, 20 in Centrum, 3 in Carnisselande, 2 in Kleine Polder.
    counts(barendrecht["buitenoord"], 2024, wmo_dagbesteding=90, schuldhulpverlening=12)
    counts(barendrecht["centrum"], 2024, wmo_dagbesteding=20, schuldhulpverlening=12)
    counts(barendrecht["weinig"], 2024, wmo_dagbesteding=3, schuldhulpverlening=12)
    counts(barendrecht["klein"], 2024, wmo_dagbesteding=2)
    counts(barendrecht["buitenoord"], 2023, wmo_dagbesteding=10)
    return barendrecht


def test_observed_against_expected_per_category_in_the_latest_year(data: Any) -> None:
    rankings = {r.category.code: r for r in rank_provisions(data["gemeente"])}
    day = rankings["wmo-dagbesteding"]
    assert day.year == 2024
    buitenoord = day.row_for(data["buitenoord"])
    assert buitenoord is not None
    # The rate is the sum over the wijken: 115 per 7,540 inhabitants (no gemeente row).
    # Buitenoord's inhabitants come from 2023, the latest CBS year up to 2024.
    assert buitenoord.expected == pytest.approx(115 / 7540 * 2500)
    assert buitenoord.observed.text == "90"
    assert buitenoord.call == "hoger"
    assert buitenoord.ratio is not None and buitenoord.ci95 is not None
    assert buitenoord.ci95[0] > 1
    assert day.row_for(data["centrum"]).call == "lager"  # type: ignore[union-attr]
    # Gaatkensplas has neither count nor inhabitants.
    assert [w.code for w in day.without_data] == ["WK048905"]
    assert "In Buitenoord komen beschikkingen voor dagbesteding ongeveer" in day.sentence(
        buitenoord
    )


def test_the_same_disclosure_control_as_the_cbs_counts(data: Any) -> None:
    day = next(
        r for r in rank_provisions(data["gemeente"]) if r.category.code == "wmo-dagbesteding"
    )
    small = day.row_for(data["weinig"])
    assert small is not None
    assert small.observed.text == "<10"
    assert (small.ratio, small.ci95, small.smoothed, small.call) == (
        None,
        None,
        None,
        "niet te zeggen",
    )
    # 40 inhabitants: under 50, no rate, whatever the count.
    tiny = day.row_for(data["klein"])
    assert tiny is not None and tiny.ratio is None
    # 12 is published as 10, and the ratio is computed from the 10.
    debt = next(
        r for r in rank_provisions(data["gemeente"]) if r.category.code == "schuldhulpverlening"
    )
    row = debt.row_for(data["centrum"])
    assert row is not None and row.observed.text == "10"
    assert row.ratio == pytest.approx(10 / row.expected)


def test_rank_rows_is_the_cbs_ranking(data: Any) -> None:
    from decimal import Decimal

    rows = rank_rows([(data["buitenoord"], Decimal(90), 2500.0)], Decimal("0.02"))
    assert rows[0].expected == pytest.approx(50)
    assert rows[0].call == "hoger"


def test_the_gemeente_row_sets_the_rate_when_there_is_one(data: Any) -> None:
    counts(data["gemeente"], 2024, wmo_dagbesteding=200)
    day = next(
        r for r in rank_provisions(data["gemeente"]) if r.category.code == "wmo-dagbesteding"
    )
    assert day.row_for(data["buitenoord"]).expected == pytest.approx(50)  # type: ignore[union-attr]


def test_no_counts_no_rankings(barendrecht: dict[str, Any]) -> None:
    assert rank_provisions(barendrecht["gemeente"]) == []
    assert provision_table(barendrecht["gemeente"]).rankings == []


def test_the_wijk_page_compares_beschikkingen_and_flags_the_theme(
    client_for: Any, staff: Any, data: Any
) -> None:
    html = (
        client_for(staff)
        .get(reverse("insights:area", args=["own-org", "WK048901"]))
        .content.decode()
    )
    assert "In Buitenoord komen beschikkingen voor dagbesteding ongeveer" in html
    assert "dat is waarschijnlijk geen toeval" in html
    assert "Beschikkingen Dagbesteding: hoger" in html
    # Dagbesteding tells about meeting people: a gap without collective provision there.
    assert "thema=ontmoeting" in html
    # Centrum's 12 schuldhulp are shown as 10, never 12.
    centrum = client_for(staff).get(reverse("insights:area", args=["own-org", "WK048902"]))
    assert '<td class="num">12</td>' not in centrum.content.decode()


def test_the_gemeente_page_has_the_beschikkingen_table(
    client_for: Any, reader: Any, data: Any
) -> None:
    html = (
        client_for(reader)
        .get(reverse("insights:gemeente", args=["own-org", "GM0489"]))
        .content.decode()
    )
    assert "Beschikkingen per wijk" in html
    section = html[html.index('id="provisions-caption"') :]
    assert "Dagbesteding" in section and "Schuldhulpverlening" in section
    assert re.search(
        r'<td class="heat--hoger">[\d,]+<span class="heat__word">hoger</span>', section
    )
    assert "Demo" not in section


def test_demo_counts_are_marked(client_for: Any, reader: Any, data: Any) -> None:
    counts(data["centrum"], 2024, is_demo=True, wmo_dagbesteding=20)
    html = (
        client_for(reader)
        .get(reverse("insights:gemeente", args=["own-org", "GM0489"]))
        .content.decode()
    )
    assert "deze aantallen beschikkingen zijn verzonnen" in html


def test_beschikkingen_pages_anonymous_and_wrong_organisation(
    client: Any, client_for: Any, outsider: Any, data: Any
) -> None:
    for page in (
        reverse("insights:area", args=["own-org", "WK048901"]),
        reverse("insights:gemeente", args=["own-org", "GM0489"]),
    ):
        assert client.get(page).status_code == 302
        assert client_for(outsider).get(page).status_code == 404


def test_the_heat_table_counts_beschikkingen_for_the_gap_as_the_wijk_page_does(data: Any) -> None:
    from collectief.directory.tests.search_helpers import make_service
    from collectief.insights.heat import heat_table

    def gap(table: Any, wijk: str, theme: str) -> bool:
        j = [t.code for t, _i in table.columns].index(theme)
        return next(r for r in table.rows if r.wijk.code == wijk).cells[j].gap

    # No CBS bijstand here; dagbesteding (work and meeting) is clearly higher in Buitenoord.
    table = heat_table(data["gemeente"])
    assert gap(table, "WK048901", "werk-en-dagbesteding")
    assert not gap(table, "WK048902", "werk-en-dagbesteding")
    make_service("Werkplaats", where=data["buitenoord"], themes=("werk-en-dagbesteding",))
    assert not gap(heat_table(data["gemeente"]), "WK048901", "werk-en-dagbesteding")
