"""The PDF (WeasyPrint, in the background job) and the suppression rule in every output."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from collectief.jobs.models import Job
from collectief.reports import rendering, services
from collectief.reports.tasks import start_report_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf_job(report: Any, staff: Any) -> Job:
    job = start_report_pdf(report, by=staff)
    job.refresh_from_db()
    return job


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_job_makes_an_a4_pdf_with_contents_and_page_numbers(pdf_job: Job) -> None:
    assert pdf_job.status == Job.Status.DONE, pdf_job.message
    pages = _text(bytes(pdf_job.result))
    reader = PdfReader(io.BytesIO(bytes(pdf_job.result)))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    # cover, contents, introduction, poster, results, method, sources
    assert len(pages) >= 7
    contents = pages[1]
    assert "Inhoud" in contents
    # Every chapter in the contents with the page it starts on.
    assert re.search(r"Ons veranderverhaal\W*\d+", contents)
    assert re.search(r"Bronnen\W*\d+", contents)
    assert f"2 / {len(pages)}" in pages[1]
    assert "Tabel 1: Onderlinge contacten" in "".join(pages)


def test_the_poster_takes_exactly_one_page(pdf_job: Job) -> None:
    pages = _text(bytes(pdf_job.result))
    poster_pages = [i for i, text in enumerate(pages) if "DIRECTE EFFECTEN" in text]
    assert len(poster_pages) == 1


def test_the_pdf_lists_the_sources(pdf_job: Job) -> None:
    text = "".join(_text(bytes(pdf_job.result))).replace("\n", "")
    assert "Resultaten vragenlijst: Buurtmeting 2022" in text
    assert "http://127.0.0.1:8000/o/own-org/vragenlijsten/" in text


def test_a_period_without_data_fails_the_job_without_a_file(report: Any, staff: Any) -> None:
    services.update_report(report, by=staff, period="2019")
    job = start_report_pdf(report, by=staff)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "Er zijn geen gegevens voor de periode 2019" in job.message
    assert job.result is None


def test_a_published_version_pdf_uses_the_frozen_copy(report: Any, staff: Any) -> None:
    version = services.publish_report(report, by=staff)
    lessons = report.sections.get(key="lessons")
    services.update_section(lessons, by=staff, included=True, intro="Nieuw na publiceren.")
    job = start_report_pdf(report, by=staff, version=version)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert "Nieuw na publiceren" not in "".join(_text(bytes(job.result)))


# --- nothing about fewer than 5 people, in HTML or PDF ---------------------------------

HIDDEN = ("15%", "85%")  # 3 of 20 agree with "helpen": the share and its complement


def test_no_small_group_in_the_html(report: Any) -> None:
    document, _ctx = services.build_document(report)
    html = rendering.render_body(document, report.template)
    for value in HIDDEN:
        assert value not in html
    assert ">3</a>" not in html and ">17</a>" not in html


def test_no_small_group_in_the_pdf(pdf_job: Job) -> None:
    text = "".join(_text(bytes(pdf_job.result)))
    for value in HIDDEN:
        assert value not in text
    assert "niet getoond" in text


def test_a_survey_of_four_shows_no_numbers_anywhere(own_org: Any, tmp_path: Any) -> None:
    from collectief.figures import services as figure_services
    from collectief.surveys import services as survey_services
    from collectief.surveys.models import Survey
    from collectief.surveys.tests.results_helpers import add_responses, make_survey

    figure_services.create_figure(own_org, by=None, label="vrijwilligers", value=12)
    survey = make_survey(own_org)
    survey_services.set_survey_status(survey, Survey.Status.OPEN, by=None)
    add_responses(survey, [{"kennen": ["5"], "komt": ["1"]}] * 4)
    out = tmp_path / "r.html"
    call_command("report", "build", own_org.slug, "--format", "html", "-o", str(out))
    html = out.read_text().split("</style>", 1)[1]
    assert "Buurtmeting" in html  # the method page names it
    assert "100%" not in html
    assert ">4</a>" not in html
    assert "minder dan 5" in html
