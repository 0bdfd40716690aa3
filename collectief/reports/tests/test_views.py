"""Report pages: happy path, anonymous, another organisation, roles and bad input."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from collectief.accounts.factories import MembershipFactory, UserFactory
from collectief.accounts.models import Role
from collectief.jobs.models import Job
from collectief.reports import services
from collectief.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def url(name: str, report: Report, *args: Any) -> str:
    return reverse(f"reports:{name}", args=[report.organisation.slug, report.pk, *args])


def test_list_shows_the_reports_and_the_form(client_for, staff, report) -> None:
    response = client_for(staff).get(reverse("reports:list", args=[report.organisation.slug]))
    assert response.status_code == 200
    assert "Ons magazine" in response.content.decode()
    assert "Nieuw rapport maken" in response.content.decode()


def test_create_with_a_bad_period_shows_a_dutch_error(client_for, staff, own_org) -> None:
    response = client_for(staff).post(
        reverse("reports:create", args=[own_org.slug]),
        {"title": "Rapport", "period": "2022-13/2023-01", "template": "magazine"},
    )
    assert response.status_code == 400
    assert "13 is geen maand" in response.content.decode()
    assert not Report.objects.exists()


def test_create_goes_to_the_editor(client_for, staff, own_org, world) -> None:
    response = client_for(staff).post(
        reverse("reports:create", args=[own_org.slug]),
        {"title": "Rapport", "period": "2022", "template": "eindrapport"},
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("edit", report)


def test_editor_says_why_a_section_is_left_out(client_for, staff, report) -> None:
    response = client_for(staff).get(url("edit", report))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Nu niet in het rapport: Schrijf een inleiding" in text


def test_preview_shows_the_report_with_linked_numbers(client_for, reader, report) -> None:
    response = client_for(reader).get(url("preview", report))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Tabel 1: Onderlinge contacten" in text
    assert 'class="report-number"' in text
    assert url("colour_css", report) in text


def test_preview_of_a_period_without_data_says_so(client_for, reader, report) -> None:
    Report.objects.filter(pk=report.pk).update(period="2019")
    response = client_for(reader).get(url("preview", report))
    assert "Er zijn geen gegevens voor de periode 2019" in response.content.decode()


def test_colour_css_is_a_stylesheet(client_for, reader, report) -> None:
    response = client_for(reader).get(url("colour_css", report))
    assert response["Content-Type"] == "text/css"
    assert "--report-colour: #" in response.content.decode()


def test_settings_refuse_a_light_colour_in_dutch(client_for, staff, report) -> None:
    response = client_for(staff).post(url("look", report), {"colour": "#ffff66", "logo_alt": ""})
    assert response.status_code == 400
    assert "te licht om als tekst op wit papier te lezen" in response.content.decode()
    report.refresh_from_db()
    assert report.colour == ""


def test_an_image_that_is_not_an_image_is_refused(client_for, staff, report, media) -> None:
    upload = SimpleUploadedFile("logo.png", b"not an image at all", content_type="image/png")
    response = client_for(staff).post(
        url("look", report), {"colour": "", "logo_alt": "Ons logo", "image": upload}
    )
    assert response.status_code == 400
    assert "Dit is geen afbeelding die we kunnen gebruiken" in response.content.decode()
    assert not list(media.rglob("*.*"))


def test_a_logo_is_stored_and_shown_on_the_cover(client_for, staff, report) -> None:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "#1f4e79").save(out, format="PNG")
    upload = SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")
    response = client_for(staff).post(
        url("look", report),
        {"colour": "#1f4e79", "logo_alt": "Logo van het Badhuis", "image": upload},
    )
    assert response.status_code == 302
    preview = client_for(staff).get(url("preview", report)).content.decode()
    assert 'alt="Logo van het Badhuis"' in preview


def test_section_intro_and_move(client_for, staff, report) -> None:
    client = client_for(staff)
    response = client.post(
        url("section", report, "lessons"),
        {"lessons-included": "on", "lessons-intro": "We leerden dat samen meer kan."},
    )
    assert response.status_code == 302
    assert "We leerden dat samen meer kan." in client.get(url("preview", report)).content.decode()
    client.post(url("move", report, "method"), {"richting": "omhoog"})
    keys = [s.key for s in report.sections.order_by("position")]
    assert keys[-2:] == ["method", "lessons"]


def test_unknown_section_is_404(client_for, staff, report) -> None:
    assert client_for(staff).post(url("section", report, "verhalen"), {}).status_code == 404


def test_publish_and_read_the_version(client_for, staff, report) -> None:
    client = client_for(staff)
    response = client.post(url("publish", report))
    assert response.status_code == 302
    assert response["Location"] == url("version", report, 1)
    page = client.get(url("version", report, 1)).content.decode()
    assert "Versie 1, gepubliceerd op" in page
    assert "Tabel 1: Onderlinge contacten" in page


def test_reader_may_look_but_not_change(client_for, reader, report) -> None:
    client = client_for(reader)
    assert client.get(url("edit", report)).status_code == 200
    for name in ("publish", "pdf", "public", "settings", "look"):
        assert client.post(url(name, report), {}).status_code == 403, name


def test_pdf_button_starts_a_job(client_for, staff, report, monkeypatch) -> None:
    from collectief.reports import tasks

    monkeypatch.setattr(tasks, "report_pdf", lambda report, run=None, period=None: b"%PDF-1.7")
    response = client_for(staff).post(url("pdf", report))
    job = Job.objects.get(kind="reports.pdf")
    assert response["Location"] == reverse("jobs:status", args=[job.pk])
    assert job.status == Job.Status.DONE
    assert job.result_name == "rapport-own-org.pdf"


def test_pdf_of_a_period_without_data_is_refused_before_a_job(client_for, staff, report) -> None:
    Report.objects.filter(pk=report.pk).update(period="2019")
    response = client_for(staff).post(url("pdf", report), follow=True)
    assert "Er zijn geen gegevens voor de periode 2019" in response.content.decode()
    assert not Job.objects.exists()


def test_public_link_is_opt_in(client, client_for, staff, report) -> None:
    services.publish_report(report, by=staff)
    client_for(staff).post(url("public", report), {"openbaar": "1"})
    report.refresh_from_db()
    public = reverse("reports:public_view", args=[report.public_token])
    response = client.get(public)
    assert response.status_code == 200
    assert "Tabel 1: Onderlinge contacten" in response.content.decode()
    client_for(staff).post(url("public", report), {"openbaar": "0"})
    assert client.get(public).status_code == 404


def test_public_link_without_opt_in_is_404(client, staff, report) -> None:
    services.publish_report(report, by=staff)
    assert client.get(reverse("reports:public_view", args=["raden"])).status_code == 404


def test_anonymous_is_sent_to_login(client, report) -> None:
    response = client.get(url("preview", report))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_another_organisation_gets_404(client_for, outsider, report) -> None:
    client = client_for(outsider)
    assert client.get(url("edit", report)).status_code == 404
    assert client.get(url("preview", report)).status_code == 404
    assert client.post(url("publish", report)).status_code == 404


def test_own_slug_with_another_organisations_report_is_404(client_for, staff, other_org) -> None:
    theirs = services.create_report(other_org, by=None, title="Geheim")
    path = reverse("reports:preview", args=["own-org", theirs.pk])
    assert client_for(staff).get(path).status_code == 404


def test_a_member_of_two_organisations_sees_only_the_right_one(
    client_for, report, other_org
) -> None:
    user = UserFactory(email="both@test.test")
    MembershipFactory(user=user, organisation=other_org, role=Role.ADMIN)
    path = reverse("reports:edit", args=[other_org.slug, report.pk])
    assert client_for(user).get(path).status_code == 404
