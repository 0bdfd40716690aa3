"""Writes of the Most Significant Change rounds (see services.py for the shared rules).

A round has a question and the stories collected for it; per direct effect the
panel's choice is one row with its written reason. Each write runs in a
transaction with an audit record that names ids, never texts.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation
from collectief.audit.services import record_event
from collectief.changestories.models import Effect
from collectief.lib.errors import ServiceError
from collectief.stories.models import (
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    MscChoice,
    MscRound,
    Story,
)
from collectief.stories.services import check_effects, check_text


@transaction.atomic
def create_round(
    organisation: Organisation,
    *,
    by: Any,
    title: str,
    question: str,
    panel: str = "",
    held_on: datetime.date | None = None,
) -> MscRound:
    msc_round = MscRound.objects.create(
        organisation=organisation,
        title=check_text(title, "title", TITLE_MAX_LENGTH, required=True),
        question=check_text(question, "question", 300, required=True),
        panel=check_text(panel, "panel", 500),
        held_on=held_on,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record_event("story.msc.create", msc_round, by=by, organisation_id=organisation.pk)
    return msc_round


@transaction.atomic
def set_round_stories(msc_round: MscRound, *, by: Any, stories: Iterable[Story]) -> MscRound:
    """The stories collected for the round (stories of the same organisation)."""
    chosen = list(stories)
    if any(s.organisation_id != msc_round.organisation_id for s in chosen):
        raise ServiceError(_("Choose stories of your own organisation."), field="stories")
    Story.objects.filter(msc_round=msc_round).exclude(pk__in=[s.pk for s in chosen]).update(
        msc_round=None
    )
    Story.objects.filter(pk__in=[s.pk for s in chosen]).update(msc_round=msc_round)
    record_event(
        "story.msc.stories",
        msc_round,
        by=by,
        organisation_id=msc_round.organisation_id,
        details={"stories": [s.pk for s in chosen]},
    )
    return msc_round


@transaction.atomic
def choose_story(
    msc_round: MscRound, *, by: Any, effect: Effect, story: Story, reason: str
) -> MscChoice:
    """The panel's choice for one effect, with its reason (a new choice replaces the old)."""
    reason = check_text(reason, "reason", REASON_MAX_LENGTH, required=True)
    check_effects(msc_round.organisation, [effect])
    if not msc_round.stories.filter(pk=story.pk).exists():
        raise ServiceError(_("Choose one of the stories of this round."), field="story")
    if not story.effects.filter(pk=effect.pk).exists():
        raise ServiceError(
            _("This story is not linked to this effect. Link it on the story first."),
            field="story",
        )
    choice, _created = MscChoice.objects.update_or_create(
        msc_round=msc_round,
        effect=effect,
        defaults={
            "story": story,
            "reason": reason,
            "chosen_by": by if getattr(by, "is_authenticated", False) else None,
        },
    )
    record_event(
        "story.msc.choose",
        msc_round,
        by=by,
        organisation_id=msc_round.organisation_id,
        details={"effect": effect.pk, "story": story.pk},
    )
    return choice
