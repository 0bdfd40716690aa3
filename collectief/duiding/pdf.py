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

from collectief.duiding.models import ArenaSession, Corner, TriangleSession, Valuation
from collectief.duiding.triangle import draw, summarise

STATIC = Path(__file__).parent / "static" / "duiding"


BLANK_ROWS_TRIANGLE = 7
BLANK_ROWS_ARENA = 5
# CSS pixels (96 per inch) per millimetre: WeasyPrint measures pages in CSS pixels.
PX_PER_MM = 96 / 25.4


@dataclass(frozen=True)
class Pdf:
    pdf: bytes
    pages: int
    size_mm: tuple[int, int]  # of the first page, rounded


def render_pdf(template: str, context: dict[str, Any]) -> Pdf:
    """``template`` laid out on A4 pages with ``print.css``."""
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    css = CSS(string=(STATIC / "print.css").read_text(encoding="utf-8"))
    document = HTML(string=html, base_url=str(STATIC)).render(stylesheets=[css])
    first = document.pages[0]
    return Pdf(
        pdf=bytes(document.write_pdf()),
        pages=len(document.pages),
        size_mm=(round(first.width / PX_PER_MM), round(first.height / PX_PER_MM)),
    )


def triangle_sheet(session: TriangleSession) -> Pdf:
    """The empty Waardendriehoek werkblad: the numbered triangle and rows to fill in."""
    empty = summarise([])
    return render_pdf(
        "duiding/triangle_sheet.html",
        {
            "session": session,
            "organisation": session.organisation,
            "effects": list(session.effects.all()),
            "summaries": empty,
            "drawing": draw(empty),
            "rows": range(BLANK_ROWS_TRIANGLE),
            "corners": Corner.choices,
        },
    )


def arena_sheet(session: ArenaSession) -> Pdf:
    """The empty Effectenarena werkblad: actors and investments, effects, gainers, valuation."""
    return render_pdf(
        "duiding/arena_sheet.html",
        {
            "session": session,
            "organisation": session.organisation,
            "effects": list(session.effects.all()),
            "rows": range(BLANK_ROWS_ARENA),
            "valuations": Valuation.choices,
        },
    )
