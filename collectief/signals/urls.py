from django.urls import path

from collectief.signals.views import entry

app_name = "signals"
urlpatterns = [
    path("o/<slug:organisation_slug>/signalen/nieuw/", entry.quick_entry, name="entry"),
    path("o/<slug:organisation_slug>/signalen/antenne/", entry.antenna, name="antenna"),
]
