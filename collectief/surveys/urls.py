from django.urls import URLPattern, URLResolver, path

from collectief.surveys import views
from collectief.surveys.urls_results import urlpatterns as results_urlpatterns

app_name = "surveys"

ORG = "o/<slug:organisation_slug>/vragenlijsten/"
ONE = ORG + "<int:survey_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    # The respondent pages first: they take most of the traffic (see collectief/urls.py).
    path("v/<str:public_token>/", views.respond, name="respond"),
    path("v/<str:public_token>/terug/", views.respond_back, name="respond_back"),
    path("v/<str:public_token>/verder/", views.respond_resume, name="respond_resume"),
    path("v/<str:public_token>/bedankt/", views.thanks, name="thanks"),
    path(ORG, views.survey_list, name="list"),
    path(ORG + "nieuw/", views.survey_create, name="create"),
    path(ONE, views.survey_detail, name="detail"),
    path(ONE + "bewerken/", views.survey_edit, name="edit"),
    path(ONE + "verwijderen/", views.survey_delete, name="delete"),
    path(ONE + "status/", views.survey_status, name="status"),
    path(ONE + "delen/nieuw/", views.section_create, name="section_create"),
    path(ONE + "delen/<int:section_id>/bewerken/", views.section_edit, name="section_edit"),
    path(ONE + "delen/<int:section_id>/verwijderen/", views.section_delete, name="section_delete"),
    path(ONE + "delen/<int:section_id>/verplaatsen/", views.section_move, name="section_move"),
    path(ONE + "vragen/nieuw/", views.question_create, name="question_create"),
    path(ONE + "vragen/<int:question_id>/bewerken/", views.question_edit, name="question_edit"),
    path(
        ONE + "vragen/<int:question_id>/verwijderen/",
        views.question_delete,
        name="question_delete",
    ),
    path(ONE + "vragen/<int:question_id>/verplaatsen/", views.question_move, name="question_move"),
    path(ONE + "metingen/nieuw/", views.wave_create, name="wave_create"),
    path(ONE + "metingen/<int:wave_id>/verwijderen/", views.wave_delete, name="wave_delete"),
    path(ONE + "instrumenten/", views.instrument_list, name="instrument_list"),
    path(ONE + "instrumenten/<slug:key>/", views.instrument_add, name="instrument_add"),
    path(ONE + "veranderverhaal/", views.from_change_story, name="from_change_story"),
    path(ONE + "poster.pdf", views.poster_pdf, name="poster"),
    path(ONE + "papier/", views.paper, name="paper"),
    path(ONE + "voorbeeld/", views.preview, name="preview"),
    path(ONE + "invoeren/", views.data_entry, name="data_entry"),
]

urlpatterns += results_urlpatterns
