"""Coverage that adds up (issue 10, point 4): every number equals what its link finds.

For every cell of the wijk × thema table, the search behind its link is run
(through the real search page for every link in the HTML, and through the
search form for every cell, links or not) and the counts compared: on the
demo data and on a generated gemeente with wijken and buurten.
"""

from __future__ import annotations

import io
import random
import re
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from collectief.areas.models import Area
from collectief.directory.match import CoverageTable, coverage_table
from collectief.directory.models import Service
from collectief.directory.search import SCOPE_HERE, SCOPE_WIDER, search_services
from collectief.directory.tests.search_helpers import area, make_service

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a class="coverage__(here|more)" href="([^"]+)">\+?(\d+)<')
FOUND = re.compile(r'<p role="status">(\d+) (?:activiteit|activiteiten)')


@pytest.fixture(autouse=True)
def _taxonomies(db: None) -> None:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()


def assert_cells_match_search(table: CoverageTable, *, with_total: bool = False) -> int:
    """Every cell, both numbers, against the search with the filters of the cell's links.

    The search function itself (what the search form calls with these
    parameters); the pages behind the links are followed in
    :func:`assert_links_match_pages`.
    """
    checked = 0
    for row in table.rows:
        for cell in row.cells:
            base = {"area": row.wijk, "theme": cell.theme.code, "collective": True}
            assert search_services(**base, scope=SCOPE_HERE).count() == cell.here, (row, cell)
            assert search_services(**base, scope=SCOPE_WIDER).count() == cell.wider, (row, cell)
            if with_total:
                # Together they are what the plain area search finds.
                assert search_services(**base).count() == cell.total, (row.wijk, cell)
            checked += 1
    return checked


def assert_links_match_pages(client: Client, gemeente: Area) -> int:
    """Follow every link in the table and read the number of results on the search page."""
    html = client.get("/sociale-kaart/dekking/", {"gemeente": gemeente.code}).content.decode()
    links = LINK.findall(html)
    for _kind, href, number in links:
        url = unescape(href)
        page = client.get(url).content.decode()
        found = FOUND.search(page)
        assert found is not None, url
        assert int(found.group(1)) == int(number), url
        # The link carries the collective filter and a reach.
        params = parse_qs(urlsplit(url).query)
        assert params["collectief"] == ["on"] and params["bereik"][0] in (SCOPE_HERE, SCOPE_WIDER)
    return len(links)


def test_demo_coverage_adds_up(client: Client) -> None:
    from collectief.areas.demo import load_demo as load_areas
    from collectief.directory.demo import load_demo

    load_areas(io.StringIO())
    load_demo(io.StringIO())
    links = 0
    gemeenten = Area.objects.filter(level=Area.Level.GEMEENTE, children__isnull=False).distinct()
    for gemeente in gemeenten:
        table = coverage_table(gemeente)
        assert assert_cells_match_search(table) == len(table.rows) * len(table.themes)
        links += assert_links_match_pages(client, gemeente)
    assert links > 20
    # The Badhuis's own activities count in its own wijk (Leidsebuurt lies in it).
    haarlem = Area.objects.get(level=Area.Level.GEMEENTE, name="Haarlem")
    leidsebuurt = Area.objects.get(name="Leidsebuurt")
    table = coverage_table(haarlem)
    codes = [t.code for t in table.themes]
    row = next(r for r in table.rows if r.wijk == leidsebuurt.parent)
    meeting = row.cells[codes.index("ontmoeting")]
    badhuis_meeting = search_services(
        area=leidsebuurt, theme="ontmoeting", collective=True
    ).filter(organization__name="Het Badhuis")
    assert meeting.here >= badhuis_meeting.count() >= 6
    # The huiskamerproject is for the whole of Haarlem: in its own wijk it is "here",
    # in the other wijken "for the whole municipality".
    other = next(r for r in table.rows if r.wijk != leidsebuurt.parent)
    assert other.cells[codes.index("ontmoeting")].wider >= 1
    assert other.cells[codes.index("ontmoeting")].here == 0


