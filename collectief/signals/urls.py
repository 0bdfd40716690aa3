from django.urls import path

from collectief.signals.views import discuss, own, summary

app_name = "signals"

base = "o/<slug:organisation_slug>/signalen/"
urlpatterns = [
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
