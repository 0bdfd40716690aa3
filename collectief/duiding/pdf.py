"""Werkbladen and the session report as A4 PDF, with WeasyPrint.

The same machinery as the change story's poster (``changestories.poster_pdf``):
a Django template rendered to HTML, laid out by WeasyPrint with a print
stylesheet read from this app's static folder, and the page count read from
the laid-out document, so tests can check that a werkblad stays one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

STATIC = Path(__file__).parent / "static" / "duiding"


@dataclass(frozen=True)
class Pdf:
    pdf: bytes
    pages: int


def render_pdf(template: str, context: dict[str, Any]) -> Pdf:
    """``template`` laid out on A4 pages with ``print.css``."""
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    css = CSS(string=(STATIC / "print.css").read_text(encoding="utf-8"))
    document = HTML(string=html, base_url=str(STATIC)).render(stylesheets=[css])
    return Pdf(pdf=bytes(document.write_pdf()), pages=len(document.pages))
