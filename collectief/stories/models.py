"""Verhalen: stories, their consent, quotes and Most Significant Change rounds (issue 14).

``Story``
    What changed for someone, in their own words (magazine p. 28-29, tool C;
    the portraits p. 34-35 and 46-47). Collected by a member, typed from an
    interview, or sent in through a public story link. Linked to one or more
    direct effects of the organisation's veranderverhaal.
``Consent``
    A record, not a checkbox: the level (with name / anonymous / internal
    only), who asked, when and how. A story can have several records over
    time; the newest one counts. Withdrawing sets ``withdrawn_at`` on it, and
    from that moment the story is in no public output: every public page,
    export and report reads stories through ``services.public_stories``.
    A story without any consent record is internal and never leaves the app.
``Quote``
    A span of a story or of an open survey answer, linked to a direct effect.
    Its consent level is its story's (a survey answer is always anonymous:
    respondents answer without their name).
``StoryLink``
    A public address where anyone can send in a story without an account.
``MscRound`` and ``MscChoice``
    Most Significant Change: a question, the stories collected for it, and per
    effect the story a panel chose with its written reason.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 150
TEXT_MAX_LENGTH = 10_000
NAME_MAX_LENGTH = 100
REASON_MAX_LENGTH = 2000
DEFAULT_MSC_QUESTION = "Wat is voor jou de belangrijkste verandering?"


class AuthorRole(models.TextChoices):
    PARTICIPANT = "deelnemer", _("participant")
    VOLUNTEER = "vrijwilliger", _("volunteer")
    PARTNER = "partner", _("partner")
    PROFESSIONAL = "professional", _("professional")
    RESIDENT = "buurtbewoner", _("resident")


class Source(models.TextChoices):
    COLLECTED = "verzameld", _("collected by a member")
    INTERVIEW = "interview", _("typed from an interview")
    LINK = "formulier", _("sent in through the public story link")


class ConsentLevel(models.TextChoices):
    """The codes are the export's data format ("named" | "anonymous" | "internal")."""

    NAMED = "named", _("publish with name")
    ANONYMOUS = "anonymous", _("publish anonymously")
    INTERNAL = "internal", _("internal only")


PUBLIC_LEVELS = (ConsentLevel.NAMED, ConsentLevel.ANONYMOUS)


class ConsentMethod(models.TextChoices):
    ORAL = "mondeling", _("orally")
    WRITTEN = "schriftelijk", _("in writing")
    FORM = "formulier", _("through the form")


class StoryQuerySet(models.QuerySet["Story"]):
    def for_organisation(self, organisation: Any) -> StoryQuerySet:
        return self.filter(organisation=organisation)

    def with_consent(self) -> StoryQuerySet:
        """Annotate ``consent_level`` and ``consent_withdrawn_at`` of the newest consent record."""
        if "consent_level" in self.query.annotations:
            return self
        newest = Consent.objects.filter(story=OuterRef("pk")).order_by("-recorded_at", "-pk")
        return self.annotate(
            consent_level=Subquery(newest.values("level")[:1]),
            consent_withdrawn_at=Subquery(newest.values("withdrawn_at")[:1]),
        )

    # The annotations of ``with_consent`` are named through ``**`` below:
    # the type checker's Django plugin does not see annotations made in a method.
    def consented(self, levels: tuple[str, ...]) -> StoryQuerySet:
        """Stories whose newest consent has one of ``levels`` and is not withdrawn."""
        return self.with_consent().filter(
            **{"consent_level__in": levels, "consent_withdrawn_at__isnull": True}
        )

    def withdrawn(self) -> StoryQuerySet:
        """Stories whose newest consent is withdrawn."""
        return self.with_consent().filter(**{"consent_withdrawn_at__isnull": False})

    def without_consent(self) -> StoryQuerySet:
        """Stories with no consent record at all."""
        return self.with_consent().filter(**{"consent_level__isnull": True})


