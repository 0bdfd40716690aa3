"""Writing a large CBS import on PostgreSQL: COPY, one upsert, and one check per foreign key.

A full CBS year is about 1.7 million indicator values. The rows are copied
into a temporary table (multi-row INSERT statements with thousands of
parameters took over four minutes: parsing and binding each one) and then
written with one ``INSERT … SELECT … ON CONFLICT``.

The foreign keys of ``IndicatorValue`` (to ``areas_area`` and
``insights_indicator``) are ``DEFERRABLE INITIALLY DEFERRED``, so every new
row queues two checks that PostgreSQL runs one by one at ``COMMIT``: a
query on the referenced table's primary key that also locks that row. For a
full year that is 3.5 million queries, about 25 s of the database's CPU on
the development machine, more than the upsert itself (docs/performance.md).
``SET CONSTRAINTS … IMMEDIATE`` only moves the same checks into the
statement. Rows that are updated with the same area and indicator queue no
check (PostgreSQL skips an unchanged key), so only new rows cost this.

When an import adds many rows, the two constraints are therefore dropped
inside the import's transaction, the rows written, and the constraints added
again with exactly their old definitions (read from ``pg_constraint``,
``NOT VALID`` and then ``VALIDATE CONSTRAINT``). Validating is one anti-join
over the table (about a second for 1.7 million rows), and it happens before
the transaction commits: no other transaction ever sees the table without
its constraints, a value that points nowhere makes the import fail as a
whole, and the catalogue ends as the migrations made it (validated,
deferrable, same names).

The price is the lock: dropping a foreign key takes an ACCESS EXCLUSIVE lock
on the table *and* on the tables it refers to, until the commit. Pages that
read areas or indicators wait for the rest of the import: the upsert and the
validation, not the parsing and the COPY, which come first. So this path is taken only when it saves a lot: at least
``BULK_MIN_NEW_ROWS`` new rows, and new rows at least a quarter of the table
after the import (validating reads the whole table, every year of it, while
the row checks cost only per new row; one row check costs about ten rows of
validation). Small imports and re-imports of a year never take these locks.
The locks are asked for with a short ``lock_timeout``; when they cannot be
had (a long query on the areas, or this transaction already changed rows of
these tables) the import falls back to the row-by-row checks rather than
wait or fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import OperationalError, connection, transaction

# The temporary table the rows are copied into; it disappears with the transaction.
STAGING = "insights_import_values"
# Below this many new rows the checks at commit take a few seconds at most: not worth
# an exclusive lock on the areas.
BULK_MIN_NEW_ROWS = 100_000
# New rows × this ≥ the table's rows after the import: the validation (one pass over
# the whole table) is then clearly cheaper than the row checks (measured: a row check
# costs about ten rows of validation).
BULK_TABLE_RATIO = 4
# About this many staged rows are looked up to estimate how many rows are new.
SAMPLE_ROWS = 2000
# How long to wait for the exclusive locks before falling back to the row checks.
LOCK_TIMEOUT = "5s"
# lock_not_available, object_in_use ("pending trigger events"), deadlock_detected, and
# insufficient_privilege (a database user that may write the table but does not own it).
_FALLBACK_STATES = {"55P03", "55006", "40P01", "42501"}


def upsert_values(
    rows: Iterator[tuple[Any, ...]], now: Any, table: str, columns: str, update: str
) -> None:
    """COPY into a temporary table, then one INSERT … SELECT … ON CONFLICT."""
    staging = connection.ops.quote_name(STAGING)
    # Names from the model and constants, never from input.
    upsert = (
        f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} "  # noqa: S608
        f"ON CONFLICT (indicator_id, region, year) DO UPDATE SET {update}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "  # noqa: S608
            f"SELECT {columns} FROM {table} WITH NO DATA"
        )
        raw = cursor.cursor  # the psycopg cursor: Django's wrapper has no COPY
        with raw.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
            staged = _copy_rows(copy, rows, now)
        dropped = None
        if _worth_dropping_checks(cursor, staging, table, staged):
            dropped = _drop_foreign_keys(cursor, table)
        cursor.execute(upsert)
        if dropped:
            _restore_foreign_keys(cursor, table, dropped)
        cursor.execute(f"DROP TABLE {staging}")


def _copy_rows(copy: Any, rows: Iterator[tuple[Any, ...]], now: Any) -> int:
    """Write the rows in COPY's text format, a batch of lines at a time; returns their number.

    psycopg's ``write_row`` adapts every value on its own (a Decimal, a
    datetime per row): 11.8 s of the client's CPU for a full year, against
    3.1 s for these lines. The row is (indicator id, region, area id or None,
    level, year, value or None, status, table id); the text fields are
    escaped as COPY needs, the numbers are ints and Decimals.
    """
    stamp = _text(now.isoformat())
    count = 0
    lines: list[str] = []
    for indicator, region, area, level, year, value, status, table in rows:
        lines.append(
            f"{indicator}\t{_text(region)}\t{_NULL if area is None else area}\t{_text(level)}\t"
            f"{year}\t{_NULL if value is None else value}\t{_text(status)}\t{_text(table)}\t"
            f"{stamp}\n"
        )
        if len(lines) == COPY_BATCH:
            copy.write("".join(lines))
            count += len(lines)
            lines = []
    copy.write("".join(lines))
    return count + len(lines)


# COPY's text format: NULL, and the characters a text field must escape.
_NULL = "\\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
# Lines per write to the COPY stream.
COPY_BATCH = 5000


def _text(value: str) -> str:
    return value.translate(_ESCAPES)


def _worth_dropping_checks(cursor: Any, staging: str, table: str, staged: int) -> bool:
    """Whether the import adds enough rows, against the table's size, to check them in bulk."""
    if staged < BULK_MIN_NEW_ROWS:
        return False
    # A sample of the staged rows, by page (cheap on a large table): which are new?
    percent = min(100.0, 100.0 * SAMPLE_ROWS / staged)
    cursor.execute(
        f"SELECT count(*), count(*) FILTER (WHERE NOT EXISTS ("  # noqa: S608
        f"SELECT 1 FROM {table} t WHERE t.indicator_id = s.indicator_id "
        f"AND t.region = s.region AND t.year = s.year)) "
        f"FROM (SELECT * FROM {staging} TABLESAMPLE SYSTEM (%s) LIMIT %s) s",
        [percent, 4 * SAMPLE_ROWS],
    )
    sampled, new = cursor.fetchone()
    if not sampled:
        return False
    new_rows = staged * new / sampled
    # The planner's row count of the table; -1 when it was never analysed.
    cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
    existing = max(0.0, float(cursor.fetchone()[0]))
    return new_rows >= BULK_MIN_NEW_ROWS and new_rows * BULK_TABLE_RATIO >= existing + new_rows


