from django.urls import URLPattern, URLResolver, path

from collectief.directory import views
from collectief.directory.urls_maintain import urlpatterns as maintain_urlpatterns

app_name = "directory"
urlpatterns: list[URLPattern | URLResolver] = [
    path("sociale-kaart/", views.search, name="search"),
    path("sociale-kaart/kaart.json", views.map_data, name="map_data"),
    path("sociale-kaart/agenda/", views.agenda_view, name="agenda"),
    path("sociale-kaart/afdrukken/", views.print_list, name="print"),
    path("sociale-kaart/dekking/", views.coverage, name="coverage"),
    path("sociale-kaart/wijk/<str:code>/", views.wijk, name="wijk"),
    path("sociale-kaart/wijk/<str:code>/embed/", views.wijk_embed, name="wijk_embed"),
    path("sociale-kaart/aanbod/<uuid:service_id>/", views.service_detail, name="service"),
    path(
        "sociale-kaart/organisatie/<uuid:organization_id>/",
        views.organization_detail,
        name="organization",
    ),
    *maintain_urlpatterns,
]
