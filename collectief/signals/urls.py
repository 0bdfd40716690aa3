from django.urls import path

from collectief.signals.views import counts, entry

app_name = "signals"
urlpatterns = [
    path("o/<slug:organisation_slug>/signalen/nieuw/", entry.quick_entry, name="entry"),
    path("o/<slug:organisation_slug>/signalen/antenne/", entry.antenna, name="antenna"),
    path(
        "o/<slug:organisation_slug>/signalen/aantallen-importeren/",
        counts.counts_import,
        name="counts_import",
    ),
    path(
        "o/<slug:organisation_slug>/signalen/aantallen-sjabloon.<str:fmt>",
        counts.counts_template,
        name="counts_template",
    ),
]
