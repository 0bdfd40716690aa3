"""Result pages of surveys (analysis, exports); included by collectief.surveys.urls."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
