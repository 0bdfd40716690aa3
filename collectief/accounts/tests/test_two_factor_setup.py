"""The first login with two-factor: set-up page, code, recovery codes, "Ga verder" (issue 10.6).

And the second step of every later login. The texts are pinned in Dutch;
"Je bent nu ingelogd" may only appear once both steps are done.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from collectief.accounts import two_factor
from collectief.accounts.factories import MembershipFactory, UserFactory
from collectief.accounts.models import Organisation, Role, User

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"
LOGGED_IN = "Je bent nu ingelogd"
ACTIVATE = "/accounts/2fa/totp/activate/"
RECOVERY = "/accounts/2fa/recovery-codes/"


def _code(secret: str, steps_back: int = 0) -> str:
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD - steps_back
    return format_hotp_value(hotp_value(secret, counter))


def _wrong_code(secret: str) -> str:
    """A code that is certainly not valid now, also not with the one step of slack."""
    valid = {_code(secret, back) for back in (-1, 0, 1, 2)}
    return next(c for c in ("000000", "111111", "222222", "333333", "444444") if c not in valid)


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _password_step(client: Client, user: User, next_url: str = "") -> Any:
    data = {"login": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("account_login"), data)


def _session_secret(client: Client) -> str:
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

    return str(client.session[SECRET_SESSION_KEY])


def _shown_secret(html: str) -> str:
    match = re.search(r'id="authenticator_secret">([A-Z2-7 ]+)<', html)
    assert match, "the secret is not on the page as text"
    return match.group(1)


def test_after_the_password_the_set_up_page_comes_without_saying_logged_in(
    client: Client, member: User, gemeente: Organisation
) -> None:
    response = _password_step(client, member, next_url=f"/o/{gemeente.slug}/")
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == ACTIVATE
    html = response.content.decode()
    assert LOGGED_IN not in html
    assert _messages(response) == []
    assert "Je bent bijna ingelogd" in html
    assert "Inloggen in twee stappen instellen" in html
    # Why, which apps, and the way out for someone who cannot do it now.
    assert "Gemeenten en wijkteams zien in Collectief gevoelige informatie" in html
    for app in ("Microsoft Authenticator", "Google Authenticator", "FreeOTP", "2FAS"):
        assert app in html
    assert "Lukt het nu niet?" in html
    assert "App koppelen en inloggen" in html


def test_the_set_up_page_shows_the_qr_code_and_the_secret_as_text_beside_it(
    client: Client, member: User
) -> None:
    _password_step(client, member)
    html = client.get(ACTIVATE).content.decode()
    # The QR code is an image (a data: URI is allowed by the CSP), not a script.
    assert re.search(r'<img class="qr-setup__code" src="data:image/svg\+xml;base64,', html)
    assert 'alt="QR-code die Collectief aan je app toevoegt"' in html
    shown = _shown_secret(html)
    assert shown.replace(" ", "") == _session_secret(client)
    assert all(len(group) == 4 for group in shown.split(" ")[:-1])
    assert "Typ deze sleutel over" in html
    assert "ambtenaar@almere.test" in html
    assert "<script>" not in html and " style=" not in html


def test_the_code_field_suits_a_phone(client: Client, member: User) -> None:
    _password_step(client, member)
    html = client.get(ACTIVATE).content.decode()
    field = re.search(r"<input[^>]*name=\"code\"[^>]*>", html)
    assert field
    tag = field.group(0)
    assert 'autocomplete="one-time-code"' in tag
    assert 'inputmode="numeric"' in tag
    assert '<label for="id_code">Code uit de app</label>' in html
    assert 'aria-describedby="id_code_helptext"' in tag


# allauth adds its message once the transaction commits, inside the request;
# only a test with real transactions sees it as a person does.
@pytest.mark.django_db(transaction=True)
def test_the_right_code_links_the_app_and_only_then_says_logged_in(
    client: Client, member: User, gemeente: Organisation
) -> None:
    _password_step(client, member, next_url=f"/o/{gemeente.slug}/")
    client.get(f"/o/{gemeente.slug}/")  # sent to the set-up
    client.get(ACTIVATE)
    response = client.post(ACTIVATE, {"code": _code(_session_secret(client))})
    assert response.status_code == 302
    assert response["Location"] == RECOVERY
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    response = client.get(RECOVERY)
    said = _messages(response)
    assert said[0] == (
        "De app is gekoppeld. Vanaf nu log je in met je wachtwoord en een code uit de app."
    )
    assert said[1].startswith(LOGGED_IN)
    assert len(said) == 2


def test_a_wrong_code_shows_the_form_again_in_dutch_with_the_same_secret(
    client: Client, member: User
) -> None:
    _password_step(client, member)
    client.get(ACTIVATE)
    secret = _session_secret(client)
    response = client.post(ACTIVATE, {"code": _wrong_code(secret)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze code klopt niet. Misschien was hij net verlopen" in html
    assert "data-error-summary" in html
    assert _shown_secret(html).replace(" ", "") == secret
    assert not Authenticator.objects.filter(user=member).exists()


def test_an_empty_code_asks_for_the_code_in_dutch(client: Client, member: User) -> None:
    _password_step(client, member)
    client.get(ACTIVATE)
    html = client.post(ACTIVATE, {"code": ""}).content.decode()
    assert "Vul de code uit je app in." in html
    assert not Authenticator.objects.filter(user=member).exists()


def test_a_code_that_expired_long_ago_is_refused_and_one_just_expired_is_accepted(
    client: Client, member: User
) -> None:
    _password_step(client, member)
    client.get(ACTIVATE)
    secret = _session_secret(client)
    old = _code(secret, steps_back=3)
    if old in {_code(secret, back) for back in (-1, 0, 1)}:
        pytest.skip("the old code happens to equal a valid one")
    html = client.post(ACTIVATE, {"code": old}).content.decode()
    assert "Misschien was hij net verlopen" in html
    response = client.post(ACTIVATE, {"code": _code(secret, steps_back=1)})
    assert response.status_code == 302


def test_a_code_typed_with_a_space_is_accepted(client: Client, member: User) -> None:
    _password_step(client, member)
    client.get(ACTIVATE)
    code = _code(_session_secret(client))
    response = client.post(ACTIVATE, {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302
    assert response["Location"] == RECOVERY


@pytest.mark.parametrize("path", [ACTIVATE, RECOVERY, RECOVERY + "download/"])
def test_anonymous_visitors_go_to_the_login(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def _linked(client: Client, user: User) -> None:
    client.get(ACTIVATE)
    response = client.post(ACTIVATE, {"code": _code(_session_secret(client))})
    assert response["Location"] == RECOVERY


def test_the_recovery_codes_page_offers_download_print_and_ga_verder(
    client: Client, member: User, gemeente: Organisation
) -> None:
    _password_step(client, member)
    client.get(f"/o/{gemeente.slug}/signalen/?thema=wonen")  # the page they were going to
    _linked(client, member)
    html = client.get(RECOVERY).content.decode()
    assert "Bewaar je herstelcodes" in html
    assert "Je hebt nog 10 ongebruikte codes." in html
    codes = Authenticator.objects.get(user=member, type="recovery_codes").wrap().get_unused_codes()
    for code in codes:
        assert f"<li><code>{code}</code></li>" in html
    assert f'href="{RECOVERY}download/" download>Codes downloaden (.txt)</a>' in html
    assert '<button type="button" class="button--secondary" data-print>Codes afdrukken' in html
    assert (
        f'<a class="button" href="/o/{gemeente.slug}/signalen/?thema=wonen">Ga verder</a>' in html
    )


def test_ga_verder_leads_to_the_overview_when_nothing_was_asked_for(
    client: Client, own_org: Organisation
) -> None:
    # An initiative member may link an app of their own accord, from the account menu.
    user = UserFactory(email="vrijwilliger@badhuis.test")
    MembershipFactory(user=user, organisation=own_org)
    _password_step(client, user)
    html = client.get(ACTIVATE).content.decode()
    assert "Je bent bijna ingelogd" not in html
    assert "Lukt het nu niet?" not in html
    _linked(client, user)
    html = client.get(RECOVERY).content.decode()
    assert f'<a class="button" href="{reverse("web:dashboard")}">Ga verder</a>' in html


def test_ga_verder_never_leads_to_another_site(client: Client, member: User) -> None:
    _password_step(client, member)
    session = client.session
    session[two_factor.DESTINATION_KEY] = "https://evil.example/"
    session.save()
    _linked(client, member)
    html = client.get(RECOVERY).content.decode()
    assert "evil.example" not in html
    assert f'href="{reverse("web:dashboard")}">Ga verder' in html


def test_form_posts_and_htmx_requests_are_not_remembered_as_destination(
    client: Client, member: User, gemeente: Organisation
) -> None:
    _password_step(client, member)
    client.get(f"/o/{gemeente.slug}/")
    client.post(f"/o/{gemeente.slug}/leden/uitnodigen/", {"email": "x@y.test"})
    client.get(f"/o/{gemeente.slug}/leden/", headers={"HX-Request": "true"})
    assert client.session[two_factor.DESTINATION_KEY] == f"/o/{gemeente.slug}/"


def test_the_download_is_a_dutch_text_file_with_the_codes(client: Client, member: User) -> None:
    _password_step(client, member)
    _linked(client, member)
    response = client.get(RECOVERY + "download/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"].startswith("attachment")
    text = response.content.decode()
    assert text.startswith("Herstelcodes voor Collectief (ambtenaar@almere.test)")
    assert "Elke code werkt één keer." in text
    codes = Authenticator.objects.get(user=member, type="recovery_codes").wrap().get_unused_codes()
    assert all(f"\n{code}\n" in text for code in codes)


def test_nobody_sees_codes_of_someone_else(client: Client, member: User) -> None:
    _password_step(client, member)
    _linked(client, member)
    other = UserFactory(email="ander@almere.test")
    other_client = Client()
    _password_step(other_client, other)
    assert other_client.get(RECOVERY).status_code == 404
    assert other_client.get(RECOVERY + "download/").status_code == 404


def test_a_member_without_the_duty_hears_logged_in_right_after_the_password(
    client: Client, admin: User
) -> None:
    response = client.post(
        reverse("account_login"), {"login": admin.email, "password": PASSWORD}, follow=True
    )
    assert any(m.startswith(LOGGED_IN) for m in _messages(response))


def test_later_logins_say_logged_in_only_after_the_code(client: Client, member: User) -> None:
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(member, secret)
    response = _password_step(client, member)
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.get(reverse("mfa_authenticate"))
    html = response.content.decode()
    assert LOGGED_IN not in html
    assert "Vul de code uit je app in" in html
    assert "Telefoon kwijt? Vul dan een herstelcode in." in html
    assert 'autocomplete="one-time-code"' in html
    response = client.post(reverse("mfa_authenticate"), {"code": _wrong_code(secret)})
    assert "Deze code klopt niet" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post(
        reverse("mfa_authenticate"),
        {"code": _code(secret)},
        follow=True,
    )
    assert client.session["_auth_user_id"] == str(member.pk)
    assert any(m.startswith(LOGGED_IN) for m in _messages(response))


def test_a_new_gemeente_member_goes_from_the_invitation_straight_to_the_set_up(
    client: Client, gemeente: Organisation
) -> None:
    """Having just chosen a password on the invitation page, nobody is asked for it again."""
    from collectief.accounts import services

    inviter = UserFactory(email="beheer@almere.test")
    MembershipFactory(user=inviter, organisation=gemeente, role=Role.ADMIN)
    _, token = services.invite_member(
        gemeente, email="nieuw@almere.test", role=Role.STAFF, by=inviter
    )
    response = client.post(
        reverse("accounts:accept_invitation", args=[token]),
        {
            "name": "Nieuw Lid",
            "password1": "lange-zin-wachtwoord",
            "password2": "lange-zin-wachtwoord",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == ACTIVATE
    html = response.content.decode()
    assert "Inloggen in twee stappen instellen" in html
    assert "Welkom bij Gemeente Almere" in html
    # Back to the page of the organisation after the recovery codes.
    _linked(client, UserFactory(email="nieuw@almere.test"))
    assert f'href="/o/{gemeente.slug}/">Ga verder' in client.get(RECOVERY).content.decode()
