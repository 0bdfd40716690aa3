"""Read-only admin: change stories are edited in the guided editor only.

Every save there makes a version and checks for conflicts; editing rows
here would bypass both, so site administrators can look but not change.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from collectief.changestories.models import ChangeStory, ChangeStoryVersion, Effect


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ChangeStory)
class ChangeStoryAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "version", "is_public", "updated_at", "updated_by"]
    list_filter = ["is_public"]
    search_fields = ["organisation__name"]


@admin.register(Effect)
class EffectAdmin(ReadOnlyAdmin):
    list_display = ["name", "description", "level", "story"]
    list_filter = ["level"]
    search_fields = ["name", "description"]


@admin.register(ChangeStoryVersion)
class ChangeStoryVersionAdmin(ReadOnlyAdmin):
    list_display = ["story", "number", "created_at", "created_by", "note"]
    exclude = ["snapshot"]
