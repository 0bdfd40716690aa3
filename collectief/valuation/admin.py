from django.contrib import admin

from collectief.valuation.models import Input, Outcome, Valuation


class InputInline(admin.TabularInline):
    model = Input
    extra = 0


class OutcomeInline(admin.StackedInline):
    model = Outcome
    extra = 0
    raw_id_fields = ("effect", "question", "figure")


@admin.register(Valuation)
class ValuationAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "is_illustration", "updated_at")
    search_fields = ("title", "organisation__name")
    raw_id_fields = ("organisation", "updated_by")
    inlines = [InputInline, OutcomeInline]
