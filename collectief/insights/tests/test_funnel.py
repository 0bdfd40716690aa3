"""The theme page: a funnel plot as SVG without script, with the table beside it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from collectief.directory.models import TaxonomyTerm
from collectief.insights.funnel import build_funnel
from collectief.insights.ranking import rank_theme
from collectief.insights.tests.conftest import put_values

pytestmark = pytest.mark.django_db

BIJSTAND = "PersonenPerSoortUitkeringBijstand"
THEME = "geldzorgen-en-schulden"


@pytest.fixture
def data(own_org: Any, barendrecht: dict[str, Any], themes: Any) -> dict[str, Any]:
    own_org.areas.add(barendrecht["gemeente"])
    put_values(barendrecht["gemeente"], 2024, AantalInwoners=10000, **{BIJSTAND: 200})
    put_values(barendrecht["buitenoord"], 2024, AantalInwoners=2500, **{BIJSTAND: 90})
    put_values(barendrecht["centrum"], 2024, AantalInwoners=2500, **{BIJSTAND: 20})
    put_values(barendrecht["klein"], 2024, AantalInwoners=3000, **{BIJSTAND: 62})
    put_values(barendrecht["weinig"], 2024, AantalInwoners=300, **{BIJSTAND: 7})
    return barendrecht


def url(theme: str = THEME, code: str = "GM0489", slug: str = "own-org") -> str:
    return reverse("insights:theme", args=[slug, code, theme])


def test_funnel_dots_lie_outside_the_funnel_exactly_when_the_call_says_so(data: Any) -> None:
    ranking = rank_theme(data["gemeente"], TaxonomyTerm.objects.themes().get(code=THEME))
    funnel = build_funnel(ranking)
    assert funnel is not None
    # Only wijken with a ratio are dots: "<10" (Carnisselande, 7) is not drawn.
    assert sorted(d.label for d in funnel.dots) == ["Buitenoord", "Centrum", "Kleine Polder"]
    assert (funnel.higher, funnel.lower_count, funnel.inside) == (1, 1, 1)
    by_label = {d.label: d for d in funnel.dots}
    # Higher is drawn above the line of 1 (SVG y grows downwards), lower below it.
    assert by_label["Buitenoord"].y < funnel.one_y < by_label["Centrum"].y


def test_the_page_shows_the_svg_with_a_text_alternative_and_the_table(
    client_for: Any, reader: Any, data: Any
) -> None:
    response = client_for(reader).get(url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geldzorgen en schulden in de wijken van Barendrecht" in html
    svg = re.search(r"<svg.*?</svg>", html, flags=re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0)
    assert 'aria-labelledby="funnel-title-cbs funnel-desc-cbs"' in svg.group(0)
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    assert (
        "3 wijken vergeleken: 1 boven de trechter (hoger), 1 eronder (lager), 1 erbinnen "
        "(kan toeval zijn). In de tabel ernaast staan de getallen." in svg.group(0)
    )
    assert svg.group(0).count("<circle") == 3
    # The table: the published count, the ratio with its interval and the call in words.
    assert '<td class="numeric">90</td>' in html
    assert "1,8 (1,4–2,2)" in html
    assert '<td class="numeric">&lt;10</td>' in html
    assert "<td>hoger</td>" in html and "<td>lager</td>" in html


def test_the_gemeente_page_links_to_the_theme_pages(
    client_for: Any, reader: Any, data: Any
) -> None:
    html = client_for(reader).get(reverse("insights:gemeente", args=["own-org", "GM0489"]))
    assert url() in html.content.decode()


def test_a_theme_without_a_count_indicator_says_so(
    client_for: Any, reader: Any, data: Any
) -> None:
    response = client_for(reader).get(url("vechtscheiding"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aan dit thema zijn geen aantallen van het CBS en geen beschikkingen gekoppeld." in html
    assert "<svg" not in response.content.decode().split("<main", 1)[-1]


def test_anonymous_goes_to_login(client: Any, data: Any) -> None:
    assert client.get(url()).status_code == 302


def test_another_organisation_gets_404(client_for: Any, outsider: Any, data: Any) -> None:
    assert client_for(outsider).get(url()).status_code == 404


@pytest.mark.parametrize(("theme", "code"), [("bestaat-niet", "GM0489"), (THEME, "GM9999")])
def test_bad_input_gives_404(
    client_for: Any, reader: Any, data: Any, theme: str, code: str
) -> None:
    assert client_for(reader).get(url(theme, code)).status_code == 404
