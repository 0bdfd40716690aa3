"""Samen duiden and the gesprekstools (magazine p. 28-29, step 3 "uitkomsten samen duiden").

Numbers and stories do not speak for themselves: an initiative reads them
together with volunteers, participants and partners. Three kinds of sessions
record those conversations, each with a date, its participants and the direct
effects of the organisation's veranderverhaal it is about:

- ``TriangleSession``, the Waardendriehoek: every participant scores the
  three corners rendement, legitimiteit and betrokkenheid from 1 to 10 and
  says why (``TriangleScore``);
- ``ArenaSession``, the Effectenarena: who invests what (``ArenaActor``),
  which effects follow, who gains from each and how large the group values it
  (``ArenaEffect``);
- ``InterpretationSession``, samen duiden for one period: per direct effect
  the four duidingsvragen (``EffectReading``), the conclusions, and actions
  with an owner and a due date (``FollowUp``) that wait on the organisation's
  home page until done.

Participants are recorded by role; a name is optional and only typed when the
person agrees. The tools' texts are the group's words, never a score of a
person by others.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 150
NAME_MAX_LENGTH = 100
TEXT_MAX_LENGTH = 2000
SHORT_TEXT_MAX_LENGTH = 500
SCORE_MIN = 1
SCORE_MAX = 10


class ParticipantRole(models.TextChoices):
    """Who sat at the table, as in the magazine: the people involved, not their names."""

    PARTICIPANT = "deelnemer", _("participant")
    VOLUNTEER = "vrijwilliger", _("volunteer")
    RESIDENT = "buurtbewoner", _("resident")
    BOARD = "bestuur", _("board member")
    PARTNER = "partner", _("partner organisation")
    PROFESSIONAL = "professional", _("professional")
    MUNICIPALITY = "gemeente", _("municipality")
    FUNDER = "financier", _("funder")


class Corner(models.TextChoices):
    """The three corners of the Waardendriehoek; the value is the data format."""

    RETURN = "rendement", _("return (rendement)")
    LEGITIMACY = "legitimiteit", _("legitimacy (legitimiteit)")
    ENGAGEMENT = "betrokkenheid", _("engagement (betrokkenheid)")


class Valuation(models.IntegerChoices):
    """How large the group values an effect in the Effectenarena."""

    VERY_SMALL = 1, _("hardly any")
    SMALL = 2, _("small")
    MODERATE = 3, _("moderate")
    LARGE = 4, _("large")
    VERY_LARGE = 5, _("very large")


class SessionQuerySet(models.QuerySet):
    def for_organisation(self, organisation: object) -> SessionQuerySet:
        return self.filter(organisation=organisation)


class _Session(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    held_on = models.DateField(_("date"))
    note = models.TextField(_("note"), max_length=TEXT_MAX_LENGTH, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class TriangleSession(_Session):
    """A Waardendriehoek conversation."""

    effects = models.ManyToManyField(
        "changestories.Effect", verbose_name=_("direct effects"), blank=True, related_name="+"
    )

    class Meta(_Session.Meta):
        verbose_name = _("Waardendriehoek session")
        verbose_name_plural = _("Waardendriehoek sessions")
        indexes = [models.Index(fields=["organisation", "-held_on"], name="triangle_org_date")]


class TriangleScore(models.Model):
    """One participant's three scores (1-10), each with the arguments given."""

    session = models.ForeignKey(TriangleSession, on_delete=models.CASCADE, related_name="scores")
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    name = models.CharField(_("name (optional)"), max_length=NAME_MAX_LENGTH, blank=True)
    rendement = models.PositiveSmallIntegerField(_("return"))
    rendement_why = models.TextField(_("why"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    legitimiteit = models.PositiveSmallIntegerField(_("legitimacy"))
    legitimiteit_why = models.TextField(_("why"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    betrokkenheid = models.PositiveSmallIntegerField(_("engagement"))
    betrokkenheid_why = models.TextField(_("why"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            *(
                models.CheckConstraint(
                    condition=models.Q(
                        **{f"{corner}__gte": SCORE_MIN, f"{corner}__lte": SCORE_MAX}
                    ),
                    name=f"triangle_{corner}_1_to_10",
                )
                for corner in Corner.values
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=ParticipantRole.values), name="triangle_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.rendement}/{self.legitimiteit}/{self.betrokkenheid}"


class ArenaSession(_Session):
    """An Effectenarena conversation: investors, effects and who gains."""

    effects = models.ManyToManyField(
        "changestories.Effect", verbose_name=_("direct effects"), blank=True, related_name="+"
    )

    class Meta(_Session.Meta):
        verbose_name = _("Effectenarena session")
        verbose_name_plural = _("Effectenarena sessions")
        indexes = [models.Index(fields=["organisation", "-held_on"], name="arena_org_date")]


class ArenaActor(models.Model):
    """Someone at or around the table: who they are and what they put in."""

    session = models.ForeignKey(ArenaSession, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(_("actor"), max_length=NAME_MAX_LENGTH)
    investment = models.TextField(_("investment"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("name"), "session", name="arena_actor_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ArenaEffect(models.Model):
    """An effect named in the arena, who gains from it and the group's valuation."""

    session = models.ForeignKey(ArenaSession, on_delete=models.CASCADE, related_name="outcomes")
    description = models.CharField(_("effect"), max_length=SHORT_TEXT_MAX_LENGTH)
    effect = models.ForeignKey(
        "changestories.Effect",
        verbose_name=_("direct effect in the change story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gainers = models.ManyToManyField(
        ArenaActor, verbose_name=_("who gains"), blank=True, related_name="gains"
    )
    valuation = models.PositiveSmallIntegerField(_("valuation"), choices=Valuation.choices)
    valuation_why = models.TextField(_("why"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("effect")
        verbose_name_plural = _("effects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valuation__gte=1, valuation__lte=5),
                name="arena_valuation_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.description


class InterpretationSession(_Session):
    """Samen duiden: reading the results of one period together."""

    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    survey = models.ForeignKey(
        "surveys.Survey",
        verbose_name=_("questionnaire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conclusions = models.TextField(_("conclusions"), max_length=TEXT_MAX_LENGTH * 2, blank=True)

    class Meta(_Session.Meta):
        verbose_name = _("samen-duiden session")
        verbose_name_plural = _("samen-duiden sessions")
        indexes = [models.Index(fields=["organisation", "-held_on"], name="reading_org_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="reading_period_ordered",
            )
        ]


class Participant(models.Model):
    session = models.ForeignKey(
        InterpretationSession, on_delete=models.CASCADE, related_name="participants"
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    name = models.CharField(_("name (optional)"), max_length=NAME_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=ParticipantRole.values), name="participant_role_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name or self.role


class EffectReading(models.Model):
    """The four duidingsvragen, answered for one direct effect."""

    session = models.ForeignKey(
        InterpretationSession, on_delete=models.CASCADE, related_name="readings"
    )
    effect = models.ForeignKey("changestories.Effect", on_delete=models.CASCADE, related_name="+")
    recognise = models.TextField(
        _("Do we recognise the figures?"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    explain = models.TextField(_("Can we explain them?"), max_length=TEXT_MAX_LENGTH, blank=True)
    judge = models.TextField(
        _("What do we think of them?"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    act = models.TextField(_("Which actions?"), max_length=TEXT_MAX_LENGTH, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reading of an effect")
        verbose_name_plural = _("readings of effects")
        constraints = [
            models.UniqueConstraint(fields=["session", "effect"], name="reading_once_per_effect")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.effect_id}"


class FollowUpQuerySet(models.QuerySet):
    def open(self) -> FollowUpQuerySet:
        return self.filter(done_on__isnull=True)


class FollowUp(models.Model):
    """An action agreed in a samen-duiden session: what, who and by when."""

    session = models.ForeignKey(
        InterpretationSession, on_delete=models.CASCADE, related_name="follow_ups"
    )
    effect = models.ForeignKey(
        "changestories.Effect",
        verbose_name=_("direct effect"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.CharField(_("action"), max_length=SHORT_TEXT_MAX_LENGTH)
    owner = models.CharField(_("who does it"), max_length=NAME_MAX_LENGTH)
    due_on = models.DateField(_("done by"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["session", "done_on"], name="followup_open")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(owner=""), name="followup_has_owner"),
            models.CheckConstraint(
                condition=~models.Q(description=""), name="followup_has_description"
            ),
        ]

    def __str__(self) -> str:
        return self.description
