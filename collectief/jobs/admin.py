"""Background jobs and scheduler claims in /beheer/: to look at, never to edit."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from collectief.jobs.models import Job, ScheduledRun


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "status", "created_at", "finished_at")
    list_filter = ("status", "kind")
    # The uploaded file and the result stay out of the admin: they may hold personal data.
    fields = (
        "title",
        "kind",
        "status",
        "step",
        "message",
        "problems",
        "organisation_id",
        "created_at",
        "started_at",
        "finished_at",
    )
    readonly_fields = fields


@admin.register(ScheduledRun)
class ScheduledRunAdmin(ReadOnlyAdmin):
    list_display = ("task", "period", "worker", "claimed_at")
    list_filter = ("task",)
