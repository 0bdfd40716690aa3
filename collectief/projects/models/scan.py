"""The randvoorwaarden scan (issue 13 point 6, magazine p. 14 and 18-21)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collectief.projects.models.base import Project


class Condition(models.TextChoices):
    """What every partner scores: the randvoorwaarden of p. 20-21 and "wat helpt" of p. 14.

    The code is the data format (stored, exported); the label is the page's.
    """

    MANDATE = "opdracht", _("Supportive assignment and direction")
    ROLES = "rollen", _("A clear division of tasks and roles")
    PARTNERS = "samenwerking", _("Working together with partners")
    FOCUS = "focus", _("Focus")
    PROGRESS = "voortgang", _("Making progress")
    LEARNING = "leren", _("Reflecting and learning")
    INSIGHT = "zicht", _("Insight into common problems and chances in the wijk")
    ASSIGNMENT = "collectief", _("A clear assignment: collective where possible")
    COMMUNITY_WORK = "opbouwwerk", _("Community workers are recognised and arranged")
    EXPECTATIONS = "verwachtingen", _("Partners state expectations and ambitions")
    SHARED_INTEREST = "belang", _("The shared interest is named together")
    PRIORITY = "prioriteit", _("Priority for the wijk: everyone makes time")
    TRUST = "vertrouwen", _("Building trust in working together")


# The two groups of the scan, in the magazine's order.
CONDITIONS = [
    Condition.MANDATE,
    Condition.ROLES,
    Condition.PARTNERS,
    Condition.FOCUS,
    Condition.PROGRESS,
    Condition.LEARNING,
]
WHAT_HELPS = [
    Condition.INSIGHT,
    Condition.ASSIGNMENT,
    Condition.COMMUNITY_WORK,
    Condition.EXPECTATIONS,
    Condition.SHARED_INTEREST,
    Condition.PRIORITY,
    Condition.TRUST,
]
SCORE_MIN, SCORE_MAX = 1, 5
COMMENT_MAX_LENGTH = 500


class ScanRound(models.Model):
    """One round of the scan; a project repeats it over time to see what changed."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="scan_rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("scan round")
        verbose_name_plural = _("scan rounds")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="scan_round_once"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="scan_round_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.number}"


class ScanScore(models.Model):
    """One organisation's score (1-5) with a comment on one condition in one round."""

    round = models.ForeignKey(ScanRound, on_delete=models.CASCADE, related_name="scores")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="scan_scores",
    )
    condition = models.CharField(_("condition"), max_length=20, choices=Condition.choices)
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "organisation__name", "condition"]
        verbose_name = _("scan score")
        verbose_name_plural = _("scan scores")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation", "condition"], name="scan_score_once"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="scan_score_range",
            ),
            models.CheckConstraint(
                condition=models.Q(condition__in=Condition.values), name="scan_condition_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.organisation_id} {self.condition}={self.score}"
