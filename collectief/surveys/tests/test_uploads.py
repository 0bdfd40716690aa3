"""Uploads previewed but never confirmed do not stay on disk."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from collectief.accounts.models import Organisation, User
from collectief.surveys.imports import uploads
from collectief.surveys.imports.services import create_survey_from_xlsform
from collectief.surveys.models import Response
from collectief.surveys.tests.xlsform_helpers import badhuis_xlsform

FIXTURES = Path(__file__).parent / "fixtures"
DAY = 24 * 60 * 60


def _age(token: str, seconds: float) -> None:
    path = uploads.upload_dir() / f"{token}.bin"
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))


def test_store_read_delete(_survey_import_dir: Path) -> None:
    token = uploads.store_upload(b"a;b\n1;2\n")
    assert uploads.upload_dir() == _survey_import_dir
    assert uploads.read_upload(token) == b"a;b\n1;2\n"
    uploads.delete_upload(token)
    assert uploads.read_upload(token) is None
    # Tokens are never paths.
    assert uploads.read_upload("../../etc/passwd") is None
    assert uploads.read_upload("") is None


def test_new_preview_removes_uploads_older_than_a_day() -> None:
    old = uploads.store_upload(b"old")
    recent = uploads.store_upload(b"recent")
    _age(old, DAY + 60)
    _age(recent, DAY - 60)
    newest = uploads.store_upload(b"new")
    assert uploads.read_upload(old) is None
    assert uploads.read_upload(recent) == b"recent"
    assert uploads.read_upload(newest) == b"new"
    assert uploads.remove_stale_uploads(now=time.time() + 2 * DAY) == 2
    assert list(uploads.upload_dir().iterdir()) == []


def test_a_second_preview_replaces_the_first_and_confirm_deletes_it(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation
) -> None:
    survey, _ = create_survey_from_xlsform(own_org, badhuis_xlsform(), "b.xlsx", by=staff)
    client = client_for(staff)
    url = f"/o/{own_org.slug}/vragenlijsten/{survey.pk}/antwoorden-importeren/"
    data = (FIXTURES / "google_forms.csv").read_bytes()
    first = client.post(url, {"file": SimpleUploadedFile("a.csv", data)}).context["token"]
    stale = uploads.store_upload(b"someone else's, two days old")
    _age(stale, 2 * DAY)
    second = client.post(url, {"file": SimpleUploadedFile("a.csv", data)}).context["token"]
    assert uploads.read_upload(first) is None  # replaced by the second preview
    assert uploads.read_upload(stale) is None  # older than a day
    assert uploads.read_upload(second) == data
    assert client.post(url, {"step": "confirm", "token": second}).status_code == 302
    assert Response.objects.filter(survey=survey).count() == 4
    assert list(uploads.upload_dir().iterdir()) == []
