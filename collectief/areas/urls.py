from django.urls import path

from collectief.areas import views

app_name = "areas"
urlpatterns = [
    path("gebieden/", views.area_list, name="list"),
    path("gebieden/<str:code>/", views.area_detail, name="detail"),
]
