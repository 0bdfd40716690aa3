"""WCAG 2.1 colour contrast: the ratio of two colours and a readable version of a colour.

A report (and the poster) uses an organisation's own colour for headings on
white paper and as a background behind white or black text. WCAG 2.1 AA asks
for a contrast ratio of at least 4.5:1 for normal text (1.4.3). These pure
functions compute the ratio and darken a colour that is too light until it
reaches the ratio, so callers can refuse a colour with a suggestion, or
correct it.
"""

from __future__ import annotations

import re

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
AA_NORMAL = 4.5
WHITE = "#ffffff"
BLACK = "#000000"


def is_hex_colour(text: str) -> bool:
    """Whether ``text`` is a colour written as #rrggbb."""
    return bool(HEX_COLOUR.match(text or ""))


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour (0 black to 1 white)."""
    if not is_hex_colour(colour):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    channels = []
    for start in (1, 3, 5):
        value = int(colour[start : start + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours, from 1 (same) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def meets_aa(foreground: str, background: str = WHITE) -> bool:
    """Whether normal text in ``foreground`` on ``background`` meets WCAG AA (4.5:1)."""
    return contrast_ratio(foreground, background) >= AA_NORMAL


def text_on(background: str) -> str:
    """White or black, whichever contrasts more with ``background`` (always at least 4.5:1)."""
    if contrast_ratio(background, WHITE) >= contrast_ratio(background, BLACK):
        return WHITE
    return BLACK


def darken(colour: str, share: float) -> str:
    """``colour`` with each channel ``share`` (0 to 1) closer to black."""
    parts = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(p * (1 - share)):02x}" for p in parts)


def readable_colour(
    colour: str, backgrounds: tuple[str, ...] = (WHITE,), minimum: float = AA_NORMAL
) -> str:
    """``colour`` itself when it reaches ``minimum`` on every background, else the
    lightest darker shade of it that does (lower case #rrggbb).

    Darkening always ends: black reaches 4.5:1 on any background lighter than
    about #767676, which every paper colour is.
    """
    colour = colour.lower()
    candidate = colour
    share = 0.0
    while any(contrast_ratio(candidate, b) < minimum for b in backgrounds):
        share = min(1.0, share + 0.02)
        candidate = darken(colour, share)
        if share >= 1.0:
            break
    return candidate
