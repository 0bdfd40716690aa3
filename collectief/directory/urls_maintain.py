"""Pages where organisations and coordinators keep the sociale kaart current.

Owned by the maintenance part of the directory app; ``urls.py`` appends
these patterns, so the names live in the ``directory`` namespace.
"""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
