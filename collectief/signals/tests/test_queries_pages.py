"""No N+1 queries on the signals pages that list things (issue 9, point 3)."""

from __future__ import annotations

import datetime
from itertools import count
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from collectief.accounts.factories import OrganisationFactory
from collectief.accounts.models import Organisation, Role
from collectief.areas.models import Area
from collectief.signals.tests.test_summary import TODAY, add_signals, member

pytestmark = pytest.mark.django_db

_numbers = count(10)


@pytest.fixture
def team(almere: dict[str, Area]) -> Organisation:
    org = OrganisationFactory(slug="wijkteam", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    org.areas.add(almere["gemeente"])
    return org


def _more(team: Organisation, almere: dict[str, Area], themes: dict[str, Any]) -> Any:
    """A new wijk with signals on two themes (a row in the table, more signals in the list)."""
    geld, wonen = themes["geldzorgen-en-schulden"], themes["wonen"]

    def more() -> None:
        n = next(_numbers)
        wijk = Area.objects.create(
            code=f"WK0034{n:02d}",
            name=f"Wijk {n}",
            level="wijk",
            parent=almere["gemeente"],
            year=2024,
        )
        add_signals(team, wijk, [geld, wonen], datetime.date(2026, 5, 10), 12)
        add_signals(team, almere["haven"], [wonen], datetime.date(2026, 5, 11), 2)

    return more


@time_machine.travel(TODAY)
@pytest.mark.parametrize("page", ["own", "summary"])
def test_signals_pages(
    assert_flat_queries: Any,
    client_for: Any,
    team: Organisation,
    almere: dict[str, Area],
    themes: dict[str, Any],
    page: str,
) -> None:
    url = reverse(f"signals:{page}", args=[team.slug])
    client = client_for(member(team, Role.STAFF))
    assert_flat_queries(client, url, _more(team, almere, themes), data={"periode": "2026-05"})
