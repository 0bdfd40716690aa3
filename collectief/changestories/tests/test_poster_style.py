"""The poster's colours: any organisation colour gives readable text (WCAG AA)."""

from __future__ import annotations

import random

import pytest

from collectief.changestories.poster import DEFAULT_COLOUR, colour_css, contrast, palette


def test_contrast_matches_wcag_examples() -> None:
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


@pytest.mark.parametrize(
    "colour", ["#ffff00", "#0b5f4f", "#ff0000", "#777777", "#000000", "#ffffff"]
)
def test_palette_is_readable(colour: str) -> None:
    colours = palette(colour)
    assert contrast(colours["on_colour"], colours["colour"]) >= 4.5
    for background in ("#ffffff", "#f3f5f4", "#e6f4ea"):
        assert contrast(colours["ink"], background) >= 4.5


def test_palette_for_many_random_colours() -> None:
    rng = random.Random(7)
    for _ in range(500):
        colour = "#" + "".join(f"{rng.randrange(256):02x}" for _ in range(3))
        colours = palette(colour)
        assert contrast(colours["on_colour"], colours["colour"]) >= 4.5
        assert contrast(colours["ink"], "#e6f4ea") >= 4.5


def test_light_colour_gets_black_text_and_darker_headings() -> None:
    colours = palette("#ffdd00")
    assert colours["on_colour"] == "#000000"
    assert colours["ink"] != "#ffdd00"
    assert palette("#0b5f4f") == {"colour": "#0b5f4f", "on_colour": "#ffffff", "ink": "#0b5f4f"}


@pytest.mark.parametrize("bad", ["", "red", "#12345", "#1234567", "#gggggg", "}body{x:y"])
def test_bad_colour_falls_back_to_default(bad: str) -> None:
    assert palette(bad)["colour"] == DEFAULT_COLOUR
    assert "}body" not in colour_css(palette(bad))
