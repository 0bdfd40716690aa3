from django.urls import path

from collectief.projects import views, views_scan

app_name = "projects"

base = "o/<slug:organisation_slug>/projecten/"
one = base + "<int:project_id>/"
urlpatterns = [
    path(base, views.project_list, name="list"),
    path(base + "nieuw/", views.project_create, name="create"),
    path(one, views.project_detail, name="detail"),
    path(one + "stap/", views.project_step, name="step"),
    path(one + "betrokken/", views.project_involved, name="involved"),
    path(one + "partners/", views.partners, name="partners"),
    path(
        one + "partners/<int:partnership_id>/verwijderen/",
        views.partner_remove,
        name="partner_remove",
    ),
    path(one + "voorzieningen/<uuid:service_id>/", views.review, name="review"),
    path(one + "aan-zet/", views.who_acts, name="who_acts"),
    path(one + "overdracht/", views.handover, name="handover"),
    # Randvoorwaarden scan (issue 13 point 6).
    path(one + "scan/", views_scan.scan_page, name="scan"),
    path(one + "scan/invullen/", views_scan.scan_fill, name="scan_fill"),
    path(one + "scan/nieuwe-ronde/", views_scan.scan_round_start, name="scan_round_start"),
]
