from django.contrib import admin

from collectief.sharing.models import Share


@admin.register(Share)
class ShareAdmin(admin.ModelAdmin):
    list_display = ["owner", "kind", "label", "recipient", "created_at", "revoked_at"]
    list_filter = ["kind"]
    readonly_fields = ["created_by", "created_at", "revoked_by"]
