"""The gemeente's heat table: wijken × themes, number plus word, sortable, with the gaps."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from collectief.directory.tests.search_helpers import make_service
from collectief.insights.heat import heat_table
from collectief.insights.tests.conftest import put_values

pytestmark = pytest.mark.django_db

BIJSTAND = "PersonenPerSoortUitkeringBijstand"


@pytest.fixture
def data(own_org: Any, barendrecht: dict[str, Any], themes: Any) -> dict[str, Any]:
    own_org.areas.add(barendrecht["gemeente"])
    put_values(barendrecht["gemeente"], 2024, AantalInwoners=10000, **{BIJSTAND: 200})
    put_values(barendrecht["buitenoord"], 2024, AantalInwoners=2500, **{BIJSTAND: 90})
    put_values(barendrecht["centrum"], 2024, AantalInwoners=2500, **{BIJSTAND: 20})
    return barendrecht


def url(code: str = "GM0489", slug: str = "own-org") -> str:
    return reverse("insights:gemeente", args=[slug, code])


def test_cells_call_and_gap(data: Any) -> None:
    table = heat_table(data["gemeente"])
    codes = [theme.code for theme, _i in table.columns]
    assert "geldzorgen-en-schulden" in codes
    j = codes.index("geldzorgen-en-schulden")
    by_wijk = {row.wijk.code: row.cells[j] for row in table.rows}
    assert by_wijk["WK048901"].call == "hoger"
    assert by_wijk["WK048901"].gap
    assert by_wijk["WK048902"].call == "lager"
    assert not by_wijk["WK048902"].gap
    assert by_wijk["WK048905"].call == "niet te zeggen"
    assert table.years[by_wijk["WK048901"].indicator.pk] == 2024


def test_provision_in_a_neighbouring_wijk_takes_the_gap_away(data: Any) -> None:
    make_service("Geldcafé", where=data["centrum"], themes=("geldzorgen-en-schulden",))
    table = heat_table(data["gemeente"])
    j = [t.code for t, _i in table.columns].index("geldzorgen-en-schulden")
    assert not next(r for r in table.rows if r.wijk.code == "WK048901").cells[j].gap


def test_the_page_shows_number_and_word_and_sorts(client_for: Any, reader: Any, data: Any) -> None:
    html = client_for(reader).get(url()).content.decode()
    assert "Wijken van Barendrecht per thema" in html
    assert '<td class="heat--hoger">' in html
    assert '<span class="heat__word">hoger</span>' in html
    assert "kans voor collectief aanbod" in html
    by_name = re.findall(r'wijkbeeld/(WK\d{6})/">', html)
    assert by_name[:2] == ["WK048901", "WK048904"]  # Buitenoord, Carnisselande: by name
    sorted_html = (
        client_for(reader).get(url() + "?sorteer=geldzorgen-en-schulden").content.decode()
    )
    assert re.findall(r'wijkbeeld/(WK\d{6})/">', sorted_html)[:2] == ["WK048901", "WK048902"]
    assert 'aria-sort="descending"' in sorted_html


def test_a_bad_sort_is_ignored(client_for: Any, reader: Any, data: Any) -> None:
    response = client_for(reader).get(url() + "?sorteer=<script>")
    assert response.status_code == 200
    assert "aria-sort" not in response.content.decode()


def test_anonymous_wrong_organisation_and_bad_codes(
    client: Any, client_for: Any, reader: Any, outsider: Any, data: Any
) -> None:
    assert client.get(url()).status_code == 302
    assert client_for(outsider).get(url()).status_code == 404
    assert client_for(outsider).get(url(slug="other-org")).status_code == 404
    for code in ("GM9999", "WK048901", "xyz"):
        assert client_for(reader).get(url(code)).status_code == 404


def test_no_figures_yet(client_for: Any, reader: Any, own_org: Any, barendrecht: Any) -> None:
    own_org.areas.add(barendrecht["gemeente"])
    html = client_for(reader).get(url()).content.decode()
    assert "Er zijn nog geen CBS-cijfers om te vergelijken" in html


def test_overview_links_to_the_table(client_for: Any, reader: Any, data: Any) -> None:
    html = client_for(reader).get(reverse("insights:overview", args=["own-org"])).content.decode()
    assert url() in html


def test_queries_do_not_grow_with_wijken(
    client_for: Any, reader: Any, data: Any, assert_flat_queries: Any
) -> None:
    from collectief.areas.models import Area

    state = {"n": 10}

    def add_more() -> None:
        for _ in range(2):
            state["n"] += 1
            wijk = Area.objects.create(
                code=f"WK0489{state['n']:02d}",
                name=f"Wijk {state['n']}",
                level="wijk",
                parent=data["gemeente"],
                year=2024,
            )
            put_values(wijk, 2024, AantalInwoners=3000, **{BIJSTAND: 150})
            make_service(f"Aanbod {state['n']}", where=wijk, themes=("wonen",))

    assert_flat_queries(client_for(reader), url(), add_more)
