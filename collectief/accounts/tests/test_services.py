from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from collectief.accounts import services
from collectief.accounts.models import Invitation, Membership, Organisation, Role, User
from collectief.audit.models import AuditEvent
from collectief.lib.errors import ServiceError

pytestmark = pytest.mark.django_db


def test_create_organisation_makes_the_creator_admin_and_audits(admin):
    organisation = services.create_organisation(
        name="Buurtkamer",
        slug="buurtkamer",
        kind=Organisation.Kind.INITIATIVE,
        by=admin,
        admin=admin,
    )
    assert Membership.objects.get(organisation=organisation, user=admin).role == Role.ADMIN
    event = AuditEvent.objects.get(action="organisation.create")
    assert (event.actor, event.object_id) == (admin, str(organisation.pk))


def test_create_organisation_refuses_a_taken_slug(own_org, admin):
    with pytest.raises(ServiceError, match="is\\ al\\ in\\ gebruik") as error:
        services.create_organisation(name="X", slug=own_org.slug, kind="overig", by=admin)
    assert error.value.field == "slug"
    assert Organisation.objects.filter(slug=own_org.slug).count() == 1


def test_update_organisation_records_the_changed_fields(own_org, admin):
    services.update_organisation(own_org, by=admin, tagline="Samen sterk")
    own_org.refresh_from_db()
    assert own_org.tagline == "Samen sterk"
    assert AuditEvent.objects.get(action="organisation.update").details == {"fields": ["tagline"]}


def test_invitation_sends_a_link_and_stores_only_a_hash(
    django_capture_on_commit_callbacks, own_org, admin
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invite_member(
            own_org, email="New@Example.test", role=Role.READER, by=admin
        )
    assert invitation.email == "new@example.test"
    assert token not in invitation.token_hash
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body


def test_inviting_a_member_again_is_refused(own_org, admin, staff):
    with pytest.raises(ServiceError, match="is\\ al\\ lid\\ van"):
        services.invite_member(own_org, email=staff.email, role=Role.READER, by=admin)


def test_a_new_invitation_replaces_the_open_one(own_org, admin):
    _first, first_token = services.invite_member(
        own_org, email="a@b.test", role=Role.READER, by=admin
    )
    services.invite_member(own_org, email="a@b.test", role=Role.STAFF, by=admin)
    with pytest.raises(ServiceError, match=r"withdrawn|ingetrokken"):
        services.find_open_invitation(first_token)


def test_accepting_creates_the_account_and_the_membership(own_org, admin):
    _, token = services.invite_member(
        own_org, email="new@example.test", role=Role.READER, by=admin
    )
    membership = services.accept_invitation(token, name="Nieuw", password="a-long-passphrase")
    assert membership.role == Role.READER
    assert membership.user.check_password("a-long-passphrase")


def test_an_invitation_works_only_once(own_org, admin):
    _, token = services.invite_member(
        own_org, email="new@example.test", role=Role.READER, by=admin
    )
    services.accept_invitation(token, name="Nieuw", password="a-long-passphrase")
    with pytest.raises(ServiceError, match="uitnodiging\\ is\\ al\\ gebruikt"):
        services.accept_invitation(token, name="Nieuw", password="a-long-passphrase")
    assert User.objects.filter(email="new@example.test").count() == 1


def test_an_expired_invitation_is_refused(own_org, admin):
    _, token = services.invite_member(
        own_org, email="new@example.test", role=Role.READER, by=admin
    )
    with (
        time_machine.travel(timezone.now() + timedelta(days=8)),
        pytest.raises(ServiceError, match=r"expired|verlopen"),
    ):
        services.accept_invitation(token, name="Nieuw", password="a-long-passphrase")
    assert not User.objects.filter(email="new@example.test").exists()


def test_an_unknown_token_is_refused():
    with pytest.raises(ServiceError, match="uitnodigingslink\\ klopt\\ niet"):
        services.find_open_invitation("made-up")


def test_an_existing_user_must_log_in_to_accept(own_org, admin, outsider):
    _, token = services.invite_member(own_org, email=outsider.email, role=Role.READER, by=admin)
    with pytest.raises(ServiceError, match="Er\\ is\\ al\\ een\\ account\\ voor"):
        services.accept_invitation(token, name="x", password="a-long-passphrase")
    membership = services.accept_invitation(token, user=outsider)
    assert membership.organisation == own_org


def test_the_last_admin_cannot_leave_or_be_demoted(own_org, admin):
    membership = Membership.objects.get(user=admin)
    with pytest.raises(ServiceError, match="minstens\\ één\\ beheerder\\ nodig"):
        services.remove_membership(membership, by=admin)
    with pytest.raises(ServiceError, match="minstens\\ één\\ beheerder\\ nodig"):
        services.change_role(membership, role=Role.READER, by=admin)
    assert Membership.objects.get(pk=membership.pk).role == Role.ADMIN


def test_members_can_leave_and_are_audited(own_org, admin, staff):
    services.remove_membership(Membership.objects.get(user=staff), by=staff)
    assert not Membership.objects.filter(user=staff).exists()
    assert AuditEvent.objects.filter(action="membership.leave").exists()


def test_revoke_invitation(own_org, admin):
    invitation, token = services.invite_member(
        own_org, email="x@y.test", role=Role.READER, by=admin
    )
    services.revoke_invitation(invitation, by=admin)
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None
    with pytest.raises(ServiceError, match="uitnodiging\\ is\\ ingetrokken"):
        services.accept_invitation(token, name="x", password="a-long-passphrase")


# --- invitations bind to their address (issue 8, point 10) ---------------------


def test_a_user_with_another_address_cannot_accept(own_org, admin, outsider):
    invitation, token = services.invite_member(
        own_org, email="invited@example.test", role=Role.STAFF, by=admin
    )
    with pytest.raises(ServiceError, match=r"invited@example\.test"):
        services.accept_invitation(token, user=outsider)
    assert not Membership.objects.filter(user=outsider, organisation=own_org).exists()
    # The invitation is still usable for the right person.
    assert services.find_open_invitation(token) == invitation


def test_the_address_is_compared_without_case(own_org, admin, outsider):
    _, token = services.invite_member(
        own_org, email=outsider.email.upper(), role=Role.STAFF, by=admin
    )
    assert services.accept_invitation(token, user=outsider).organisation == own_org


def test_an_added_unconfirmed_address_does_not_count(own_org, admin, outsider):
    from allauth.account.models import EmailAddress

    # The user typed the invited address on allauth's e-mail page and made it
    # the login address without confirming it.
    outsider.email = "invited@example.test"
    outsider.save()
    EmailAddress.objects.create(
        user=outsider, email="invited@example.test", verified=False, primary=True
    )
    _, token = services.invite_member(
        own_org, email="invited@example.test", role=Role.STAFF, by=admin
    )
    with pytest.raises(ServiceError, match="maar\\ je\\ bent\\ ingelogd\\ als"):
        services.accept_invitation(token, user=outsider)


def test_a_new_account_gets_the_invited_address_as_verified(own_org, admin):
    from allauth.account.models import EmailAddress

    _, token = services.invite_member(
        own_org, email="Nieuw@Example.test", role=Role.READER, by=admin
    )
    membership = services.accept_invitation(token, name="Nieuw", password="a-long-passphrase")
    assert membership.user.email == "nieuw@example.test"
    assert EmailAddress.objects.get(user=membership.user).verified
