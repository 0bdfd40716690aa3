"""The poster as a one-page PDF, laid out and measured with WeasyPrint.

The text-length model (``poster_fit``) gives a first guess of the fit level;
WeasyPrint then renders that level and counts the pages, and steps to a
roomier level while one page still holds it, or to a tighter one until it
does. A story over the limit (it does not fit even the smallest type) is
laid out on a larger page of the same shape and scaled down to A4 or A3 as
a whole: the type gets smaller than the limit, but the poster never spills
onto a second, half-empty page. The editor warns long before that.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from collectief.changestories import poster_fit
from collectief.changestories.models import ChangeStory
from collectief.changestories.poster import colour_css, poster_context

STATIC = Path(__file__).parent / "static" / "changestories"
# Page size and margin in mm per paper, as in poster.css.
_PAGES = {"a4": (210, 297, 10), "a3": (297, 420, 14)}
# A story over the limit is scaled down in steps of this factor at most.
_SCALE_STEP = 1.12
_MAX_TRIES = 40


@dataclass(frozen=True)
class PosterPdf:
    pdf: bytes
    level: int
    columns: bool
    # 1.0 within the limit; above 1, the page was laid out this much larger
    # and scaled down as a whole.
    scale: float
    # The body type size on paper, in pt.
    body_pt: float


def _page_css(size: str, scale: float) -> str:
    width, height, margin = _PAGES[size]
    name = " a3" if size == "a3" else ""
    return (
        f"@page{name} {{ size: {width * scale:.2f}mm {height * scale:.2f}mm; "
        f"margin: {margin * scale:.2f}mm; }}"
    )


def render_poster(story: ChangeStory, size: str = "a4") -> PosterPdf:
    """The poster on exactly one page of A4 or A3, with the roomiest layout that fits."""
    from weasyprint import CSS, HTML

    context = poster_context(story, size)
    size = context["size"]
    base_css = (STATIC / "poster.css").read_text(encoding="utf-8") + colour_css(context["palette"])
    stylesheets = [CSS(string=base_css)]

    def render(level: int, scale: float = 1.0) -> Any:
        context["fit"] = level
        context["columns"] = poster_fit.LEVELS[level][1] and bool(context["figures"])
        context["shrink"] = 0
        html = render_to_string("changestories/poster_document.html", context)
        sheets = stylesheets + ([CSS(string=_page_css(size, scale))] if scale > 1 else [])
        return HTML(string=html, base_url=str(STATIC)).render(stylesheets=sheets)

    level = poster_fit.choose_fit(context).level
    document = render(level)
    if len(document.pages) == 1:
        # The model errs on the safe side: try the roomier levels too.
        while level > 0:
            roomier = render(level - 1)
            if len(roomier.pages) != 1:
                break
            level, document = level - 1, roomier
    else:
        while len(document.pages) > 1 and level < poster_fit.LAST_LEVEL:
            level += 1
            document = render(level)
    scale = 1.0
    tries = 0
    while len(document.pages) > 1:
        # Over the limit: lay the page out larger and scale it down as a whole.
        tries += 1
        if tries > _MAX_TRIES:  # pragma: no cover - only with absurd amounts of text
            raise RuntimeError("The poster does not fit on one page at any scale.")
        scale *= _SCALE_STEP
        document = render(level, scale)
    pdf = bytes(document.write_pdf(zoom=1 / scale))
    return PosterPdf(
        pdf=pdf,
        level=level,
        columns=bool(context["columns"]),
        scale=round(scale, 3),
        body_pt=round(poster_fit.font_pt(level, size) / scale, 2),
    )


def render_pdf(story: ChangeStory, size: str = "a4") -> bytes:
    """The poster as PDF bytes on one page (see ``render_poster``)."""
    return render_poster(story, size).pdf
