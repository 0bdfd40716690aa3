"""Access checks for change stories (see collectief/accounts/access.py)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from collectief.accounts.access import get_organisation_for_user, get_public_organisation
from collectief.accounts.models import Organisation, Role
from collectief.changestories.models import ChangeStory
from collectief.changestories.services import get_story


def get_story_for_user(
    user: Any, organisation_slug: str, *, min_role: str = Role.READER
) -> tuple[Organisation, ChangeStory]:
    """The organisation and its change story (maybe not saved yet).

    Members may read; staff may edit. Others get Http404, members with a
    too-low role PermissionDenied.
    """
    organisation = get_organisation_for_user(user, organisation_slug, min_role=min_role)
    return organisation, get_story(organisation)


def get_public_story(organisation_slug: str) -> ChangeStory:
    """A change story whose organisation chose to show the poster publicly."""
    organisation = get_public_organisation(organisation_slug)
    story = ChangeStory.objects.filter(organisation=organisation, is_public=True).first()
    if story is None or story.version == 0:
        raise Http404
    return story
