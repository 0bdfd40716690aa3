"""The veranderverhaal (change story) of an initiative.

A change story has four blocks, as on the magazine's poster: doelgroep
(target groups), aanpak (approaches), directe effecten (effects, each with
indicators) and "draagt indirect bij aan" (contributions). Approaches link
to the effects they serve; effects link to the contributions they feed.

Every item has a ``key`` ("t1", "a2", "e3", "c1", "i4") that stays the same
across versions, so links, diffs, exports and other apps (surveys link
questions to effects and indicators) can refer to an item while the text
changes. Each save stores a JSON snapshot in ``ChangeStoryVersion``.

A story belongs to an organisation, or, with no organisation, to a
collective project: ``projects.Project.change_story`` points at it, so this
app knows nothing of projects (projects sit above it).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeStory(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="change_story",
    )
    tagline = models.CharField(
        _("tagline on the poster"),
        max_length=200,
        blank=True,
        help_text=_("A short line under the name, for example: for and by residents."),
    )
    is_public = models.BooleanField(
        _("show the poster on the public profile"),
        default=False,
    )
    # The poster's own colour (#rrggbb); empty: Collectief's green. The
    # poster picks white or black text on it and darkens it for headings
    # where needed, so any colour stays readable (poster.palette).
    colour = models.CharField(
        _("colour of the poster"),
        max_length=7,
        blank=True,
        validators=[
            RegexValidator(
                r"^#[0-9a-fA-F]{6}$",
                _("Enter a colour as # and six characters 0-9 or a-f, for example #0b5f4f."),
            )
        ],
    )
    # A logo or photo at the top of the poster, re-encoded on upload without
    # its metadata (services.store_poster_image).
    image = models.ImageField(_("logo or photo"), upload_to="posters/", blank=True)
    image_alt = models.CharField(
        _("what the image shows"),
        max_length=200,
        blank=True,
        help_text=_("For people who cannot see the image. Leave empty for a logo."),
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    # Items get keys like "e7" from this counter; a key is never given out
    # twice, so an old version's "e7" always means the same item.
    key_counter = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("change story")
        verbose_name_plural = _("change stories")

    def __str__(self) -> str:
        return str(self.owner) if self.owner is not None else "?"

    @property
    def owner(self) -> Any:
        return self.organisation

    @property
    def owner_name(self) -> str:
        return str(self.owner)


class Level(models.TextChoices):
    INDIVIDUAL = "individu", _("individual")
    GROUP = "groep", _("group")
    NEIGHBOURHOOD = "wijk", _("neighbourhood")


class IndicatorKind(models.TextChoices):
    OUTPUT = "output", _("output figure")
    STATEMENT = "stelling", _("questionnaire statement")
    STORY = "verhaal", _("story or observation")
    FINANCIAL = "financieel", _("financial")


class _Item(models.Model):
    key = models.CharField(max_length=12)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class TargetGroup(_Item):
    story = models.ForeignKey(ChangeStory, on_delete=models.CASCADE, related_name="target_groups")
    text = models.CharField(_("target group"), max_length=300)

    class Meta(_Item.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(fields=["story", "key"], name="targetgroup_unique_key"),
        ]

    def __str__(self) -> str:
        return self.text


class Approach(_Item):
    """An activity, a way of working or an attitude (aanpak)."""

    story = models.ForeignKey(ChangeStory, on_delete=models.CASCADE, related_name="approaches")
    text = models.CharField(_("approach"), max_length=300)
    effects: models.ManyToManyField[Effect, ApproachEffect] = models.ManyToManyField(
        "Effect", blank=True, related_name="approaches", through="ApproachEffect"
    )

    class Meta(_Item.Meta):
        verbose_name = _("approach")
        verbose_name_plural = _("approaches")
        constraints = [
            models.UniqueConstraint(fields=["story", "key"], name="approach_unique_key"),
        ]

    def __str__(self) -> str:
        return self.text


class Effect(_Item):
    """A direct effect: what changes for the target group."""

    story = models.ForeignKey(ChangeStory, on_delete=models.CASCADE, related_name="effects")
    name = models.CharField(
        _("short name"),
        max_length=60,
        blank=True,
        help_text=_("One or two words in capitals, for example VERBONDENHEID."),
    )
    description = models.CharField(_("description"), max_length=300)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.GROUP)
    contributions: models.ManyToManyField[Contribution, EffectContribution] = (
        models.ManyToManyField(
            "Contribution", blank=True, related_name="effects", through="EffectContribution"
        )
    )

    class Meta(_Item.Meta):
        verbose_name = _("direct effect")
        verbose_name_plural = _("direct effects")
        constraints = [
            models.UniqueConstraint(fields=["story", "key"], name="effect_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.description}" if self.name else self.description


class Contribution(_Item):
    """A wider effect the initiative contributes to (draagt indirect bij aan)."""

    story = models.ForeignKey(ChangeStory, on_delete=models.CASCADE, related_name="contributions")
    text = models.CharField(_("contributes to"), max_length=300)

    class Meta(_Item.Meta):
        verbose_name = _("indirect contribution")
        verbose_name_plural = _("indirect contributions")
        constraints = [
            models.UniqueConstraint(fields=["story", "key"], name="contribution_unique_key"),
        ]

    def __str__(self) -> str:
        return self.text


class Indicator(_Item):
    """A sign that an effect is reached."""

    effect = models.ForeignKey(Effect, on_delete=models.CASCADE, related_name="indicators")
    text = models.CharField(_("indicator"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=12, choices=IndicatorKind.choices, default=IndicatorKind.STATEMENT
    )

    class Meta(_Item.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["effect", "key"], name="indicator_unique_key"),
        ]

    def __str__(self) -> str:
        return self.text


class ApproachEffect(models.Model):
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE)
    effect = models.ForeignKey(Effect, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["approach", "effect"], name="approacheffect_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.approach_id} → {self.effect_id}"


class EffectContribution(models.Model):
    effect = models.ForeignKey(Effect, on_delete=models.CASCADE)
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["effect", "contribution"], name="effectcontribution_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.effect_id} → {self.contribution_id}"


class ChangeStoryVersion(models.Model):
    """A saved state of a change story: who saved it, when, and what it said."""

    story = models.ForeignKey(ChangeStory, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("saved by"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [
            models.UniqueConstraint(fields=["story", "number"], name="changestoryversion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.story} v{self.number}"
