from django.contrib import admin

from collectief.support.models import SupportRequest


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ["organisation", "kind", "status", "handler", "created_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
