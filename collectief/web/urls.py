from django.urls import path

from collectief.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("mijn/", views.dashboard, name="dashboard"),
]
