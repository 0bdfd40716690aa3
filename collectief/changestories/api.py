"""JSON API endpoints of this app, mounted under /api/v1/ by collectief.api."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
