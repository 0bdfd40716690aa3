"""Django admin for the sociale kaart; administrators edit themes and target groups here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from collectief.directory import models as m


class TermInline(admin.TabularInline):
    model = m.TaxonomyTerm
    fields = ("code", "name", "description", "order")
    extra = 1
    fk_name = "taxonomy_detail"


@admin.register(m.Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ("name", "version")
    search_fields = ("name",)
    inlines = [TermInline]


@admin.register(m.TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "taxonomy_detail", "order")
    list_filter = ("taxonomy_detail",)
    search_fields = ("name", "code")


@admin.register(m.DirectoryOrganization)
class DirectoryOrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "updated_at")
    search_fields = ("name", "alternate_name")
    autocomplete_fields = ("organisation",)


class ScheduleInline(admin.StackedInline):
    model = m.Schedule
    fk_name = "service"
    extra = 0
    fields = (
        "kind",
        "description",
        ("valid_from", "valid_to"),
        ("freq", "interval", "byday"),
        ("opens_at", "closes_at"),
        "notes",
    )


@admin.register(m.Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "status", "checked_at", "is_public")
    list_filter = ("status", "is_free", "referral", "prevention_stage", "delivery", "is_public")
    search_fields = ("name", "description", "search_text")
    raw_id_fields = ("organization", "checked_by")
    readonly_fields = ("search_text", "last_modified", "reminded_at")
    inlines = [ScheduleInline]


@admin.register(m.Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("name", "location_type", "area", "needs_placement")
    list_filter = ("needs_placement", "location_type")
    search_fields = ("name",)
    raw_id_fields = ("area", "organization")


@admin.register(m.Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("directory_organization", "organisation", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("directory_organization", "organisation", "requested_by", "decided_by")


@admin.register(m.ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    list_display = ("service", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("service", "handled_by")


@admin.register(m.Coordination)
class CoordinationAdmin(admin.ModelAdmin):
    """Read-only here: grants go through the page with the audit log."""

    list_display = ("area", "organisation", "granted_by", "granted_at")
    list_select_related = ("area", "organisation", "granted_by")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(m.HsdsImport)
class HsdsImportAdmin(admin.ModelAdmin):
    list_display = ("filename", "created", "updated", "by", "at")
    readonly_fields = ("filename", "created", "updated", "by", "at")
