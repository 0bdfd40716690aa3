"""The promise of DESIGN §4 for notes: the raw text reaches no table, log or cache.

A secret (a valid BSN, a phone number and a name) is planted through every
route that takes a note (the quick-entry page, its preview, the antenne
form and the command-line import); then every cell of every table, every
session and the captured log are searched for it.
"""

from __future__ import annotations

import json
import logging

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Organisation, Role
from collectief.signals.models import Signal

pytestmark = pytest.mark.django_db(transaction=True)

BSN = "111222333"  # passes the 11-proef
PHONE = "06-98765432"
NAME = "Wilhelmina Krabbendam"
NOTE = f"Mevrouw {NAME} (BSN {BSN}, tel. {PHONE}) heeft een huurachterstand."
NEEDLES = (BSN, "98765432", "Krabbendam", "Wilhelmina")


def _everything_in_the_database() -> str:
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            parts.extend(repr(row) for row in cursor.fetchall())
    parts.extend(repr(session.get_decoded()) for session in Session.objects.all())
    return "\n".join(parts)


def _assert_nowhere(caplog) -> None:
    stored = _everything_in_the_database()
    logged = caplog.text
    for needle in NEEDLES:
        assert needle not in stored, needle
        assert needle not in logged, needle


def test_a_planted_secret_reaches_no_table_session_cache_or_log(
    client_for, almere, themes, with_2fa, caplog, tmp_path
):
    caplog.set_level(logging.DEBUG)
    team = OrganisationFactory(slug="team", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    team.areas.add(almere["gemeente"])
    worker = UserFactory()
    MembershipFactory(user=worker, organisation=team, role=Role.STAFF)
    client = client_for(with_2fa(worker))
    data = {
        "area": almere["kruidenwijk"].pk,
        "themes": [themes["wonen"].pk],
        "source_role": "wijkteam",
        "date": timezone.localdate().isoformat(),
        "note": NOTE,
        "action": "preview",
    }
    url = reverse("signals:entry", args=[team.slug])
    page = client.post(url, data).content.decode()
    token = page.split('name="preview" value="')[1].split('"')[0]
    assert client.post(url, {**data, "action": "save", "preview": token}).status_code == 302
    # A refused note (too long) must not end up anywhere either.
    client.post(url, {**data, "note": NOTE + " x" * 300, "action": "save"})

    # The antenne form.
    antenna_url = reverse("signals:antenna", args=[team.slug])
    page = client.post(antenna_url, data).content.decode()
    token = page.split('name="preview" value="')[1].split('"')[0]
    assert (
        client.post(antenna_url, {**data, "action": "save", "preview": token}).status_code == 302
    )

    # The command line.
    source = tmp_path / "signals.json"
    source.write_text(
        json.dumps(
            [
                {
                    "area": almere["kruidenwijk"].code,
                    "themes": ["wonen"],
                    "source_role": "wijkteam",
                    "date": timezone.localdate().isoformat(),
                    "text": NOTE,
                }
            ]
        )
    )
    call_command("signals", "import", team.slug, str(source))

    assert Signal.objects.count() == 3
    assert all("huurachterstand" in signal.note for signal in Signal.objects.all())
    _assert_nowhere(caplog)


def test_an_error_report_does_not_show_the_note(client_for, almere, themes, with_2fa, rf):
    """Django's error report (500 mail) hides the note: sensitive_post_parameters."""
    from django.views.debug import ExceptionReporter

    team = OrganisationFactory(slug="team2", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    request = rf.post("/o/team2/signalen/nieuw/", {"note": NOTE})
    request.sensitive_post_parameters = ["note"]
    report = ExceptionReporter(request, ValueError, ValueError("boom"), None).get_traceback_text()
    assert BSN not in report and NAME not in report
    assert team.slug


def test_a_planted_secret_sent_to_the_api_reaches_no_table_or_log(
    client, almere, themes, with_2fa, caplog, api_auth
):
    """The API route (POST /api/v1/organisations/<slug>/signals/), stored and refused."""
    caplog.set_level(logging.DEBUG)
    team = OrganisationFactory(slug="team-api", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    team.areas.add(almere["gemeente"])
    worker = UserFactory()
    MembershipFactory(user=worker, organisation=team, role=Role.STAFF)
    headers = api_auth(with_2fa(worker))
    url = reverse("api:signal_collection", args=[team.slug])
    row = {
        "area": almere["kruidenwijk"].code,
        "themes": ["wonen"],
        "date": timezone.localdate().isoformat(),
        "text": NOTE,
    }

    def send(data):
        return client.post(url, json.dumps(data), content_type="application/json", **headers)

    stored = send(row)
    assert stored.status_code == 201
    assert all(needle not in stored.content.decode() for needle in NEEDLES)
    # Refused notes (too long, with a control character, a future date) leave no trace either.
    assert send({**row, "text": NOTE + " x" * 300}).status_code == 400
    assert send({**row, "text": NOTE + "\x07"}).status_code == 400
    assert send({**row, "date": "2999-01-01"}).status_code == 400
    exported = client.get(url, **headers)
    assert all(needle not in exported.content.decode() for needle in NEEDLES)

    assert Signal.objects.count() == 1
    assert "huurachterstand" in Signal.objects.get().note
    _assert_nowhere(caplog)
