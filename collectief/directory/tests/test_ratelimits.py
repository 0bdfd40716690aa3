"""Rate limits on "meld een fout": per client address, honeypot hits included."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from collectief.directory.models import DirectoryOrganization, ErrorReport, Service

pytestmark = pytest.mark.django_db


def _public_service():
    organization = DirectoryOrganization.objects.create(name="Buurthuis")
    return Service.objects.create(organization=organization, name="Koffieochtend")


def test_error_reports_are_limited_per_address(settings) -> None:
    settings.DIRECTORY_REPORTS_PER_HOUR = 2
    service = _public_service()
    url = reverse("directory:report_error", args=[service.pk])
    first = Client(REMOTE_ADDR="198.51.100.1")
    statuses = [first.post(url, {"message": f"Fout {i}"}).status_code for i in range(3)]
    assert statuses == [200, 200, 429]
    refused = first.post(url, {"message": "Nog een"})
    assert refused.status_code == 429
    assert "Te vaak geprobeerd" in refused.content.decode()
    assert "Nog een" in refused.content.decode()  # what was typed is shown again
    assert ErrorReport.objects.count() == 2
    other = Client(REMOTE_ADDR="198.51.100.2")
    assert other.post(url, {"message": "Andere melder"}).status_code == 200
    assert ErrorReport.objects.count() == 3


def test_honeypot_reports_count_towards_the_limit(settings) -> None:
    settings.DIRECTORY_REPORTS_PER_HOUR = 1
    service = _public_service()
    url = reverse("directory:report_error", args=[service.pk])
    robot = Client(REMOTE_ADDR="198.51.100.1")
    assert robot.post(url, {"message": "x", "website": "http://spam"}).status_code == 200
    assert robot.post(url, {"message": "x", "website": "http://spam"}).status_code == 429
    assert ErrorReport.objects.count() == 0
