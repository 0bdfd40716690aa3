from django.contrib import admin

from collectief.surveys.models import Choice, Question, Section, Survey, Wave


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


class WaveInline(admin.TabularInline):
    model = Wave
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "closes_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "organisation__name"]
    inlines = [SectionInline, WaveInline]
    readonly_fields = ["public_token", "created_at", "updated_at", "opened_at"]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "survey", "type", "required"]
    list_filter = ["type"]
    search_fields = ["code", "text", "survey__title"]
    raw_id_fields = ["survey", "section", "show_if_question", "effect", "indicator"]
    inlines = [ChoiceInline]
