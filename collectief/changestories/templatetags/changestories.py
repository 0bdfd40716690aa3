from __future__ import annotations

from typing import Any

from django import template

from collectief.changestories.models import ChangeStory, IndicatorKind

register = template.Library()


@register.simple_tag
def public_change_story(organisation: Any) -> ChangeStory | None:
    """The organisation's change story if its poster is public, else None."""
    return (
        ChangeStory.objects.filter(organisation=organisation, is_public=True, version__gt=0)
        .only("pk")
        .first()
    )


@register.filter
def indicator_kind(value: str) -> str:
    """The readable name of an indicator kind."""
    return str(dict(IndicatorKind.choices).get(value, value))
