from django.urls import path

from collectief.jobs import views

app_name = "jobs"

urlpatterns = [
    path("taken/<uuid:job_id>/", views.status, name="status"),
    path("taken/<uuid:job_id>/bestand/", views.download, name="download"),
]
