from django.contrib import admin

from collectief.projects.models import Partnership, Project, ProvisionReview


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    raw_id_fields = ("organisation", "added_by")


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "wijk", "theme", "step", "updated_at")
    list_filter = ("step", "who_acts")
    search_fields = ("title", "owner__name", "wijk__name", "wijk__code")
    raw_id_fields = ("owner", "wijk", "theme", "origin_action", "handed_to", "created_by")
    inlines = [PartnershipInline]


@admin.register(ProvisionReview)
class ProvisionReviewAdmin(admin.ModelAdmin):
    list_display = ("project", "service", "updated_at")
    raw_id_fields = ("project", "service", "updated_by")
