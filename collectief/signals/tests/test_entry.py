from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Organisation, Role
from collectief.signals.models import Signal

pytestmark = pytest.mark.django_db

NOTE = "Mevrouw Jansen heeft een huurachterstand en een aanmaning, bel 06-12345678."


@pytest.fixture
def team(almere):
    organisation = OrganisationFactory(
        slug="wijkteam-almere", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM
    )
    organisation.areas.add(almere["gemeente"])
    return organisation


@pytest.fixture
def worker(team, with_2fa):
    user = UserFactory(email="werker@wijkteam.test")
    MembershipFactory(user=user, organisation=team, role=Role.STAFF)
    return with_2fa(user)


def _url(team):
    return reverse("signals:entry", args=[team.slug])


def _post(client, team, almere, theme_map, **extra):
    data = {
        "area": almere["kruidenwijk"].pk,
        "themes": [theme_map["wonen"].pk],
        "source_role": "wijkteam",
        "date": timezone.localdate().isoformat(),
        "note": "",
        "action": "save",
    }
    data.update(extra)
    return client.post(_url(team), data)


def test_signal_without_note_is_saved_at_once_and_area_is_remembered(
    client_for, team, worker, almere, themes
):
    client = client_for(worker)
    response = _post(client, team, almere, themes)
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.area == almere["kruidenwijk"]
    assert signal.created_by == worker
    page = client.get(_url(team)).content.decode()
    assert f'value="{almere["kruidenwijk"].pk}" selected' in page
    assert "Het signaal is opgeslagen" in page


def test_note_is_previewed_redacted_then_saved(client_for, team, worker, almere, themes):
    client = client_for(worker)
    response = _post(client, team, almere, themes, note=NOTE)
    assert response.status_code == 200
    assert not Signal.objects.exists()
    page = response.content.decode()
    assert "Zo wordt het opgeslagen" in page
    assert "Mevrouw [NAAM] heeft een huurachterstand en een aanmaning, bel [TELEFOON]." in page
    assert "voorgesteld door" in page and "aanmaning" in page
    token = page.split('name="preview" value="')[1].split('"')[0]
    response = _post(client, team, almere, themes, note=NOTE, preview=token)
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert (
        signal.note == "Mevrouw [NAAM] heeft een huurachterstand en een aanmaning, bel [TELEFOON]."
    )
    page = client.get(response["Location"]).content.decode()
    assert "Jansen" not in page and "12345678" not in page


def test_a_changed_note_needs_a_new_preview(client_for, team, worker, almere, themes):
    client = client_for(worker)
    page = _post(client, team, almere, themes, note=NOTE).content.decode()
    token = page.split('name="preview" value="')[1].split('"')[0]
    response = _post(client, team, almere, themes, note=NOTE + " Ook Piet.", preview=token)
    assert response.status_code == 200
    assert not Signal.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"note": "x" * 100_000}, "hoogstens 500 tekens"),
        ({"note": "huur \x00\x01\x02 achterstand"}, "tekens die geen tekst zijn"),
        ({"note": "<script>alert('x')</script>"}, "geen HTML of code"),
        ({"note": "Jan de Vries, 06-12345678"}, "alleen persoonsgegevens"),
        ({"themes": ["00000000-0000-0000-0000-000000000000"]}, "Selecteer een geldige keuze"),
        ({"area": "999999"}, "Selecteer een geldige keuze"),
        ({"date": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()}, "toekomst"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_nothing_is_stored(
    client_for, team, worker, almere, themes, extra, message, caplog
):
    response = _post(client_for(worker), team, almere, themes, **extra)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Signal.objects.exists()
    assert "12345678" not in caplog.text and "alert(" not in caplog.text


def test_gemeente_is_not_offered_and_refused(client_for, team, worker, almere, themes):
    response = _post(client_for(worker), team, almere, themes, area=almere["gemeente"].pk)
    assert response.status_code == 400
    assert not Signal.objects.exists()


def test_without_two_factor_the_member_is_sent_to_set_it_up(client_for, almere):
    organisation = OrganisationFactory(kind=Organisation.Kind.WELFARE)
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=Role.ADMIN)
    response = client_for(user).get(reverse("signals:entry", args=[organisation.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_reader_may_not_record(client_for, team, with_2fa):
    user = UserFactory()
    MembershipFactory(user=user, organisation=team, role=Role.READER)
    assert client_for(with_2fa(user)).get(_url(team)).status_code == 403


def test_anonymous_goes_to_login_and_outsider_gets_404(client_for, team, outsider, with_2fa):
    response = client_for(None).get(_url(team))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client_for(with_2fa(outsider)).get(_url(team)).status_code == 404


def test_antenna_form_needs_no_two_factor_and_speaks_plainly(client_for, almere, themes):
    initiative = OrganisationFactory(slug="badhuis", kind=Organisation.Kind.INITIATIVE)
    initiative.areas.add(almere["stad"])
    volunteer = UserFactory()
    MembershipFactory(user=volunteer, organisation=initiative, role=Role.READER)
    client = client_for(volunteer)
    url = reverse("signals:antenna", args=[initiative.slug])
    page = client.get(url).content.decode()
    assert "Wat hoor je in de buurt?" in page
    assert 'name="source_role"' not in page
    data = {
        "area": almere["kruidenwijk"].pk,
        "themes": [themes["eenzaamheid"].pk],
        "date": timezone.localdate().isoformat(),
        "action": "save",
    }
    assert client.post(url, data).status_code == 302
    signal = Signal.objects.get()
    assert (signal.source_role, signal.channel) == ("bewoner", "antenne")


def test_antenna_form_is_closed_to_outsiders(client_for, own_org, outsider):
    assert (
        client_for(outsider).get(reverse("signals:antenna", args=[own_org.slug])).status_code
        == 404
    )
