"""The map beside the gemeente's heat table: colour, pattern, number and a link per wijk."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from collectief.areas.models import Area, Boundary
from collectief.insights.choropleth import build_choropleth
from collectief.insights.heat import heat_table
from collectief.insights.tests.conftest import put_values

pytestmark = pytest.mark.django_db

BIJSTAND = "PersonenPerSoortUitkeringBijstand"


def square(lon: float, lat: float, size: float = 0.01) -> list[Any]:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size]]
    return [[[*ring, ring[0]]]]


@pytest.fixture
def data(own_org: Any, barendrecht: dict[str, Any], themes: Any) -> dict[str, Any]:
    own_org.areas.add(barendrecht["gemeente"])
    put_values(barendrecht["gemeente"], 2024, AantalInwoners=10000, **{BIJSTAND: 200})
    put_values(barendrecht["buitenoord"], 2024, AantalInwoners=2500, **{BIJSTAND: 90})
    put_values(barendrecht["centrum"], 2024, AantalInwoners=2500, **{BIJSTAND: 20})
    for n, key in enumerate(["buitenoord", "centrum", "klein", "weinig"]):
        Boundary.objects.create(
            area=barendrecht[key], polygons=square(4.5 + n * 0.01, 51.85), points=5, is_demo=True
        )
    return barendrecht


def url(code: str = "GM0489", slug: str = "own-org") -> str:
    return reverse("insights:gemeente", args=[slug, code])


def test_each_wijk_gets_the_call_of_its_cell_and_a_label(data: Any) -> None:
    drawing = build_choropleth(heat_table(data["gemeente"]), "geldzorgen-en-schulden")
    assert drawing is not None
    assert drawing.theme.code == "geldzorgen-en-schulden"
    assert drawing.year == 2024
    by_code = {a.wijk.code: a for a in drawing.areas}
    assert by_code["WK048901"].kind == "hoger"
    assert by_code["WK048901"].gap
    assert by_code["WK048901"].number == "1,7"  # the smoothed ratio, as in the heat table
    assert "hoger" in by_code["WK048901"].description
    assert "kans voor collectief aanbod" in by_code["WK048901"].description
    assert by_code["WK048902"].kind == "lager"
    # No number for Kleine Polder: white, a dash, and saying why.
    assert by_code["WK048903"].kind == "none"
    assert by_code["WK048903"].number == "–"
    assert "geen vergelijking" in by_code["WK048903"].description
    # Gaatkensplas has no boundary: named under the map, not drawn.
    assert [w.code for w in drawing.without_boundary] == ["WK048905"]
    assert drawing.is_demo
    # Side by side, west to east, inside the drawing.
    xs = [float(re.match(r"M([\d.]+),", by_code[c].path).group(1)) for c in sorted(by_code)]  # type: ignore[union-attr]
    assert xs == sorted(xs)
    assert all(0 <= x <= drawing.width for x in xs)


def test_no_map_without_boundaries(data: Any) -> None:
    Boundary.objects.all().delete()
    assert build_choropleth(heat_table(data["gemeente"])) is None


def test_an_unknown_theme_shows_the_first_column(data: Any) -> None:
    table = heat_table(data["gemeente"])
    drawing = build_choropleth(table, "<script>")
    assert drawing is not None
    assert drawing.theme == table.columns[0][0]


def test_the_page_has_the_map_with_links_patterns_and_the_table(
    client_for: Any, reader: Any, data: Any
) -> None:
    html = client_for(reader).get(url() + "?sorteer=geldzorgen-en-schulden").content.decode()
    assert "Kaart: Geldzorgen en schulden" in html
    assert '<svg class="map"' in html
    # A link per wijk on the map, with its name in words.
    links = re.findall(
        r'<a href="(/o/own-org/wijkbeeld/WK\d{6}/)" class="map__link" aria-label="([^"]+)"', html
    )
    assert len(links) == 4
    assert any("Buitenoord: 1,7 keer zo vaak" in label and "hoger" in label for _u, label in links)
    assert 'fill="url(#map-hatch)"' in html and 'fill="url(#map-dots)"' in html
    assert "map__area--gap" in html
    assert "met de hand getekend" in html  # the demo shapes say so
    assert "Niet op de kaart" in html and "Gaatkensplas" in html
    # The heat table is still there.
    assert '<table class="heat">' in html


def test_the_map_follows_the_chosen_theme(client_for: Any, reader: Any, data: Any) -> None:
    html = client_for(reader).get(url() + "?sorteer=opvoeden-en-opgroeien").content.decode()
    assert "Kaart: " in html
    assert "Kaart: Geldzorgen en schulden" not in html


def test_map_page_anonymous_and_wrong_organisation(
    client: Any, client_for: Any, outsider: Any, data: Any
) -> None:
    assert client.get(url()).status_code == 302
    assert client_for(outsider).get(url()).status_code == 404


def test_a_gemeente_without_boundaries_has_no_map(client_for: Any, reader: Any, data: Any) -> None:
    Boundary.objects.all().delete()
    html = client_for(reader).get(url()).content.decode()
    assert '<svg class="map"' not in html
    assert '<table class="heat">' in html


def test_buurt_boundaries_do_not_get_on_the_wijk_map(data: Any) -> None:
    buurt = Area.objects.create(
        code="BU04890100", name="Buurt", level="buurt", parent=data["buitenoord"], year=2024
    )
    Boundary.objects.create(area=buurt, polygons=square(4.6, 51.9), points=5)
    drawing = build_choropleth(heat_table(data["gemeente"]))
    assert drawing is not None
    assert "BU04890100" not in {a.wijk.code for a in drawing.areas}
