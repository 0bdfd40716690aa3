"""Steps 3 and 4: the progress log with interim evaluations, and lessons learned."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from collectief.projects.models.base import NOTE_MAX_LENGTH, Project


class LogKind(models.TextChoices):
    PROGRESS = "voortgang", _("progress")
    INTERIM = "tussenevaluatie", _("interim evaluation with residents")


class LogEntry(models.Model):
    """The progress log (step 3); an interim evaluation records the residents who joined it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="log")
    kind = models.CharField(max_length=16, choices=LogKind.choices, default=LogKind.PROGRESS)
    happened_on = models.DateField(_("date"))
    text = models.TextField(_("what happened"), max_length=NOTE_MAX_LENGTH)
    residents = models.PositiveIntegerField(_("residents taking part"), default=0)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["-happened_on", "-pk"]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=LogKind.values), name="logentry_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.happened_on}: {self.text[:40]}"


class Lesson(models.Model):
    """A lesson learned; published (opt-in) on the public lessons page."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="lessons")
    text = models.TextField(_("lesson"), max_length=NOTE_MAX_LENGTH)
    is_public = models.BooleanField(_("publish for other wijken and gemeenten"), default=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        indexes = [models.Index(fields=["is_public", "-created_at"], name="lesson_public")]

    def __str__(self) -> str:
        return self.text[:60]
