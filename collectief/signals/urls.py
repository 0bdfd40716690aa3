from django.urls import path

from collectief.signals.views import counts, discuss, entry, own, summary

app_name = "signals"

base = "o/<slug:organisation_slug>/signalen/"
urlpatterns = [
    path(base + "nieuw/", entry.quick_entry, name="entry"),
    path(base + "antenne/", entry.antenna, name="antenna"),
    path(base + "aantallen-importeren/", counts.counts_import, name="counts_import"),
    path(base + "aantallen-sjabloon.<str:fmt>", counts.counts_template, name="counts_template"),
    path(base, own.own_signals, name="own"),
    path(base + "rode-draden/", summary.summary, name="summary"),
    path(
        base + "bespreken/<str:wijk_code>/<str:period>/",
        discuss.discuss,
        name="discuss",
    ),
    path(
        base + "bespreken/<str:wijk_code>/<str:period>/verslag/",
        discuss.discuss_save,
        name="discuss_save",
    ),
    path(
        base + "bespreken/<str:wijk_code>/<str:period>/actie/",
        discuss.action_add,
        name="action_add",
    ),
    path(base + "acties/<int:action_id>/status/", discuss.action_status, name="action_status"),
    path(
        base + "acties/<int:action_id>/verwijderen/", discuss.action_delete, name="action_delete"
    ),
]
