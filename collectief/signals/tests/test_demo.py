"""The demo rode draden (issue 11 point 9): plausible, marked, idempotent, real in every view."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from collectief.accounts.models import Membership, Organisation, Role, User
from collectief.signals.models import Action, Discussion, Signal
from collectief.signals.tests.conftest import activate_two_factor

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC)


def _load_demo() -> None:
    with time_machine.travel(NOW):
        call_command("demo", "--force", "--no-logins", stdout=StringIO())


@pytest.fixture(scope="module")
def _demo_rows(module_db: Any) -> None:
    """The full demo, loaded once for the module (each test's changes are rolled back)."""
    module_db(_load_demo)


@pytest.fixture
def demo(_demo_rows: None, db: None) -> None:
    pass


def test_demo_is_idempotent_and_marked(demo: None) -> None:
    counts = (Signal.objects.count(), Discussion.objects.count(), Action.objects.count())
    with time_machine.travel(NOW):
        call_command("demo", "--force", "--no-logins", stdout=StringIO())
    assert (Signal.objects.count(), Discussion.objects.count(), Action.objects.count()) == counts
    assert counts[0] > 1000 and counts[1] == 1 and counts[2] == 3
    notes = Signal.objects.exclude(note="").values_list("note", flat=True)
    assert notes and all(n.startswith("(demo) ") for n in notes)
    almere = Organisation.objects.get(slug="wijkteam-almere")
    months = {
        d.strftime("%Y-%m")
        for d in Signal.objects.filter(organisation=almere).dates("date", "month")
    }
    assert len(months) == 12 and max(months) == "2026-05"
    assert Signal.objects.filter(area__name="Dichterswijk").exists()
    assert Action.objects.filter(kind="project").count() == 1


@time_machine.travel(NOW)
def test_demo_views_look_real(demo: None, client_for: Any) -> None:
    user = activate_two_factor(User.objects.get(email="wijkteam@almere.demo"))
    client = client_for(user)
    summary = client.get(reverse("signals:summary", args=["wijkteam-almere"]))
    html = summary.content.decode()
    assert summary.status_code == 200
    assert "Geldzorgen en schulden" in html and "Wijk 03 Almere Buiten" in html
    # Real numbers on the page, not only signs.
    assert any(c.count.value for row in summary.context["rows"] for c in row["cells"])
    discuss = client.get(
        reverse("signals:discuss", args=["wijkteam-almere", "WK003403", "2026-05"])
    )
    html = discuss.content.decode()
    assert discuss.status_code == 200
    assert "Passend wonen" in html and "klets en koek" in html
    out = StringIO()
    call_command("signals", "summary", "GM0034", "--format", "json", stdout=out)
    body = json.loads(out.getvalue())
    assert body["total"]["count"] and body["total"]["count"] > 100


@time_machine.travel(NOW)
def test_partner_in_utrecht_sees_aggregates_only(demo: None, client_for: Any) -> None:
    dock = Organisation.objects.get(slug="dock-zuidwest")
    user = User.objects.create_user("sociaalmakelaar@dock.test", "wachtwoord-lang-genoeg")
    Membership.objects.create(user=user, organisation=dock, role=Role.READER)
    client = client_for(activate_two_factor(user))
    response = client.get(reverse("signals:summary", args=["dock-zuidwest"]) + "?periode=2026-01")
    html = response.content.decode()
    assert response.status_code == 200 and "Rode draden in Utrecht" in html
    assert "(demo)" not in html  # the team's notes never reach a partner