class Story(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="stories"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    text = models.TextField(_("story"))
    author_role = models.CharField(
        _("who tells it"), max_length=20, choices=AuthorRole.choices, default=AuthorRole.RESIDENT
    )
    author_name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH, blank=True)
    told_on = models.DateField(_("date"))
    photo = models.ImageField(_("photo"), upload_to="stories/", blank=True)
    photo_alt = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    effects = models.ManyToManyField(
        "changestories.Effect", blank=True, related_name="stories", verbose_name=_("effects")
    )
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.COLLECTED
    )
    msc_round = models.ForeignKey(
        "MscRound",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("Most Significant Change round"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-told_on", "-pk"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="stories_story_title_not_empty"),
            models.CheckConstraint(
                condition=Q(author_role__in=AuthorRole.values), name="stories_story_author_role"
            ),
            models.CheckConstraint(
                condition=Q(source__in=Source.values), name="stories_story_source"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def current_consent(self) -> Consent | None:
        return self.consents.order_by("-recorded_at", "-pk").first()


class Consent(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="consents")
    level = models.CharField(_("consent"), max_length=10, choices=ConsentLevel.choices)
    asked_by = models.CharField(_("asked by"), max_length=NAME_MAX_LENGTH, blank=True)
    asked_on = models.DateField(_("asked on"))
    method = models.CharField(_("how"), max_length=12, choices=ConsentMethod.choices)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=ConsentLevel.values), name="stories_consent_level"
            ),
            models.CheckConstraint(
                condition=Q(method__in=ConsentMethod.values), name="stories_consent_method"
            ),
            # Someone asked, unless the teller chose in the form themselves.
            models.CheckConstraint(
                condition=Q(method=ConsentMethod.FORM) | ~Q(asked_by=""),
                name="stories_consent_asked_by",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.story_id}: {self.level}"


class Quote(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="quotes"
    )
    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, null=True, blank=True, related_name="quotes"
    )
    # An open survey answer is quoted at most once (the results page marks it or not).
    answer = models.OneToOneField(
        "surveys.Answer", on_delete=models.CASCADE, null=True, blank=True, related_name="quote"
    )
    text = models.TextField(_("quote"))
    effect = models.ForeignKey(
        "changestories.Effect",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("effect"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.CheckConstraint(
                condition=(Q(story__isnull=False) & Q(answer__isnull=True))
                | (Q(story__isnull=True) & Q(answer__isnull=False)),
                name="stories_quote_one_source",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="stories_quote_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class StoryLink(models.Model):
    """A public address for sending in a story, like a survey's public link."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="story_links"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    prompt = models.TextField(
        _("question to the teller"), max_length=1000, default=DEFAULT_MSC_QUESTION
    )
    token = models.CharField(max_length=32, unique=True)
    is_open = models.BooleanField(_("open"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("story link")
        verbose_name_plural = _("story links")

    def __str__(self) -> str:
        return self.title


class MscRound(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="msc_rounds"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    question = models.CharField(_("question"), max_length=300, default=DEFAULT_MSC_QUESTION)
    panel = models.CharField(
        _("panel"),
        max_length=500,
        blank=True,
        help_text=_("Who chooses: names or roles of the members of the panel."),
    )
    held_on = models.DateField(_("date of the panel"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Most Significant Change round")
        verbose_name_plural = _("Most Significant Change rounds")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="stories_mscround_title_not_empty")
        ]

    def __str__(self) -> str:
        return self.title


class MscChoice(models.Model):
    """The panel's choice for one effect in a round, with its reason."""

    msc_round = models.ForeignKey(MscRound, on_delete=models.CASCADE, related_name="choices")
    effect = models.ForeignKey(
        "changestories.Effect", on_delete=models.CASCADE, related_name="msc_choices"
    )
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="msc_choices")
    reason = models.TextField(_("why this story"))
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    chosen_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["effect__position", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(
                fields=["msc_round", "effect"], name="stories_msc_one_per_effect"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="stories_msc_reason_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.msc_round_id}/{self.effect_id}: {self.story_id}"
