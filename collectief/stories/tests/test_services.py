"""The stories services: one behaviour per test."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from collectief.accounts.models import Organisation
from collectief.audit.models import AuditEvent
from collectief.changestories.models import Effect
from collectief.lib.errors import ServiceError
from collectief.ratelimits.services import RateLimit, RateLimitExceededError
from collectief.stories import services, services_msc
from collectief.stories.models import ConsentLevel, ConsentMethod, MscChoice, Quote, Story
from collectief.stories.tests.conftest import TOLD_ON, make_story
from collectief.surveys.models import Answer
from collectief.surveys.tests.results_helpers import add_responses, make_survey

pytestmark = pytest.mark.django_db

PHONE_AND_BSN = (
    "Mijn buurvrouw Fatima de Vries belde me op 06-12345678 en samen regelden we alles. "
    "Haar BSN 111222333 hoefde ik niet te weten. Sindsdien voel ik me minder alleen."
)


def _jpeg_with_exif(size: tuple[int, int] = (1600, 1200)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # camera make
    exif[0x9286] = "Op de Kempenaarstraat"  # user comment
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


# --------------------------------------------------------------------------- create


def test_create_story_keeps_text_name_effects_and_first_consent(
    own_org: Organisation, effects: dict[str, Effect]
) -> None:
    story = make_story(own_org, effects=[effects["verbondenheid"]])
    assert story.author_name == "Jan Willem"
    assert "Sinds de koffieochtend" in story.text
    assert list(story.effects.all()) == [effects["verbondenheid"]]
    consent = story.current_consent()
    assert consent is not None
    assert (consent.level, consent.method, consent.asked_by) == ("named", "mondeling", "Silke")
    assert AuditEvent.objects.filter(action="story.create", object_id=str(story.pk)).exists()


def test_anonymous_story_replaces_phone_bsn_and_name_and_drops_the_name(
    own_org: Organisation,
) -> None:
    story = make_story(own_org, level=ConsentLevel.ANONYMOUS, text=PHONE_AND_BSN)
    assert "06-12345678" not in story.text
    assert "111222333" not in story.text
    assert "Fatima" not in story.text
    assert "[TELEFOON]" in story.text and "[BSN]" in story.text
    assert "minder alleen" in story.text
    assert story.author_name == ""


def test_named_story_keeps_the_text_as_typed(own_org: Organisation) -> None:
    story = make_story(own_org, level=ConsentLevel.NAMED, text=PHONE_AND_BSN)
    assert story.text == PHONE_AND_BSN


def test_anonymous_story_of_only_personal_details_is_refused(own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="blijft er niets van het verhaal over"):
        make_story(own_org, level=ConsentLevel.ANONYMOUS, text="06-12345678")


def test_story_in_the_future_is_refused(own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="in de toekomst"):
        services.create_story(
            own_org,
            by=None,
            title="Later",
            text="Dit gebeurt pas later.",
            author_role="deelnemer",
            told_on=timezone.localdate() + datetime.timedelta(days=2),
            consent_level=ConsentLevel.NAMED,
            consent_method=ConsentMethod.ORAL,
            consent_asked_by="Silke",
        )


def test_effect_of_another_organisation_is_refused(
    own_org: Organisation, other_effects: dict[str, Effect]
) -> None:
    with pytest.raises(ServiceError, match="eigen veranderverhaal"):
        make_story(own_org, effects=[other_effects["verbondenheid"]])


def test_consent_asked_orally_needs_who_asked(own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="wie om toestemming vroeg"):
        services.create_story(
            own_org,
            by=None,
            title="Zonder vrager",
            text="Een verhaal.",
            author_role="deelnemer",
            told_on=TOLD_ON,
            consent_level=ConsentLevel.NAMED,
            consent_method=ConsentMethod.ORAL,
        )


def test_empty_title_is_refused(own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="verplicht"):
        make_story(own_org, title="  ")


# --------------------------------------------------------------------------- photo


def test_photo_is_made_smaller_and_loses_its_exif(own_org: Organisation) -> None:
    story = make_story(own_org, photo=_jpeg_with_exif())
    with story.photo.open("rb") as handle, Image.open(handle) as image:
        assert max(image.size) <= 800
        assert not image.getexif()
        assert b"Kempenaarstraat" not in story.photo.read()


def test_photo_over_five_mb_is_refused_in_dutch(own_org: Organisation) -> None:
    big = SimpleUploadedFile("groot.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024), "image/jpeg")
    with pytest.raises(ServiceError, match="te groot") as caught:
        make_story(own_org, photo=big)
    assert caught.value.field == "photo"
    assert not Story.objects.exists()


def test_file_that_is_not_an_image_is_refused_in_dutch(own_org: Organisation) -> None:
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 not an image", "image/jpeg")
    with pytest.raises(ServiceError, match="geen afbeelding") as caught:
        make_story(own_org, photo=fake)
    assert caught.value.field == "photo"


# --------------------------------------------------------------------------- consent


def test_public_stories_has_named_and_anonymous_not_internal(own_org: Organisation) -> None:
    named = make_story(own_org, title="Met naam")
    anonymous = make_story(own_org, title="Anoniem", level=ConsentLevel.ANONYMOUS)
    internal = make_story(own_org, title="Intern", level=ConsentLevel.INTERNAL)
    assert set(services.public_stories(own_org)) == {named, anonymous}
    assert set(services.public_stories(own_org, include_internal=True)) == {
        named,
        anonymous,
        internal,
    }


def test_public_stories_keeps_to_the_organisation(
    own_org: Organisation, other_org: Organisation
) -> None:
    make_story(other_org)
    assert not services.public_stories(own_org).exists()


def test_story_without_consent_record_is_in_no_output(story: Story) -> None:
    story.consents.all().delete()
    assert not services.public_stories(include_internal=True).filter(pk=story.pk).exists()


def test_withdrawn_story_leaves_public_stories_at_once(story: Story) -> None:
    services.withdraw_consent(story, by=None)
    assert not services.public_stories(include_internal=True).filter(pk=story.pk).exists()
    assert AuditEvent.objects.filter(action="story.consent.withdraw").exists()


def test_withdrawing_twice_is_refused(story: Story) -> None:
    services.withdraw_consent(story, by=None)
    with pytest.raises(ServiceError, match="geen toestemming om in te trekken"):
        services.withdraw_consent(story, by=None)


def test_new_consent_after_withdrawal_counts_again(story: Story) -> None:
    services.withdraw_consent(story, by=None)
    services.record_consent(
        story,
        by=None,
        level=ConsentLevel.NAMED,
        method=ConsentMethod.WRITTEN,
        asked_on=TOLD_ON,
        asked_by="Silke",
    )
    assert services.public_stories().filter(pk=story.pk).exists()


def test_moving_to_anonymous_deidentifies_story_and_quotes(own_org: Organisation) -> None:
    story = make_story(own_org, text=PHONE_AND_BSN)
    quote = services.create_quote(
        story, by=None, text="Fatima de Vries belde me op 06-12345678", effect=None
    )
    services.record_consent(
        story,
        by=None,
        level=ConsentLevel.ANONYMOUS,
        method=ConsentMethod.WRITTEN,
        asked_on=TOLD_ON,
        asked_by="Silke",
    )
    story.refresh_from_db()
    quote.refresh_from_db()
    assert "06-12345678" not in story.text and "06-12345678" not in quote.text
    assert story.author_name == ""


def test_editing_an_anonymous_story_deidentifies_the_new_text(own_org: Organisation) -> None:
    story = make_story(own_org, level=ConsentLevel.ANONYMOUS)
    services.update_story(
        story,
        by=None,
        title=story.title,
        text="Bel me gerust op 06-12345678, ik vertel graag meer over de buurt.",
        author_role=story.author_role,
        author_name="Piet",
        told_on=story.told_on,
    )
    story.refresh_from_db()
    assert "06-12345678" not in story.text
    assert story.author_name == ""


# --------------------------------------------------------------------------- quotes


def test_quote_must_be_words_of_the_story(story: Story) -> None:
    with pytest.raises(ServiceError, match="woorden uit het verhaal"):
        services.create_quote(story, by=None, text="Iets heel anders", effect=None)


def test_quote_ignores_differences_in_spaces(story: Story, effects: dict[str, Effect]) -> None:
    quote = services.create_quote(
        story,
        by=None,
        text="Sinds  de\nkoffieochtend ken ik mijn buren.",
        effect=effects["verbondenheid"],
    )
    assert quote.effect == effects["verbondenheid"]


def test_quotes_for_effect_public_only_leaves_out_withdrawn_and_internal(
    own_org: Organisation, effects: dict[str, Effect]
) -> None:
    effect = effects["verbondenheid"]
    public = make_story(own_org, title="Publiek")
    internal = make_story(own_org, title="Intern", level=ConsentLevel.INTERNAL)
    withdrawn = make_story(own_org, title="Ingetrokken")
    quotes = {
        s.title: services.create_quote(s, by=None, text="ken ik mijn buren", effect=effect)
        for s in (public, internal, withdrawn)
    }
    services.withdraw_consent(withdrawn, by=None)
    assert list(services.quotes_for_effect(effect)) == [quotes["Publiek"]]
    assert set(services.quotes_for_effect(effect, public_only=False)) == set(quotes.values())


def test_survey_answer_quote_is_public_and_anonymous(
    own_org: Organisation, effects: dict[str, Effect]
) -> None:
    survey = make_survey(own_org)
    add_responses(survey, [{"mening": ["Fijne buurt met aardige mensen"]}] * 5)
    answer = Answer.objects.filter(question__code="mening").first()
    assert answer is not None
    quote = services.mark_answer_quote(answer, by=None)
    services.set_quote_effect(quote, by=None, effect=effects["verbondenheid"])
    assert list(services.quotes_for_effect(effects["verbondenheid"])) == [quote]
    assert services.consent_level_of(quote) == ConsentLevel.ANONYMOUS


def test_marking_an_answer_twice_keeps_one_quote(own_org: Organisation) -> None:
    survey = make_survey(own_org)
    add_responses(survey, [{"mening": ["Meer bankjes"]}] * 5)
    answer = Answer.objects.filter(question__code="mening").first()
    assert answer is not None
    services.mark_answer_quote(answer, by=None)
    services.mark_answer_quote(answer, by=None)
    assert Quote.objects.filter(answer=answer).count() == 1
    services.unmark_answer_quote(answer, by=None)
    assert not Quote.objects.exists()


def test_closed_answer_cannot_be_a_quote(own_org: Organisation) -> None:
    survey = make_survey(own_org)
    add_responses(survey, [{"kennen": ["5"]}] * 5)
    answer = Answer.objects.filter(question__code="kennen").first()
    assert answer is not None
    with pytest.raises(ServiceError, match="open antwoorden"):
        services.mark_answer_quote(answer, by=None)


# --------------------------------------------------------------------------- public link


def test_submit_story_records_consent_through_the_form(own_org: Organisation) -> None:
    link = services.create_link(own_org, by=None, title="Vertel", prompt="Wat veranderde?")
    story = services.submit_story(
        link,
        title="De moestuin",
        text="Door de moestuin ken ik mijn buren.",
        author_role="buurtbewoner",
        consent_level=ConsentLevel.NAMED,
        author_name="Ans",
    )
    consent = story.current_consent()
    assert consent is not None
    assert (consent.method, consent.asked_by, story.source) == ("formulier", "", "formulier")


def test_submit_to_a_closed_link_is_refused(own_org: Organisation) -> None:
    link = services.create_link(own_org, by=None, title="Vertel", prompt="Wat veranderde?")
    services.set_link_open(link, by=None, is_open=False)
    with pytest.raises(ServiceError, match="gesloten"):
        services.submit_story(
            link, title="Te laat", text="Tekst", author_role="buurtbewoner", consent_level="named"
        )


def test_submit_over_the_rate_limit_stores_nothing(own_org: Organisation) -> None:
    link = services.create_link(own_org, by=None, title="Vertel", prompt="Wat veranderde?")
    limit = RateLimit(scope="test", client="hash", per_hour=1)
    fields = {"text": "Tekst", "author_role": "buurtbewoner", "consent_level": "named"}
    services.submit_story(link, title="Eerste", rate_limit=limit, **fields)
    with pytest.raises(RateLimitExceededError):
        services.submit_story(link, title="Tweede", rate_limit=limit, **fields)
    assert list(Story.objects.values_list("title", flat=True)) == ["Eerste"]


# --------------------------------------------------------------------------- MSC


@pytest.fixture
def msc_round(own_org: Organisation, story: Story):  # type: ignore[no-untyped-def]
    msc_round = services_msc.create_round(
        own_org, by=None, title="Najaar", question="Wat is voor jou de belangrijkste verandering?"
    )
    services_msc.set_round_stories(msc_round, by=None, stories=[story])
    return msc_round


def test_panel_choice_is_kept_with_its_reason(msc_round, story: Story, effects) -> None:  # type: ignore[no-untyped-def]
    choice = services_msc.choose_story(
        msc_round, by=None, effect=effects["verbondenheid"], story=story, reason="Herkenbaar."
    )
    assert (choice.story, choice.reason) == (story, "Herkenbaar.")


def test_a_new_choice_replaces_the_old_one(msc_round, own_org, story, effects) -> None:  # type: ignore[no-untyped-def]
    other = make_story(own_org, title="Tweede", effects=[effects["verbondenheid"]])
    services_msc.set_round_stories(msc_round, by=None, stories=[story, other])
    effect = effects["verbondenheid"]
    services_msc.choose_story(msc_round, by=None, effect=effect, story=story, reason="Eerst.")
    services_msc.choose_story(msc_round, by=None, effect=effect, story=other, reason="Toch deze.")
    assert MscChoice.objects.get(msc_round=msc_round, effect=effect).story == other


def test_choice_needs_a_reason(msc_round, story: Story, effects) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ServiceError, match="verplicht"):
        services_msc.choose_story(
            msc_round, by=None, effect=effects["verbondenheid"], story=story, reason=" "
        )


def test_choice_must_be_a_story_of_the_round(msc_round, own_org, effects) -> None:  # type: ignore[no-untyped-def]
    outside = make_story(own_org, title="Niet in de ronde", effects=[effects["verbondenheid"]])
    with pytest.raises(ServiceError, match="verhalen van deze ronde"):
        services_msc.choose_story(
            msc_round, by=None, effect=effects["verbondenheid"], story=outside, reason="Mooi."
        )


def test_choice_must_be_linked_to_the_effect(msc_round, story: Story, effects) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ServiceError, match="niet gekoppeld aan dit effect"):
        services_msc.choose_story(
            msc_round, by=None, effect=effects["zelfvertrouwen"], story=story, reason="Mooi."
        )
