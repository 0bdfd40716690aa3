from django.urls import path

from collectief.valuation import views

app_name = "valuation"
urlpatterns = [
    path("o/<slug:organisation_slug>/waarde/", views.overview, name="overview"),
    path("o/<slug:organisation_slug>/waarde/instellingen/", views.settings, name="settings"),
    path("o/<slug:organisation_slug>/waarde/gevoeligheid/", views.sensitivity, name="sensitivity"),
    path("o/<slug:organisation_slug>/waarde/export.json", views.export, name="export"),
    path(
        "o/<slug:organisation_slug>/waarde/inzet/nieuw/", views.input_create, name="input_create"
    ),
    path(
        "o/<slug:organisation_slug>/waarde/inzet/<int:input_id>/bewerken/",
        views.input_edit,
        name="input_edit",
    ),
    path(
        "o/<slug:organisation_slug>/waarde/inzet/<int:input_id>/verwijderen/",
        views.input_delete,
        name="input_delete",
    ),
    path(
        "o/<slug:organisation_slug>/waarde/uitkomsten/nieuw/",
        views.outcome_create,
        name="outcome_create",
    ),
    path(
        "o/<slug:organisation_slug>/waarde/uitkomsten/<int:outcome_id>/bewerken/",
        views.outcome_edit,
        name="outcome_edit",
    ),
    path(
        "o/<slug:organisation_slug>/waarde/uitkomsten/<int:outcome_id>/verwijderen/",
        views.outcome_delete,
        name="outcome_delete",
    ),
]
