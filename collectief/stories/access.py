"""Access to stories (see collectief/accounts/access.py for the general rules).

Members of the organisation read its stories, quotes and rounds (readers
too: the stories are the organisation's own, internal ones included);
medewerkers and beheerders change them. Anyone else gets 404. The public
sees only what ``services.public_stories`` lets through, of a public
organisation, and sends stories in through an open link.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from collectief.accounts.access import get_organisation_object_for_user, get_public_organisation
from collectief.accounts.models import Role
from collectief.stories.models import MscRound, Quote, Story, StoryLink
from collectief.stories.services import public_stories


def get_story_for_user(
    user: Any, organisation_slug: str, story_id: int, *, min_role: str = Role.READER
) -> Story:
    return get_organisation_object_for_user(
        user, organisation_slug, Story.objects.all(), min_role=min_role, pk=story_id
    )


def get_quote_for_user(
    user: Any, organisation_slug: str, quote_id: int, *, min_role: str = Role.READER
) -> Quote:
    return get_organisation_object_for_user(
        user,
        organisation_slug,
        Quote.objects.select_related("story", "effect"),
        min_role=min_role,
        pk=quote_id,
    )


def get_link_for_user(
    user: Any, organisation_slug: str, link_id: int, *, min_role: str = Role.STAFF
) -> StoryLink:
    return get_organisation_object_for_user(
        user, organisation_slug, StoryLink.objects.all(), min_role=min_role, pk=link_id
    )


def get_round_for_user(
    user: Any, organisation_slug: str, round_id: int, *, min_role: str = Role.READER
) -> MscRound:
    return get_organisation_object_for_user(
        user, organisation_slug, MscRound.objects.all(), min_role=min_role, pk=round_id
    )


def get_public_story(organisation_slug: str, story_id: int) -> Story:
    """A story anyone may read: public organisation, consent to publish, not withdrawn."""
    organisation = get_public_organisation(organisation_slug)
    story = public_stories(organisation).filter(pk=story_id).first()
    if story is None:
        raise Http404
    story.organisation = organisation
    return story


def get_open_link(token: str) -> StoryLink:
    """The story link behind a public address (also when closed: the page says so)."""
    link = StoryLink.objects.select_related("organisation").filter(token=token).first()
    if link is None:
        raise Http404
    return link
