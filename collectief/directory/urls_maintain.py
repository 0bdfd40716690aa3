"""Pages where organisations and coordinators keep the sociale kaart current.

Owned by the maintenance part of the directory app; ``urls.py`` appends
these patterns, so the names live in the ``directory`` namespace.
"""

from __future__ import annotations

from django.urls import URLPattern, path

from collectief.directory import views_coordination as coordination
from collectief.directory import views_entries as entries
from collectief.directory import views_maintain as views

_SERVICE = "o/<slug:organisation_slug>/sociale-kaart/aanbod/<uuid:service_id>/"

urlpatterns: list[URLPattern] = [
    path(
        "sociale-kaart/beheer/coordinatie/",
        coordination.coordination_site,
        name="coordination_site",
    ),
    path(
        "sociale-kaart/beheer/coordinatie/<int:coordination_id>/intrekken/",
        coordination.coordination_site_revoke,
        name="coordination_site_revoke",
    ),
    path(
        "o/<slug:organisation_slug>/sociale-kaart/coordinatie/",
        coordination.coordination_gemeente,
        name="coordination_gemeente",
    ),
    path(
        "o/<slug:organisation_slug>/sociale-kaart/coordinatie/<int:coordination_id>/intrekken/",
        coordination.coordination_gemeente_revoke,
        name="coordination_gemeente_revoke",
    ),
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
        "o/<slug:organisation_slug>/sociale-kaart/organisatie/<uuid:organization_id>/nieuw/",
        entries.maintain_create,
        name="maintain_create",
    ),
    path(_SERVICE, entries.maintain_service, name="maintain_service"),
    path(_SERVICE + "status/", entries.maintain_status, name="maintain_status"),
    path(_SERVICE + "verwijderen/", entries.maintain_delete, name="maintain_delete"),
    path(
        _SERVICE + "plaatsen/nieuw/", entries.maintain_location_add, name="maintain_location_add"
    ),
    path(
        _SERVICE + "plaatsen/<uuid:link_id>/",
        entries.maintain_location_edit,
        name="maintain_location_edit",
    ),
    path(
        _SERVICE + "plaatsen/<uuid:link_id>/verwijderen/",
        entries.maintain_location_remove,
        name="maintain_location_remove",
    ),
    path(_SERVICE + "tijden/nieuw/", entries.maintain_schedule_add, name="maintain_schedule_add"),
    path(
        _SERVICE + "tijden/<uuid:schedule_id>/",
        entries.maintain_schedule_edit,
        name="maintain_schedule_edit",
    ),
    path(
        _SERVICE + "tijden/<uuid:schedule_id>/verwijderen/",
        entries.maintain_schedule_delete,
        name="maintain_schedule_delete",
    ),
    path("sociale-kaart/beheer/themas/", entries.taxonomy_index, name="taxonomy_index"),
    path(
        "sociale-kaart/beheer/themas/<uuid:term_id>/", entries.taxonomy_term, name="taxonomy_term"
    ),
    path(
        "sociale-kaart/beheer/themas/<uuid:term_id>/aan-uit/",
        entries.taxonomy_term_active,
        name="taxonomy_term_active",
    ),
    path(
        "sociale-kaart/aanbod/<uuid:service_id>/meld-een-fout/",
        views.report_error,
        name="report_error",
    ),
]
