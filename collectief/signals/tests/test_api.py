"""The API of an organisation's own signals (issue 11 point 8): record and export.

The same rules as the pages: members of the entering organisation only,
with two-factor login; staff to record. The note is de-identified by the
same service as the quick-entry form, and bad input stores nothing.
"""

from __future__ import annotations

import datetime
import json
import logging
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Organisation, Role
from collectief.areas.models import Area
from collectief.audit.models import AuditEvent
from collectief.signals.models import Channel, Signal
from collectief.signals.tests.conftest import activate_two_factor

pytestmark = pytest.mark.django_db

NAME = "Gerrit Bosschaart"
NOTE = f"Dhr. {NAME} belt over een huurachterstand en de aanmaning van de energie."


@pytest.fixture
def team(almere: dict[str, Area]) -> Organisation:
    org = OrganisationFactory(slug="wijkteam", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    org.areas.add(almere["gemeente"])
    return org


@pytest.fixture
def partner(almere: dict[str, Area]) -> Organisation:
    """Works in the same gemeente, so it sees the summary, but never the team's signals."""
    org = OrganisationFactory(slug="partner", kind=Organisation.Kind.WELFARE)
    org.areas.add(almere["stad"])
    return org


def member(org: Organisation, role: str = Role.STAFF, *, two_factor: bool = True) -> Any:
    user = UserFactory()
    MembershipFactory(user=user, organisation=org, role=role)
    return activate_two_factor(user) if two_factor else user


def url(org: Organisation) -> str:
    return reverse("api:signal_collection", args=[org.slug])


def body(**changes: Any) -> dict[str, Any]:
    return {
        "area": "BU00340201",
        "themes": ["wonen", "geldzorgen-en-schulden"],
        "source_role": "huisarts",
        "date": timezone.localdate().isoformat(),
        "text": NOTE,
        **changes,
    }


def post(client: Any, org: Organisation, data: Any, headers: dict[str, str]) -> Any:
    payload = data if isinstance(data, str | bytes) else json.dumps(data)
    return client.post(url(org), payload, content_type="application/json", **headers)


# -- happy path -----------------------------------------------------------------------------


def test_staff_member_records_a_de_identified_signal(
    team: Organisation, themes: Any, client: Any, api_auth: Any
) -> None:
    worker = member(team)
    response = post(client, team, body(), api_auth(worker))
    assert response.status_code == 201, response.content
    answer = response.json()
    assert answer["area"] == "BU00340201" and answer["area_name"] == "Kruidenwijk"
    assert answer["themes"] == ["geldzorgen-en-schulden", "wonen"]
    assert answer["source_role"] == "huisarts" and answer["channel"] == "api"
    assert "[NAAM]" in answer["text"] and "huurachterstand" in answer["text"]
    assert "Bosschaart" not in response.content.decode()
    signal = Signal.objects.get()
    assert signal.note == answer["text"] and signal.channel == Channel.API
    assert signal.created_by == worker and signal.organisation == team
    event = AuditEvent.objects.get(action="signal.create")
    assert "Bosschaart" not in json.dumps(event.details)


def test_signal_by_wijk_name_without_note_and_source(
    team: Organisation, themes: Any, client: Any, api_auth: Any
) -> None:
    data = body(area="Almere Haven", themes=["wonen"])
    del data["text"], data["source_role"]
    response = post(client, team, data, api_auth(member(team)))
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "" and response.json()["source_role"] == "wijkteam"
    assert Signal.objects.get().area.code == "WK003401"


def test_members_export_their_signals_with_the_notes_as_stored(
    team: Organisation, themes: Any, client: Any, api_auth: Any
) -> None:
    worker = member(team)
    post(client, team, body(), api_auth(worker))
    post(client, team, body(date="2026-01-05", text="", themes=["wonen"]), api_auth(worker))
    reader = member(team, Role.READER)
    response = client.get(url(team), **api_auth(reader))
    assert response.status_code == 200
    answer = response.json()
    assert answer["count"] == 2
    assert answer["results"][0]["date"] == "2026-01-05"
    stored = Signal.objects.exclude(note="").get().note
    assert answer["results"][1]["text"] == stored
    assert "Bosschaart" not in response.content.decode()
    january = client.get(url(team) + "?period=2026-01", **api_auth(reader)).json()
    assert january["count"] == 1 and january["results"][0]["themes"] == ["wonen"]
    by_area = client.get(url(team) + "?area=bu00340201", **api_auth(reader)).json()
    assert by_area["count"] == 2
    paged = client.get(url(team) + "?per_page=1&page=2", **api_auth(reader)).json()
    assert paged["total_pages"] == 2 and len(paged["results"]) == 1


# -- who may ----------------------------------------------------------------------------------


def test_anonymous_gets_401_and_nothing_is_stored(
    team: Organisation, themes: Any, client: Any
) -> None:
    assert client.get(url(team)).status_code == 401
    response = post(client, team, body(), {})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert Signal.objects.count() == 0


def test_other_organisations_get_404(
    team: Organisation,
    partner: Organisation,
    themes: Any,
    client: Any,
    api_auth: Any,
) -> None:
    post(client, team, body(), api_auth(member(team)))
    # A partner in the same gemeente sees the suppressed summary, never the signals.
    outsider = api_auth(member(partner))
    assert client.get(url(team), **outsider).status_code == 404
    assert post(client, team, body(), outsider).status_code == 404
    assert Signal.objects.count() == 1
    # Its own list is empty: the team's signal does not leak into it.
    assert client.get(url(partner), **outsider).json()["count"] == 0


def test_two_factor_and_staff_role_are_required(
    team: Organisation, themes: Any, client: Any, api_auth: Any
) -> None:
    # A welfare organisation's members may get a token without two-factor login;
    # signals still refuse them, as the pages do.
    welfare = OrganisationFactory(slug="welzijn", kind=Organisation.Kind.WELFARE)
    welfare.areas.add(team.areas.get())
    no_2fa = api_auth(member(welfare, two_factor=False))
    refused = client.get(url(welfare), **no_2fa)
    assert refused.status_code == 403
    assert "twee stappen" in refused.json()["detail"]
    assert post(client, welfare, body(), no_2fa).status_code == 403
    reader = api_auth(member(team, Role.READER))
    assert post(client, team, body(), reader).status_code == 403
    assert client.get(url(team), **reader).status_code == 200
    assert Signal.objects.count() == 0


# -- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "dutch"),
    [
        ({"area": "WK999999"}, "area", "Onbekende wijk of buurt"),
        ({"area": "GM0034"}, "area", "Onbekende wijk of buurt"),
        ({"themes": ["wonen", "vliegende-schotels"]}, "themes", "geldige keuze"),
        ({"themes": []}, "themes", "verplicht"),
        (
            {"themes": ["wonen", "geldzorgen-en-schulden", "mantelzorg", "eenzaamheid"]},
            "themes",
            "hoogstens 3",
        ),
        ({"date": "2999-01-01"}, "date", "toekomst"),
        ({"date": "1-2-2026"}, "date", "geldige datum"),
        ({"text": "huur " * 101}, "text", "500"),
        ({"text": "huur\x01\x02\x03 achterstand"}, "text", "geen tekst"),
        ({"text": "huur\x00achterstand"}, "text", "Null"),
        ({"text": "<script>alert(1)</script> huur"}, "text", "HTML"),
        ({"text": "Jan de Vries, 06-12345678"}, "text", "alleen persoonsgegevens"),
        ({"source_role": "buurman"}, "source_role", "geldige keuze"),
        ({"age_band": "42"}, "age_band", "geldige keuze"),
        ({"note": "huur"}, "note", "Onbekend veld"),
    ],
)
def test_bad_input_gives_a_dutch_problem_and_stores_nothing(
    changes: dict[str, Any],
    field: str,
    dutch: str,
    team: Organisation,
    themes: Any,
    client: Any,
    api_auth: Any,
    caplog: Any,
) -> None:
    caplog.set_level(logging.DEBUG)
    response = post(client, team, body(**changes), api_auth(member(team)))
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["title"] == "Ongeldig verzoek"
    messages = json.dumps(problem["errors"][field], ensure_ascii=False)
    assert dutch.lower() in messages.lower(), messages
    assert Signal.objects.count() == 0
    assert "Bosschaart" not in response.content.decode() and "Bosschaart" not in caplog.text
    assert "huur\x01" not in caplog.text


