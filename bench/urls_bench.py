"""The product's URLs plus the benchmark's bare-insert floor (bench/floor.py)."""

from django.urls import path

from bench.floor import floor_view, thanks_view
from collectief.urls import handler404, handler500  # noqa: F401
from collectief.urls import urlpatterns as product_urlpatterns

urlpatterns = [
    path("bench/floor/", floor_view),
    path("bench/floor/bedankt/", thanks_view),
    *product_urlpatterns,
]
