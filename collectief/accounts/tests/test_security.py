"""Login throttling, two-factor enforcement, CSP and the admin."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Organisation, Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_failed_logins_are_throttled(client, admin):
    login_url = reverse("account_login")
    for _ in range(5):
        client.post(login_url, {"login": admin.email, "password": "wrong"})
    # After five failures for this address even the right password is refused.
    response = client.post(login_url, {"login": admin.email, "password": "correct-horse-battery"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Te veel inlogpogingen" in response.content.decode()


def test_password_reset_is_throttled(client, admin):
    reset_url = reverse("account_reset_password")
    statuses = [client.post(reset_url, {"email": admin.email}).status_code for _ in range(8)]
    assert 429 in statuses


def test_login_with_the_right_password_works(client, admin):
    response = client.post(
        reverse("account_login"), {"login": admin.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("kind", "must_set_up"),
    [
        (Organisation.Kind.NEIGHBOURHOOD_TEAM, True),
        (Organisation.Kind.MUNICIPALITY, True),
        (Organisation.Kind.INITIATIVE, False),
        (Organisation.Kind.WELFARE, False),
    ],
)
def test_two_factor_is_enforced_for_wijkteam_and_gemeente(client_for, kind, must_set_up):
    organisation = OrganisationFactory(kind=kind)
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=Role.READER)
    response = client_for(user).get(
        reverse("accounts:organisation_home", args=[organisation.slug])
    )
    if must_set_up:
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    else:
        assert response.status_code == 200


def test_two_factor_setup_pages_stay_reachable(client_for):
    organisation = OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY)
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation)
    response = client_for(user).get(reverse("mfa_index"))
    assert response.status_code == 200


def test_wrong_totp_code_is_refused(client):
    """A user with TOTP must give a valid code after the password."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = UserFactory()
    TOTP.activate(user, generate_totp_secret())
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_every_page_sends_a_strict_csp(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_no_inline_scripts_or_styles_in_the_base_layout(client):
    body = client.get("/").content.decode()
    assert "<script>" not in body
    assert " style=" not in body
    assert "<style" not in body


def test_django_admin_is_staff_only(client_for, admin):
    assert client_for(admin).get("/beheer/").status_code == 302
    admin.is_staff = True
    admin.is_superuser = True
    admin.save()
    # Staff too need the second step first; test_admin_two_factor.py walks every route.
    assert client_for(admin).get("/beheer/").status_code == 302


def test_there_is_no_open_sign_up(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.test",
            "password1": "lange-zin-wachtwoord",
            "password2": "lange-zin-wachtwoord",
        },
    )
    assert response.status_code == 200
    from collectief.accounts.models import User

    assert not User.objects.filter(email="new@example.test").exists()


def test_csrf_is_enforced_on_forms(admin, own_org):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    response = client.post(
        reverse("accounts:invite", args=[own_org.slug]), {"email": "a@b.test", "role": "lezer"}
    )
    assert response.status_code == 403
