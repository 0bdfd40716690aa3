"""Small numbers stay hidden: the one threshold and complementary suppression.

Every survey output (page, CSV/XLSX/JSON export, API, CLI) asks this module
whether a number may be shown, so the rule lives in one place
(``docs/ARCHITECTURE.md``, DESIGN §4):

- a result resting on fewer than ``MIN_COUNT`` people shows no counts,
  shares, intervals or means (``is_small``);
- within one line of cells that adds up to a published total (the answers to
  one question, the groups of a breakdown, one row of a breakdown table) a
  hidden cell must not follow from the total minus the cells shown.
  ``suppress_line`` hides the small cells and then, when needed, the
  smallest other cells (complementary suppression) until at least two cells
  are hidden and together hold at least one person. Anyone who knows only the
  total and the cells shown then knows the hidden cells' sum, never a single
  hidden cell.

Pure functions without Django, so the property tests can call them directly.
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_COUNT = 5


def is_small(n: int | None, *, minimum: int = MIN_COUNT) -> bool:
    """True when ``n`` people are too few to show anything about them.

    ``minimum`` is the threshold of the output: ``MIN_COUNT`` for survey results,
    ``lib.disclosure.THRESHOLD`` for counted signals. A 0 is small too, so a hidden
    cell may hold anybody from nobody up.
    """
    return n is None or n < minimum


def _safe(counts: Sequence[int], hidden: list[bool]) -> bool:
    shown_hidden = [c for c, h in zip(counts, hidden, strict=True) if h]
    return not shown_hidden or (len(shown_hidden) >= 2 and sum(shown_hidden) > 0)


def suppress_line(counts: Sequence[int], hidden: Sequence[bool] | None = None) -> list[bool]:
    """Which cells of a line that sums to a published total to hide.

    ``hidden`` marks cells already hidden for another reason (a hidden group in a
    breakdown row). Small cells (``is_small``) are hidden; then, while a single
    hidden cell could be found by subtraction, the smallest visible cell is
    hidden too (a cell with people first when the hidden cells hold nobody).
    A 0 is hidden like any small count, so a hidden cell may hold anybody
    from nobody up; only a line whose total is 0 shows its zeros.
    """
    result = [bool(h) for h in hidden] if hidden is not None else [False] * len(counts)
    if sum(counts) == 0:
        return result  # the published total 0 already says every cell is 0
    for index, count in enumerate(counts):
        if is_small(count):
            result[index] = True
    while not _safe(counts, result):
        visible = [i for i, h in enumerate(result) if not h]
        if not visible:
            break
        hidden_sum = sum(c for c, h in zip(counts, result, strict=True) if h)
        with_people = [i for i in visible if counts[i] > 0]
        pool = with_people if hidden_sum == 0 and with_people else visible
        result[min(pool, key=lambda i: (counts[i], i))] = True
    return result