def _drop_foreign_keys(cursor: Any, table: str) -> list[tuple[str, str]] | None:
    """Drop the table's foreign keys, returning their names and definitions.

    None (and nothing dropped) when the locks are not granted within
    LOCK_TIMEOUT or this transaction has pending checks on these tables.
    """
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        [table],
    )
    foreign_keys = [(str(name), str(definition)) for name, definition in cursor.fetchall()]
    cursor.execute("SELECT current_setting('lock_timeout')")
    before = cursor.fetchone()[0]
    try:
        with transaction.atomic():  # a savepoint: a refused lock undoes only this
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_TIMEOUT])
            for name, _definition in foreign_keys:
                cursor.execute(
                    f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}"
                )
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [before])
    except OperationalError as exc:
        if getattr(exc.__cause__, "sqlstate", None) not in _FALLBACK_STATES:
            raise
        return None
    return foreign_keys


def _restore_foreign_keys(cursor: Any, table: str, foreign_keys: list[tuple[str, str]]) -> None:
    """Add the constraints again as they were, checking every row with one query each.

    NOT VALID and then VALIDATE: the validation is one anti-join of the
    table against the referenced table instead of a query per row. A value
    that points nowhere raises here, and the whole import rolls back.

    The table is analysed first. Its statistics still describe it as it was
    before the import (often: empty), and then the planner validates with a
    nested loop, one index lookup per row: 14 s instead of about one for a
    full year. ANALYZE reads a fixed sample, and sees this transaction's rows.
    """
    cursor.execute(f"ANALYZE {table}")
    for name, definition in foreign_keys:
        quoted = connection.ops.quote_name(name)
        # The definition comes from pg_get_constraintdef of the constraint just dropped.
        cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quoted} {definition} NOT VALID")
        cursor.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {quoted}")
