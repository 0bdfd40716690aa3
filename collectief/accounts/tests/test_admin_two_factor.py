"""/beheer/ (the Django admin) needs the second factor, by every route (issue 8, point 12)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from collectief.accounts.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    site_staff,
    with_two_factor,
)
from collectief.accounts.models import Organisation, User

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def _admin_urls() -> list[str]:
    """Every page of the admin: the index, each app and each model's list and add page."""
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    labels = set()
    for model in admin.site._registry:
        meta = model._meta
        labels.add(meta.app_label)
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
    urls += [reverse("admin:app_list", args=[label]) for label in sorted(labels)]
    return urls


def _secret(user: User) -> str:
    return str(
        Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        .wrap()
        .instance.data["secret"]
    )


def _current_code(user: User) -> str:
    from allauth.mfa.utils import decrypt

    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(decrypt(_secret(user)), counter))


def _log_in_with_password(client: Client, user: User) -> Any:
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def _log_in_with_both_steps(user: User) -> Client:
    client = Client()
    response = _log_in_with_password(client, user)
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": _current_code(user)})
    assert response.status_code == 302
    return client


def test_every_admin_page_opens_after_both_steps() -> None:
    client = _log_in_with_both_steps(site_staff(superuser=True))
    pages = [url for url in _admin_urls() if url != reverse("admin:password_change")]
    assert len(pages) > 10
    for url in pages:
        # Some models are read-only in the admin (the audit log): their add page is 403.
        expected = (200, 403) if url.endswith("/add/") else (200,)
        assert client.get(url).status_code in expected, url


def test_anonymous_visitors_go_to_the_login_with_two_steps(client: Client) -> None:
    for url in _admin_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url
    response = client.get(reverse("admin:login") + "?next=/beheer/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("account_login") + "?next=%2Fbeheer%2Faccounts%2Fuser%2F"
    )


def test_the_admin_login_form_never_logs_in_with_a_password_alone(client: Client) -> None:
    staff = site_staff(superuser=True)
    response = client.post(reverse("admin:login"), {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_foreign_next_address_is_not_followed(client: Client) -> None:
    response = client.get(reverse("admin:login") + "?next=https://evil.example/")
    assert "evil.example" not in response["Location"]


def test_staff_with_only_a_password_session_must_give_the_code(client: Client) -> None:
    """A session without the app step (made before two-factor, or another way) is not enough."""
    staff = site_staff(superuser=True)
    client.force_login(staff)
    for url in _admin_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url
    response = client.get(reverse("admin:login") + "?next=/beheer/")
    assert response["Location"] == reverse("mfa_reauthenticate") + "?next=%2Fbeheer%2F"
    # Giving the code there opens /beheer/.
    response = client.post(reverse("mfa_reauthenticate"), {"code": _current_code(staff)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_without_two_factor_are_sent_to_set_it_up(client: Client) -> None:
    staff: User = site_staff(superuser=True, totp=False)
    response = _log_in_with_password(client, staff)
    assert response.status_code == 302
    for url in [*_admin_urls(), reverse("admin:login")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp"), url
    # Every other page too: site staff can see everything.
    assert client.get(reverse("web:dashboard"))["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_is_staff_without_superuser_needs_the_second_factor_too(client: Client) -> None:
    staff = site_staff("helpdesk@staff.test", superuser=False)
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 302
    assert _log_in_with_both_steps(staff).get(reverse("admin:index")).status_code == 200


def test_members_who_are_not_staff_get_403_even_with_two_factor() -> None:
    gemeente = OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY)
    user = UserFactory(email="gemeente@member.test")
    MembershipFactory(user=user, organisation=gemeente)
    with_two_factor(user)
    client = _log_in_with_both_steps(user)
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("admin:login"))
    assert client.get(reverse("admin:login")).status_code == 403


def test_the_password_is_changed_through_the_allauth_page() -> None:
    client = _log_in_with_both_steps(site_staff(superuser=True))
    response = client.get(reverse("admin:password_change"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_change_password")
