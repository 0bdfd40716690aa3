"""Writes for organisations, members and invitations.

Every function here runs in a transaction, writes the audit log and takes
the acting user as the keyword argument ``by``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.accounts.models import (
    Invitation,
    Membership,
    Organisation,
    Role,
    User,
    hash_token,
)
from collectief.areas.models import Area
from collectief.audit.services import record_event
from collectief.jobs.mail import send_mail_later
from collectief.lib.errors import ServiceError

PROFILE_FIELDS = ("name", "tagline", "public_description", "website", "email", "is_public")


@transaction.atomic
def create_organisation(
    *,
    name: str,
    slug: str,
    kind: str,
    by: Any,
    areas: Iterable[Area] = (),
    admin: User | None = None,
    **profile: Any,
) -> Organisation:
    """Create an organisation; ``admin`` (if given) becomes its first beheerder."""
    if Organisation.objects.filter(slug=slug).exists():
        raise ServiceError(
            _("The short name %(slug)s is already taken.") % {"slug": slug}, field="slug"
        )
    organisation = Organisation.objects.create(name=name, slug=slug, kind=kind, **profile)
    organisation.areas.set(list(areas))
    if admin is not None:
        Membership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
    record_event("organisation.create", organisation, by=by, organisation_id=organisation.pk)
    return organisation


@transaction.atomic
def update_organisation(
    organisation: Organisation, *, by: Any, areas: Iterable[Area] | None = None, **changes: Any
) -> Organisation:
    """Change the public profile of an organisation."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {sorted(unknown)}")
    changed = {k: v for k, v in changes.items() if getattr(organisation, k) != v}
    for key, value in changed.items():
        setattr(organisation, key, value)
    if changed:
        organisation.save(update_fields=list(changed))
    if areas is not None:
        organisation.areas.set(list(areas))
    record_event(
        "organisation.update",
        organisation,
        by=by,
        organisation_id=organisation.pk,
        details={"fields": sorted(changed)},
    )
    return organisation


def _invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:accept_invitation", args=[token])


@transaction.atomic
def invite_member(
    organisation: Organisation, *, email: str, role: str, by: Any
) -> tuple[Invitation, str]:
    """Invite someone by e-mail. Returns the invitation and its secret token.

    The token is only ever in the e-mail; the database keeps its hash.
    """
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ServiceError(
            _("%(email)s is already a member of %(organisation)s.")
            % {"email": email, "organisation": organisation.name},
            field="email",
        )
    # A new invitation replaces an open one for the same address.
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at=None, revoked_at=None
    ).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=by if getattr(by, "is_authenticated", False) else None,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    record_event(
        "invitation.create",
        invitation,
        by=by,
        organisation_id=organisation.pk,
        details={"email": email, "role": role},
    )
    context = {
        "organisation": organisation,
        "inviter": by,
        "url": _invitation_url(token),
        "days": settings.INVITATION_VALID_DAYS,
        "role": invitation.get_role_display(),
    }
    subject = _("Invitation to join %(organisation)s on Collectief") % {
        "organisation": organisation.name
    }
    body = render_to_string("accounts/email/invitation.txt", context)
    send_mail_later(subject, body, [email])
    return invitation, token


def find_open_invitation(token: str) -> Invitation:
    """The invitation for this token, or a ServiceError saying why not."""
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise ServiceError(_("This invitation link is not valid. Ask for a new invitation."))
    if invitation.accepted_at is not None:
        raise ServiceError(_("This invitation has already been used. Log in instead."))
    if invitation.revoked_at is not None:
        raise ServiceError(_("This invitation was withdrawn. Ask for a new invitation."))
    if invitation.expires_at <= timezone.now():
        raise ServiceError(_("This invitation has expired. Ask for a new invitation."))
    return invitation


def has_verified_address(user: User, email: str) -> bool:
    """Whether ``email`` is the user's own, checked address (case-insensitive).

    Only the login address counts, and not when the user added it through
    allauth's e-mail page without confirming it: that address was typed, not
    proven. An address set by an administrator or proven by an invitation
    link counts as checked.
    """
    if (user.email or "").strip().lower() != email.strip().lower():
        return False
    return not EmailAddress.objects.filter(user=user, email__iexact=email, verified=False).exists()


def check_invitation_address(invitation: Invitation, user: User) -> None:
    """Refuse when the logged-in user is not the person the invitation was sent to.

    The link may have been forwarded or seen by someone else; it only works
    for the invited address, and stays usable for that person.
    """
    if not has_verified_address(user, invitation.email):
        raise ServiceError(
            _(
                "This invitation was sent to %(invited)s, but you are logged in as "
                "%(current)s. Log out and log in (or create an account) with %(invited)s "
                "to accept it."
            )
            % {"invited": invitation.email, "current": user.email}
        )


@transaction.atomic
def accept_invitation(
    token: str, *, user: User | None = None, name: str = "", password: str = ""
) -> Membership:
    """Accept an invitation, as a logged-in user or by creating an account.

    A logged-in user must have the invited address; a new account always
    gets the invited address (the form has no address field).

    The row is locked so that two clicks on the same link cannot create two
    memberships or two accounts.
    """
    invitation = find_open_invitation(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ServiceError(_("This invitation has already been used. Log in instead."))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ServiceError(
                _(
                    "An account for %(email)s already exists. Log in first, then open the link again."
                )
                % {"email": invitation.email}
            )
        user = User.objects.create_user(invitation.email, password, name=name)
        # Opening the link from the e-mail proves the address.
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    else:
        check_invitation_address(invitation, user)
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    record_event(
        "membership.create" if created else "invitation.accept",
        membership,
        by=user,
        organisation_id=invitation.organisation_id,
        details={"role": membership.role, "invitation": invitation.pk},
    )
    return membership


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, by: Any) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record_event(
            "invitation.revoke", invitation, by=by, organisation_id=invitation.organisation_id
        )


def _ensure_another_admin(membership: Membership) -> None:
    others = Membership.objects.filter(
        organisation=membership.organisation, role=Role.ADMIN
    ).exclude(pk=membership.pk)
    if membership.role == Role.ADMIN and not others.exists():
        raise ServiceError(
            _(
                "%(organisation)s needs at least one administrator. Make someone else administrator first."
            )
            % {"organisation": membership.organisation.name}
        )


@transaction.atomic
def change_role(membership: Membership, *, role: str, by: Any) -> Membership:
    if role != Role.ADMIN:
        _ensure_another_admin(membership)
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    record_event(
        "membership.change_role",
        membership,
        by=by,
        organisation_id=membership.organisation_id,
        details={"from": old, "to": role},
    )
    return membership


@transaction.atomic
def remove_membership(membership: Membership, *, by: Any) -> None:
    """Remove a member, or leave when ``by`` is the member."""
    _ensure_another_admin(membership)
    action = (
        "membership.leave"
        if membership.user_id == getattr(by, "pk", None)
        else "membership.remove"
    )
    record_event(
        action,
        membership,
        by=by,
        organisation_id=membership.organisation_id,
        details={"user": membership.user.email},
    )
    membership.delete()
