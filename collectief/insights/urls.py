from django.urls import path

from collectief.insights import views, views_gemeente

app_name = "insights"

base = "o/<slug:organisation_slug>/wijkbeeld/"
gemeente = "o/<slug:organisation_slug>/gemeente/"
urlpatterns = [
    path(gemeente, views_gemeente.home, name="gemeente_home"),
    path(gemeente + "opdracht/", views_gemeente.goals, name="goals"),
    path(
        gemeente + "opdracht/<int:goal_id>/wijzigen/",
        views_gemeente.goal_edit,
        name="goal_edit",
    ),
    path(
        gemeente + "opdracht/<int:goal_id>/weghalen/",
        views_gemeente.goal_remove,
        name="goal_remove",
    ),
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
    path(
        base + "gemeente/<str:gemeente_code>/beschikkingen.<str:fmt>",
        views.provisions_export,
        name="provisions_export",
    ),
    path(
        base + "gemeente/<str:gemeente_code>/beschikkingen-sjabloon.<str:fmt>",
        views.counts_template_download,
        name="counts_template",
    ),
    path(
        base + "gemeente/<str:gemeente_code>/beschikkingen-aanleveren/",
        views_gemeente.counts_upload,
        name="counts_upload",
    ),
    path(
        base + "gemeente/<str:gemeente_code>/thema/<slug:theme_code>/<slug:source>.<str:fmt>",
        views.theme_export,
        name="theme_export",
    ),
    path(base + "<str:area_code>/", views.area_page, name="area"),
    path(base + "<str:area_code>/<slug:table>.<str:fmt>", views.area_export, name="area_export"),
]