@pytest.mark.parametrize(
    "payload", [b"\x89PNG\r\n\x1a\n\x00\x00binary", "[1, 2]", "{not json", '"tekst"']
)
def test_a_body_that_is_no_json_object_is_refused(
    payload: Any, team: Organisation, themes: Any, client: Any, api_auth: Any
) -> None:
    response = post(client, team, payload, api_auth(member(team)))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"].startswith("De ")
    assert Signal.objects.count() == 0


def test_area_outside_the_organisations_patch_is_refused(
    team: Organisation, almere: dict[str, Area], themes: Any, client: Any, api_auth: Any
) -> None:
    utrecht = Area.objects.create(code="GM0344", name="Utrecht", level="gemeente", year=2024)
    Area.objects.create(code="WK034401", name="Zuidwest", level="wijk", parent=utrecht, year=2024)
    response = post(client, team, body(area="WK034401"), api_auth(member(team)))
    assert response.status_code == 400
    assert Signal.objects.count() == 0


def test_bad_export_parameters(team: Organisation, client: Any, api_auth: Any) -> None:
    reader = api_auth(member(team, Role.READER))
    bad = client.get(url(team) + "?period=veel", **reader)
    assert bad.status_code == 400 and "2026-03" in bad.json()["detail"]
    assert client.get(url(team) + "?per_page=5000", **reader).status_code == 400


def test_the_openapi_document_describes_both_methods(client: Any, db: None) -> None:
    document = client.get(reverse("api:openapi")).json()
    item = document["paths"]["/api/v1/organisations/{slug}/signals/"]
    assert set(item) == {"get", "post"}
    schema = item["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["area", "themes", "date"]
    assert schema["properties"]["text"]["maxLength"] == 500
    assert item["post"]["security"] == [{"token": []}]
    assert item["get"]["security"] == [{"token": []}]
    assert "201" in item["post"]["responses"] and "200" in item["get"]["responses"]
    assert {p["name"] for p in item["get"]["parameters"]} >= {"slug", "period", "area", "page"}


def test_the_date_defaults_to_nothing_and_yesterday_is_fine(
    team: Organisation, themes: Any, client: Any, api_auth: Any
) -> None:
    data = body(date=(timezone.localdate() - datetime.timedelta(days=1)).isoformat())
    assert post(client, team, data, api_auth(member(team))).status_code == 201
    del data["date"]
    missing = post(client, team, data, api_auth(member(team)))
    assert missing.status_code == 400 and "date" in missing.json()["errors"]
