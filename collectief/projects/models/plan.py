"""Step 2, the plan of action, and uitspreken – afspreken – aanspreken (p. 17, 24).

The werkgroep and its kartrekkers, each organisation's role and mandate, goals,
the planning, and agreements with the follow-ups after a missed one.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from collectief.projects.models.base import (
    ANSWER_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Project,
)


class WorkingGroupMember(models.Model):
    """A person in the werkgroep, from the owner, a partner, or a resident (with consent).

    Two members can be kartrekkers, in slot 1 and 2, so that they stand in
    for each other; the unique slot keeps it at two in the database. A member
    who leaves keeps the row with ``left_on``.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=TITLE_MAX_LENGTH)
    # Empty for a resident.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    task = models.CharField(_("task in the werkgroep"), max_length=ANSWER_MAX_LENGTH, blank=True)
    kartrekker_slot = models.PositiveSmallIntegerField(null=True, blank=True)
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["kartrekker_slot", "name", "pk"]
        verbose_name = _("werkgroep member")
        verbose_name_plural = _("werkgroep members")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kartrekker_slot"], name="member_two_kartrekkers"
            ),
            models.CheckConstraint(
                condition=models.Q(kartrekker_slot__isnull=True)
                | models.Q(kartrekker_slot__in=[1, 2], left_on__isnull=True),
                name="member_kartrekker_slot_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kartrekker_slot__isnull=True)
                | models.Q(organisation__isnull=False),
                name="member_kartrekker_from_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Delivers(models.TextChoices):
    UNKNOWN = "", _("not assessed")
    YES = "ja", _("yes")
    PARTLY = "deels", _("partly")
    NO = "nee", _("no")


class PartnerRole(models.Model):
    """Role, contribution and mandate of one organisation, and whether it delivers (step 3)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    role = models.TextField(_("role"), max_length=ANSWER_MAX_LENGTH, blank=True)
    contribution = models.TextField(_("contribution"), max_length=ANSWER_MAX_LENGTH, blank=True)
    mandate = models.TextField(_("mandate"), max_length=ANSWER_MAX_LENGTH, blank=True)
    expectations = models.TextField(
        _("what we expect of the others"), max_length=NOTE_MAX_LENGTH, blank=True
    )
    delivers = models.CharField(
        _("does it deliver its contribution?"),
        max_length=5,
        choices=Delivers.choices,
        default="",
        blank=True,
    )
    delivers_note = models.TextField(_("explanation"), max_length=ANSWER_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("partner role")
        verbose_name_plural = _("partner roles")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="role_once"),
            models.CheckConstraint(
                condition=models.Q(delivers__in=Delivers.values), name="role_delivers_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.organisation_id}"


class Goal(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=ANSWER_MAX_LENGTH)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=TITLE_MAX_LENGTH)
    due_on = models.DateField(_("date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


# --- uitspreken, afspreken, aanspreken (p. 24) ------------------------------------------


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "nagekomen", _("kept")
    MISSED = "gemist", _("missed")


class Agreement(models.Model):
    """Who does what by when. An agreement always has an owner organisation."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="agreements")
    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.CharField(_("person"), max_length=TITLE_MAX_LENGTH, blank=True)
    what = models.TextField(_("what"), max_length=ANSWER_MAX_LENGTH)
    due_on = models.DateField(_("by when"))
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    reminded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [models.Index(fields=["status", "due_on"], name="agreement_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=AgreementStatus.values),
                name="agreement_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.what[:60]


class FollowUpKind(models.TextChoices):
    ADDRESS = "aanspreken", _("Address the partner on the agreement")
    AGREE = "afspreken", _("Make the agreement clear and record it")
    EXPRESS = "uitspreken", _("Say again what you expect of each other")


class FollowUp(models.Model):
    """One of the three follow-ups of p. 24 after a missed agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("follow-up"), max_length=10, choices=FollowUpKind.choices)
    note = models.TextField(_("note"), max_length=ANSWER_MAX_LENGTH, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=FollowUpKind.values), name="followup_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.kind
