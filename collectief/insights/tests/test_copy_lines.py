"""The COPY lines of the PostgreSQL import, without a database."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from collectief.insights import bulk_postgres


def test_copy_lines_escape_text_and_write_nulls() -> None:
    written: list[str] = []

    class Copy:
        def write(self, text: str) -> None:
            written.append(text)

    now = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    rows = iter(
        [
            (7, "NL01", None, "land", 2024, None, "unknown", "85984NED"),
            (7, "A\tB\\C\nD", 12, "wijk", 2024, Decimal("28.1"), "ok", "85984NED"),
        ]
    )
    assert bulk_postgres._copy_rows(Copy(), rows, now) == 2
    assert "".join(written).splitlines() == [
        "7\tNL01\t\\N\tland\t2024\t\\N\tunknown\t85984NED\t2026-12-01T16:00:00+00:00",
        "7\tA\\tB\\\\C\\nD\t12\twijk\t2024\t28.1\tok\t85984NED\t2026-12-01T16:00:00+00:00",
    ]
