"""Managing two-factor login afterwards: overview, switching off, new recovery codes, confirming.

The pages behind "Account → Inloggen in twee stappen", in the product's own
words (allauth's own texts mixed "je" and "u" and spoke of "authenticatie").
"""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from collectief.accounts.factories import MembershipFactory, UserFactory
from collectief.accounts.models import Organisation, User
from collectief.accounts.tests.test_two_factor_setup import (
    _code,
    _linked,
    _messages,
    _password_step,
    _wrong_code,
)

pytestmark = pytest.mark.django_db


def _secret(user: User) -> str:
    return str(
        Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        .wrap()
        .instance.data["secret"]
    )


@pytest.mark.parametrize(
    "name", ["mfa_index", "mfa_deactivate_totp", "mfa_generate_recovery_codes"]
)
def test_anonymous_visitors_go_to_the_login(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_overview_says_on_and_counts_the_recovery_codes(client: Client, member: User) -> None:
    _password_step(client, member)
    _linked(client, member)
    html = client.get(reverse("mfa_index")).content.decode()
    assert "<h1>Inloggen in twee stappen</h1>" in html
    assert "Aan: je logt in met een code uit je app." in html
    assert "Je hebt nog 10 herstelcodes over (van de 10)." in html
    assert "Uitzetten, of een nieuwe telefoon koppelen" in html
    assert "Twee-factor" not in html and "authenticatie" not in html


def test_the_overview_says_off_for_someone_without_an_app(client: Client, admin: User) -> None:
    _password_step(client, admin)
    html = client.get(reverse("mfa_index")).content.decode()
    assert "Uit: je logt in met alleen je wachtwoord." in html
    assert f'href="{reverse("mfa_activate_totp")}">Inloggen in twee stappen instellen' in html
    assert "Je krijgt herstelcodes als je de app koppelt." in html


def test_a_gemeente_member_is_warned_before_switching_off_and_must_link_again(
    client: Client, member: User, gemeente: Organisation
) -> None:
    _password_step(client, member)
    _linked(client, member)
    html = client.get(reverse("mfa_deactivate_totp")).content.decode()
    assert "<h1>Inloggen in twee stappen uitzetten</h1>" in html
    assert "Voor jou is inloggen in twee stappen verplicht." in html
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response["Location"] == reverse("mfa_index")
    assert not Authenticator.objects.filter(user=member).exists()
    # Without an app every page sends them back to the set-up.
    response = client.get(f"/o/{gemeente.slug}/")
    assert response["Location"] == reverse("mfa_activate_totp")


def test_an_initiative_member_is_not_warned(client: Client, admin: User) -> None:
    _password_step(client, admin)
    _linked(client, admin)
    html = client.get(reverse("mfa_deactivate_totp")).content.decode()
    assert "Daarna log je in met alleen je wachtwoord." in html
    assert "verplicht" not in html


# The message is added when the transaction commits, as in
# test_two_factor_setup.test_the_right_code_links_the_app_and_only_then_says_logged_in.
@pytest.mark.django_db(transaction=True)
def test_new_recovery_codes_replace_the_old_ones(client: Client, member: User) -> None:
    _password_step(client, member)
    _linked(client, member)
    old = Authenticator.objects.get(user=member, type="recovery_codes").wrap().get_unused_codes()
    html = client.get(reverse("mfa_generate_recovery_codes")).content.decode()
    assert "De oude codes werken dan niet meer." in html
    response = client.post(reverse("mfa_generate_recovery_codes"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_view_recovery_codes")
    new = Authenticator.objects.get(user=member, type="recovery_codes").wrap().get_unused_codes()
    assert set(new).isdisjoint(old)
    assert "Je hebt nieuwe herstelcodes. De oude codes werken niet meer." in _messages(response)


def test_confirming_with_a_code_speaks_dutch_and_refuses_a_wrong_code(
    client: Client, member: User
) -> None:
    _password_step(client, member)
    _linked(client, member)
    url = reverse("mfa_reauthenticate")
    html = client.get(url).content.decode()
    assert "<h1>Bevestigen met een code</h1>" in html
    secret = _secret(member)
    response = client.post(url, {"code": _wrong_code(secret)})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    response = client.post(url, {"code": _code(secret, steps_back=1)})
    assert response.status_code == 302


def test_a_member_who_set_up_two_factor_elsewhere_cannot_see_these_codes(
    client: Client, member: User
) -> None:
    # Another gemeente member's recovery codes never show on this member's pages.
    other = UserFactory(email="collega@almere.test")
    MembershipFactory(user=other, organisation=member.memberships.first().organisation)
    other_client = Client()
    _password_step(other_client, other)
    _linked(other_client, other)
    theirs = Authenticator.objects.get(user=other, type="recovery_codes").wrap().get_unused_codes()
    _password_step(client, member)
    _linked(client, member)
    html = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert not any(code in html for code in theirs)
