"""Disclosure control (issue 11 point 5): solve every hidden count from what is published.

The attacker in these tests knows every shown entry as an interval (``<10`` is
0-9, ``x`` is 10 or more, a rounded ``35`` is 33-37, ``0`` is 0), that the cells of
a row add up to the row total, the cells of a column to the column total and the
totals to the grand total. For each hidden entry we ask an independent linear
programming solver (scipy's HiGHS, not the flow code under test) for the smallest
and largest value it can take. Recoverable = a single value, or a range inside
1-9. The table's constraint matrix is totally unimodular, so these real bounds
are also the whole-number bounds.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from collectief.lib.disclosure import (
    HIDDEN_SIGN,
    THRESHOLD,
    Direction,
    Kind,
    ProtectedTable,
    Shown,
    change,
    difference,
    protect_line,
    protect_table,
    rate,
    round_count,
    show_count,
)


def _entries(table: ProtectedTable) -> list[Shown]:
    return (
        [c for row in table.cells for c in row]
        + table.row_totals
        + table.col_totals
        + [table.total]
    )


def attacker_bounds(table: ProtectedTable) -> dict[int, tuple[int, int]]:
    """For every hidden entry (index into ``_entries``) its [min, max] from the publication."""
    n_rows, n_cols = len(table.cells), len(table.col_totals)
    entries = _entries(table)
    n = len(entries)
    cell = lambda i, j: i * n_cols + j  # noqa: E731
    row_total = lambda i: n_rows * n_cols + i  # noqa: E731
    col_total = lambda j: n_rows * n_cols + n_rows + j  # noqa: E731
    grand = n - 1
    equations = []
    for i in range(n_rows):
        eq = np.zeros(n)
        for j in range(n_cols):
            eq[cell(i, j)] = 1
        eq[row_total(i)] = -1
        equations.append(eq)
    for j in range(n_cols):
        eq = np.zeros(n)
        for i in range(n_rows):
            eq[cell(i, j)] = 1
        eq[col_total(j)] = -1
        equations.append(eq)
    for which in (row_total, col_total):
        eq = np.zeros(n)
        for k in range(n_rows if which is row_total else n_cols):
            eq[which(k)] = 1
        eq[grand] = -1
        equations.append(eq)
    a_eq = np.array(equations)
    b_eq = np.zeros(len(equations))
    bounds = [e.bounds() for e in entries]
    result = {}
    for k, entry in enumerate(entries):
        if not entry.is_hidden:
            continue
        objective = np.zeros(n)
        objective[k] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        assert low.status == 0, "the true table must satisfy what is published"
        top = 10**9 if high.status == 3 else round(-high.fun)  # 3: unbounded above
        result[k] = (round(low.fun), top)
    return result


def assert_nothing_recoverable(counts: list[list[int]]) -> ProtectedTable:
    table = protect_table(counts)
    entries = _entries(table)
    for k, (low, high) in attacker_bounds(table).items():
        assert low < high, f"entry {k} ({entries[k].text}) is exactly {low} in {counts}"
        assert not (low >= 1 and high < THRESHOLD), (
            f"entry {k} is proven to be {low}-{high} in {counts}"
        )
    return table


def assert_shown_honestly(counts: list[list[int]], table: ProtectedTable) -> None:
    """Every published interval holds the true count, and small counts are never shown."""
    truth = [c for row in counts for c in row]
    truth += [sum(row) for row in counts]
    truth += [sum(col) for col in zip(*counts, strict=True)] if counts else []
    truth.append(sum(map(sum, counts)))
    for true, entry in zip(truth, _entries(table), strict=True):
        low, high = entry.bounds()
        assert low <= true and (high is None or true <= high)
        if 0 < true < THRESHOLD:
            assert entry.kind is Kind.SMALL


# Counts like signals per wijk and theme: many zeros and small numbers, some large.
count = st.one_of(
    st.integers(0, 12), st.integers(0, 12), st.integers(10, 40), st.integers(40, 300)
)


@st.composite
def tables(draw: st.DrawFn, max_rows: int = 5, max_cols: int = 5) -> list[list[int]]:
    n_rows = draw(st.integers(1, max_rows))
    n_cols = draw(st.integers(1, max_cols))
    return [[draw(count) for _ in range(n_cols)] for _ in range(n_rows)]


@settings(max_examples=400, deadline=None)
@given(tables())
def test_no_hidden_count_can_be_solved_from_the_published_table(counts: list[list[int]]) -> None:
    table = assert_nothing_recoverable(counts)
    assert_shown_honestly(counts, table)


@settings(max_examples=40, deadline=None)
@given(tables(max_rows=12, max_cols=8))
def test_larger_tables_too(counts: list[list[int]]) -> None:
    assert_nothing_recoverable(counts)


@settings(max_examples=200, deadline=None)
@given(st.lists(count, min_size=1, max_size=8))
def test_a_single_line_with_its_total(values: list[int]) -> None:
    table = assert_nothing_recoverable([values])
    cells, total = protect_line(values)
    assert [c.text for c in cells] == [c.text for c in table.cells[0]]
    assert total == table.total


def test_rounding_alone_would_give_a_small_count_away() -> None:
    # Total 15 ("15": 13-17) minus a cell of 12 ("10": 10-12) leaves 1-7 for the
    # small cell: proven non-zero, so something more has to go.
    counts = [[3, 12]]
    table = assert_nothing_recoverable(counts)
    assert table.cells[0][0].text == "<10"
    hidden = [e for e in _entries(table) if e.kind is Kind.HIDDEN]
    assert hidden, "a complementary entry has to be hidden"


def test_a_row_of_ones_under_a_small_total_keeps_each_one_open() -> None:
    assert_nothing_recoverable([[1] * 9, [40] * 9])


def test_rounding_can_be_protection_enough() -> None:
    # 113 ("115": 113-117) minus 50 and 60 (48-52, 58-62) leaves -1 to 11 for the 3:
    # the rounding of the others already covers 0-9, so nothing else is hidden.
    counts = [[3, 50, 60], [40, 45, 70], [55, 35, 80]]
    table = assert_nothing_recoverable(counts)
    assert table.cells[0][0].text == "<10"
    assert not [e for e in _entries(table) if e.kind is Kind.HIDDEN]


def test_a_table_without_small_counts_is_only_rounded() -> None:
    table = protect_table([[12, 13], [27, 100]])
    assert [[c.text for c in row] for row in table.cells] == [["10", "15"], ["25", "100"]]
    assert [t.text for t in table.row_totals] == ["25", "125"]
    assert table.total.text == "150"


def test_zero_totals_show_their_zeros() -> None:
    table = protect_table([[0, 0], [0, 25]])
    assert table.row_totals[0].text == "0"
    assert table.cells[0][0].text == "0"
    assert table.cells[1][1].text == "25"


def test_empty_and_bad_tables() -> None:
    assert protect_table([]).total.text == "0"
    with pytest.raises(ValueError, match=r"every row needs the same number of columns"):
        protect_table([[1, 2], [3]])
    with pytest.raises(ValueError, match=r"a count cannot be negative"):
        protect_table([[-3]])


@pytest.mark.parametrize(
    ("n", "text", "bounds"),
    [
        (1, "<10", (0, 9)),
        (9, "<10", (0, 9)),
        (10, "10", (10, 12)),
        (12, "10", (10, 12)),
        (13, "15", (13, 17)),
        (17, "15", (13, 17)),
        (18, "20", (18, 22)),
        (1002, "1000", (998, 1002)),
    ],
)
def test_show_count(n: int, text: str, bounds: tuple[int, int]) -> None:
    shown = show_count(n)
    assert shown.text == text
    assert shown.bounds() == bounds
    assert shown.bounds()[0] <= n <= bounds[1]


def test_zero_is_small_unless_a_total_says_so() -> None:
    assert show_count(0).text == "<10"
    assert show_count(0, known_zero=True).text == "0"
    assert round_count(12) == 10 and round_count(13) == 15
    with pytest.raises(ValueError, match=r"a count cannot be negative"):
        show_count(-1)


def test_rate_needs_a_base_of_fifty() -> None:
    assert rate(show_count(10), show_count(50)) == 0.2
    assert rate(show_count(10), show_count(45)) is None
    assert rate(show_count(5), show_count(100)) is None  # hidden numerator
    assert rate(show_count(10), Shown(Kind.HIDDEN, None)) is None


def test_change_from_published_values_only() -> None:
    assert change(show_count(60), show_count(50)).as_dict() == {"direction": "up", "percent": 20}
    small_base = change(show_count(20), show_count(11))
    assert small_base.direction is Direction.UP and small_base.percent is None
    assert change(show_count(12), show_count(11)).direction is Direction.SAME  # both "10"
    assert change(show_count(3), show_count(40)).direction is Direction.UNKNOWN


def test_difference_from_published_values_only() -> None:
    assert difference(show_count(100), show_count(40)).text == "60"
    assert difference(show_count(20), show_count(15)).text == "<10"
    assert difference(show_count(100), show_count(4)).text == HIDDEN_SIGN
