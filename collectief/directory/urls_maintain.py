"""Pages where organisations and coordinators keep the sociale kaart current.

Owned by the maintenance part of the directory app; ``urls.py`` appends
these patterns, so the names live in the ``directory`` namespace.
"""

from __future__ import annotations

from django.urls import URLPattern, path

from collectief.directory import views_maintain as views

urlpatterns: list[URLPattern] = [
    path("o/<slug:organisation_slug>/sociale-kaart/", views.maintain_index, name="maintain_index"),
    path(
        "o/<slug:organisation_slug>/sociale-kaart/claimen/",
        views.maintain_claim,
        name="maintain_claim",
    ),
    path(
        "o/<slug:organisation_slug>/sociale-kaart/aanbod/<uuid:service_id>/bewerken/",
        views.maintain_edit,
        name="maintain_edit",
    ),
    path(
        "o/<slug:organisation_slug>/sociale-kaart/aanbod/<uuid:service_id>/klopt-nog/",
        views.maintain_check,
        name="maintain_check",
    ),
    path(
        "o/<slug:organisation_slug>/sociale-kaart/aanbod/<uuid:service_id>/geschiedenis/",
        views.maintain_history,
        name="maintain_history",
    ),
    path(
        "o/<slug:organisation_slug>/sociale-kaart/claims/<int:claim_id>/",
        views.maintain_decide_claim,
        name="maintain_decide_claim",
    ),
    path(
        "o/<slug:organisation_slug>/sociale-kaart/meldingen/<int:report_id>/",
        views.maintain_report,
        name="maintain_report",
    ),
    path(
        "o/<slug:organisation_slug>/sociale-kaart/plaatsen/",
        views.maintain_placement,
        name="maintain_placement",
    ),
    path(
        "o/<slug:organisation_slug>/sociale-kaart/plaatsen/<uuid:location_id>/",
        views.maintain_place,
        name="maintain_place",
    ),
    path(
        "sociale-kaart/aanbod/<uuid:service_id>/meld-een-fout/",
        views.report_error,
        name="report_error",
    ),
]
