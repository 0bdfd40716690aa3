"""The stories as data: the JSON shape of ``collectief stories export`` (issue 14 point 6).

Reads through ``services.public_stories`` like every other output: a withdrawn
story or one without consent is never in it; "internal only" only when asked.
The keys and consent codes are a data format and do not change with the
language. The text is as stored: de-identified for anonymous stories.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from collectief.accounts.models import Organisation
from collectief.changestories.models import Effect
from collectief.stories.services import public_stories


def export_rows(
    organisation: Organisation, *, include_internal: bool = False
) -> list[dict[str, Any]]:
    stories = (
        public_stories(organisation, include_internal=include_internal)
        .prefetch_related(Prefetch("effects", queryset=Effect.objects.order_by("position", "pk")))
        .order_by("told_on", "pk")
    )
    return [
        {
            "id": story.pk,
            "title": story.title,
            "text": story.text,
            "author_role": story.author_role,
            "consent": story.consent_level,  # type: ignore[attr-defined]
            "effects": [effect.name or effect.description for effect in story.effects.all()],
            "date": story.told_on.isoformat(),
        }
        for story in stories
    ]
