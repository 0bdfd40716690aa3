"""``collectief stories export``: the JSON shape, internal only on request, withdrawn never."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from collectief.accounts.models import Organisation
from collectief.changestories.models import Effect
from collectief.stories import services
from collectief.stories.models import ConsentLevel
from collectief.stories.tests.conftest import make_story

pytestmark = pytest.mark.django_db


def _export(*args: str) -> list[dict]:  # type: ignore[type-arg]
    out = io.StringIO()
    call_command("stories", "export", *args, stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_export_has_the_documented_shape(
    own_org: Organisation, effects: dict[str, Effect]
) -> None:
    story = make_story(own_org, effects=[effects["verbondenheid"], effects["zelfvertrouwen"]])
    rows = _export(own_org.slug, "--format", "json")
    assert rows == [
        {
            "id": story.pk,
            "title": "Mijn buren ken ik nu",
            "text": story.text,
            "author_role": "vrijwilliger",
            "consent": "named",
            "effects": ["VERBONDENHEID", "Bewoners krijgen meer zelfvertrouwen"],
            "date": "2026-05-04",
        }
    ]


def test_internal_stories_only_with_include_internal(own_org: Organisation) -> None:
    make_story(own_org, title="Intern", level=ConsentLevel.INTERNAL)
    assert _export(own_org.slug) == []
    assert [r["consent"] for r in _export(own_org.slug, "--include-internal")] == ["internal"]


def test_withdrawn_stories_are_never_exported(own_org: Organisation) -> None:
    story = make_story(own_org, level=ConsentLevel.INTERNAL)
    services.withdraw_consent(story, by=None)
    assert _export(own_org.slug, "--include-internal") == []


def test_anonymous_stories_are_exported_de_identified(own_org: Organisation) -> None:
    make_story(
        own_org,
        level=ConsentLevel.ANONYMOUS,
        text="Bel me gerust op 06-12345678, de buurttuin heeft mijn leven veranderd.",
    )
    (row,) = _export(own_org.slug)
    assert row["consent"] == "anonymous" and "06-12345678" not in row["text"]


def test_unknown_organisation_is_a_dutch_error(db: None) -> None:
    with pytest.raises(
        CommandError, match="Er is geen organisatie met de korte naam bestaat-niet"
    ):
        _export("bestaat-niet")


def test_other_formats_are_refused(own_org: Organisation) -> None:
    with pytest.raises(CommandError):
        _export(own_org.slug, "--format", "pdf")
