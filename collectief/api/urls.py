from django.urls import include, path

from collectief.api import views

app_name = "api"

# The domain apps keep their endpoints in their own api.py; this app only
# mounts them under /api/v1/ and builds the shared OpenAPI document.
urlpatterns = [
    path("v1/", views.index, name="index"),
    path("v1/openapi.json", views.openapi_json, name="openapi"),
    path("v1/docs/", views.docs, name="docs"),
    path("v1/organisations/", views.organisation_list, name="organisation_list"),
    path("v1/organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("v1/areas/", views.area_list, name="area_list"),
    path("v1/areas/<str:code>/", views.area_detail, name="area_detail"),
    path("v1/", include("collectief.directory.api")),
    path("v1/", include("collectief.changestories.api")),
    path("v1/", include("collectief.figures.api")),
    path("v1/", include("collectief.signals.api_summary")),
    path("v1/", include("collectief.signals.api_signals")),
    path("v1/", include("collectief.surveys.api")),
    path("v1/", include("collectief.insights.api")),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/intrekken/", views.revoke_token, name="revoke_token"),
]
