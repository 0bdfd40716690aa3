from django.contrib import admin

from collectief.stories.models import Consent, MscChoice, MscRound, Quote, Story, StoryLink


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    raw_id_fields = ("recorded_by",)


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "author_role", "told_on", "source")
    list_filter = ("author_role", "source")
    search_fields = ("title", "organisation__name")
    raw_id_fields = ("organisation", "created_by", "msc_round")
    filter_horizontal = ("effects",)
    inlines = [ConsentInline]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ("__str__", "organisation", "effect", "created_at")
    raw_id_fields = ("organisation", "story", "answer", "effect", "created_by")


@admin.register(StoryLink)
class StoryLinkAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "is_open", "created_at")
    raw_id_fields = ("organisation", "created_by")


class MscChoiceInline(admin.TabularInline):
    model = MscChoice
    extra = 0
    raw_id_fields = ("effect", "story", "chosen_by")


@admin.register(MscRound)
class MscRoundAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "held_on")
    raw_id_fields = ("organisation", "created_by")
    inlines = [MscChoiceInline]
