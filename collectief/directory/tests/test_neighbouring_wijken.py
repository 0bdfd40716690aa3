"""neighbouring_wijken: the same answer as neighbouring_areas, for all wijken in one go."""

from __future__ import annotations

import pytest

from collectief.areas.models import Area
from collectief.directory.models import Location
from collectief.directory.search import neighbouring_areas, neighbouring_wijken
from collectief.directory.tests.search_helpers import area

pytestmark = pytest.mark.django_db


def test_same_as_one_by_one() -> None:
    gm = area("GM0758", "Breda")
    wijken = [area(f"WK07580{i}", f"Wijk {i}", gm) for i in range(1, 5)]
    # Wijk 1 and 2 lie close together, wijk 3 far away, wijk 4 has no known position.
    for wijk, (lat, lon) in zip(
        wijken[:3], [(51.59, 4.78), (51.60, 4.79), (51.70, 5.20)], strict=True
    ):
        Location.objects.create(name=f"Plek {wijk.name}", area=wijk, latitude=lat, longitude=lon)
    bulk = neighbouring_wijken(wijken)
    for wijk in wijken:
        assert bulk[wijk.pk] == {a.pk for a in neighbouring_areas(wijk)}
    assert bulk[wijken[0].pk] == {wijken[1].pk, wijken[3].pk}
    assert Area.objects.count() == 5
