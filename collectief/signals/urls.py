from django.urls import URLPattern, path  # noqa: F401 - the pages are added per screen

app_name = "signals"
urlpatterns: list[URLPattern] = []
