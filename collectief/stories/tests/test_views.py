"""The stories pages: happy path, anonymous, wrong organisation, bad input, roles."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collectief.accounts.models import Organisation, User
from collectief.changestories.models import Effect
from collectief.stories import services, services_msc
from collectief.stories.models import ConsentLevel, Quote, Story
from collectief.stories.tests.conftest import make_story

pytestmark = pytest.mark.django_db


def url(name: str, organisation: Organisation, *args: Any) -> str:
    return reverse(f"stories:{name}", args=[organisation.slug, *args])


def _new_story_data(effect: Effect, **extra: Any) -> dict[str, Any]:
    return {
        "title": "De koffieochtend",
        "text": "Sinds de koffieochtend ken ik mijn buren.",
        "author_role": "deelnemer",
        "author_name": "Ans",
        "told_on": "2026-05-04",
        "source": "interview",
        "effects": [effect.pk],
        "consent_level": "named",
        "consent_method": "schriftelijk",
        "consent_asked_by": "Silke",
        "consent_asked_on": "2026-05-04",
        **extra,
    }


# --------------------------------------------------------------------------- list


def test_list_shows_the_organisations_stories(client_for, reader: User, story: Story) -> None:  # type: ignore[no-untyped-def]
    response = client_for(reader).get(url("list", story.organisation))
    assert response.status_code == 200
    content = response.content.decode()
    assert story.title in content and "met naam publiceren" in content


def test_list_filters_by_search_effect_and_consent(  # type: ignore[no-untyped-def]
    client_for, reader: User, own_org: Organisation, effects: dict[str, Effect]
) -> None:
    make_story(own_org, title="Over verbondenheid", effects=[effects["verbondenheid"]])
    make_story(own_org, title="Over zelfvertrouwen", effects=[effects["zelfvertrouwen"]])
    withdrawn = make_story(own_org, title="Teruggetrokken verhaal")
    services.withdraw_consent(withdrawn, by=None)
    client = client_for(reader)
    by_effect = client.get(url("list", own_org), {"effect": effects["zelfvertrouwen"].pk})
    assert "Over zelfvertrouwen" in by_effect.content.decode()
    assert "Over verbondenheid" not in by_effect.content.decode()
    by_consent = client.get(url("list", own_org), {"toestemming": "ingetrokken"}).content.decode()
    assert "Teruggetrokken verhaal" in by_consent and "Over zelfvertrouwen" not in by_consent
    found = client.get(url("list", own_org), {"q": "verbondenheid"}).content.decode()
    assert "Over verbondenheid" in found and "Over zelfvertrouwen" not in found


def test_list_ignores_an_unknown_consent_filter(client_for, reader: User, story: Story) -> None:  # type: ignore[no-untyped-def]
    response = client_for(reader).get(url("list", story.organisation), {"toestemming": "x"})
    assert response.status_code == 200 and story.title in response.content.decode()


def test_anonymous_visitor_is_sent_to_login(client_for, story: Story) -> None:  # type: ignore[no-untyped-def]
    response = client_for(None).get(url("detail", story.organisation, story.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_story_of_another_organisation_is_404(client_for, outsider: User, story: Story) -> None:  # type: ignore[no-untyped-def]
    other = outsider.memberships.get().organisation
    assert client_for(outsider).get(url("detail", other, story.pk)).status_code == 404
    assert client_for(outsider).get(url("detail", story.organisation, story.pk)).status_code == 404


# --------------------------------------------------------------------------- create and edit


def test_staff_creates_a_story_with_consent(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation, effects: dict[str, Effect]
) -> None:
    response = client_for(staff).post(
        url("create", own_org), _new_story_data(effects["verbondenheid"])
    )
    story = Story.objects.get(title="De koffieochtend")
    assert response.status_code == 302
    assert response["Location"] == url("detail", own_org, story.pk)
    assert story.current_consent().method == "schriftelijk"  # type: ignore[union-attr]


def test_anonymous_story_tells_that_details_were_replaced(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation, effects: dict[str, Effect]
) -> None:
    data = _new_story_data(
        effects["verbondenheid"],
        consent_level="anonymous",
        text="Bel me op 06-12345678, sinds de koffieochtend ken ik mijn buren.",
    )
    response = client_for(staff).post(url("create", own_org), data, follow=True)
    content = response.content.decode()
    assert "[TELEFOON]" in content and "06-12345678" not in content
    assert "we hebben namen, adressen en nummers in de tekst vervangen" in content


def test_create_with_bad_input_shows_the_form_again(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation, effects: dict[str, Effect]
) -> None:
    data = _new_story_data(effects["verbondenheid"], title="", told_on="2026-02-31")
    response = client_for(staff).post(url("create", own_org), data)
    assert response.status_code == 400
    # What was typed is shown again with the messages.
    assert "Sinds de koffieochtend" in response.content.decode()
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Story.objects.exists()


def test_create_with_a_photo_over_five_mb_says_so(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation, effects: dict[str, Effect]
) -> None:
    big = SimpleUploadedFile("groot.jpg", b"0" * (10 * 1024 * 1024), "image/jpeg")
    data = _new_story_data(effects["verbondenheid"], photo=big)
    response = client_for(staff).post(url("create", own_org), data)
    assert response.status_code == 400
    assert "Het bestand is groter dan 5 MB." in response.content.decode()
    assert not Story.objects.exists()


def test_create_with_a_file_that_is_not_an_image_says_so(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation, effects: dict[str, Effect]
) -> None:
    fake = SimpleUploadedFile("foto.png", b"MZ not a picture", "image/png")
    data = _new_story_data(effects["verbondenheid"], photo=fake)
    response = client_for(staff).post(url("create", own_org), data)
    assert response.status_code == 400
    assert "Dit is geen afbeelding die we kunnen gebruiken." in response.content.decode()


def test_edit_changes_the_story(client_for, staff: User, story: Story, effects) -> None:  # type: ignore[no-untyped-def]
    data = {
        "title": "Nieuwe titel",
        "text": story.text,
        "author_role": "vrijwilliger",
        "author_name": "Jan Willem",
        "told_on": "2026-05-04",
        "effects": [effects["zelfvertrouwen"].pk],
    }
    response = client_for(staff).post(url("edit", story.organisation, story.pk), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Nieuwe titel"
    assert list(story.effects.all()) == [effects["zelfvertrouwen"]]


WRITE_PAGES = [
    ("create", False, "get"),
    ("edit", True, "get"),
    ("delete", True, "post"),
    ("consent", True, "get"),
    ("withdraw", True, "post"),
    ("quote_create", True, "post"),
    ("links", False, "get"),
]


@pytest.mark.parametrize(("name", "with_story", "method"), WRITE_PAGES)
def test_reader_may_not_change(  # type: ignore[no-untyped-def]
    client_for, reader: User, story: Story, name: str, with_story: bool, method: str
) -> None:
    args = [story.pk] if with_story else []
    client = client_for(reader)
    response = getattr(client, method)(url(name, story.organisation, *args), {})
    assert response.status_code == 403
    story.refresh_from_db()
    assert services.public_stories().filter(pk=story.pk).exists()


# --------------------------------------------------------------------------- consent


def test_withdraw_asks_for_confirmation_first(client_for, staff: User, story: Story) -> None:  # type: ignore[no-untyped-def]
    page = client_for(staff).get(url("withdraw", story.organisation, story.pk))
    assert page.status_code == 200
    assert "Wil je de toestemming" in page.content.decode()
    assert services.public_stories().filter(pk=story.pk).exists()


def test_withdrawn_story_is_gone_from_the_public_pages(
    client_for, staff: User, story: Story
) -> None:  # type: ignore[no-untyped-def]
    public = reverse("stories:public_detail", args=[story.organisation.slug, story.pk])
    listing = reverse("stories:public_list", args=[story.organisation.slug])
    assert client_for(None).get(public).status_code == 200
    assert story.title in client_for(None).get(listing).content.decode()
    response = client_for(staff).post(url("withdraw", story.organisation, story.pk))
    assert response.status_code == 302
    assert client_for(None).get(public).status_code == 404
    assert story.title not in client_for(None).get(listing).content.decode()


def test_record_consent_with_bad_input(client_for, staff: User, story: Story) -> None:  # type: ignore[no-untyped-def]
    response = client_for(staff).post(
        url("consent", story.organisation, story.pk),
        {"level": "iedereen", "method": "mondeling", "asked_by": "", "asked_on": "2026-05-04"},
    )
    assert response.status_code == 400
    assert story.consents.count() == 1


def test_record_new_consent(client_for, staff: User, story: Story) -> None:  # type: ignore[no-untyped-def]
    response = client_for(staff).post(
        url("consent", story.organisation, story.pk),
        {
            "level": "internal",
            "method": "mondeling",
            "asked_by": "Silke",
            "asked_on": "2026-05-04",
        },
    )
    assert response.status_code == 302
    assert not services.public_stories().filter(pk=story.pk).exists()


# --------------------------------------------------------------------------- public pages


def test_public_page_of_an_anonymous_story_has_no_name(client_for, own_org: Organisation) -> None:  # type: ignore[no-untyped-def]
    story = make_story(own_org, level=ConsentLevel.ANONYMOUS, name="Fatima")
    page = client_for(None).get(reverse("stories:public_detail", args=[own_org.slug, story.pk]))
    assert page.status_code == 200
    assert "Fatima" not in page.content.decode()


def test_internal_story_has_no_public_page(client_for, own_org: Organisation) -> None:  # type: ignore[no-untyped-def]
    story = make_story(own_org, level=ConsentLevel.INTERNAL)
    page = client_for(None).get(reverse("stories:public_detail", args=[own_org.slug, story.pk]))
    assert page.status_code == 404


def test_public_stories_are_on_the_profile(client_for, story: Story) -> None:  # type: ignore[no-untyped-def]
    profile = client_for(None).get(
        reverse("accounts:organisation_profile", args=[story.organisation.slug])
    )
    assert "Lees de verhalen" in profile.content.decode()


# --------------------------------------------------------------------------- quotes and links


def test_quote_from_a_story(client_for, staff: User, story: Story, effects) -> None:  # type: ignore[no-untyped-def]
    response = client_for(staff).post(
        url("quote_create", story.organisation, story.pk),
        {"text": "ken ik mijn buren", "effect": effects["verbondenheid"].pk},
    )
    assert response.status_code == 302
    assert Quote.objects.get().effect == effects["verbondenheid"]


def test_quote_that_is_not_in_the_story_is_refused(client_for, staff: User, story: Story) -> None:  # type: ignore[no-untyped-def]
    response = client_for(staff).post(
        url("quote_create", story.organisation, story.pk), {"text": "verzonnen woorden"}
    )
    assert response.status_code == 400
    assert "woorden uit het verhaal zelf" in response.content.decode()


def test_quotes_page_groups_by_effect(client_for, reader: User, story: Story, effects) -> None:  # type: ignore[no-untyped-def]
    services.create_quote(
        story, by=None, text="ken ik mijn buren", effect=effects["verbondenheid"]
    )
    page = client_for(reader).get(url("quotes", story.organisation)).content.decode()
    assert "VERBONDENHEID" in page and "ken ik mijn buren" in page


def test_staff_makes_and_closes_a_story_link(
    client_for, staff: User, own_org: Organisation
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(staff)
    client.post(url("links", own_org), {"title": "Vertel", "prompt": "Wat veranderde?"})
    link = own_org.story_links.get()
    page = client.get(url("links", own_org)).content.decode()
    assert f"/verhaal/{link.token}/" in page
    client.post(url("link_toggle", own_org, link.pk), {"open": "0"})
    link.refresh_from_db()
    assert not link.is_open


# --------------------------------------------------------------------------- MSC


def test_msc_round_choice_is_stored_and_shown(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation, story: Story, effects
) -> None:
    client = client_for(staff)
    client.post(
        url("rounds", own_org),
        {"title": "Najaar", "question": "Wat is voor jou de belangrijkste verandering?"},
    )
    msc_round = own_org.msc_rounds.get()
    client.post(url("round_stories", own_org, msc_round.pk), {"stories": [story.pk]})
    effect = effects["verbondenheid"]
    response = client.post(
        url("round_choose", own_org, msc_round.pk, effect.pk),
        {"story": story.pk, "reason": "Dit herkenden we allemaal."},
    )
    assert response.status_code == 302
    page = client.get(url("round", own_org, msc_round.pk)).content.decode()
    assert "Dit herkenden we allemaal." in page and story.title in page


def test_msc_choice_without_reason_is_refused(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation, story: Story, effects
) -> None:
    msc_round = services_msc.create_round(own_org, by=None, title="Najaar", question="Wat?")
    services_msc.set_round_stories(msc_round, by=None, stories=[story])
    response = client_for(staff).post(
        url("round_choose", own_org, msc_round.pk, effects["verbondenheid"].pk),
        {"story": story.pk, "reason": ""},
    )
    assert response.status_code == 400
    assert not msc_round.choices.exists()


def test_msc_choice_for_an_effect_of_another_organisation_is_404(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation, other_effects
) -> None:
    msc_round = services_msc.create_round(own_org, by=None, title="Najaar", question="Wat?")
    response = client_for(staff).get(
        url("round_choose", own_org, msc_round.pk, other_effects["verbondenheid"].pk)
    )
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["round_stories", "round_choose", "rounds_post"])
def test_reader_may_not_change_a_round(  # type: ignore[no-untyped-def]
    client_for, reader: User, own_org: Organisation, story: Story, effects, name: str
) -> None:
    msc_round = services_msc.create_round(own_org, by=None, title="Najaar", question="Wat?")
    services_msc.set_round_stories(msc_round, by=None, stories=[story])
    client = client_for(reader)
    if name == "rounds_post":
        response = client.post(url("rounds", own_org), {"title": "Nog een", "question": "Wat?"})
    elif name == "round_stories":
        response = client.post(url(name, own_org, msc_round.pk), {"stories": []})
    else:
        response = client.post(
            url(name, own_org, msc_round.pk, effects["verbondenheid"].pk),
            {"story": story.pk, "reason": "Mooi."},
        )
    assert response.status_code == 403
    assert own_org.msc_rounds.count() == 1
    assert list(msc_round.stories.all()) == [story]
    assert not msc_round.choices.exists()


def test_reader_may_not_delete_a_quote_or_close_a_link(  # type: ignore[no-untyped-def]
    client_for, reader: User, own_org: Organisation, story: Story
) -> None:
    quote = services.create_quote(story, by=None, text="ken ik mijn buren", effect=None)
    link = services.create_link(own_org, by=None, title="Vertel", prompt="Wat?")
    client = client_for(reader)
    assert client.post(url("quote_delete", own_org, quote.pk)).status_code == 403
    assert client.post(url("link_toggle", own_org, link.pk), {"open": "0"}).status_code == 403
    assert Quote.objects.filter(pk=quote.pk).exists()
    link.refresh_from_db()
    assert link.is_open
