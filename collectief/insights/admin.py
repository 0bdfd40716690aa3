from django.contrib import admin

from collectief.insights.models import (
    Indicator,
    IndicatorValue,
    ProvisionCategory,
    ProvisionCount,
)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("key", "title", "unit", "denominator", "direction", "order")
    list_filter = ("unit", "direction", "themes")
    search_fields = ("key", "title", "cbs_title", "measure_code")
    filter_horizontal = ("themes",)


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    # Values come from CBS files; they are corrected by importing again, not here.
    list_display = ("indicator", "region", "year", "value", "status", "table_id")
    list_filter = ("status", "level", "year")
    search_fields = ("region", "indicator__key", "indicator__title")
    raw_id_fields = ("indicator", "area")
    readonly_fields = ("imported_at",)


@admin.register(ProvisionCategory)
class ProvisionCategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "law", "order")
    list_filter = ("law",)
    search_fields = ("code", "name")
    filter_horizontal = ("themes",)


@admin.register(ProvisionCount)
class ProvisionCountAdmin(admin.ModelAdmin):
    # Counts come from files (collectief wijkbeeld import-counts); corrected by importing again.
    list_display = ("area", "category", "year", "count")
    list_filter = ("category", "year")
    search_fields = ("area__code", "area__name")
    raw_id_fields = ("area",)
    readonly_fields = ("imported_at",)
