from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Role
from collectief.signals.models import ImportedCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_member(almere, with_2fa):
    team = OrganisationFactory(slug="team")
    user = UserFactory()
    MembershipFactory(user=user, organisation=team, role=Role.STAFF)
    return team, with_2fa(user)


def _upload(content: bytes, name: str = "aantallen.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_upload_imports_and_reports(client_for, team_member, themes):
    team, user = team_member
    url = reverse("signals:counts_import", args=[team.slug])
    data = b"gebied,thema,maand,bron,aantal\nWK003402,wonen,2025-01,wijkteam,12\n"
    response = client_for(user).post(url, {"file": _upload(data)}, follow=True)
    assert "Toegevoegd: 1, vervangen: 0." in response.content.decode()
    assert ImportedCount.objects.get().count == 12


def test_bad_file_shows_problems_per_row_and_column(client_for, team_member, themes):
    team, user = team_member
    url = reverse("signals:counts_import", args=[team.slug])
    data = b"gebied,thema,maand,bron,aantal\nWK003402,wonen,2025-01,wijkteam,veel\n"
    response = client_for(user).post(url, {"file": _upload(data)})
    assert response.status_code == 400
    assert "Rij 2, kolom aantal: Geef een heel getal van 0 of meer." in response.content.decode()
    assert not ImportedCount.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_downloads(client_for, team_member, fmt):
    team, user = team_member
    response = client_for(user).get(reverse("signals:counts_template", args=[team.slug, fmt]))
    assert response.status_code == 200
    assert f"signalen-aantallen.{fmt}" in response["Content-Disposition"]


def test_anonymous_outsider_and_reader(client_for, team_member, outsider, with_2fa):
    team, _user = team_member
    url = reverse("signals:counts_import", args=[team.slug])
    assert client_for(None).get(url).status_code == 302
    assert client_for(with_2fa(outsider)).get(url).status_code == 404
    reader = UserFactory()
    MembershipFactory(user=reader, organisation=team, role=Role.READER)
    assert client_for(with_2fa(reader)).get(url).status_code == 403


def _many_rows(rows: int, *, bad_row: int | None = None) -> bytes:
    """``rows`` distinct cells: one wijk and theme, a month and source per row."""
    roles = ["wijkteam", "huisarts", "wijkagent", "corporatie", "meldpunt"]
    lines = ["gebied,thema,maand,bron,aantal"]
    for n in range(rows):
        year, month = 1900 + n // (12 * len(roles)), 1 + n // len(roles) % 12
        count = "-3" if n == bad_row else str(n % 40)
        lines.append(f"WK003402,wonen,{year}-{month:02d},{roles[n % len(roles)]},{count}")
    return ("\n".join(lines) + "\n").encode()


def test_a_file_of_more_than_1000_rows_is_imported_by_the_worker(client_for, team_member, themes):
    from collectief.jobs.models import Job
    from collectief.jobs.services import BACKGROUND_ROWS

    team, user = team_member
    client = client_for(user)
    url = reverse("signals:counts_import", args=[team.slug])
    response = client.post(url, {"file": _upload(_many_rows(BACKGROUND_ROWS + 1))})
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:status", args=[job.pk])
    assert (job.kind, job.status, job.payload) == ("signals.import_counts", Job.Status.DONE, b"")
    assert ImportedCount.objects.filter(organisation=team).count() == BACKGROUND_ROWS + 1
    page = client.get(response["Location"]).content.decode()
    assert "Toegevoegd: 1001, vervangen: 0." in page


def test_a_large_file_with_one_bad_row_stores_nothing(client_for, team_member, themes):
    from collectief.jobs.models import Job
    from collectief.jobs.services import BACKGROUND_ROWS

    team, user = team_member
    client = client_for(user)
    url = reverse("signals:counts_import", args=[team.slug])
    response = client.post(url, {"file": _upload(_many_rows(BACKGROUND_ROWS + 1, bad_row=900))})
    page = client.get(response["Location"]).content.decode()
    assert Job.objects.get().status == Job.Status.FAILED
    assert "Er is niets ingelezen." in page
    assert "Rij 902, kolom aantal" in page
    assert not ImportedCount.objects.exists()
