"""Who sees a share (see collectief/accounts/access.py for the general rules).

The organisation that shares sees its shares (any member) and gives or
revokes them (beheerders only: it hands the organisation's results to
another organisation). The organisation it is shared with sees the share
through its own address, while it is active; a revoked share still answers
that organisation with a message, so a person who had it open learns why it
is gone. Anyone else gets 404: nothing is visible without a share.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from collectief.accounts.access import get_organisation_for_user
from collectief.accounts.models import Organisation, Role
from collectief.sharing.models import Share

SHARE_ROLE = Role.ADMIN


def get_given_share_for_user(
    user: Any, organisation_slug: str, share_id: int, *, min_role: str = SHARE_ROLE
) -> Share:
    organisation = get_organisation_for_user(user, organisation_slug, min_role=min_role)
    share = (
        Share.objects.select_related("recipient")
        .filter(pk=share_id, owner=organisation, revoked_at__isnull=True)
        .first()
    )
    if share is None:
        raise Http404
    share.owner = organisation
    return share


def get_received_share_for_user(user: Any, organisation_slug: str, share_id: int) -> Share:
    """A share with this organisation, active or revoked (the page says which)."""
    organisation = get_organisation_for_user(user, organisation_slug)
    share = (
        Share.objects.select_related("owner").filter(pk=share_id, recipient=organisation).first()
    )
    if share is None:
        raise Http404
    share.recipient = organisation
    return share


def received_by(organisation: Organisation) -> Any:
    return Share.objects.active().filter(recipient=organisation).select_related("owner")
