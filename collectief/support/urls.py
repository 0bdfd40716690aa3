from django.urls import path

from collectief.support import views

app_name = "support"

own = "o/<slug:organisation_slug>/steun/"
inbox = "o/<slug:organisation_slug>/steunvragen/"
urlpatterns = [
    path(own, views.own_list, name="list"),
    path(own + "vragen/", views.ask, name="ask"),
    path(own + "<int:request_id>/", views.own_detail, name="detail"),
    path(own + "<int:request_id>/intrekken/", views.withdraw, name="withdraw"),
    path(inbox, views.inbox, name="inbox"),
    path(inbox + "<int:request_id>/", views.help_detail, name="help_detail"),
    path(inbox + "<int:request_id>/oppakken/", views.pick_up, name="pick_up"),
    path(inbox + "<int:request_id>/bijwerken/", views.update, name="update"),
]
