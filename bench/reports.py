"""Report PDF: the Badhuis magazine (12+ pages, 4 survey charts, 2 photos) against its floor.

Times the PDF as the background job makes it (read the data, lay out the
poster for one page, render the report with WeasyPrint), against WeasyPrint
rendering the very same HTML, saved as a static file, with the same
stylesheet in the same run: the floor no Collectief code can beat. Also
times the web preview (a GET of the preview page, Django test client).

    collectief bench reports [repeat=3]

The data is the demo (areas, organisations, change stories, figures, the
Badhuis survey and reports) in var/bench/reports.sqlite3, with two photos
added: the report's cover photo and the poster's photo (800 px JPEGs).
"""

from __future__ import annotations

import io
import os
import platform
import statistics
import time
from typing import Any

from bench._child import database_url, in_child, run_child, work_folder

NAME = "reports"


def run(stdout: Any, **options: Any) -> None:
    if not in_child():
        database = database_url("reports", "sqlite")
        stdout.write(f"database: {database}\n")
        run_child(NAME, database, options, stdout)
        return
    _measure(stdout, repeat=int(options.get("repeat", 3)))


def _photo(seed: int) -> Any:
    import random

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (800, 600), (rng.randrange(256), 120, 90))
    draw = ImageDraw.Draw(image)
    for _ in range(400):
        x, y = rng.randrange(800), rng.randrange(600)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x, y, x + rng.randrange(10, 80), y + rng.randrange(10, 80)), fill=colour)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return SimpleUploadedFile(f"foto-{seed}.jpg", out.getvalue(), content_type="image/jpeg")


def _prepare(stdout: Any) -> Any:

    from django.core.management import call_command

    from collectief.accounts.models import Organisation
    from collectief.changestories.services import get_story, update_poster_settings
    from collectief.reports import services
    from collectief.reports.models import Report

    call_command("migrate", verbosity=0, interactive=False)
    with open(os.devnull, "w") as devnull:
        from collectief.accounts.demo import load_demo as accounts
        from collectief.areas.demo import load_demo as areas
        from collectief.changestories.demo import load_demo as stories
        from collectief.figures.demo import load_demo as figures
        from collectief.reports.demo import load_demo as reports
        from collectief.surveys.demo import load_demo as surveys

        for load in (areas, accounts, stories, figures, surveys, reports):
            load(devnull)
    organisation = Organisation.objects.get(slug="het-badhuis")
    report = Report.objects.filter(organisation=organisation).first()
    assert report is not None
    if not report.logo:
        services.set_report_image(report, _photo(1), alt="Het Badhuis aan het plein", by=None)
    story = get_story(organisation)
    if not story.image:
        update_poster_settings(
            organisation,
            tagline=story.tagline,
            is_public=story.is_public,
            by=None,
            image=_photo(2),
            image_alt="Buurtbewoners in het Badhuis",
        )
    return report


def _best(times: list[float]) -> str:
    return f"median {statistics.median(times):.2f} s (best {min(times):.2f} s)"


def _measure(stdout: Any, *, repeat: int) -> None:
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation
    from django.utils.safestring import mark_safe
    from pypdf import PdfReader
    from weasyprint import CSS, HTML

    from collectief.accounts.models import Membership, Role
    from collectief.reports import rendering, services
    from collectief.reports.tasks import report_pdf

    translation.activate("nl")
    report = _prepare(stdout)
    stdout.write(
        f"machine: {platform.machine()}, Python {platform.python_version()}, "
        f"load {os.getloadavg()[0]:.1f}\n"
    )
    # The job's work, as the worker does it.
    job_times = []
    pdf = b""
    for _ in range(repeat):
        started = time.perf_counter()
        pdf = report_pdf(report)
        job_times.append(time.perf_counter() - started)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    document, _ctx = services.build_document(report, for_print=True)
    charts = sum(section.data.__repr__().count("report-likert") for section in document.sections)
    stdout.write(
        f"report: {pages} pages, {charts} survey charts, 2 photos, {len(pdf) // 1024} KiB\n"
    )
    stdout.write(f"PDF (the job: data, poster fit, layout): {_best(job_times)}\n")

    # The floor: the same HTML and stylesheet as static files, WeasyPrint only.
    folder = work_folder() / "reports-static"
    folder.mkdir(exist_ok=True)
    body = rendering.site_links(document, report.template)
    (folder / "report.html").write_text(
        render_to_string("reports/pdf.html", {"body": mark_safe(body), "title": report.title})
    )
    (folder / "report.css").write_text(
        rendering.stylesheets(for_pdf=True) + rendering.colour_css(rendering.colours(report))
    )
    floor_times = []
    for _ in range(repeat):
        started = time.perf_counter()
        HTML(filename=str(folder / "report.html")).write_pdf(
            stylesheets=[CSS(filename=str(folder / "report.css"))]
        )
        floor_times.append(time.perf_counter() - started)
    stdout.write(f"floor (WeasyPrint on the saved HTML file): {_best(floor_times)}\n")
    stdout.write(
        f"PDF / floor: {statistics.median(job_times) / statistics.median(floor_times):.2f}\n"
    )

    # The web preview, as a member sees it.
    membership = (
        Membership.objects.filter(organisation=report.organisation, role=Role.STAFF)
        .select_related("user")
        .first()
    )
    assert membership is not None
    client = Client()
    client.force_login(membership.user)
    url = reverse("reports:preview", args=[report.organisation.slug, report.pk])
    settings.ALLOWED_HOSTS = ["*"]
    client.get(url)  # warm the template cache
    preview_times = []
    for _ in range(max(5, repeat)):
        started = time.perf_counter()
        response = client.get(url)
        preview_times.append(time.perf_counter() - started)
        assert response.status_code == 200
    stdout.write(f"web preview (GET, HTML): {_best(preview_times)}\n")
