from django.urls import path

from collectief.figures import views

app_name = "figures"
urlpatterns = [
    path("o/<slug:organisation_slug>/cijfers/", views.figure_list, name="list"),
    path("o/<slug:organisation_slug>/cijfers/nieuw/", views.figure_create, name="create"),
    path("o/<slug:organisation_slug>/cijfers/importeren/", views.figure_import, name="import"),
    path("o/<slug:organisation_slug>/cijfers/exporteren/", views.figure_export, name="export"),
    path("o/<slug:organisation_slug>/cijfers/terugzetten/", views.figure_restore, name="restore"),
    path(
        "o/<slug:organisation_slug>/cijfers/<int:figure_id>/", views.figure_detail, name="detail"
    ),
    path(
        "o/<slug:organisation_slug>/cijfers/<int:figure_id>/bewerken/",
        views.figure_edit,
        name="edit",
    ),
    path(
        "o/<slug:organisation_slug>/cijfers/<int:figure_id>/verwijderen/",
        views.figure_delete,
        name="delete",
    ),
    path(
        "o/<slug:organisation_slug>/cijfers/<int:figure_id>/verplaatsen/",
        views.figure_move,
        name="move",
    ),
    path(
        "o/<slug:organisation_slug>/cijfers/<int:figure_id>/metingen/",
        views.value_add,
        name="value_add",
    ),
    path(
        "o/<slug:organisation_slug>/cijfers/<int:figure_id>/metingen/<int:value_id>/verwijderen/",
        views.value_remove,
        name="value_remove",
    ),
]
