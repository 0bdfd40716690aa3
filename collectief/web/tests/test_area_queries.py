"""No N+1 queries on the area pages and the areas and organisations API (issue 9, point 3).

In web, which composes: the area page shows sections of apps above areas
(the organisations working there)."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.factories import OrganisationFactory
from collectief.areas.models import Area

pytestmark = pytest.mark.django_db

_numbers = count(1)


@pytest.fixture
def gemeente(db: None) -> Area:
    return Area.objects.create(code="GM0034", name="Almere", level="gemeente", year=2024)


def _more(gemeente: Area) -> Any:
    """Wijken with buurten under the gemeente, and an organisation working in each."""

    def more() -> None:
        for _ in range(3):
            n = next(_numbers)
            wijk = Area.objects.create(
                code=f"WK0034{n:02d}", name=f"Wijk {n}", level="wijk", parent=gemeente, year=2024
            )
            Area.objects.create(
                code=f"BU0034{n:02d}01", name=f"Buurt {n}", level="buurt", parent=wijk, year=2024
            )
            OrganisationFactory().areas.add(wijk, gemeente)

    return more


def test_area_list(assert_flat_queries: Any, client_for: Any, gemeente: Area) -> None:
    assert_flat_queries(client_for(None), reverse("areas:list"), _more(gemeente))


def test_area_detail(assert_flat_queries: Any, client_for: Any, gemeente: Area) -> None:
    url = reverse("areas:detail", args=[gemeente.code])
    assert_flat_queries(client_for(None), url, _more(gemeente))


def test_areas_and_organisations_api(
    assert_flat_queries: Any, client_for: Any, gemeente: Area
) -> None:
    assert_flat_queries(client_for(None), "/api/v1/areas/", _more(gemeente))
    assert_flat_queries(client_for(None), "/api/v1/organisations/", _more(gemeente))
    assert_flat_queries(client_for(None), f"/api/v1/areas/{gemeente.code}/", _more(gemeente))
