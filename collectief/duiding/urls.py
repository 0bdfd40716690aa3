from django.urls import path

from collectief.duiding import views

app_name = "duiding"

base = "o/<slug:organisation_slug>/duiden/"
triangle = base + "waardendriehoek/<int:session_id>/"
arena = base + "effectenarena/<int:session_id>/"
session = base + "sessies/<int:session_id>/"
urlpatterns = [
    path(base, views.overview, name="list"),
    path(base + "waardendriehoek/nieuw/", views.triangle_create, name="triangle_create"),
    path(triangle, views.triangle_detail, name="triangle"),
    path(triangle + "scores/", views.triangle_score, name="triangle_score"),
    path(
        triangle + "scores/<int:score_id>/verwijderen/",
        views.triangle_score_remove,
        name="triangle_score_remove",
    ),
    path(triangle + "werkblad.pdf", views.triangle_sheet, name="triangle_sheet"),
    path(base + "effectenarena/nieuw/", views.arena_create, name="arena_create"),
    path(arena, views.arena_detail, name="arena"),
    path(arena + "actoren/", views.arena_actor, name="arena_actor"),
    path(
        arena + "actoren/<int:actor_id>/verwijderen/",
        views.arena_actor_remove,
        name="arena_actor_remove",
    ),
    path(arena + "effecten/", views.arena_effect, name="arena_effect"),
    path(
        arena + "effecten/<int:outcome_id>/verwijderen/",
        views.arena_effect_remove,
        name="arena_effect_remove",
    ),
    path(arena + "werkblad.pdf", views.arena_sheet, name="arena_sheet"),
    path(base + "sessies/nieuw/", views.session_create, name="session_create"),
    path(session, views.session_detail, name="session"),
    path(session + "deelnemers/", views.participant_add, name="participant_add"),
    path(
        session + "deelnemers/<int:participant_id>/verwijderen/",
        views.participant_remove,
        name="participant_remove",
    ),
    path(session + "effecten/<int:effect_id>/", views.reading, name="reading"),
    path(session + "conclusies/", views.conclusions, name="conclusions"),
    path(session + "acties/", views.follow_up_add, name="follow_up_add"),
    path(
        session + "acties/<int:follow_up_id>/klaar/", views.follow_up_done, name="follow_up_done"
    ),
    path(session + "presentatie/<int:number>/", views.present, name="present"),
    path(session + "verslag.pdf", views.report_pdf, name="report"),
]
