"""Site administration of samen duiden: for support, read-mostly; the pages do the work."""

from django.contrib import admin

from collectief.duiding.models import (
    ArenaActor,
    ArenaEffect,
    ArenaSession,
    EffectReading,
    FollowUp,
    InterpretationSession,
    Participant,
    TriangleScore,
    TriangleSession,
)


class TriangleScoreInline(admin.TabularInline):
    model = TriangleScore
    extra = 0


@admin.register(TriangleSession)
class TriangleSessionAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "held_on")
    search_fields = ("title", "organisation__name")
    raw_id_fields = ("organisation", "created_by")
    filter_horizontal = ("effects",)
    inlines = [TriangleScoreInline]


class ArenaActorInline(admin.TabularInline):
    model = ArenaActor
    extra = 0


class ArenaEffectInline(admin.TabularInline):
    model = ArenaEffect
    extra = 0
    raw_id_fields = ("effect",)


@admin.register(ArenaSession)
class ArenaSessionAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "held_on")
    search_fields = ("title", "organisation__name")
    raw_id_fields = ("organisation", "created_by")
    filter_horizontal = ("effects",)
    inlines = [ArenaActorInline, ArenaEffectInline]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0


class EffectReadingInline(admin.StackedInline):
    model = EffectReading
    extra = 0
    raw_id_fields = ("effect", "updated_by")


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    raw_id_fields = ("effect",)


@admin.register(InterpretationSession)
class InterpretationSessionAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "held_on", "period_start", "period_end")
    search_fields = ("title", "organisation__name")
    raw_id_fields = ("organisation", "survey", "created_by")
    inlines = [ParticipantInline, EffectReadingInline, FollowUpInline]
