from django.urls import path

from collectief.changestories import views

app_name = "changestories"

base = "o/<slug:organisation_slug>/veranderverhaal/"
urlpatterns = [
    path(base, views.overview, name="overview"),
    path(base + "stap/<int:number>/", views.step, name="step"),
    path(base + "stap/<int:number>/regel-erbij/", views.step_add_row, name="step_add_row"),
    path(base + "stap/<int:number>/voorbeeld/", views.step_pick, name="step_pick"),
    path(base + "stap/<int:number>/samenvoegen/", views.step_merge, name="step_merge"),
    path(base + "poster/", views.poster, name="poster"),
    path(base + "poster/instellingen/", views.poster_settings, name="poster_settings"),
    path(base + "poster.pdf", views.poster_pdf, name="poster_pdf"),
    path(base + "poster-kleur.css", views.poster_colour_css, name="poster_colour_css"),
    path(base + "poster.svg", views.poster_svg, name="poster_svg"),
    path(base + "geschiedenis/", views.history, name="history"),
    path(base + "geschiedenis/verschil/", views.diff, name="diff"),
    path(base + "geschiedenis/<int:number>/terugzetten/", views.restore, name="restore"),
    path(base + "export.json", views.export_json, name="export_json"),
    path("organisaties/<slug:slug>/veranderverhaal/", views.public_poster, name="public_poster"),
    path(
        "organisaties/<slug:slug>/veranderverhaal.pdf",
        views.public_poster_pdf,
        name="public_poster_pdf",
    ),
    path(
        "organisaties/<slug:slug>/veranderverhaal-kleur.css",
        views.public_poster_colour_css,
        name="public_poster_colour_css",
    ),
    path(
        "organisaties/<slug:slug>/veranderverhaal.svg",
        views.public_poster_svg,
        name="public_poster_svg",
    ),
]
