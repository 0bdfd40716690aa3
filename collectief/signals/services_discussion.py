"""Bespreken: the team's record of a wijk and month, and the actions it takes up.

Every write is a service inside a transaction with an audit record (the audit
details name the fields changed, never their text). The texts are about the
rode draden, not about people; as a safety net they pass the same
de-identification as a signal's note (``deidentify.redact``: deduce plus the
Dutch patterns for BSN, phone numbers, addresses, "mevr. Jansen", initials
with a surname) before they are stored. Without deduce's lookup structures
a text is refused, as a note is, rather than stored half-cleaned.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.audit.services import record_event
from collectief.directory.models import TaxonomyTerm
from collectief.lib.errors import ServiceError
from collectief.signals import deidentify
from collectief.signals.models import Action, Discussion
from collectief.signals.summary import Period

TEXT_FIELDS = ("recognised", "unknown", "approach")
TEXT_MAX_LENGTH = 2000


@sensitive_variables("text", "redacted")
def _clean(text: str, field: str, max_length: int) -> str:
    text = (text or "").replace("\x00", "").strip()
    if len(text) > max_length:
        raise ServiceError(_("Use at most %(max)d characters.") % {"max": max_length}, field=field)
    if not text:
        return ""
    try:
        redacted = deidentify.redact(text)
    except deidentify.NotReadyError as error:
        raise ServiceError(
            _(
                "This text cannot be saved yet: the server is not ready to remove personal "
                "details. Ask the administrator to run `collectief signals warmup`."
            ),
            field=field,
        ) from error
    # A tag can be longer than what it replaces ("Bo" → "[NAAM]").
    if len(redacted) > max_length:
        raise ServiceError(
            _("The text is too long after removing personal details. Make it a little shorter."),
            field=field,
        )
    return redacted


def discussion_for(organisation: Organisation, area: Area, period: Period) -> Discussion | None:
    return (
        Discussion.objects.filter(organisation=organisation, area=area, period=period.start)
        .prefetch_related("actions__theme")
        .first()
    )


@sensitive_variables("texts")
@transaction.atomic
def save_discussion(
    organisation: Organisation,
    area: Area,
    period: Period,
    *,
    by: Any,
    discussed_on: datetime.date | None = None,
    **texts: str,
) -> Discussion:
    """Create or update the record of bespreken ``area`` in ``period``."""
    if area.level != Area.Level.WIJK:
        raise ServiceError(_("A discussion is about one wijk."), field="area")
    unknown_fields = set(texts) - set(TEXT_FIELDS)
    if unknown_fields:
        raise TypeError(sorted(unknown_fields))
    if discussed_on is not None and discussed_on > timezone.localdate():
        raise ServiceError(_("That date is in the future."), field="discussed_on")
    values = {f: _clean(texts.get(f, ""), f, TEXT_MAX_LENGTH) for f in TEXT_FIELDS}
    discussion, created = Discussion.objects.select_for_update().get_or_create(
        organisation=organisation,
        area=area,
        period=period.start,
        defaults={**values, "discussed_on": discussed_on, "updated_by": by},
    )
    changed = [f for f in TEXT_FIELDS if getattr(discussion, f) != values[f]]
    if not created:
        for field, value in values.items():
            setattr(discussion, field, value)
        if discussion.discussed_on != discussed_on:
            changed.append("discussed_on")
        discussion.discussed_on = discussed_on
        discussion.updated_by = by
        discussion.save()
    record_event(
        "signals.discussion.create" if created else "signals.discussion.update",
        discussion,
        by=by,
        organisation_id=organisation.pk,
        details={"area": area.code, "period": str(period), "fields": sorted(set(changed))},
    )
    return discussion


@sensitive_variables("description")
@transaction.atomic
def add_action(
    discussion: Discussion,
    *,
    by: Any,
    description: str,
    owner: str,
    due_date: datetime.date | None = None,
    kind: str = Action.Kind.TASK,
    theme: TaxonomyTerm | None = None,
) -> Action:
    description = _clean(description, "description", 300)
    owner = (owner or "").strip()
    if not description:
        raise ServiceError(_("Say what will be done."), field="description")
    if not owner:
        raise ServiceError(_("Say who takes it up."), field="owner")
    if len(owner) > 120:
        raise ServiceError(_("Use at most %(max)d characters.") % {"max": 120}, field="owner")
    if kind not in Action.Kind.values:
        raise ServiceError(_("Choose what kind of action this is."), field="kind")
    if theme is not None and not TaxonomyTerm.objects.themes().filter(pk=theme.pk).exists():
        raise ServiceError(_("This theme is not in the theme list."), field="theme")
    action = Action.objects.create(
        discussion=discussion,
        description=description,
        owner=owner,
        due_date=due_date,
        kind=kind,
        theme=theme,
        created_by=by,
    )
    record_event(
        "signals.action.create",
        action,
        by=by,
        organisation_id=discussion.organisation_id,
        details={"discussion": discussion.pk, "kind": kind, "due_date": str(due_date or "")},
    )
    return action


@transaction.atomic
def set_action_status(action: Action, status: str, *, by: Any) -> Action:
    if status not in Action.Status.values:
        raise ServiceError(_("Choose a status from the list."), field="status")
    old = action.status
    if old == status:
        return action
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    record_event(
        "signals.action.status",
        action,
        by=by,
        organisation_id=action.discussion.organisation_id,
        details={"from": old, "to": status},
    )
    return action


@transaction.atomic
def delete_action(action: Action, *, by: Any) -> None:
    record_event(
        "signals.action.delete",
        action,
        by=by,
        organisation_id=action.discussion.organisation_id,
        details={"discussion": action.discussion_id},
    )
    action.delete()
