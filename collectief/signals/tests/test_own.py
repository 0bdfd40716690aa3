"""The organisation's own signals (issue 11 point 6): members only, notes as stored."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.models import Organisation, Role
from collectief.areas.models import Area
from collectief.signals.tests.test_summary import SECRET_NOTE, add_signals, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams(almere: dict[str, Area], themes: dict[str, Any]) -> tuple[Organisation, Organisation]:
    from collectief.accounts.factories import OrganisationFactory

    team = OrganisationFactory(slug="wijkteam", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    partner = OrganisationFactory(slug="partner", kind=Organisation.Kind.WELFARE)
    for org in (team, partner):
        org.areas.add(almere["gemeente"])
    add_signals(team, almere["haven"], [themes["wonen"]], datetime.date(2026, 5, 3), 3)
    add_signals(team, almere["stad"], [themes["wonen"]], datetime.date(2026, 4, 3), 2)
    return team, partner


def url(org: Organisation, query: str = "") -> str:
    return reverse("signals:own", args=[org.slug]) + query


def test_members_see_their_signals_with_notes(teams: Any, client_for: Any) -> None:
    team, _partner = teams
    response = client_for(member(team, Role.READER)).get(url(team))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count(SECRET_NOTE) == 5 and "Almere Haven" in html


def test_filters(teams: Any, client_for: Any) -> None:
    team, _partner = teams
    client = client_for(member(team))
    assert client.get(url(team, "?maand=2026-04")).content.decode().count(SECRET_NOTE) == 2
    assert client.get(url(team, "?gebied=WK003401")).content.decode().count(SECRET_NOTE) == 3
    bad = client.get(url(team, "?maand=veel"))
    assert bad.status_code == 400 and "Geef de periode" in bad.content.decode()


def test_partner_and_anonymous_never_see_them(teams: Any, client_for: Any, client: Any) -> None:
    team, partner = teams
    assert client_for(member(partner)).get(url(team)).status_code == 404
    partner_own = client_for(member(partner)).get(url(partner)).content.decode()
    assert SECRET_NOTE not in partner_own
    assert client.get(url(team)).status_code == 302
    no_2fa = client_for(member(team, two_factor=False)).get(url(team))
    assert no_2fa.status_code == 302 and no_2fa["Location"] == reverse("mfa_activate_totp")
