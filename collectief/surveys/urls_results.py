"""Result pages of surveys (analysis, exports, imports); included by collectief.surveys.urls."""

from django.urls import URLPattern, path

from collectief.surveys import views_results as views

BASE = "o/<slug:organisation_slug>/vragenlijsten/<int:survey_id>/"

urlpatterns: list[URLPattern] = [
    path(BASE + "resultaten/", views.results, name="results"),
    path(BASE + "resultaten/open-antwoorden/", views.open_answers, name="open_answers"),
    path(
        BASE + "resultaten/antwoorden.<str:fmt>",
        views.export_responses,
        name="export_responses",
    ),
    path(BASE + "resultaten/codeboek.csv", views.export_codebook, name="export_codebook"),
    path(BASE + "resultaten/resultaten.<str:fmt>", views.export_results, name="export_results"),
    path(BASE + "antwoorden-importeren/", views.import_responses_view, name="import_responses"),
    path(
        "o/<slug:organisation_slug>/vragenlijsten/xlsform-importeren/",
        views.import_xlsform,
        name="import_xlsform",
    ),
]
