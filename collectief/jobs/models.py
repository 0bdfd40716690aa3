"""Background work a person waits for, and the claims of the scheduler.

``Job`` is what the status page shows: it lives next to the django-tasks
result because a person needs more than "ready/running": a title, a step, a
Dutch error and the file that was made. It is stored in the database, like
the task queue, so every web server and worker sees the same state.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Busy")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # A random id, so the address of a status page cannot be guessed.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # Kept as a number, like the audit log: jobs sit below the accounts app.
    organisation_id = models.BigIntegerField(null=True, blank=True)
    language = models.CharField(max_length=10, default="nl")
    params = models.JSONField(default=dict, blank=True)
    # The uploaded file of an import; emptied when the job ends.
    payload = models.BinaryField(default=b"", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    step = models.CharField(_("step"), max_length=200, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(_("message"), blank=True)
    problems = models.JSONField(default=list, blank=True)
    result = models.BinaryField(null=True, blank=True)
    result_name = models.CharField(max_length=200, blank=True)
    result_type = models.CharField(max_length=100, blank=True)
    # Where to go when it is done (the survey results after an import).
    next_url = models.CharField(max_length=500, blank=True)
    back_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def has_result(self) -> bool:
        return self.status == self.Status.DONE and bool(self.result_name)


class ScheduledRun(models.Model):
    """One periodic task in one period (hour or day), claimed by exactly one worker.

    The unique key is the claim: the second worker that tries to insert the
    same (task, period) gets an IntegrityError and skips it.
    """

    task = models.CharField(max_length=200)
    period = models.CharField(max_length=20)
    claimed_at = models.DateTimeField(auto_now_add=True)
    worker = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "period"], name="jobs_scheduledrun_once")
        ]

    def __str__(self) -> str:
        return f"{self.task} {self.period}"
