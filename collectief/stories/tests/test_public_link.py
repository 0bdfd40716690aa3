"""The public story link: no account, no IP address stored, a honeypot and a rate limit."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from collectief.accounts.models import Organisation
from collectief.audit.models import AuditEvent
from collectief.ratelimits.models import RateBucket
from collectief.stories import services
from collectief.stories.models import Story, StoryLink

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
FORM = {
    "title": "De moestuin",
    "text": "Door de moestuin ken ik nu mijn buren.",
    "author_role": "buurtbewoner",
    "author_name": "",
    "consent_level": "anonymous",
}


@pytest.fixture
def link(own_org: Organisation) -> StoryLink:
    return services.create_link(own_org, by=None, title="Vertel het ons", prompt="Wat veranderde?")


def _tell(client: Any, link: StoryLink, **data: Any) -> Any:
    return client.post(
        reverse("stories:tell", args=[link.token]), {**FORM, **data}, REMOTE_ADDR=ADDRESS
    )


def test_the_form_needs_no_account(client_for, link: StoryLink) -> None:  # type: ignore[no-untyped-def]
    page = client_for(None).get(reverse("stories:tell", args=[link.token]))
    assert page.status_code == 200
    assert "Wat veranderde?" in page.content.decode()
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]


def test_a_story_is_stored_and_thanked_for(client_for, link: StoryLink) -> None:  # type: ignore[no-untyped-def]
    response = _tell(client_for(None), link)
    assert response.status_code == 302
    assert response["Location"] == reverse("stories:thanks", args=[link.token])
    story = Story.objects.get()
    assert story.source == "formulier"
    assert story.current_consent().method == "formulier"  # type: ignore[union-attr]


def test_honeypot_stores_nothing_but_says_thank_you(client_for, link: StoryLink) -> None:  # type: ignore[no-untyped-def]
    response = _tell(client_for(None), link, website="http://spam.example")
    assert response.status_code == 302
    assert not Story.objects.exists()


@override_settings(STORIES_SUBMISSIONS_PER_HOUR=2)
def test_more_than_the_limit_per_hour_is_refused(client_for, link: StoryLink) -> None:  # type: ignore[no-untyped-def]
    client = client_for(None)
    assert _tell(client, link, title="Een").status_code == 302
    assert _tell(client, link, title="Twee").status_code == 302
    refused = _tell(client, link, title="Drie")
    assert refused.status_code == 429
    assert "Probeer het over een uur opnieuw" in refused.content.decode()
    assert Story.objects.count() == 2


def test_no_ip_address_is_stored_anywhere(client_for, link: StoryLink) -> None:  # type: ignore[no-untyped-def]
    _tell(client_for(None), link)
    assert Story.objects.exists() and RateBucket.objects.exists()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                assert ADDRESS not in repr(row), table
    assert not AuditEvent.objects.filter(details__icontains=ADDRESS).exists()


def test_bad_input_shows_the_form_again_in_dutch(client_for, link: StoryLink) -> None:  # type: ignore[no-untyped-def]
    response = _tell(client_for(None), link, text="", consent_level="iedereen")
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Story.objects.exists()


def test_a_closed_link_says_so(client_for, link: StoryLink) -> None:  # type: ignore[no-untyped-def]
    services.set_link_open(link, by=None, is_open=False)
    response = _tell(client_for(None), link)
    assert response.status_code == 410
    assert "verzamelt met deze link geen verhalen meer" in response.content.decode()
    assert not Story.objects.exists()


def test_an_unknown_link_is_404(client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(None).get(reverse("stories:tell", args=["bestaat-niet"])).status_code == 404
