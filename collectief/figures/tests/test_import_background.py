"""A figures file of more than 1,000 rows is imported by the worker; smaller ones at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collectief.accounts.models import Organisation, User
from collectief.figures.models import Figure, FigureValue
from collectief.jobs.models import Job
from collectief.jobs.services import BACKGROUND_ROWS

pytestmark = pytest.mark.django_db

HEADER = "omschrijving;waarde;eenheid;periode;datum;bron\n"


def _series_csv(rows: int, *, bad_row: int | None = None) -> bytes:
    """One figure with a measurement per day: ``rows`` rows under the header."""
    lines = []
    for n in range(rows):
        day = f"{1 + n % 28:02d}-{1 + (n // 28) % 12:02d}-{2000 + n // 336}"
        value = "veel" if n == bad_row else str(n)
        lines.append(f"bezoekers;{value};aantal;per dag;{day};turflijst")
    return (HEADER + "\n".join(lines) + "\n").encode()


def _upload(client: Any, organisation: Organisation, data: bytes) -> Any:
    url = reverse("figures:import", args=[organisation.slug])
    return client.post(url, {"file": SimpleUploadedFile("bezoekers.csv", data)})


def test_a_large_file_is_imported_by_the_worker(
    client_for: Any, staff: User, own_org: Organisation
) -> None:
    client = client_for(staff)
    response = _upload(client, own_org, _series_csv(BACKGROUND_ROWS + 1))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:status", args=[job.pk])
    assert (job.kind, job.status, job.organisation_id) == (
        "figures.import_file",
        Job.Status.DONE,
        own_org.pk,
    )
    assert job.payload == b""
    figure = Figure.objects.get(organisation=own_org, label="bezoekers")
    assert FigureValue.objects.filter(figure=figure).count() == BACKGROUND_ROWS + 1
    page = client.get(response["Location"]).content.decode()
    # The newest dated row gives the figure its number; the others are its measurements.
    assert "1 cijfer toegevoegd, 0 bijgewerkt; 1000 metingen." in page
    assert f'href="{reverse("figures:list", args=[own_org.slug])}"' in page


def test_a_file_at_the_limit_is_imported_in_the_request(
    client_for: Any, staff: User, own_org: Organisation
) -> None:
    response = _upload(client_for(staff), own_org, _series_csv(BACKGROUND_ROWS))
    assert response["Location"] == reverse("figures:list", args=[own_org.slug])
    assert not Job.objects.exists()
    assert FigureValue.objects.filter(figure__organisation=own_org).count() == BACKGROUND_ROWS


def test_a_large_file_with_a_bad_row_stores_nothing_and_names_the_row(
    client_for: Any, staff: User, own_org: Organisation
) -> None:
    client = client_for(staff)
    response = _upload(client, own_org, _series_csv(BACKGROUND_ROWS + 5, bad_row=700))
    page = client.get(response["Location"]).content.decode()
    assert Job.objects.get().status == Job.Status.FAILED
    assert "Er is niets ingelezen." in page
    assert "rij 702" in page.lower()
    assert not Figure.objects.filter(organisation=own_org).exists()


def test_a_large_file_that_is_not_a_table_is_refused_in_the_request(
    client_for: Any, staff: User, own_org: Organisation
) -> None:
    response = _upload(client_for(staff), own_org, b"\x00\x01" * 5000)
    assert response.status_code == 400
    assert not Job.objects.exists()


def test_another_organisation_cannot_start_an_import(
    client_for: Any, staff: User, other_org: Organisation
) -> None:
    response = _upload(client_for(staff), other_org, _series_csv(BACKGROUND_ROWS + 1))
    assert response.status_code in (403, 404)
    assert not Job.objects.exists()
