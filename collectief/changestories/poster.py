"""The magazine's one-page poster as HTML, PDF (WeasyPrint) and SVG.

All three use the same data from ``poster_context``. The PDF renders the
same template as the web page, with the poster stylesheet; fonts come from
the system, nothing is downloaded.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from collectief.changestories.models import ChangeStory
from collectief.changestories.parts import story_parts
from collectief.changestories.services import story_content

STATIC = Path(__file__).parent / "static" / "changestories"
SIZES = ("a4", "a3")

# Fit levels, from the most to the least roomy (poster.css has the type size
# of each): 0-2 shrink the type in the one-column layout, 3-6 put the figures
# in a column beside the layers and shrink again, down to 7.5 pt on A4 (A3 is
# always larger). The PDF takes the first level that fills one page.
FIT_LEVELS = 7
FIRST_COLUMN_LEVEL = 3
# Lines of 11 pt text that fit one A4 page in the one-column layout, after the
# header; measured with WeasyPrint (see test_poster_fit.py).
_A4_LINES = 50
_CHARS_PER_LINE = 88


def _item_lines(text: str, chars: int = _CHARS_PER_LINE) -> int:
    return max(1, -(-len(text) // chars))


def estimated_lines(content: dict[str, Any], figures: list[dict[str, str]]) -> float:
    """How many lines of 11 pt text the one-column poster needs (an estimate).

    The browser's print uses it to choose the fit level; the PDF checks the
    real page count with WeasyPrint and steps further when needed.
    """
    lines = 4 * 2.2 + 3 * 1.3  # block headings and padding, arrows
    for key in ("contributions", "approaches", "target_groups"):
        lines += sum(_item_lines(item["text"], _CHARS_PER_LINE - 3) for item in content[key])
    for effect in content["effects"]:
        lines += (1 if effect["name"] else 0) + _item_lines(effect["description"])
    if figures:
        rows = -(-len(figures) // 3)
        lines += 1.5 + rows * 3.4
    return lines


def fit_level(content: dict[str, Any], figures: list[dict[str, str]], tagline: str) -> int:
    lines = estimated_lines(content, figures) + (1.5 if tagline else 0)
    # Each level gives roughly this much room, relative to level 0.
    room = (1.0, 1.15, 1.32, 1.3, 1.5, 1.75, 1.9)
    for level, factor in enumerate(room):
        if lines <= _A4_LINES * factor:
            return level
    return FIT_LEVELS - 1


def poster_context(story: ChangeStory, size: str = "a4") -> dict[str, Any]:
    organisation = story.organisation
    content = story_content(story)
    # The numbers other apps put on the poster (figures: the highlighted ones).
    figures = [
        figure
        for part in story_parts()
        if part.poster_figures and organisation
        for figure in part.poster_figures(organisation)
    ]
    tagline = story.tagline or getattr(organisation, "tagline", "")
    fit = fit_level(content, figures, tagline)
    return {
        "story": story,
        "organisation": organisation,
        "name": story.owner_name,
        "tagline": tagline,
        "content": content,
        "figures": figures,
        "size": size if size in SIZES else "a4",
        "fit": fit,
        "columns": fit >= FIRST_COLUMN_LEVEL and bool(figures),
    }


def render_pdf(story: ChangeStory, size: str = "a4") -> bytes:
    """The poster as PDF on one page: the roomiest fit level that fits."""
    from weasyprint import CSS, HTML

    context = poster_context(story, size)
    css = CSS(string=(STATIC / "poster.css").read_text(encoding="utf-8"))
    document = None
    for level in range(FIT_LEVELS):
        context["fit"] = level
        context["columns"] = level >= FIRST_COLUMN_LEVEL and bool(context["figures"])
        html = render_to_string("changestories/poster_document.html", context)
        document = HTML(string=html, base_url=str(STATIC)).render(stylesheets=[css])
        if len(document.pages) == 1:
            break
    assert document is not None
    return bytes(document.write_pdf())


# -- SVG -------------------------------------------------------------------------

WIDTH = 840
MARGIN = 40
LINE = 20
HEADING_SIZE = 17
ITEM_SIZE = 15
ARROW_GAP = 28


def _lines(text: str, size: int, indent: int = 0) -> list[str]:
    width = max(10, int((WIDTH - 2 * MARGIN - indent) / (size * 0.52)))
    return textwrap.wrap(text, width=width) or [""]


def render_svg(story: ChangeStory) -> str:
    """The poster as one SVG: header, the four blocks, the highlighted figures."""
    context = poster_context(story)
    content = context["content"]
    rows: list[dict[str, Any]] = []
    y = 60
    rows.append({"kind": "title", "y": y, "text": context["name"]})
    y += 30
    if context["tagline"]:
        for line in _lines(context["tagline"], 18):
            rows.append({"kind": "tagline", "y": y, "text": line})
            y += 24
    y += 20
    blocks = [
        (_("CONTRIBUTES INDIRECTLY TO"), [c["text"] for c in content["contributions"]]),
        (
            _("DIRECT EFFECTS"),
            [
                (f"{e['name']} – {e['description']}" if e["name"] else e["description"])
                for e in content["effects"]
            ],
        ),
        (_("APPROACH"), [a["text"] for a in content["approaches"]]),
        (_("TARGET GROUP"), [t["text"] for t in content["target_groups"]]),
    ]
    boxes = []
    arrows = []
    for index, (heading, items) in enumerate(blocks):
        if index:
            # An arrow up from this layer to the one above it.
            arrows.append({"tip": y - ARROW_GAP + 4, "base": y - 4})
        top = y
        # Heading baseline, then the first line one full line plus a gap
        # lower, so the heading's descenders never touch the first line.
        y += HEADING_SIZE + 10
        rows.append({"kind": "heading", "y": y, "text": heading})
        y += 8
        for item in items:
            for number, line in enumerate(_lines(item, ITEM_SIZE, indent=24)):
                y += LINE
                rows.append({"kind": "item", "y": y, "text": line, "star": number == 0})
            y += 6
        y += 12
        boxes.append({"y": top, "height": y - top})
        y += ARROW_GAP
    if context["figures"]:
        rows.append({"kind": "heading-plain", "y": y + 18, "text": _("FACTS AND FIGURES")})
        y += 40
        for figure in context["figures"]:
            text = " ".join(
                part
                for part in (figure["value"], figure["unit"], figure["label"], figure["period"])
                if part
            )
            for line in _lines(text, 15, indent=24):
                rows.append({"kind": "figure", "y": y, "text": line})
                y += LINE
            y += 4
    height = y + MARGIN
    return render_to_string(
        "changestories/poster.svg",
        {
            "width": WIDTH,
            "height": height,
            "margin": MARGIN,
            "inner": WIDTH - 2 * MARGIN,
            "rows": rows,
            "boxes": boxes,
            "arrows": arrows,
            "centre": WIDTH // 2,
            "title": context["name"],
        },
    )
