"""Disclosure control for published counts (DESIGN §4): signals now, wijkbeeld next.

What the public sees of a count ``n``:

- ``<10`` for 0–9 (``Kind.SMALL``): "fewer than ten", which includes none, so a
  reader cannot even tell whether anything was counted. Zeros are hidden like any
  small count (the same rule as ``lib.suppression`` for surveys, with
  ``is_small`` generalised to this threshold); only where a published total of 0
  already says so is a 0 shown (``Kind.ZERO``);
- the count rounded to the nearest 5 from 10 on (``Kind.ROUNDED``): the reader
  knows it lies within ±2 of the number shown;
- ``x`` (``Kind.HIDDEN``, the CBS StatLine sign for "geheim") for a count that is
  hidden to protect a small one (complementary suppression). It can be any
  number: usually 10 or more, but a ``<10`` is turned into ``x`` too when its
  ceiling of 9 would give a neighbour away, so a reader may assume nothing.

A table publishes its cells, its row totals, its column totals and its grand
total; a hidden cell must not be recoverable from all of these together. The
reader (attacker) knows what every shown entry means as an interval, that rows
and columns add up, and the rules above. A hidden
entry is *recoverable* when the values it can take under those constraints
narrow to a single value, or to a range inside 1–9 (which would prove that a
small but non-zero number of signals exists). ``protect_table`` hides further
entries (complementary suppression) until no hidden entry is recoverable.

Why a flow network: a two-way table with totals is a circulation (rows → columns
through the cells, back through the column totals, the grand total and the row
totals), so the exact range of a hidden entry is its true value plus the maximum
flow that can be pushed around it within every other entry's published interval
(max-flow/min-cut is the linear programme's dual, and the table's constraint
matrix is totally unimodular, so the integer range is the same). A blocked flow
also names the entries that block it (the minimum cut); hiding the smallest of
them is the complementary suppression. The property tests in
``lib/tests/test_disclosure.py`` check the result with an independent linear
programming solver.

Why not ``lib.suppression.suppress_line``: surveys publish exact counts, so a line
is safe as soon as two hidden cells share its remainder. Rounded counts leak
through their intervals as well (a total of "10" and a cell of "10" leave at most
2 for the rest), which only the interval reasoning here catches.

Pure Python without Django, so it can be called from anywhere and tested alone.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from collectief.lib.suppression import is_small

THRESHOLD = 10  # counts below this are never shown
ROUNDING = 5  # the rest are rounded to a multiple of this
MIN_RATE_DENOMINATOR = 50  # no rate or percentage change on a smaller base
HIDDEN_SIGN = "x"
SMALL_SIGN = f"<{THRESHOLD}"

_INFINITY = 10**12  # an upper bound nobody can reach: "10 or more" has no ceiling


class Kind(StrEnum):
    ZERO = "zero"  # a 0 that a published total of 0 already gives away
    SMALL = "small"  # 0-9, shown as "<10"
    ROUNDED = "rounded"  # 10 or more, shown rounded to 5
    HIDDEN = "hidden"  # 10 or more, hidden to protect a small count ("x")


@dataclass(frozen=True)
class Shown:
    """One published count: what a reader sees and may compute with."""

    kind: Kind
    value: int | None  # the number shown (0 or the rounded count); None when hidden

    @property
    def text(self) -> str:
        if self.kind is Kind.SMALL:
            return SMALL_SIGN
        if self.kind is Kind.HIDDEN:
            return HIDDEN_SIGN
        return str(self.value)

    @property
    def number_or_sign(self) -> int | str:
        """For a table cell or JSON: the number when one is shown, else the sign ("<10", "x")."""
        return self.value if self.value is not None else self.text

    @property
    def is_hidden(self) -> bool:
        return self.kind in (Kind.SMALL, Kind.HIDDEN)

    def bounds(self) -> tuple[int, int | None]:
        """The interval a reader knows the true count lies in (None: no ceiling)."""
        if self.kind is Kind.ZERO:
            return 0, 0
        if self.kind is Kind.SMALL:
            return 0, THRESHOLD - 1
        if self.kind is Kind.HIDDEN:
            return 0, None
        assert self.value is not None
        half = ROUNDING // 2
        return max(THRESHOLD, self.value - half), self.value + half

    def as_dict(self) -> dict[str, object]:
        """For JSON exports: the number when it is shown, the sign always."""
        return {"count": self.value, "shown": self.text}


def round_count(n: int) -> int:
    """``n`` rounded to the nearest multiple of ``ROUNDING`` (never a tie for whole numbers)."""
    return (n + ROUNDING // 2) // ROUNDING * ROUNDING


def show_count(n: int, *, known_zero: bool = False) -> Shown:
    """A single count as published on its own (no complementary suppression needed).

    ``known_zero``: a published total of 0 already tells the reader this is 0.
    """
    if n < 0:
        raise ValueError("a count cannot be negative")
    if n == 0 and known_zero:
        return Shown(Kind.ZERO, 0)
    if is_small(n, minimum=THRESHOLD):
        return Shown(Kind.SMALL, None)
    return Shown(Kind.ROUNDED, round_count(n))


@dataclass(frozen=True)
class ProtectedTable:
    """A table as it may be published: cells, row totals, column totals, grand total."""

    cells: list[list[Shown]]
    row_totals: list[Shown]
    col_totals: list[Shown]
    total: Shown


def protect_table(counts: Sequence[Sequence[int]]) -> ProtectedTable:
    """Publish a rows × columns table of counts with its totals, safely.

    Every entry first gets its own mask (``show_count``); then every hidden entry
    is checked against the whole published table and, while it is recoverable,
    the smallest shown entry on its minimum cut is hidden as well. Hiding only
    widens intervals, so an entry once safe stays safe and one pass suffices.
    """
    rows = [list(row) for row in counts]
    n_cols = len(rows[0]) if rows else 0
    if any(len(row) != n_cols for row in rows):
        raise ValueError("every row needs the same number of columns")
    if any(c < 0 for row in rows for c in row):
        raise ValueError("a count cannot be negative")
    row_sums = [sum(row) for row in rows]
    col_sums = [sum(row[j] for row in rows) for j in range(n_cols)]
    grand = sum(row_sums)

    # Nodes: 0 = source of the row totals, 1 = sink of the column totals,
    # then one node per row and one per column. Each entry is one edge.
    def row_node(i: int) -> int:
        return 2 + i

    def col_node(j: int) -> int:
        return 2 + len(rows) + j

    edges: list[tuple[int, int, int]] = []  # (from, to, true count)
    shown: list[Shown] = []

    def add(u: int, v: int, true: int, known_zero: bool) -> None:
        edges.append((u, v, true))
        shown.append(show_count(true, known_zero=known_zero))

    for i, row in enumerate(rows):
        for j, c in enumerate(row):
            add(row_node(i), col_node(j), c, row_sums[i] == 0 or col_sums[j] == 0)
    # A total of 0 is shown as 0 (nobody is behind it), and so are the cells it adds up.
    for i, s in enumerate(row_sums):
        add(0, row_node(i), s, s == 0)
    for j, s in enumerate(col_sums):
        add(col_node(j), 1, s, s == 0)
    add(1, 0, grand, grand == 0)

    network = _Network(2 + len(rows) + n_cols, edges, shown)
    pending = deque(k for k, s in enumerate(shown) if s.is_hidden)
    while pending:
        k = pending.popleft()
        while True:
            blocking = network.blocking_entries(k)
            if blocking is None:
                break
            candidates = [e for e, up in blocking if _widens(shown[e], up)]
            if not candidates:
                break  # only zeros that a 0 total gives away: nothing left to hide
            # Rounded entries first (a "<10" stays more informative than an "x"),
            # the smallest first: it costs the reader least.
            chosen = min(candidates, key=lambda e: (shown[e].kind is Kind.SMALL, edges[e][2], e))
            shown[chosen] = Shown(Kind.HIDDEN, None)
            network.update(chosen)
            pending.append(chosen)

    n_cells = len(rows) * n_cols
    cells = [shown[i * n_cols : (i + 1) * n_cols] for i in range(len(rows))]
    row_totals = shown[n_cells : n_cells + len(rows)]
    col_totals = shown[n_cells + len(rows) : n_cells + len(rows) + n_cols]
    return ProtectedTable(cells, row_totals, col_totals, shown[-1])


def _widens(entry: Shown, up: bool) -> bool:
    """Whether hiding an entry as ``x`` lets more flow through it in the blocked direction."""
    if entry.kind is Kind.ROUNDED:
        return True  # from ±2 to anything
    # "<10" already reaches down to 0; as "x" it loses its ceiling of 9.
    return entry.kind is Kind.SMALL and up


def protect_line(counts: Sequence[int]) -> tuple[list[Shown], Shown]:
    """A single list of counts with its total (the columns are the counts themselves)."""
    table = protect_table([list(counts)])
    return table.cells[0] if table.cells else [], table.total


class _Network:
    """Residual capacities around the true table: how far each entry can move.

    For an entry u → v with true count t and published interval [lo, hi], flow
    may rise by hi - t (capacity u → v) and fall by t - lo (capacity v → u).
    """

    def __init__(self, n_nodes: int, edges: list[tuple[int, int, int]], shown: list[Shown]):
        self.edges = edges
        self.shown = shown
        self.cap: list[dict[int, int]] = [{} for _ in range(n_nodes)]
        for k in range(len(edges)):
            self._set(k)

    def _room(self, k: int) -> tuple[int, int]:
        lo, hi = self.shown[k].bounds()
        true = self.edges[k][2]
        return (_INFINITY if hi is None else hi - true), true - lo

    def _set(self, k: int) -> None:
        u, v, _ = self.edges[k]
        up, down = self._room(k)
        self.cap[u][v] = up
        self.cap[v][u] = down

    def update(self, k: int) -> None:
        self._set(k)

    def blocking_entries(self, k: int) -> list[tuple[int, bool]] | None:
        """None when entry ``k`` is not recoverable, else the entries on the cuts that pin it.

        Its range is [true - down, true + up], down and up being the flow that can
        be pushed around it. Safe when that range is wider than one value and not
        inside 1-9: a count of 10 or more must merely move; a 0 must be able to
        rise; a count of 1-9 must be able to reach 0 or 10.
        """
        u, v, true = self.edges[k]
        up_room, down_room = self._room(k)
        if true >= THRESHOLD:
            need_up, need_down = 1, 1
        elif true == 0:
            need_up, need_down = 1, 0
        else:
            need_up, need_down = THRESHOLD - true, true
        cut: list[tuple[int, bool]] = []
        for source, sink, need, room in ((u, v, need_down, down_room), (v, u, need_up, up_room)):
            if not need or room < need:
                continue  # its own published interval already rules this way out
            flow, blocked = self._max_flow(k, source, sink, need)
            if flow >= need:
                return None
            cut += blocked
        return cut

    def _max_flow(
        self, k: int, source: int, sink: int, target: int
    ) -> tuple[int, list[tuple[int, bool]]]:
        """Push up to ``target`` from source to sink around entry ``k``; on a shortfall
        also return the entries crossing the minimum cut (source side → sink side)."""
        # Work on the shared capacities and undo every change afterwards: copying
        # them per question costs more than the search itself on a 100 × 13 table.
        cap = self.cap
        u, v, _ = self.edges[k]
        undo: list[tuple[int, int, int]] = [(u, v, cap[u][v]), (v, u, cap[v][u])]
        cap[u][v] = 0
        cap[v][u] = 0
        flow = 0
        cut: list[tuple[int, bool]] = []
        try:
            while flow < target:
                # Depth-first, going deeper at the first open edge and looking at
                # the sink on arrival: in a table almost every row reaches almost
                # every column, so a path turns up within a few steps where a
                # breadth-first search scans the whole table.
                parent: dict[int, int] = {source: source}
                nodes = [source]
                branches = [iter(cap[source].items())]
                while branches and sink not in parent:
                    for b, c in branches[-1]:
                        if c > 0 and b not in parent:
                            parent[b] = nodes[-1]
                            if b != sink and cap[b].get(sink, 0) > 0:
                                parent[sink] = b
                            nodes.append(b)
                            branches.append(iter(cap[b].items()))
                            break
                    else:
                        branches.pop()
                        nodes.pop()
                if sink not in parent:
                    reach = set(parent)
                    # (entry, True) when the entry would have to rise, False to fall.
                    cut = [
                        (e, a in reach)
                        for e, (a, b, _) in enumerate(self.edges)
                        if e != k and ((a in reach) != (b in reach))
                    ]
                    break
                path = []
                node = sink
                while node != source:
                    path.append((parent[node], node))
                    node = parent[node]
                push = min(target - flow, *(cap[a][b] for a, b in path))
                for a, b in path:
                    undo.append((a, b, cap[a][b]))
                    undo.append((b, a, cap[b][a]))
                    cap[a][b] -= push
                    cap[b][a] += push
                flow += push
        finally:
            for a, b, old in reversed(undo):
                cap[a][b] = old
        return flow, cut


def rate(numerator: Shown, denominator: Shown) -> float | None:
    """A share (0-1) computed from published values only, or None.

    None when the denominator is hidden or under ``MIN_RATE_DENOMINATOR`` or the
    numerator is hidden: a rate from the true counts would reveal more than the
    rounded counts do.
    """
    if denominator.is_hidden or denominator.value is None:
        return None
    if denominator.value < MIN_RATE_DENOMINATOR or numerator.is_hidden or numerator.value is None:
        return None
    return numerator.value / denominator.value


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Change:
    """How a published count moved against an earlier one, from published values only."""

    direction: Direction
    percent: int | None  # whole percent, only on a base of at least MIN_RATE_DENOMINATOR

    def as_dict(self) -> dict[str, object]:
        return {"direction": str(self.direction), "percent": self.percent}


def change(current: Shown, previous: Shown) -> Change:
    """The trend between two published counts.

    The direction is told only when both are shown as numbers (rounded to 5, so a
    move within the rounding reads as "same"); the percentage only on a previous
    count of at least ``MIN_RATE_DENOMINATOR``.
    """
    if current.is_hidden or previous.is_hidden:
        return Change(Direction.UNKNOWN, None)
    assert current.value is not None and previous.value is not None
    diff = current.value - previous.value
    direction = Direction.UP if diff > 0 else Direction.DOWN if diff < 0 else Direction.SAME
    percent = None
    if previous.value >= MIN_RATE_DENOMINATOR:
        percent = round(100 * diff / previous.value)
    return Change(direction, percent)


def difference(total: Shown, part: Shown) -> Shown:
    """``total`` minus ``part`` (e.g. the rest of the gemeente) from published values.

    Only when both are shown as numbers; the result is a published-value
    difference, so it reveals nothing the two do not.
    """
    if total.is_hidden or part.is_hidden or total.value is None or part.value is None:
        return Shown(Kind.HIDDEN, None)
    rest = max(0, total.value - part.value)
    if rest < THRESHOLD:
        return Shown(Kind.SMALL, None)
    return Shown(Kind.ROUNDED, rest)
