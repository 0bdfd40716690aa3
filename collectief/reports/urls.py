from django.urls import path

from collectief.reports import views

app_name = "reports"

base = "o/<slug:organisation_slug>/rapporten/"
report = base + "<int:report_id>/"
urlpatterns = [
    path(base, views.report_list, name="list"),
    path(base + "nieuw/", views.report_create, name="create"),
    path(report, views.report_edit, name="edit"),
    path(report + "instellingen/", views.report_settings, name="settings"),
    path(report + "kleur-en-logo/", views.report_look, name="look"),
    path(report + "hoofdstuk/<slug:key>/", views.section_update, name="section"),
    path(report + "hoofdstuk/<slug:key>/verplaatsen/", views.section_move, name="move"),
    path(report + "voorbeeld/", views.report_preview, name="preview"),
    path(report + "kleur.css", views.colour_css, name="colour_css"),
    path(report + "publiceren/", views.report_publish, name="publish"),
    path(report + "pdf/", views.report_pdf, name="pdf"),
    path(report + "openbaar/", views.report_public, name="public"),
    path(report + "versies/<int:number>/", views.version_view, name="version"),
    path(
        report + "versies/<int:number>/kleur.css",
        views.version_colour_css,
        name="version_colour_css",
    ),
    path(report + "versies/<int:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("rapport/<str:token>/", views.public_view, name="public_view"),
    path("rapport/<str:token>/kleur.css", views.public_colour_css, name="public_colour_css"),
]
