from django.urls import path

from collectief.insights import views

app_name = "insights"

base = "o/<slug:organisation_slug>/wijkbeeld/"
urlpatterns = [
    path(base, views.overview, name="overview"),
    path(base + "gemeente/<str:gemeente_code>/", views.gemeente_page, name="gemeente"),
    path(base + "<str:area_code>/", views.area_page, name="area"),
]
