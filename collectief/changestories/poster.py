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
    return {
        "story": story,
        "organisation": organisation,
        "name": story.owner_name,
        "tagline": story.tagline or getattr(organisation, "tagline", ""),
        "content": content,
        "figures": figures,
        "size": size if size in SIZES else "a4",
    }


def render_pdf(story: ChangeStory, size: str = "a4") -> bytes:
    from weasyprint import CSS, HTML

    context = poster_context(story, size)
    html = render_to_string("changestories/poster_document.html", context)
    css = CSS(string=(STATIC / "poster.css").read_text(encoding="utf-8"))
    return bytes(HTML(string=html, base_url=str(STATIC)).write_pdf(stylesheets=[css]))


# -- SVG -------------------------------------------------------------------------

WIDTH = 840
MARGIN = 40
LINE = 20


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
    for heading, items in blocks:
        top = y
        y += 34
        rows.append({"kind": "heading", "y": y - 8, "text": heading})
        for item in items:
            for number, line in enumerate(_lines(item, 15, indent=24)):
                rows.append({"kind": "item", "y": y + 6, "text": line, "star": number == 0})
                y += LINE
            y += 6
        y += 12
        boxes.append({"y": top, "height": y - top})
        y += 16
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
            "title": context["name"],
        },
    )