def _generated_gemeente(seed: int) -> Area:
    """A gemeente with 4 wijken of 3 buurten and 60 random services, every kind of reach."""
    rng = random.Random(seed)
    gemeente = area("GM9901", "Proefstad")
    wijken = [area(f"WK99010{w}", f"Proefwijk {w}", gemeente) for w in range(4)]
    buurten = [
        area(f"BU99010{w}0{b}", f"Proefbuurt {w}.{b}", wijk)
        for w, wijk in enumerate(wijken)
        for b in range(3)
    ]
    elsewhere = area("GM9902", "Buurgemeente")
    themes = ["eenzaamheid", "wonen", "ontmoeting", "geldzorgen-en-schulden"]
    for number in range(60):
        kind = rng.choice(["buurt", "wijk", "gemeente", "both", "serves-wijk", "outside"])
        where = {
            "buurt": rng.choice(buurten),
            "wijk": rng.choice(wijken),
            "both": rng.choice(buurten),
            "outside": elsewhere,
        }.get(kind)
        serves = {
            "gemeente": gemeente,
            "both": gemeente,
            "serves-wijk": rng.choice(wijken + buurten),
        }.get(kind)
        make_service(
            f"Activiteit {number}",
            where=where,
            serves=serves,
            themes=tuple(rng.sample(themes, rng.randint(1, 2))),
            delivery=rng.choice([Service.Delivery.COLLECTIVE] * 3 + [Service.Delivery.INDIVIDUAL]),
            is_public=rng.random() > 0.1,
            status=Service.Status.ACTIVE if rng.random() > 0.1 else Service.Status.INACTIVE,
        )
    return gemeente


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_gemeente_coverage_adds_up(client: Client, seed: int) -> None:
    gemeente = _generated_gemeente(seed)
    table = coverage_table(gemeente)
    assert len(table.rows) == 4
    assert assert_cells_match_search(table, with_total=True) == 4 * len(table.themes)
    assert assert_links_match_pages(client, gemeente) > 10
    # Both kinds occur, so the test can fail either way.
    cells = [c for r in table.rows for c in r.cells]
    assert any(c.here for c in cells) and any(c.wider for c in cells)


def test_gemeente_wide_activity_located_in_a_wijk_counts_once() -> None:
    gemeente = area("GM9903", "Eenstad")
    north, south = area("WK990301", "Noord", gemeente), area("WK990302", "Zuid", gemeente)
    buurt = area("BU99030101", "Noordbuurt", north)
    make_service("Huiskamer", where=buurt, serves=gemeente, themes=("ontmoeting",))
    table = coverage_table(gemeente)
    index = [t.code for t in table.themes].index("ontmoeting")
    cells = {row.wijk: row.cells[index] for row in table.rows}
    assert (cells[north].here, cells[north].wider) == (1, 0)
    assert (cells[south].here, cells[south].wider) == (0, 1)


def test_coverage_page_shows_both_numbers_and_gaps_in_words(client: Client) -> None:
    gemeente = area("GM9904", "Tweestad")
    north = area("WK990401", "Noord", gemeente)
    area("WK990402", "Zuid", gemeente)
    make_service("Koffie", where=north, themes=("eenzaamheid",))
    make_service("Stadsbreed", serves=gemeente, themes=("eenzaamheid",))
    html = client.get("/sociale-kaart/dekking/", {"gemeente": "GM9904"}).content.decode()
    assert "bereik=hier" in html and "bereik=breder" in html
    assert "+1" in html
    assert "<strong>Zuid</strong>: eenzaamheid (1 voor de hele gemeente)" in html
    # Sticky header and first column, inside a scrolling region with a name.
    assert 'class="table-wrap coverage-wrap" tabindex="0" role="region"' in html


def test_reach_filter_on_the_search_page(client: Client) -> None:
    gemeente = area("GM9905", "Filterstad")
    north = area("WK990501", "Noord", gemeente)
    make_service("Hier", where=north, themes=("wonen",))
    make_service("Overal", serves=gemeente, themes=("wonen",))
    make_service("Alleen", where=north, themes=("wonen",), delivery=Service.Delivery.INDIVIDUAL)

    def names(**params: Any) -> list[str]:
        response = client.get("/sociale-kaart/", {"gebied": "WK990501", **params})
        return re.findall(
            r'<a href="/sociale-kaart/aanbod/[^"]+">([^<]+)</a>', response.content.decode()
        )

    assert names() == ["Alleen", "Hier", "Overal"]
    assert names(bereik="hier") == ["Alleen", "Hier"]
    assert names(bereik="breder") == ["Overal"]
    assert names(bereik="hier", collectief="on") == ["Hier"]
    page = client.get("/sociale-kaart/", {"gebied": "WK990501", "bereik": "breder"})
    assert "alleen voor de hele gemeente" in page.content.decode()
    assert client.get("/sociale-kaart/", {"bereik": "overal"}).status_code == 400
