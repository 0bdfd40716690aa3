from django.contrib import admin

from collectief.figures.models import Figure, FigureValue


class FigureValueInline(admin.TabularInline):  # type: ignore[type-arg]
    model = FigureValue
    extra = 0


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("label", "organisation", "value", "unit", "period", "is_highlighted")
    list_filter = ("unit", "period", "is_highlighted")
    search_fields = ("label", "organisation__name")
    raw_id_fields = ("organisation", "indicator")
    inlines = [FigureValueInline]
