"""Writes of the stories app, and the one reading rule every public output shares.

``public_stories`` is the only way a story leaves the app: public pages, the
export (CLI) and, later, reports read stories through it, so a withdrawn
consent takes a story out of all of them at once. ``quotes_for_effect`` does
the same for quotes. Every write runs in a transaction with an audit record;
the audit details name ids and levels, never the texts. Services check the
domain rules and raise ``ServiceError`` with a Dutch message; who may call
them is decided before, in ``access.py``.

Anonymous stories: the text goes through the signals' de-identification
(``signals.deidentify.redact``) before it is stored, so names, addresses, a
BSN or a phone number are replaced by a tag such as ``[TELEFOON]``; the name
field is emptied and quotes of the story are de-identified too.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from collectief.accounts.models import Organisation
from collectief.audit.services import record_event
from collectief.changestories.models import Effect
from collectief.changestories.poster_image import clean_image
from collectief.lib.errors import ServiceError
from collectief.ratelimits.services import RateLimit, check_limit
from collectief.signals import deidentify
from collectief.stories.models import (
    NAME_MAX_LENGTH,
    PUBLIC_LEVELS,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AuthorRole,
    Consent,
    ConsentLevel,
    ConsentMethod,
    MscRound,
    Quote,
    Source,
    Story,
    StoryLink,
    StoryQuerySet,
)
from collectief.surveys.models import Answer, Question

# --------------------------------------------------------------------------- reading


def public_stories(
    organisation: Organisation | None = None, *, include_internal: bool = False
) -> StoryQuerySet:
    """The stories that may leave the app: newest consent not withdrawn.

    With name or anonymous; ``include_internal=True`` adds "internal only"
    (the organisation's own export, never a public page). A story without
    a consent record and a withdrawn story are never in it.
    """
    levels: tuple[str, ...] = tuple(PUBLIC_LEVELS)
    if include_internal:
        levels = (*levels, ConsentLevel.INTERNAL)
    stories = Story.objects.consented(levels)
    if organisation is not None:
        stories = stories.for_organisation(organisation)
    return stories


def quotes_for_effect(effect: Effect, public_only: bool = True) -> QuerySet[Quote]:
    """The quotes linked to one direct effect, oldest first.

    ``public_only=True`` (reports, samen duiden on a screen): quotes of
    stories in ``public_stories`` and quotes of survey answers (anonymous).
    ``public_only=False``: every quote, for the organisation's own members.
    ``consent_level_of(quote)`` tells a quote's consent level.
    """
    quotes = Quote.objects.filter(effect=effect).select_related("story", "answer__question")
    if public_only:
        quotes = quotes.filter(
            Q(answer__isnull=False) | Q(story__in=public_stories(include_internal=False))
        )
    return quotes.order_by("created_at", "pk")


def consent_level_of(quote: Quote) -> str | None:
    """The consent level a quote carries: its story's, or anonymous for a survey answer."""
    if quote.answer_id is not None:
        return ConsentLevel.ANONYMOUS
    assert quote.story is not None
    consent = quote.story.current_consent()
    if consent is None or consent.withdrawn_at is not None:
        return None
    return consent.level


def effects_of(organisation: Organisation) -> QuerySet[Effect]:
    """The direct effects of the organisation's veranderverhaal, in their order."""
    return Effect.objects.filter(story__organisation=organisation).order_by("position", "pk")


# --------------------------------------------------------------------------- checks


def check_text(value: str, field: str, max_length: int, *, required: bool = False) -> str:
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise ServiceError(_("This field is required."), field=field)
    if len(value) > max_length:
        raise ServiceError(_("Use at most %(max)d characters.") % {"max": max_length}, field=field)
    return value


def _date(value: datetime.date, field: str) -> datetime.date:
    if value > timezone.localdate():
        raise ServiceError(_("The date lies in the future."), field=field)
    return value


def _choice(value: str, choices: Any, field: str) -> str:
    if value not in choices.values:
        raise ServiceError(_("Choose one of the options."), field=field)
    return value


def check_effects(organisation: Organisation, effects: Iterable[Effect]) -> list[Effect]:
    chosen = list(effects)
    own = set(effects_of(organisation).filter(pk__in=[e.pk for e in chosen]))
    if len(own) != len({e.pk for e in chosen}):
        raise ServiceError(_("Choose effects of your own veranderverhaal."), field="effects")
    return chosen


@sensitive_variables("text", "redacted")
def deidentified(text: str, *, field: str = "text") -> str:
    """The text with personal details replaced, as signals do, or ServiceError."""
    try:
        redacted = deidentify.redact(text)
    except deidentify.NotReadyError as error:
        raise ServiceError(
            _(
                "Anonymous stories cannot be saved yet: the server is not ready to remove "
                "personal details. Ask the administrator to run `collectief signals warmup`."
            ),
            field=field,
        ) from error
    if deidentify.only_placeholders(redacted):
        raise ServiceError(
            _(
                "After removing names, addresses and numbers nothing of the story is left. "
                "Tell what changed, without personal details."
            ),
            field=field,
        )
    return redacted


def _photo(photo: Any) -> Any:
    try:
        return clean_image(photo)
    except ServiceError as error:
        raise ServiceError(error.message, field="photo") from error


# --------------------------------------------------------------------------- stories


@sensitive_variables("text")
@transaction.atomic
def create_story(
    organisation: Organisation,
    *,
    by: Any,
    title: str,
    text: str,
    author_role: str,
    told_on: datetime.date,
    consent_level: str,
    consent_method: str,
    consent_asked_by: str = "",
    consent_asked_on: datetime.date | None = None,
    author_name: str = "",
    effects: Iterable[Effect] = (),
    source: str = Source.COLLECTED,
    photo: Any = None,
    photo_alt: str = "",
    msc_round: MscRound | None = None,
) -> Story:
    """A new story with its first consent record.

    Under "anonymous" the text is de-identified before it is stored and the
    name is not kept; compare ``story.text`` with what was sent to tell the
    person that details were replaced.
    """
    title = check_text(title, "title", TITLE_MAX_LENGTH, required=True)
    text = check_text(text, "text", TEXT_MAX_LENGTH, required=True)
    author_role = _choice(author_role, AuthorRole, "author_role")
    source = _choice(source, Source, "source")
    consent_level = _choice(consent_level, ConsentLevel, "consent_level")
    consent_method = _choice(consent_method, ConsentMethod, "consent_method")
    author_name = check_text(author_name, "author_name", NAME_MAX_LENGTH)
    consent_asked_by = check_text(consent_asked_by, "consent_asked_by", NAME_MAX_LENGTH)
    if consent_method != ConsentMethod.FORM and not consent_asked_by:
        raise ServiceError(_("Fill in who asked for consent."), field="consent_asked_by")
    told_on = _date(told_on, "told_on")
    asked_on = _date(consent_asked_on or timezone.localdate(), "consent_asked_on")
    chosen = check_effects(organisation, effects)
    if msc_round is not None and msc_round.organisation_id != organisation.pk:
        raise ServiceError(_("This round is not of your organisation."), field="msc_round")
    if consent_level == ConsentLevel.ANONYMOUS:
        text = deidentified(text)
        author_name = ""
    story = Story(
        organisation=organisation,
        title=title,
        text=text,
        author_role=author_role,
        author_name=author_name,
        told_on=told_on,
        source=source,
        photo_alt=check_text(photo_alt, "photo_alt", 200),
        msc_round=msc_round,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if photo is not None:
        cleaned = _photo(photo)
        story.photo.save(cleaned.name or "foto.jpg", cleaned, save=False)
    story.save()
    story.effects.set(chosen)
    consent = Consent.objects.create(
        story=story,
        level=consent_level,
        asked_by=consent_asked_by,
        asked_on=asked_on,
        method=consent_method,
        recorded_by=story.created_by,
    )
    record_event(
        "story.create",
        story,
        by=by,
        organisation_id=organisation.pk,
        details={
            "source": source,
            "consent": consent.level,
            "effects": [e.pk for e in chosen],
            "photo": bool(story.photo),
        },
    )
    return story


@sensitive_variables("text")
@transaction.atomic
def update_story(
    story: Story,
    *,
    by: Any,
    title: str,
    text: str,
    author_role: str,
    told_on: datetime.date,
    author_name: str = "",
    effects: Iterable[Effect] = (),
    photo: Any = None,
    photo_alt: str = "",
    remove_photo: bool = False,
) -> Story:
    """Change a story; under "anonymous" consent the new text is de-identified again."""
    consent = story.current_consent()
    story.title = check_text(title, "title", TITLE_MAX_LENGTH, required=True)
    text = check_text(text, "text", TEXT_MAX_LENGTH, required=True)
    story.author_role = _choice(author_role, AuthorRole, "author_role")
    story.author_name = check_text(author_name, "author_name", NAME_MAX_LENGTH)
    story.told_on = _date(told_on, "told_on")
    story.photo_alt = check_text(photo_alt, "photo_alt", 200)
    chosen = check_effects(story.organisation, effects)
    if consent is not None and consent.level == ConsentLevel.ANONYMOUS:
        text = deidentified(text)
        story.author_name = ""
    story.text = text
    old_photo = story.photo.name if story.photo else ""
    if photo is not None:
        cleaned = _photo(photo)
        story.photo.save(cleaned.name or "foto.jpg", cleaned, save=False)
    elif remove_photo:
        story.photo = None
    story.save()
    story.effects.set(chosen)
    new_photo = story.photo.name if story.photo else ""
    if old_photo and old_photo != new_photo:
        storage = story.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    record_event(
        "story.update",
        story,
        by=by,
        organisation_id=story.organisation_id,
        details={"effects": [e.pk for e in chosen], "photo": bool(new_photo)},
    )
    return story


@transaction.atomic
def delete_story(story: Story, *, by: Any) -> None:
    record_event("story.delete", story, by=by, organisation_id=story.organisation_id)
    photo = story.photo.name if story.photo else ""
    storage = story.photo.storage
    story.delete()
    if photo:
        transaction.on_commit(lambda: storage.delete(photo))


@transaction.atomic
def record_consent(
    story: Story,
    *,
    by: Any,
    level: str,
    method: str,
    asked_on: datetime.date,
    asked_by: str = "",
) -> Consent:
    """A new consent record; it replaces the previous one from now on.

    Moving to "anonymous" de-identifies the story's text and its quotes and
    drops the name: a name, once out, does not come back by itself.
    """
    level = _choice(level, ConsentLevel, "level")
    method = _choice(method, ConsentMethod, "method")
    asked_by = check_text(asked_by, "asked_by", NAME_MAX_LENGTH)
    if method != ConsentMethod.FORM and not asked_by:
        raise ServiceError(_("Fill in who asked for consent."), field="asked_by")
    asked_on = _date(asked_on, "asked_on")
    if level == ConsentLevel.ANONYMOUS:
        story.text = deidentified(story.text, field="level")
        story.author_name = ""
        story.save(update_fields=["text", "author_name", "updated_at"])
        for quote in story.quotes.all():
            quote.text = deidentify.redact(quote.text)
            quote.save(update_fields=["text"])
    consent = Consent.objects.create(
        story=story,
        level=level,
        method=method,
        asked_on=asked_on,
        asked_by=asked_by,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record_event(
        "story.consent.record",
        story,
        by=by,
        organisation_id=story.organisation_id,
        details={"consent": consent.pk, "level": level, "method": method},
    )
    return consent


@transaction.atomic
def withdraw_consent(story: Story, *, by: Any) -> Consent:
    """Withdraw the current consent: from now on the story is in no public output."""
    consent = story.current_consent()
    if consent is None or consent.withdrawn_at is not None:
        raise ServiceError(_("There is no consent to withdraw."))
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    record_event(
        "story.consent.withdraw",
        story,
        by=by,
        organisation_id=story.organisation_id,
        details={"consent": consent.pk, "level": consent.level},
    )
    return consent


# --------------------------------------------------------------------------- public link


@transaction.atomic
def create_link(organisation: Organisation, *, by: Any, title: str, prompt: str) -> StoryLink:
    link = StoryLink.objects.create(
        organisation=organisation,
        title=check_text(title, "title", TITLE_MAX_LENGTH, required=True),
        prompt=check_text(prompt, "prompt", 1000, required=True),
        token=secrets.token_urlsafe(16)[:22],
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record_event("story.link.create", link, by=by, organisation_id=organisation.pk)
    return link


@transaction.atomic
def set_link_open(link: StoryLink, *, by: Any, is_open: bool) -> StoryLink:
    link.is_open = is_open
    link.save(update_fields=["is_open"])
    record_event(
        "story.link.open" if is_open else "story.link.close",
        link,
        by=by,
        organisation_id=link.organisation_id,
    )
    return link


@sensitive_variables("text")
@transaction.atomic
def submit_story(
    link: StoryLink,
    *,
    title: str,
    text: str,
    author_role: str,
    consent_level: str,
    author_name: str = "",
    rate_limit: RateLimit | None = None,
) -> Story:
    """A story sent in through the public link, without an account.

    Nothing about the sender is stored but what they typed: no address, no
    browser data. The consent record says "through the form" and the level
    they chose. With ``rate_limit`` the hit is counted in the same
    transaction (a refused story is not counted).
    """
    if not link.is_open:
        raise ServiceError(_("This story link is closed."), field="__closed__")
    story = create_story(
        link.organisation,
        by=None,
        title=title,
        text=text,
        author_role=author_role,
        author_name=author_name,
        told_on=timezone.localdate(),
        consent_level=consent_level,
        consent_method=ConsentMethod.FORM,
        source=Source.LINK,
    )
    if rate_limit is not None:
        check_limit(rate_limit)
    return story


# --------------------------------------------------------------------------- quotes


def _normalised(value: str) -> str:
    return " ".join(value.split())


@transaction.atomic
def create_quote(story: Story, *, by: Any, text: str, effect: Effect | None) -> Quote:
    """A span of the story as a quote; the words must be in the story as stored."""
    text = check_text(text, "text", 2000, required=True)
    if _normalised(text) not in _normalised(story.text):
        raise ServiceError(
            _("A quote must be words from the story itself. Copy them from the text."),
            field="text",
        )
    if effect is not None:
        check_effects(story.organisation, [effect])
    quote = Quote.objects.create(
        organisation=story.organisation,
        story=story,
        text=text,
        effect=effect,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record_event(
        "story.quote.create",
        quote,
        by=by,
        organisation_id=story.organisation_id,
        details={"story": story.pk, "effect": effect.pk if effect else None},
    )
    return quote


@transaction.atomic
def set_quote_effect(quote: Quote, *, by: Any, effect: Effect | None) -> Quote:
    if effect is not None:
        check_effects(quote.organisation, [effect])
    quote.effect = effect
    quote.save(update_fields=["effect"])
    record_event(
        "story.quote.effect",
        quote,
        by=by,
        organisation_id=quote.organisation_id,
        details={"effect": effect.pk if effect else None},
    )
    return quote


@transaction.atomic
def delete_quote(quote: Quote, *, by: Any) -> None:
    record_event("story.quote.delete", quote, by=by, organisation_id=quote.organisation_id)
    quote.delete()


@transaction.atomic
def mark_answer_quote(answer: Answer, *, by: Any) -> Quote:
    """Mark an open survey answer as a quote (the survey results page).

    Linked to the effect of the answer's question when it has one. Marking
    twice keeps the one quote.
    """
    if answer.question.type not in Question.TEXT_TYPES or not (answer.text or "").strip():
        raise ServiceError(_("Only open answers can be quotes."))
    organisation_id = answer.question.survey.organisation_id
    quote, created = Quote.objects.get_or_create(
        answer=answer,
        defaults={
            "organisation_id": organisation_id,
            "text": (answer.text or "").strip(),
            "effect_id": answer.question.effect_id,
            "created_by": by if getattr(by, "is_authenticated", False) else None,
        },
    )
    if created:
        record_event(
            "survey.quote.mark",
            quote,
            by=by,
            organisation_id=organisation_id,
            details={"answer": answer.pk},
        )
    return quote


@transaction.atomic
def unmark_answer_quote(answer: Answer, *, by: Any) -> None:
    quote = Quote.objects.filter(answer=answer).first()
    if quote is None:
        return
    record_event(
        "survey.quote.unmark",
        quote,
        by=by,
        organisation_id=quote.organisation_id,
        details={"answer": answer.pk},
    )
    quote.delete()
