"""Who sees a support request (see collectief/accounts/access.py for the general rules).

The initiative that asked sees its own requests through its own address.
Organisations that pick requests up (wijkteam, welfare organisation,
gemeente: ``HELPING_KINDS``) see the requests in the gemeenten they work in,
except withdrawn ones, so they see too who already has one. Anyone else
gets 404. Changing a picked-up request is for the organisation that has it.
A helper who opens a request that was withdrawn meanwhile is told so
(``RequestWithdrawn``), without the question itself.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from collectief.accounts.access import get_organisation_for_user
from collectief.accounts.models import Organisation, Role
from collectief.signals.access import gemeenten_of
from collectief.support.models import Status, SupportRequest
from collectief.support.roles import ASKING_KINDS, HELPING_KINDS


def get_asking_organisation_for_user(
    user: Any, organisation_slug: str, *, min_role: str = Role.READER
) -> Organisation:
    """A resident initiative the user is a member of (Http404 for other kinds)."""
    organisation = get_organisation_for_user(user, organisation_slug, min_role=min_role)
    if organisation.kind not in ASKING_KINDS:
        raise Http404
    return organisation


def get_helping_organisation_for_user(
    user: Any, organisation_slug: str, *, min_role: str = Role.READER
) -> Organisation:
    """An organisation that picks requests up (Http404 for other kinds)."""
    organisation = get_organisation_for_user(user, organisation_slug, min_role=min_role)
    if organisation.kind not in HELPING_KINDS:
        raise Http404
    return organisation


def requests_for_helper(organisation: Organisation) -> Any:
    """The requests a helping organisation sees: its gemeenten's, not withdrawn."""
    return (
        SupportRequest.objects.in_gemeenten([g.pk for g in gemeenten_of(organisation)])
        .exclude(status=Status.WITHDRAWN)
        .select_related("organisation", "gemeente", "handler", "handler_person")
    )


def get_own_request_for_user(
    user: Any, organisation_slug: str, request_id: int, *, min_role: str = Role.READER
) -> SupportRequest:
    organisation = get_asking_organisation_for_user(user, organisation_slug, min_role=min_role)
    found = (
        SupportRequest.objects.select_related("gemeente", "handler", "handler_person")
        .filter(pk=request_id, organisation=organisation)
        .first()
    )
    if found is None:
        raise Http404
    found.organisation = organisation
    return found


class RequestWithdrawn(Http404):
    """A request in the helper's gemeenten that the initiative withdrew.

    A helper who had it open learns why it is gone (the page answers 410,
    as a revoked share does) instead of a bare "not found"; a view that
    does not catch it answers 404 like any other request it may not see.
    """

    def __init__(self, organisation: Organisation, support_request: SupportRequest) -> None:
        super().__init__()
        self.organisation = organisation
        self.support_request = support_request


def get_request_to_help_for_user(
    user: Any, organisation_slug: str, request_id: int, *, min_role: str = Role.READER
) -> tuple[Organisation, SupportRequest]:
    organisation = get_helping_organisation_for_user(user, organisation_slug, min_role=min_role)
    found = requests_for_helper(organisation).filter(pk=request_id).first()
    if found is None:
        withdrawn = (
            SupportRequest.objects.in_gemeenten([g.pk for g in gemeenten_of(organisation)])
            .filter(pk=request_id, status=Status.WITHDRAWN)
            .select_related("organisation")
            .first()
        )
        if withdrawn is not None:
            raise RequestWithdrawn(organisation, withdrawn)
        raise Http404
    return organisation, found
