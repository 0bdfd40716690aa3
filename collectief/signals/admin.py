from django.contrib import admin

from collectief.signals.models import ImportedCount, Signal, SignalTheme


class SignalThemeInline(admin.TabularInline):
    model = SignalTheme
    extra = 0
    raw_id_fields = ("theme",)


@admin.register(Signal)
class SignalAdmin(admin.ModelAdmin):
    # The note is shown read-only: changing it here would bypass the
    # de-identification in services.record_signal.
    list_display = ("date", "organisation", "area", "source_role", "channel", "created_at")
    list_filter = ("source_role", "channel", "age_band")
    search_fields = ("organisation__name", "area__name", "area__code")
    raw_id_fields = ("organisation", "area", "created_by")
    readonly_fields = ("note", "note_removed_at", "created_at")
    inlines = [SignalThemeInline]
    date_hierarchy = "date"


@admin.register(ImportedCount)
class ImportedCountAdmin(admin.ModelAdmin):
    list_display = ("period", "organisation", "area", "theme", "source_role", "count")
    list_filter = ("source_role",)
    search_fields = ("organisation__name", "area__name", "area__code")
    raw_id_fields = ("organisation", "area", "theme", "created_by")
