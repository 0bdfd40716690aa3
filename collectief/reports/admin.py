from django.contrib import admin

from collectief.reports.models import Report, ReportVersion


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "period", "template", "updated_at")
    list_filter = ("template",)
    search_fields = ("title", "organisation__name")
    readonly_fields = ("public_token",)


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):
    list_display = ("title", "report", "number", "published_at")
    readonly_fields = ("html", "data", "colours")
