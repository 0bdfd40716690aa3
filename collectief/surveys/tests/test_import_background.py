"""Imports of more than 1,000 rows run in the worker; the person follows them on the job page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from collectief.accounts.models import Organisation, User
from collectief.audit.models import AuditEvent
from collectief.jobs.models import Job
from collectief.surveys.imports.services import ImportProblemsError, create_survey_from_xlsform
from collectief.surveys.models import Response, Survey
from collectief.surveys.tasks import BACKGROUND_ROWS
from collectief.surveys.tests.xlsform_helpers import badhuis_xlsform

FIXTURES = Path(__file__).parent / "fixtures"


def _large_csv(rows: int) -> bytes:
    header, *body = (FIXTURES / "google_forms.csv").read_text(encoding="utf-8").splitlines()
    lines = [header] + [body[n % len(body)] for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def survey(own_org: Organisation, staff: User) -> Survey:
    survey, _warnings = create_survey_from_xlsform(own_org, badhuis_xlsform(), "b.xlsx", by=staff)
    return survey


def _upload_and_confirm(client: Any, survey: Survey, data: bytes) -> Any:
    url = f"/o/{survey.organisation.slug}/vragenlijsten/{survey.pk}/antwoorden-importeren/"
    preview = client.post(url, {"file": SimpleUploadedFile("groot.csv", data)})
    assert preview.status_code == 200
    return client.post(url, {"step": "confirm", "token": preview.context["token"]})


def test_a_large_file_is_imported_by_the_worker(
    client_for: Any, staff: User, survey: Survey
) -> None:
    client = client_for(staff)
    response = _upload_and_confirm(client, survey, _large_csv(BACKGROUND_ROWS + 1))
    job = Job.objects.get()
    assert response["Location"] == f"/taken/{job.pk}/"
    assert job.status == Job.Status.DONE and job.payload == b""
    assert Response.objects.filter(survey=survey).count() == BACKGROUND_ROWS + 1
    event = AuditEvent.objects.get(action="survey.import_responses")
    assert event.actor == staff and event.details["responses"] == BACKGROUND_ROWS + 1
    page = client.get(response["Location"]).content.decode()
    assert "1001 ingevulde vragenlijsten zijn ingelezen." in page
    assert f'href="/o/{survey.organisation.slug}/vragenlijsten/{survey.pk}/resultaten/' in page


def test_a_small_file_is_imported_in_the_request(
    client_for: Any, staff: User, survey: Survey
) -> None:
    response = _upload_and_confirm(client_for(staff), survey, _large_csv(BACKGROUND_ROWS))
    assert "/resultaten/" in response["Location"]
    assert not Job.objects.exists()
    assert Response.objects.filter(survey=survey).count() == BACKGROUND_ROWS


def test_a_large_import_that_fails_lists_its_problems_in_dutch(
    client_for: Any, staff: User, survey: Survey, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> int:
        raise ImportProblemsError(["Dit bestand is al geïmporteerd in deze vragenlijst."])

    monkeypatch.setattr("collectief.surveys.tasks.import_responses", refuse)
    client = client_for(staff)
    response = _upload_and_confirm(client, survey, _large_csv(BACKGROUND_ROWS + 1))
    page = client.get(response["Location"]).content.decode()
    assert "Er is niets ingelezen." in page
    assert "Dit bestand is al geïmporteerd in deze vragenlijst." in page
    assert not Response.objects.filter(survey=survey).exists()
