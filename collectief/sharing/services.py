"""Writes of sharing: give and revoke, each in a transaction with an audit record."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation
from collectief.audit.services import record_event
from collectief.lib.errors import ServiceError
from collectief.sharing.models import LABEL_MAX_LENGTH, Share
from collectief.sharing.registry import get_kind


@transaction.atomic
def share_result(
    owner: Organisation, *, by: Any, kind: str, object_id: str, recipient: Organisation
) -> Share:
    """Share one result the owner has now with one other organisation.

    Refuses an unknown kind, an object that is not the owner's (``options``
    of the kind decide), the owner itself and a result already shared with
    this organisation.
    """
    share_kind = get_kind(kind)
    if share_kind is None:
        raise ServiceError(_("Choose what you want to share from the list."), field="what")
    found = next((o for o in share_kind.options(owner) if o.object_id == object_id), None)
    if found is None:
        raise ServiceError(_("Choose what you want to share from the list."), field="what")
    if recipient.pk == owner.pk:
        raise ServiceError(_("Choose another organisation than your own."), field="recipient")
    if (
        Share.objects.active()
        .filter(owner=owner, recipient=recipient, kind=kind, object_id=object_id)
        .exists()
    ):
        raise ServiceError(
            _("This is already shared with %(name)s.") % {"name": recipient.name},
            field="recipient",
        )
    try:
        with transaction.atomic():
            share = Share.objects.create(
                owner=owner,
                recipient=recipient,
                kind=kind,
                object_id=object_id,
                label=found.label[:LABEL_MAX_LENGTH],
                created_by=by,
            )
    except IntegrityError:
        raise ServiceError(
            _("This is already shared with %(name)s.") % {"name": recipient.name},
            field="recipient",
        ) from None
    record_event(
        "sharing.share.give",
        share,
        by=by,
        organisation_id=owner.pk,
        details={"kind": kind, "object": object_id, "recipient": recipient.slug},
    )
    return share


@transaction.atomic
def revoke_share(share: Share, *, by: Any) -> Share:
    """Stop sharing; the row stays with the date, and the recipient is told it was revoked."""
    share = (
        Share.objects.select_for_update(of=("self",)).select_related("recipient").get(pk=share.pk)
    )
    if share.revoked_at is not None:
        raise ServiceError(_("This share has been revoked already."))
    share.revoked_at = timezone.now()
    share.revoked_by = by
    share.save(update_fields=["revoked_at", "revoked_by"])
    record_event(
        "sharing.share.revoke",
        share,
        by=by,
        organisation_id=share.owner_id,
        details={"kind": share.kind, "object": share.object_id, "recipient": share.recipient.slug},
    )
    return share
