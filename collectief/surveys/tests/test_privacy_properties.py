"""Property tests (issue 8 point 2): generate breakdowns, publish what the page and
exports publish, then try to solve every hidden cell from that; none may be exact.

The attacker knows every shown count, every published total (the number of
people per answer adds up to the question's n; a row of a breakdown adds up to
the statement's n when everyone answered the breakdown question, the worst
case), that counts are whole numbers from 0 up, and that a cell in a group
holds at most the group's size. With these the tightest bounds on a hidden cell
are ``max(0, S - sum of the other hidden cells' upper bounds)`` and
``min(its upper bound, S)``, S being the hidden cells' sum; "determined" means
the two meet.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from collectief.lib.suppression import MIN_COUNT, suppress_line
from collectief.surveys.analysis.privacy import hidden_answers


def _bounds(values: list[int], hidden: list[bool], upper: list[int]) -> list[tuple[int, int]]:
    """The tightest interval of each hidden cell, given the line's total."""
    total_hidden = sum(v for v, h in zip(values, hidden, strict=True) if h)
    idx = [i for i, h in enumerate(hidden) if h]
    result = []
    for i in idx:
        others = sum(upper[j] for j in idx if j != i)
        result.append((max(0, total_hidden - others), min(upper[i], total_hidden)))
    return result


def _undetermined(values: list[int], hidden: list[bool], upper: list[int]) -> bool:
    if sum(values) == 0:
        return True  # the published total 0 itself says every cell is 0
    return all(low < high for low, high in _bounds(values, hidden, upper))


counts = st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=6)


@settings(max_examples=500, deadline=None)
@given(counts)
def test_no_hidden_answer_count_follows_from_the_total(values: list[int]) -> None:
    hidden = suppress_line(values)
    assert all(h for v, h in zip(values, hidden, strict=True) if v < MIN_COUNT) or sum(values) == 0
    big = sum(values)
    assert _undetermined(values, hidden, [big] * len(values))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=30), min_size=5, max_size=5))
def test_a_statement_keeps_its_answers_hidden_with_the_agree_share_published(
    values: list[int],
) -> None:
    # Published: n (all five) and the agree count (4 + 5), so the rest (1-3) too.
    hidden = hidden_answers("likert5", values)
    total = sum(values)
    for block in (slice(0, 3), slice(3, 5)):
        assert _undetermined(values[block], hidden[block], [total] * len(values[block]))


@st.composite
def breakdowns(draw: st.DrawFn) -> tuple[list[int], list[list[int]]]:
    sizes = draw(st.lists(st.integers(min_value=0, max_value=25), min_size=2, max_size=5))
    n_rows = draw(st.integers(min_value=1, max_value=4))
    rows = [
        [draw(st.integers(min_value=0, max_value=size)) for size in sizes] for _ in range(n_rows)
    ]
    return sizes, rows


@settings(max_examples=400, deadline=None)
@given(breakdowns())
def test_no_hidden_group_or_cell_follows_from_totals_and_other_groups(
    table: tuple[list[int], list[list[int]]],
) -> None:
    sizes, rows = table
    # The groups: as breakdown() and the answer table of the breakdown question.
    group_hidden = hidden_answers("single_choice", sizes)
    assert _undetermined(sizes, group_hidden, [sum(sizes)] * len(sizes))
    hidden_group_total = sum(s for s, h in zip(sizes, group_hidden, strict=True) if h)
    # A cell holds at most its group's size; for a hidden group only the hidden total is known.
    upper = [
        hidden_group_total if h else size for size, h in zip(sizes, group_hidden, strict=True)
    ]
    for row in rows:
        cell_hidden = suppress_line(row, group_hidden)
        assert all(cell_hidden[i] for i, v in enumerate(row) if v < MIN_COUNT) or sum(row) == 0
        assert _undetermined(row, cell_hidden, upper)
