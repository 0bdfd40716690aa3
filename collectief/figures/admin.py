from django.contrib import admin

from collectief.figures.models import Figure, FigureValue


class FigureValueInline(admin.TabularInline):
    model = FigureValue
    extra = 0


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ("label", "organisation", "value", "unit", "period", "is_highlighted")
    list_filter = ("unit", "period", "is_highlighted")
    search_fields = ("label", "organisation__name")
    raw_id_fields = ("organisation", "indicator")
    inlines = [FigureValueInline]
