"""The stacked bar chart: one row per statement, segments in answer order, fixed viewBox."""

from __future__ import annotations

from typing import Any

import pytest

from collectief.surveys.analysis import Bucket, QuestionResult
from collectief.surveys.charts import (
    BAR_TOP,
    COLOURS,
    PADDING,
    ROW,
    TEXT_COLOURS,
    WIDTH,
    stacked_bar_chart,
)

LEAD = "Door de activiteiten in het Badhuis "


def _statement(code: str, text: str, counts: list[int], dont_know: int = 0) -> QuestionResult:
    result = QuestionResult(
        id=len(code), code=code, text=text, type="likert5", section="", effect_id=1, effect="E"
    )
    result.buckets = [Bucket(str(i + 1), f"label {i + 1}", n) for i, n in enumerate(counts)]
    result.buckets.append(Bucket("dk", "weet ik niet", dont_know, valid=False))
    result.n = sum(counts)
    return result


def test_rows_segments_and_labels() -> None:
    questions = [
        _statement("kennen", LEAD + "ken ik andere buurtbewoners.", [6, 10, 13, 48, 32], 2),
        _statement("welkom", LEAD + "voel ik me meer welkom in de buurt.", [0, 3, 13, 57, 38]),
    ]
    chart = stacked_bar_chart(questions)
    assert chart.width == WIDTH
    assert chart.height == 2 * ROW + PADDING
    first, second = chart.rows
    # The shared lead ("Door de activiteiten in het Badhuis") is left out of the labels.
    assert first.label == "… ken ik andere buurtbewoners."
    assert first.short_label == "… ken ik andere buurtbewoners."
    assert second.label == "… voel ik me meer welkom in de buurt."
    # Narrow screens get a shorter label, cut at a word.
    assert second.short_label == "… voel ik me meer welkom in…"
    assert first.text == questions[0].text
    assert second.bar_y == ROW + PADDING // 2 + BAR_TOP
    # Segments in answer order, colours diverging, together the full width.
    assert [s.colour for s in first.segments] == COLOURS
    assert [s.text_colour for s in first.segments] == TEXT_COLOURS
    assert sum(s.width for s in first.segments) == pytest.approx(WIDTH - PADDING, abs=0.05)
    assert first.segments[0].x == PADDING / 2
    for left, right in zip(first.segments, first.segments[1:], strict=False):
        assert right.x == pytest.approx(left.x + left.width, abs=0.02)
    # An empty answer gets no segment; narrow segments carry no number.
    assert len(second.segments) == 4
    assert [s.show_pct for s in second.segments] == [False, True, True, True]
    assert first.segments[0].pct == pytest.approx(6 / 109 * 100)
    assert not first.segments[0].show_pct  # 5.5%


def test_long_statements_are_shortened_and_a_single_statement_keeps_its_words() -> None:
    long_text = "Ik vind dat " + " ".join(["heel"] * 30) + " fijn"
    chart = stacked_bar_chart([_statement("lang", long_text, [1, 1, 1, 1, 1])])
    row = chart.rows[0]
    assert row.label.startswith("Ik vind dat heel")
    assert row.label.endswith("…") and len(row.label) <= 75
    assert len(row.short_label) <= 30


def test_place_leads_that_differ_in_small_words_are_all_left_out() -> None:
    chart = stacked_bar_chart(
        [
            _statement("a", LEAD + "ken ik andere buurtbewoners.", [1, 1, 1, 1, 1]),
            _statement("b", "Door de activiteiten van het Badhuis voelen we ons thuis.", [1] * 5),
            _statement(
                "c", "Door het organiseren van activiteiten in het Badhuis durf ik meer.", [1] * 5
            ),
            _statement("d", "Door het Badhuis word ik uitgedaagd.", [1] * 5),
        ]
    )
    assert [r.label for r in chart.rows] == [
        "… ken ik andere buurtbewoners.",
        "… voelen we ons thuis.",
        "… durf ik meer.",
        "… word ik uitgedaagd.",
    ]
    # Statements about different places, or without such a lead, keep their words.
    other = stacked_bar_chart(
        [
            _statement("a", "Door de week ga ik vaker naar buiten.", [1] * 5),
            _statement("b", "Door de activiteiten in het Badhuis ken ik mensen.", [1] * 5),
        ]
    )
    assert other.rows[0].label == "Door de week ga ik vaker naar buiten."


def test_no_answers_gives_empty_bars() -> None:
    chart: Any = stacked_bar_chart([_statement("leeg", "Niemand", [0, 0, 0, 0, 0])])
    assert chart.rows[0].segments == []
