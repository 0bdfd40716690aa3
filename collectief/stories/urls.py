from django.urls import path

from collectief.stories import views, views_msc, views_public

app_name = "stories"

base = "o/<slug:organisation_slug>/verhalen/"
one = base + "<int:story_id>/"
rounds = base + "msc/"
urlpatterns = [
    path(base, views.story_list, name="list"),
    path(base + "nieuw/", views.story_create, name="create"),
    path(one, views.story_detail, name="detail"),
    path(one + "bewerken/", views.story_edit, name="edit"),
    path(one + "verwijderen/", views.story_delete, name="delete"),
    path(one + "foto/", views.story_photo, name="photo"),
    path(one + "toestemming/", views.consent_record, name="consent"),
    path(one + "toestemming/intrekken/", views.consent_withdraw, name="withdraw"),
    path(one + "citaat/", views.quote_create, name="quote_create"),
    path(base + "citaten/", views.quote_list, name="quotes"),
    path(base + "citaten/<int:quote_id>/verwijderen/", views.quote_delete, name="quote_delete"),
    path(
        base + "citaten/vragenlijst/<int:survey_id>/antwoord/<int:answer_id>/",
        views.answer_quote,
        name="answer_quote",
    ),
    path(base + "links/", views.link_list, name="links"),
    path(base + "links/<int:link_id>/open/", views.link_toggle, name="link_toggle"),
    path(rounds, views_msc.round_list, name="rounds"),
    path(rounds + "<int:round_id>/", views_msc.round_detail, name="round"),
    path(rounds + "<int:round_id>/verhalen/", views_msc.round_stories, name="round_stories"),
    path(
        rounds + "<int:round_id>/kiezen/<int:effect_id>/",
        views_msc.round_choose,
        name="round_choose",
    ),
    # Public: what an organisation chose to publish, and the story link.
    path("organisaties/<slug:slug>/verhalen/", views_public.public_list, name="public_list"),
    path(
        "organisaties/<slug:slug>/verhalen/<int:story_id>/",
        views_public.public_detail,
        name="public_detail",
    ),
    path(
        "organisaties/<slug:slug>/verhalen/<int:story_id>/foto/",
        views_public.public_photo,
        name="public_photo",
    ),
    path("verhaal/<str:token>/", views_public.tell, name="tell"),
    path("verhaal/<str:token>/bedankt/", views_public.thanks, name="thanks"),
]
