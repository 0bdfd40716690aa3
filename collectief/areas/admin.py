from django.contrib import admin

from collectief.areas.models import Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "year"]
    list_filter = ["level", "year"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
