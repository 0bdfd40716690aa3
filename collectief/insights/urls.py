from django.urls import path

from collectief.insights import views

app_name = "insights"

base = "o/<slug:organisation_slug>/wijkbeeld/"
urlpatterns = [
    path(base, views.overview, name="overview"),
    path(base + "gemeente/<str:gemeente_code>/", views.gemeente_page, name="gemeente"),
    path(
        base + "gemeente/<str:gemeente_code>/thema/<slug:theme_code>/",
        views.theme_page,
        name="theme",
    ),
    path(
        base + "gemeente/<str:gemeente_code>/wijken.<str:fmt>",
        views.gemeente_export,
        name="gemeente_export",
    ),
    path(base + "<str:area_code>/", views.area_page, name="area"),
]
