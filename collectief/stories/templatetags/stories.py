from typing import Any

from django import template

from collectief.stories.services import public_stories

register = template.Library()


@register.simple_tag
def public_story_count(organisation: Any) -> int:
    """How many stories of the organisation may be shown publicly (for its profile)."""
    return public_stories(organisation).count()
