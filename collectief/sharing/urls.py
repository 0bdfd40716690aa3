from django.urls import path

from collectief.sharing import views

app_name = "sharing"

given = "o/<slug:organisation_slug>/delen/"
received = "o/<slug:organisation_slug>/gedeeld-met-ons/"
urlpatterns = [
    path(given, views.given, name="given"),
    path(given + "nieuw/", views.share_new, name="new"),
    path(given + "<int:share_id>/stoppen/", views.revoke, name="revoke"),
    path(received, views.received, name="received"),
    path(received + "<int:share_id>/", views.shared, name="shared"),
]
