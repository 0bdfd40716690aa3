from django.urls import URLPattern

app_name = "changestories"
urlpatterns: list[URLPattern] = []
