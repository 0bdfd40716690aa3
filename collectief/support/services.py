"""Writes of the scharrelruimte, each in a transaction with an audit record.

The audit details name the kind and status, never the texts. When a helper
picks a request up, marks it arranged or gives it back, the initiative's
members get an e-mail (sent by the worker once the transaction commits), so
that they need not keep looking at the page to learn that someone has it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from collectief.accounts.models import Membership, Organisation
from collectief.areas.models import Area
from collectief.audit.services import record_event
from collectief.jobs.mail import send_mail_later
from collectief.lib.errors import ServiceError
from collectief.signals.access import gemeenten_of
from collectief.support.models import (
    NOTE_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    Kind,
    Status,
    SupportRequest,
)
from collectief.support.roles import ASKING_KINDS, HELPING_KINDS


def _text(value: str, field: str, max_length: int, *, required: bool = False) -> str:
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise ServiceError(_("This field is required."), field=field)
    if len(value) > max_length:
        raise ServiceError(_("Use at most %(max)d characters.") % {"max": max_length}, field=field)
    return value


def _locked(support_request: SupportRequest) -> SupportRequest:
    return (
        SupportRequest.objects.select_for_update(of=("self",))
        .select_related("organisation", "handler")
        .get(pk=support_request.pk)
    )


def initiative_recipients(organisation: Organisation) -> list[str]:
    """Every member of the initiative: the question is theirs, whatever their role."""
    emails = Membership.objects.filter(organisation=organisation).values_list(
        "user__email", flat=True
    )
    return sorted({e for e in emails if e}) or ([organisation.email] if organisation.email else [])


def tell_initiative(support_request: SupportRequest, helper: Organisation) -> bool:
    """E-mail the initiative the new status and the helper who set it; False without an address.

    The helper is passed in rather than read from the request, because a
    request that was given back names no helper any more.

    Rendered in the site's language (the initiative's members may each use
    another one, and the e-mail is one for all of them).
    """
    recipients = initiative_recipients(support_request.organisation)
    if not recipients:
        return False
    with override(settings.LANGUAGE_CODE):
        context = {
            "item": support_request,
            "helper": helper,
            "url": settings.SITE_URL
            + reverse(
                "support:detail", args=[support_request.organisation.slug, support_request.pk]
            ),
        }
        subject = {
            Status.PICKED_UP: _("%(name)s has picked up your question"),
            Status.DONE: _("%(name)s has arranged your question"),
        }.get(
            Status(support_request.status),
            _("%(name)s gave your question back: it is waiting for someone to pick it up"),
        ) % {"name": helper.name}
        body = render_to_string("support/email/status.txt", context)
    send_mail_later(subject, body, recipients)
    return True


@transaction.atomic
def ask_support(
    organisation: Organisation, *, by: Any, gemeente: Area, kind: str, question: str
) -> SupportRequest:
    """A resident initiative asks for support in a gemeente it works in."""
    if organisation.kind not in ASKING_KINDS:
        raise ServiceError(_("Only resident initiatives ask for support here."))
    if kind not in Kind.values:
        raise ServiceError(_("Choose what you need from the list."), field="kind")
    if gemeente.pk not in {g.pk for g in gemeenten_of(organisation)}:
        raise ServiceError(_("Choose a gemeente your initiative works in."), field="gemeente")
    support_request = SupportRequest.objects.create(
        organisation=organisation,
        gemeente=gemeente,
        kind=kind,
        question=_text(question, "question", QUESTION_MAX_LENGTH, required=True),
        created_by=by,
    )
    record_event(
        "support.request.ask",
        support_request,
        by=by,
        organisation_id=organisation.pk,
        details={"kind": kind, "gemeente": gemeente.code},
    )
    return support_request


@transaction.atomic
def pick_up_request(
    support_request: SupportRequest, helper: Organisation, *, by: Any, note: str = ""
) -> SupportRequest:
    """A sociaal werker or the gemeente takes the request; the initiative sees who."""
    if helper.kind not in HELPING_KINDS:
        raise ServiceError(_("Only sociaal werkers and the gemeente pick up requests."))
    support_request = _locked(support_request)
    if support_request.status == Status.WITHDRAWN:
        raise ServiceError(_("The initiative has withdrawn this request."))
    if support_request.status != Status.OPEN:
        assert support_request.handler is not None
        raise ServiceError(
            _("%(name)s has already picked up this request.")
            % {"name": support_request.handler.name}
        )
    support_request.status = Status.PICKED_UP
    support_request.handler = helper
    support_request.handler_person = by
    support_request.note = _text(note, "note", NOTE_MAX_LENGTH)
    support_request.save()
    record_event(
        "support.request.pick_up",
        support_request,
        by=by,
        organisation_id=helper.pk,
        details={"initiative": support_request.organisation.slug},
    )
    tell_initiative(support_request, helper)
    return support_request


@transaction.atomic
def update_request(
    support_request: SupportRequest,
    helper: Organisation,
    *,
    by: Any,
    status: str,
    note: str = "",
) -> SupportRequest:
    """The organisation that has the request: still busy, arranged, or give it back (open)."""
    support_request = _locked(support_request)
    if support_request.handler_id != helper.pk or support_request.status not in (
        Status.PICKED_UP,
        Status.DONE,
    ):
        raise ServiceError(_("Your organisation does not have this request (any more)."))
    if status not in (Status.OPEN, Status.PICKED_UP, Status.DONE):
        raise ServiceError(_("Choose a status from the list."), field="status")
    old = support_request.status
    support_request.status = status
    support_request.note = _text(note, "note", NOTE_MAX_LENGTH)
    if status == Status.OPEN:
        support_request.handler = None
        support_request.handler_person = None
    else:
        support_request.handler_person = by
    support_request.save()
    record_event(
        "support.request.update",
        support_request,
        by=by,
        organisation_id=helper.pk,
        details={"from": old, "to": status},
    )
    # A changed status is news for the initiative; a new note alone is not worth an e-mail.
    if status != old:
        tell_initiative(support_request, helper)
    return support_request


@transaction.atomic
def withdraw_request(support_request: SupportRequest, *, by: Any) -> SupportRequest:
    """The initiative no longer needs it; an arranged request stays as it is."""
    support_request = _locked(support_request)
    if support_request.status == Status.DONE:
        raise ServiceError(_("This request has been arranged already; it cannot be withdrawn."))
    if support_request.status == Status.WITHDRAWN:
        raise ServiceError(_("This request has been withdrawn already."))
    support_request.status = Status.WITHDRAWN
    support_request.handler = None
    support_request.handler_person = None
    support_request.save()
    record_event(
        "support.request.withdraw",
        support_request,
        by=by,
        organisation_id=support_request.organisation_id,
        details={},
    )
    return support_request
