"""Views of organisations and members: happy path, anonymous, outsider, role, bad input."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from collectief.accounts import services
from collectief.accounts.models import Invitation, Membership, Role, User
from collectief.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"accounts:{name}", args=args)


# --- organisation home -------------------------------------------------------


@pytest.mark.parametrize("persona", ["admin", "staff", "reader"])
def test_members_see_their_organisation(request, client_for, own_org, persona):
    response = client_for(request.getfixturevalue(persona)).get(
        url("organisation_home", own_org.slug)
    )
    assert response.status_code == 200
    assert own_org.name in response.content.decode()


def test_anonymous_users_are_sent_to_login(client, own_org):
    response = client.get(url("organisation_home", own_org.slug))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_outsiders_get_404(client_for, own_org, outsider):
    assert client_for(outsider).get(url("organisation_home", own_org.slug)).status_code == 404


# --- public profile ----------------------------------------------------------


def test_public_profile_is_visible_to_everyone(client, own_org):
    own_org.public_description = "Wij zijn er voor de buurt."
    own_org.save()
    response = client.get(url("organisation_profile", own_org.slug))
    assert response.status_code == 200
    assert "Wij zijn er voor de buurt." in response.content.decode()


def test_private_profile_is_hidden(client, own_org):
    own_org.is_public = False
    own_org.save()
    assert client.get(url("organisation_profile", own_org.slug)).status_code == 404


# --- profile editing ---------------------------------------------------------


def test_admin_edits_the_profile(client_for, own_org, admin):
    response = client_for(admin).post(
        url("edit_profile", own_org.slug),
        {"name": "Nieuwe naam", "tagline": "Samen", "public_description": "", "is_public": "on"},
    )
    assert response.status_code == 302
    own_org.refresh_from_db()
    assert (own_org.name, own_org.tagline) == ("Nieuwe naam", "Samen")
    assert AuditEvent.objects.filter(action="organisation.update", actor=admin).exists()


@pytest.mark.parametrize("persona", ["staff", "reader"])
def test_non_admins_cannot_edit_the_profile(request, client_for, own_org, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url("edit_profile", own_org.slug)).status_code == 403
    assert client.post(url("edit_profile", own_org.slug), {"name": "x"}).status_code == 403


def test_profile_form_reshows_input_with_a_dutch_error(client_for, own_org, admin):
    response = client_for(admin).post(
        url("edit_profile", own_org.slug),
        {"name": "", "tagline": "Mijn slogan", "website": "geen url"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mijn slogan" in body
    assert "data-error-summary" in body
    own_org.refresh_from_db()
    assert own_org.tagline == ""


# --- members and invitations -------------------------------------------------


@pytest.mark.parametrize("persona", ["admin", "staff", "reader"])
def test_members_list_is_visible_to_every_member(request, client_for, own_org, admin, persona):
    response = client_for(request.getfixturevalue(persona)).get(url("members", own_org.slug))
    assert response.status_code == 200
    assert admin.email in response.content.decode()


def test_members_list_is_hidden_from_outsiders_and_anonymous(
    client, client_for, own_org, outsider
):
    assert client_for(outsider).get(url("members", own_org.slug)).status_code == 404
    assert client.get(url("members", own_org.slug)).status_code == 302


def test_admin_invites_by_email(client_for, own_org, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(
            url("invite", own_org.slug), {"email": "nieuw@example.test", "role": Role.STAFF}
        )
    assert response.status_code == 302
    assert Invitation.objects.filter(email="nieuw@example.test", role=Role.STAFF).exists()
    assert mail.outbox[0].to == ["nieuw@example.test"]


@pytest.mark.parametrize("persona", ["staff", "reader"])
def test_non_admins_cannot_invite(request, client_for, own_org, persona):
    response = client_for(request.getfixturevalue(persona)).post(
        url("invite", own_org.slug), {"email": "x@example.test", "role": Role.ADMIN}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_invite_rejects_bad_input_and_existing_members(client_for, own_org, admin, staff):
    client = client_for(admin)
    response = client.post(url("invite", own_org.slug), {"email": "geen-adres", "role": "baas"})
    assert response.status_code == 200
    assert "geen-adres" in response.content.decode()
    response = client.post(
        url("invite", own_org.slug), {"email": staff.email, "role": Role.READER}
    )
    assert "al lid" in response.content.decode()
    assert not Invitation.objects.exists()


def test_accepting_an_invitation_creates_an_account_and_logs_in(client, own_org, admin):
    _, token = services.invite_member(
        own_org, email="nieuw@example.test", role=Role.READER, by=admin
    )
    page = client.get(url("accept_invitation", token))
    assert page.status_code == 200
    response = client.post(
        url("accept_invitation", token),
        {
            "name": "Nieuw Lid",
            "password1": "lange-zin-als-wachtwoord",
            "password2": "lange-zin-als-wachtwoord",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.test")
    assert Membership.objects.get(user=user).role == Role.READER
    assert client.get(url("organisation_home", own_org.slug)).status_code == 200


def test_accepting_with_mismatched_passwords_keeps_the_name(client, own_org, admin):
    _, token = services.invite_member(
        own_org, email="nieuw@example.test", role=Role.READER, by=admin
    )
    response = client.post(
        url("accept_invitation", token),
        {"name": "Nieuw Lid", "password1": "lange-zin-als-wachtwoord", "password2": "anders"},
    )
    assert response.status_code == 400
    assert "Nieuw Lid" in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.test").exists()


def test_a_reused_invitation_link_says_so(client, own_org, admin):
    _, token = services.invite_member(
        own_org, email="nieuw@example.test", role=Role.READER, by=admin
    )
    services.accept_invitation(token, name="x", password="lange-zin-als-wachtwoord")
    response = client.get(url("accept_invitation", token))
    assert response.status_code == 410
    assert "al gebruikt" in response.content.decode()


def test_a_logged_in_user_accepts_with_one_click(client_for, own_org, admin, outsider):
    _, token = services.invite_member(own_org, email=outsider.email, role=Role.STAFF, by=admin)
    response = client_for(outsider).post(url("accept_invitation", token))
    assert response.status_code == 302
    assert Membership.objects.get(user=outsider, organisation=own_org).role == Role.STAFF


def test_admin_revokes_an_invitation(client_for, own_org, admin):
    invitation, _ = services.invite_member(
        own_org, email="x@example.test", role=Role.READER, by=admin
    )
    response = client_for(admin).post(url("revoke_invitation", own_org.slug, invitation.pk))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_revoke_needs_post_and_admin(client_for, own_org, admin, staff):
    invitation, _ = services.invite_member(
        own_org, email="x@example.test", role=Role.READER, by=admin
    )
    assert (
        client_for(admin).get(url("revoke_invitation", own_org.slug, invitation.pk)).status_code
        == 405
    )
    assert (
        client_for(staff).post(url("revoke_invitation", own_org.slug, invitation.pk)).status_code
        == 403
    )


def test_admin_changes_a_role(client_for, own_org, admin, staff):
    membership = Membership.objects.get(user=staff)
    response = client_for(admin).post(
        url("change_role", own_org.slug, membership.pk), {"role": Role.READER}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.READER


def test_the_last_admin_cannot_demote_themselves(client_for, own_org, admin):
    membership = Membership.objects.get(user=admin)
    response = client_for(admin).post(
        url("change_role", own_org.slug, membership.pk), {"role": Role.READER}
    )
    assert response.status_code == 200
    assert "minstens één beheerder" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_staff_cannot_change_roles(client_for, own_org, admin, staff):
    membership = Membership.objects.get(user=admin)
    response = client_for(staff).post(
        url("change_role", own_org.slug, membership.pk), {"role": Role.READER}
    )
    assert response.status_code == 403


def test_member_leaves_after_confirmation(client_for, own_org, admin, reader):
    membership = Membership.objects.get(user=reader)
    client = client_for(reader)
    assert client.get(url("remove_member", own_org.slug, membership.pk)).status_code == 200
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = client.post(url("remove_member", own_org.slug, membership.pk))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_admin_removes_a_member_but_outsider_cannot(client_for, own_org, admin, staff, outsider):
    membership = Membership.objects.get(user=staff)
    assert (
        client_for(outsider).post(url("remove_member", own_org.slug, membership.pk)).status_code
        == 404
    )
    assert (
        client_for(admin).post(url("remove_member", own_org.slug, membership.pk)).status_code
        == 302
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_last_admin_cannot_leave(client_for, own_org, admin):
    membership = Membership.objects.get(user=admin)
    response = client_for(admin).post(url("remove_member", own_org.slug, membership.pk))
    assert response.status_code == 400
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_audit_log_is_for_admins_only(client_for, own_org, admin, staff):
    services.update_organisation(own_org, by=admin, tagline="x")
    response = client_for(admin).get(url("audit_log", own_org.slug))
    assert response.status_code == 200
    assert "organisation.update" in response.content.decode()
    assert client_for(staff).get(url("audit_log", own_org.slug)).status_code == 403


def test_organisation_switcher_lists_every_membership(client_for, own_org, other_org, admin):
    Membership.objects.create(user=admin, organisation=other_org, role=Role.READER)
    body = client_for(admin).get(url("organisation_home", own_org.slug)).content.decode()
    assert other_org.name in body
    assert 'class="switcher"' in body


# --- only safe web addresses (issue 8 point 8) -------------------------------


@pytest.mark.parametrize(
    "website",
    ["javascript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,x"],
)
def test_profile_refuses_a_website_that_is_not_http(client_for, own_org, admin, website):
    response = client_for(admin).post(
        url("edit_profile", own_org.slug),
        {"name": own_org.name, "tagline": "Samen", "website": website, "is_public": "on"},
    )
    assert response.status_code == 200
    assert "is hier niet toegestaan" in response.content.decode() or (
        "onzichtbare tekens" in response.content.decode()
    )
    own_org.refresh_from_db()
    assert own_org.website == ""


def test_profile_completes_a_bare_host_name(client_for, own_org, admin):
    response = client_for(admin).post(
        url("edit_profile", own_org.slug),
        {"name": own_org.name, "website": "www.hetbadhuis.nl", "is_public": "on"},
    )
    assert response.status_code == 302
    own_org.refresh_from_db()
    assert own_org.website == "https://www.hetbadhuis.nl"


def test_an_unsafe_stored_website_is_never_a_link(client, own_org):
    # Data from before the check, or written around it (a raw UPDATE).
    type(own_org).objects.filter(pk=own_org.pk).update(website="javascript:alert(1)")
    body = client.get(url("organisation_profile", own_org.slug)).content.decode()
    assert "javascript:" not in body
    data = client.get(f"/api/v1/organisations/{own_org.slug}/").json()
    assert data["website"] == ""
    type(own_org).objects.filter(pk=own_org.pk).update(website="https://www.hetbadhuis.nl")
    body = client.get(url("organisation_profile", own_org.slug)).content.decode()
    assert 'href="https://www.hetbadhuis.nl"' in body


# --- invitations bind to their address (issue 8, point 10) ---------------------


def test_a_logged_in_user_with_another_address_is_refused(client_for, own_org, admin, outsider):
    _, token = services.invite_member(
        own_org, email="bedoeld@example.test", role=Role.STAFF, by=admin
    )
    client = client_for(outsider)
    for response in (
        client.get(url("accept_invitation", token)),
        client.post(url("accept_invitation", token)),
    ):
        assert response.status_code == 403
        page = response.content.decode()
        assert "bedoeld@example.test" in page
        assert "Log uit" in page
    assert not Membership.objects.filter(user=outsider, organisation=own_org).exists()
    invitation = Invitation.objects.get(email="bedoeld@example.test")
    assert invitation.is_open


def test_logging_out_from_the_refusal_returns_to_the_invitation(
    client_for, own_org, admin, outsider
):
    _, token = services.invite_member(
        own_org, email="bedoeld@example.test", role=Role.STAFF, by=admin
    )
    client = client_for(outsider)
    response = client.post(reverse("account_logout"), {"next": url("accept_invitation", token)})
    assert response["Location"] == url("accept_invitation", token)
    # Now anonymous: the sign-up form for the invited address.
    page = client.get(url("accept_invitation", token))
    assert page.status_code == 200
    assert "bedoeld@example.test" in page.content.decode()


def test_the_right_person_accepts_after_someone_else_was_refused(
    client, client_for, own_org, admin, outsider
):
    _, token = services.invite_member(
        own_org, email="bedoeld@example.test", role=Role.STAFF, by=admin
    )
    assert client_for(outsider).post(url("accept_invitation", token)).status_code == 403
    response = client.post(
        url("accept_invitation", token),
        {
            "name": "Bedoeld Lid",
            "password1": "lange-zin-als-wachtwoord",
            "password2": "lange-zin-als-wachtwoord",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(organisation=own_org, user__email="bedoeld@example.test")


def test_signing_up_cannot_choose_another_address(client, own_org, admin):
    _, token = services.invite_member(
        own_org, email="bedoeld@example.test", role=Role.READER, by=admin
    )
    response = client.post(
        url("accept_invitation", token),
        {
            "email": "iemand-anders@example.test",
            "name": "Iemand",
            "password1": "lange-zin-als-wachtwoord",
            "password2": "lange-zin-als-wachtwoord",
        },
    )
    assert response.status_code == 302
    assert not User.objects.filter(email="iemand-anders@example.test").exists()
    assert Membership.objects.get(organisation=own_org, role=Role.READER).user.email == (
        "bedoeld@example.test"
    )


def test_an_expired_invitation_is_refused_even_for_the_right_person(client, own_org, admin):
    from datetime import timedelta

    from django.utils import timezone

    invitation, token = services.invite_member(
        own_org, email="bedoeld@example.test", role=Role.READER, by=admin
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(url("accept_invitation", token))
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()


def test_a_used_invitation_is_refused_to_the_right_logged_in_person(
    client_for, own_org, admin, outsider
):
    _, token = services.invite_member(own_org, email=outsider.email, role=Role.STAFF, by=admin)
    client = client_for(outsider)
    assert client.post(url("accept_invitation", token)).status_code == 302
    response = client.post(url("accept_invitation", token))
    assert response.status_code == 410
    assert "al gebruikt" in response.content.decode()
