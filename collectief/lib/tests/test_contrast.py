from __future__ import annotations

import pytest

from collectief.lib.contrast import (
    contrast_ratio,
    meets_aa,
    readable_colour,
    relative_luminance,
    text_on,
)


def test_black_on_white_is_21_to_1() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)


def test_same_colour_is_1_to_1() -> None:
    assert contrast_ratio("#0b5f4f", "#0b5f4f") == pytest.approx(1.0)


def test_known_pair_from_the_wcag_examples() -> None:
    # #767676 on white is the lightest grey that passes AA (4.54:1).
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert meets_aa("#767676")
    assert not meets_aa("#777777")


def test_luminance_refuses_what_is_not_a_colour() -> None:
    with pytest.raises(ValueError):
        relative_luminance("red")


def test_text_on_picks_the_colour_that_reads() -> None:
    assert text_on("#ffff00") == "#000000"
    assert text_on("#0b5f4f") == "#ffffff"
    for colour in ("#777777", "#ff0000", "#00ff00", "#0000ff", "#808080"):
        assert contrast_ratio(colour, text_on(colour)) >= 4.5


def test_readable_colour_keeps_a_dark_colour() -> None:
    assert readable_colour("#0B5F4F") == "#0b5f4f"


@pytest.mark.parametrize("colour", ["#ffff00", "#ffffff", "#7fd3ff", "#f5a623"])
def test_readable_colour_darkens_a_light_colour_until_aa(colour: str) -> None:
    fixed = readable_colour(colour, ("#ffffff", "#f3f5f4"))
    assert contrast_ratio(fixed, "#ffffff") >= 4.5
    assert contrast_ratio(fixed, "#f3f5f4") >= 4.5
    assert fixed != colour
