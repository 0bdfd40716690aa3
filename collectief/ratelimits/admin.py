from django.contrib import admin
from django.http import HttpRequest

from collectief.ratelimits.models import RateBucket


@admin.register(RateBucket)
class RateBucketAdmin(admin.ModelAdmin):
    """Read-only: counters are written by requests and pruned by the scheduled task."""

    list_display = ["scope", "hour", "hits"]
    list_filter = ["scope"]
    date_hierarchy = "hour"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
