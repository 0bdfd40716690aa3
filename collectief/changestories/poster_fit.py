"""How much room the poster needs, and which fit level fills one page.

The poster has fit levels, from the most to the least roomy: first the type
shrinks in the one-column layout, then the facts & figures move to a column
beside the layers and the type shrinks further, down to ``MIN_A4_PT``. A3 is
the same layout with all type ``A3_FACTOR`` larger (A3 is A4 scaled by √2).

A text-length model estimates the height of every level. The browser's
print takes the level the model chooses (a browser cannot measure before
printing); the PDF starts there and checks the real page count with
WeasyPrint (``poster_pdf.py``). A story that does not fit even the last
level is *over the limit*: the editor warns well before that (``usage``),
and the PDF then scales the whole page down rather than spill onto a second
page.

poster.css holds the same type sizes; a test keeps the two in step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

# (A4 type size in pt, figures in a column beside the layers)
LEVELS: tuple[tuple[float, bool], ...] = (
    (11.0, False),
    (10.0, False),
    (9.0, False),
    (10.0, True),
    (9.0, True),
    (8.25, True),
    (7.5, True),
)
LAST_LEVEL = len(LEVELS) - 1
MIN_A4_PT = LEVELS[-1][0]
A3_FACTOR = 1.41
# Browser print only: when the model says a story is over the limit, the
# poster is zoomed by one of these steps (poster.css .poster--shrink-N).
SHRINK_STEPS = (0.9, 0.8, 0.7, 0.6, 0.5)

# The A4 page inside the 10 mm margins, in pt (A3 is the same at √2).
PAGE_WIDTH_PT = 190 / 25.4 * 72
PAGE_HEIGHT_PT = 277 / 25.4 * 72
# The editor warns from this share of the limit on (see ``usage``).
WARN_AT = 0.85

# DejaVu Sans (the system font the poster uses) is wide: an average
# character of Dutch text takes about 0.56 em; lines break at word ends, so
# a line holds a little less than the width allows.
_CHAR_EM = 0.56
_WRAP = 0.9
_LINE = 1.3  # line-height in poster.css


@dataclass(frozen=True)
class Fit:
    level: int
    columns: bool
    # Browser print only: the zoom step when the story is over the limit.
    shrink: int = 0


def _lines(text: str, width_em: float, size: float = 1.0) -> int:
    chars = max(8, int(width_em / (_CHAR_EM * size) * _WRAP))
    words = text.split()
    if not words:
        return 1
    lines, used = 1, 0
    for word in words:
        length = len(word) + (1 if used else 0)
        if used and used + length > chars:
            lines += 1
            used = len(word)
        else:
            used += length
    return lines


def needed_em(
    content: dict[str, Any],
    figures: list[dict[str, str]],
    *,
    name: str,
    tagline: str,
    image: bool,
    font_pt: float,
    columns: bool,
) -> float:
    """The poster's height in em of its type at one level (an estimate)."""
    width = PAGE_WIDTH_PT / font_pt
    columns = columns and bool(figures)
    layer_width = (width - 0.8) * 5 / 7 if columns else width
    # The header: name (2.1 em, uppercase, wider), tagline, padding, gap.
    name_lines = _lines(name, width - 2 - (6 if image else 0), 2.1 * 1.15)
    height = 1.2 + name_lines * 2.1 * 1.1 + 0.8
    if tagline:
        height += _lines(tagline, width - 2 - (6 if image else 0), 1.2) * 1.2 * _LINE + 0.2
    if image:
        height = max(height, 5.0 + 0.8)
    item_width = layer_width - 2 * 0.9 - 0.3 - 1.4
    blocks: list[list[int]] = [
        [_lines(c["text"], item_width) for c in content["contributions"]],
        [
            (1 if e["name"] else 0) + _lines(e["description"], item_width)
            for e in content["effects"]
        ],
        [_lines(a["text"], item_width) for a in content["approaches"]],
        [_lines(t["text"], item_width) for t in content["target_groups"]],
    ]
    layers = 0.0
    for items in blocks:
        items = items or [1]
        # Border and padding, heading with its gap, then the items with their gaps.
        layers += 0.2 + 0.9 + _LINE + 0.35 + sum(items) * _LINE + len(items) * 0.3
    layers += 3 * (0.8 + 0.4)  # the arrows between the layers
    if not figures:
        return height + layers
    per_row = 1 if columns else 3
    tile_width = ((width - 0.8) * 2 / 7 if columns else (width - 1.0) / 3) - 0.9
    tiles = [
        1.35 * 1.15
        + _lines(" ".join(filter(None, (f["label"], f["period"]))), tile_width) * _LINE
        + 0.4
        for f in figures
    ]
    rows = [max(tiles[i : i + per_row]) for i in range(0, len(tiles), per_row)]
    figures_height = _LINE + 0.35 + sum(rows) + 0.5 * (len(rows) - 1)
    if columns:
        return height + max(layers, figures_height)
    return height + layers + 0.8 + figures_height


def _needed_share(context: dict[str, Any], level: int) -> float:
    """The share of the A4 page the poster needs at a level (1.0 = exactly full)."""
    font_pt, columns = LEVELS[level]
    em = needed_em(
        context["content"],
        context["figures"],
        name=context["name"],
        tagline=context["tagline"],
        image=bool(context.get("image")),
        font_pt=font_pt,
        columns=columns,
    )
    return em * font_pt / PAGE_HEIGHT_PT


# The model must err on the safe side: a level counts as fitting when the
# estimate leaves this much of the page free.
_SAFETY = 0.94


def choose_fit(context: dict[str, Any]) -> Fit:
    """The roomiest level the model says fits; past the limit, a zoom step."""
    for level in range(len(LEVELS)):
        if _needed_share(context, level) <= _SAFETY:
            return Fit(level, LEVELS[level][1] and bool(context["figures"]))
    share = _needed_share(context, LAST_LEVEL) / _SAFETY
    # Zooming shrinks height and width, so the text reflows: the area counts.
    zoom = 1 / math.sqrt(share)
    shrink = next((n for n, step in enumerate(SHRINK_STEPS, 1) if step <= zoom), len(SHRINK_STEPS))
    return Fit(LAST_LEVEL, bool(context["figures"]), shrink)


def usage(context: dict[str, Any]) -> float:
    """How full the poster is, as a share of the limit (1.0: the smallest type is full)."""
    return _needed_share(context, LAST_LEVEL) / _SAFETY


def font_pt(level: int, size: str) -> float:
    """The poster's body type size at a level on A4 or A3 paper."""
    base = LEVELS[level][0]
    return round(base * A3_FACTOR, 2) if size == "a3" else base
