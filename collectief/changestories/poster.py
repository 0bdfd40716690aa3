"""The magazine's one-page poster: its data, its colours and the SVG.

The web page, the PDF (``poster_pdf.py``, WeasyPrint) and the SVG use the
same data from ``poster_context``. The PDF renders the same template as the
web page, with the poster stylesheet; fonts come from the system, nothing is
downloaded. ``poster_fit.py`` decides how large the type can be.
"""

from __future__ import annotations

import base64
import re
import textwrap
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from collectief.changestories import poster_fit
from collectief.changestories.models import ChangeStory
from collectief.changestories.parts import story_parts
from collectief.changestories.services import story_content

SIZES = ("a4", "a3")
DEFAULT_COLOUR = "#0b5f4f"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# The light backgrounds of the layers (poster.css); headings in the
# organisation's colour must be readable on each of them.
_LIGHT_BACKGROUNDS = ("#ffffff", "#f3f5f4", "#e6f4ea")


def _luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _darker(colour: str, share: float) -> str:
    parts = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(p * (1 - share)):02x}" for p in parts)


def palette(colour: str) -> dict[str, str]:
    """The poster's colours from the organisation's colour, all WCAG AA (4.5:1).

    ``colour`` fills the header, the borders and the arrows; ``on_colour`` is
    the header's text: white or black, whichever contrasts more (one of them
    always reaches 4.5:1). ``ink`` colours the headings on the light layers:
    the organisation's colour, made darker until it reads well on each of them.
    """
    colour = colour.lower() if colour and HEX_COLOUR.match(colour) else DEFAULT_COLOUR
    on_colour = (
        "#ffffff" if contrast(colour, "#ffffff") >= contrast(colour, "#000000") else "#000000"
    )
    ink = colour
    share = 0.0
    while any(contrast(ink, background) < 4.5 for background in _LIGHT_BACKGROUNDS):
        share += 0.05
        ink = _darker(colour, share)
    return {"colour": colour, "on_colour": on_colour, "ink": ink}


def colour_css(colours: dict[str, str]) -> str:
    """The stylesheet that gives the poster the organisation's colours.

    The page's Content-Security-Policy allows no inline styles, so the web
    page links to this as a small stylesheet; the PDF adds it to poster.css.
    Every value is a validated #rrggbb colour, so nothing else can get in.
    """
    return (
        ".poster { "
        f"--poster-colour: {colours['colour']}; "
        f"--poster-on-colour: {colours['on_colour']}; "
        f"--poster-ink: {colours['ink']}; "
        "}\n"
    )


def _image(story: ChangeStory) -> dict[str, str] | None:
    """The logo or photo as a data URI: the page's CSP allows data: images,
    WeasyPrint reads it without a file path, and no media URL has to be served."""
    if not story.pk or not story.image:
        return None
    try:
        with story.image.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None
    kind = "png" if data.startswith(b"\x89PNG") else "jpeg"
    return {
        "src": f"data:image/{kind};base64," + base64.b64encode(data).decode("ascii"),
        "alt": story.image_alt,
    }


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
    context: dict[str, Any] = {
        "story": story,
        "organisation": organisation,
        "name": story.owner_name,
        "tagline": story.tagline or getattr(organisation, "tagline", ""),
        "content": content,
        "figures": figures,
        "size": size if size in SIZES else "a4",
        "palette": palette(story.colour),
        "image": _image(story),
    }
    fit = poster_fit.choose_fit(context)
    context.update(fit=fit.level, columns=fit.columns, shrink=fit.shrink)
    return context


# -- SVG -------------------------------------------------------------------------

WIDTH = 840
MARGIN = 40
LINE = 20
HEADING_SIZE = 17
ITEM_SIZE = 15
ARROW_GAP = 28
IMAGE_WIDTH = 160
IMAGE_HEIGHT = 90


def _lines(text: str, size: int, indent: int = 0) -> list[str]:
    width = max(10, int((WIDTH - 2 * MARGIN - indent) / (size * 0.52)))
    return textwrap.wrap(text, width=width) or [""]


def render_svg(story: ChangeStory) -> str:
    """The poster as one SVG: header, the four blocks, the highlighted figures."""
    context = poster_context(story)
    content = context["content"]
    rows: list[dict[str, Any]] = []
    image = None
    # Room for the logo or photo at the top right: the name and tagline wrap
    # before it.
    indent = 0
    if context["image"]:
        image = {"src": context["image"]["src"], "x": WIDTH - MARGIN - IMAGE_WIDTH, "y": 24}
        indent = IMAGE_WIDTH + 20
    y = 30
    for line in _lines(context["name"], 32, indent=indent):
        y += 36
        rows.append({"kind": "title", "y": y, "text": line})
    y += 30
    if context["tagline"]:
        for line in _lines(context["tagline"], 18, indent=indent):
            rows.append({"kind": "tagline", "y": y, "text": line})
            y += 24
    if image:
        y = max(y, image["y"] + IMAGE_HEIGHT + 10)
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
            "palette": context["palette"],
            "image": image,
            "image_width": IMAGE_WIDTH,
            "image_height": IMAGE_HEIGHT,
        },
    )
