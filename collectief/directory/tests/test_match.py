from __future__ import annotations

import pytest

from collectief.directory.match import coverage_table, find_services
from collectief.directory.models import Service
from collectief.directory.tests.search_helpers import breda, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _taxonomies(db: None) -> None:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()


def test_find_services_orders_by_fit() -> None:
    areas = breda()
    make_service(
        "Koffie in Kesteren", where=areas["kesteren"], themes=("eenzaamheid",), groups=("ouderen",)
    )
    make_service(
        "Maatje",
        where=areas["kesteren"],
        themes=("eenzaamheid",),
        delivery=Service.Delivery.INDIVIDUAL,
        referral=Service.Referral.REFERRAL,
    )
    make_service(
        "Koffie in Heilaar", where=areas["heilaar"], themes=("eenzaamheid",), groups=("jeugd",)
    )
    make_service("Ander thema", where=areas["kesteren"], themes=("wonen",))
    make_service(
        "Stopt", where=areas["kesteren"], themes=("eenzaamheid",), status=Service.Status.INACTIVE
    )
    matches = find_services("eenzaamheid", areas["kesteren"], target_group="ouderen")
    assert [m.service.name for m in matches] == [
        "Koffie in Kesteren",
        "Maatje",
        "Koffie in Heilaar",
    ]
    best, individual, around = matches
    assert best.in_area and best.collective and best.no_referral and best.for_target_group
    assert not individual.collective and not individual.no_referral
    assert not around.in_area and around.for_target_group is False
    assert "in a neighbouring area" in around.fit or "in een" in " ".join(around.fit)
    only_here = find_services("eenzaamheid", areas["kesteren"], include_neighbours=False)
    assert all(m.in_area for m in only_here)
    assert only_here[0].for_target_group is None


def test_coverage_table_marks_gaps() -> None:
    areas = breda()
    make_service("Koffie", where=areas["kesteren"], themes=("eenzaamheid",))
    make_service(
        "Maatje",
        where=areas["binnenstad"],
        themes=("eenzaamheid",),
        delivery=Service.Delivery.INDIVIDUAL,
    )
    make_service("Stadsbreed wonen", serves=areas["breda"], themes=("wonen",))
    table = coverage_table(areas["breda"])
    codes = [t.code for t in table.themes]
    rows = {row.wijk.name: row.counts for row in table.rows}
    assert rows["Haagse Beemden"][codes.index("eenzaamheid")] == 1
    # An individual provision does not count as collective.
    assert rows["Centrum"][codes.index("eenzaamheid")] == 0
    # A gemeente-wide provision counts in every wijk, apart from what is in the wijk.
    assert rows["Centrum"][codes.index("wonen")] == 1
    cells = {row.wijk.name: row.cells for row in table.rows}
    wonen = cells["Centrum"][codes.index("wonen")]
    assert (wonen.here, wonen.wider) == (0, 1)
    assert (areas["centrum"], table.themes[codes.index("eenzaamheid")], 0) in table.gaps
    assert (areas["centrum"], table.themes[codes.index("wonen")], 1) in table.gaps
