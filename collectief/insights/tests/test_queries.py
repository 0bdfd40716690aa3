"""No N+1 queries on the wijkbeeld's list pages and their downloads.

The gemeente page, a theme page and their CSV downloads show one row per
wijk; the overview lists every wijk and what the search finds. Each must
need as many queries with twice the wijken (``assert_flat_queries``).
"""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from django.urls import reverse

from collectief.areas.models import Area
from collectief.insights.tests.conftest import provision_counts, put_values

pytestmark = pytest.mark.django_db

SLUG, GEMEENTE = "own-org", "GM0489"
_numbers = count(10)


def _more(gemeente: Area) -> Any:
    """Wijken with a buurt, CBS bijstand and beschikkingen, some of them small."""

    def more() -> None:
        for _ in range(3):
            n = next(_numbers)
            wijk = Area.objects.create(
                code=f"WK0489{n:02d}",
                name=f"Zoekwijk {n}",
                level="wijk",
                parent=gemeente,
                year=2024,
            )
            Area.objects.create(
                code=f"BU0489{n:02d}01",
                name=f"Zoekbuurt {n}",
                level="buurt",
                parent=wijk,
                year=2024,
            )
            put_values(wijk, 2024, AantalInwoners=1000 + n, PersonenPerSoortUitkeringBijstand=n)
            provision_counts(wijk, 2024, wmo_dagbesteding=n, schuldhulpverlening=20 + n)

    return more


@pytest.mark.parametrize(
    ("name", "args", "query"),
    [
        ("insights:overview", [SLUG], {"zoek": "zoek"}),
        ("insights:gemeente", [SLUG, GEMEENTE], {}),
        ("insights:gemeente_export", [SLUG, GEMEENTE, "csv"], {}),
        ("insights:provisions_export", [SLUG, GEMEENTE, "csv"], {}),
        ("insights:theme", [SLUG, GEMEENTE, "geldzorgen-en-schulden"], {}),
        ("insights:theme_export", [SLUG, GEMEENTE, "geldzorgen-en-schulden", "cbs", "csv"], {}),
        ("insights:theme", [SLUG, GEMEENTE, "ontmoeting"], {}),
    ],
)
def test_no_query_per_wijk(
    assert_flat_queries: Any,
    client_for: Any,
    reader: Any,
    counted: dict[str, Area],
    name: str,
    args: list[str],
    query: dict[str, str],
) -> None:
    url = reverse(name, args=args)
    assert_flat_queries(client_for(reader), url, _more(counted["gemeente"]), data=query)
