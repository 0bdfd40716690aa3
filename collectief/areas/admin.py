from django.contrib import admin

from collectief.areas.models import Area, Boundary


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "year"]
    list_filter = ["level", "year"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(Boundary)
class BoundaryAdmin(admin.ModelAdmin):
    list_display = ["area", "points", "is_demo", "source", "imported_at"]
    list_filter = ["is_demo"]
    search_fields = ["area__code", "area__name"]
    raw_id_fields = ["area"]
    readonly_fields = ["imported_at"]
