"""collectief report build ORG_SLUG [--period] [--template] --format pdf|html -o FILE."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def test_html_file_with_styles_inline(
    own_org: Any, world: Any, report: Any, tmp_path: Path
) -> None:
    out = tmp_path / "rapport.html"
    stdout = io.StringIO()
    call_command(
        "report", "build", own_org.slug, "--format", "html", "-o", str(out), stdout=stdout
    )
    html = out.read_text()
    assert html.startswith("<!doctype html>")
    assert "<style>" in html and "--report-colour" in html
    assert "Tabel 1: Onderlinge contacten" in html
    assert 'href="http://127.0.0.1:8000/o/own-org/' in html
    assert "Geschreven:" in stdout.getvalue()


def test_template_and_period_override(own_org: Any, world: Any, tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    call_command(
        "report",
        "build",
        own_org.slug,
        "--period",
        "2022-01/2022-06",
        "--template",
        "eindrapport",
        "--format",
        "html",
        "-o",
        str(out),
    )
    html = out.read_text()
    assert "report--eindrapport" in html
    assert "Periode: 2022-01/2022-06" in html


def test_pdf_file(own_org: Any, world: Any, tmp_path: Path) -> None:
    out = tmp_path / "rapport.pdf"
    call_command("report", "build", own_org.slug, "--format", "pdf", "-o", str(out))
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 6
    assert "Inhoud" in reader.pages[1].extract_text()


def test_period_without_data_writes_nothing(own_org: Any, world: Any, tmp_path: Path) -> None:
    out = tmp_path / "rapport.pdf"
    with pytest.raises(CommandError, match="Er zijn geen gegevens voor de periode 2019"):
        call_command(
            "report", "build", own_org.slug, "--period", "2019", "--format", "pdf", "-o", str(out)
        )
    assert not out.exists()


def test_bad_period_is_a_dutch_error(own_org: Any, world: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Schrijf de periode als jaar"):
        call_command(
            "report",
            "build",
            own_org.slug,
            "--period",
            "vorig jaar",
            "--format",
            "html",
            "-o",
            str(tmp_path / "x.html"),
        )


def test_unknown_organisation(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Organisatie 'bestaat-niet' bestaat niet"):
        call_command(
            "report", "build", "bestaat-niet", "--format", "html", "-o", str(tmp_path / "x.html")
        )
