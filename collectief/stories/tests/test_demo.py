"""The demo: the magazine's portraits as consented stories, quotes and one MSC round, twice."""

from __future__ import annotations

from io import StringIO

import pytest

from collectief.accounts.factories import OrganisationFactory
from collectief.changestories import demo as changestories_demo
from collectief.stories import demo, services
from collectief.stories.models import MscChoice, Quote, Story, StoryLink

pytestmark = pytest.mark.django_db


def test_demo_stories_quotes_and_round_twice() -> None:
    for slug, name in (
        ("het-badhuis", "Het Badhuis"),
        ("de-sleutel", "De Sleutel"),
        ("buurttuin-kempenaar", "Buurttuin Kempenaar"),
    ):
        OrganisationFactory(slug=slug, name=name)
    out = StringIO()
    changestories_demo.load_demo(out)
    demo.load_demo(out)
    demo.load_demo(out)
    assert Story.objects.count() == 4
    public = services.public_stories()
    names = set(public.values_list("author_name", flat=True))
    assert {"Jan Willem", "Najat", "Arend Wesdijk"} <= names
    # Every portrait is linked to effects of its own veranderverhaal.
    for story in Story.objects.all():
        assert story.effects.exists()
        assert set(story.effects.values_list("story__organisation", flat=True)) == {
            story.organisation_id
        }
    assert Quote.objects.filter(story__isnull=False).count() == 5
    assert StoryLink.objects.count() == 1
    choices = MscChoice.objects.select_related("effect")
    assert {c.effect.name for c in choices} == {"VERBONDENHEID", "STEUNEND NETWERK"}
    assert all(c.reason for c in choices)
    assert "4 verhalen" in out.getvalue()
