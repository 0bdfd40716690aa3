"""Running totals of theme mentions per month × area × theme × organisation.

The rode-draden summary is read far more often than it changes, and
grouping every signal of two months took 0.6 s (SQLite) to 1 s (PostgreSQL) for a
gemeente with a million signals. ``SignalCount`` holds the grouped result,
kept by database triggers in the same transaction as the write:

- a theme added to or removed from a signal (``signals_signaltheme``),
  which covers a new signal, an import, the demo and every deletion
  (Django deletes a signal's themes before the signal);
- a signal moved to another organisation, area or month.

Triggers rather than code in ``services``: they also hold for the bulk
loads of the benchmark, the demo and the tests, for cascades and for raw
SQL, so the totals cannot drift from the signals. SQLite has row triggers
only; PostgreSQL gets statement triggers with transition tables, so a bulk
insert or delete costs one grouped upsert, with the keys in a fixed order
so two writers lock them in the same order.

``install_triggers`` runs in migration 0003 and again after every
``migrate`` (``apps.py``): SQLite drops a table's triggers when a later
migration rebuilds that table. ``rebuild`` (``collectief signals recount``)
counts everything again; ``count_from_signals`` is the slow reference the
tests and the benchmark compare with.
"""

# ruff: noqa: S608 - the SQL is built from constants of this module, never from input.

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection as default_connection
from django.db import transaction
from django.db.models import Count, F, Sum

SQLITE_MONTH = "date({}, 'start of month')"
KEY = "(month, area_id, theme_id, organisation_id)"

SQLITE_TRIGGERS = [
    # A theme added to a signal: one mention more.
    f"""
    CREATE TRIGGER signals_count_theme_insert AFTER INSERT ON signals_signaltheme
    BEGIN
        INSERT INTO signals_signalcount {KEY[:-1]}, mentions)
        SELECT {SQLITE_MONTH.format("s.date")}, s.area_id, NEW.theme_id, s.organisation_id, 1
        FROM signals_signal s WHERE s.id = NEW.signal_id
        ON CONFLICT {KEY} DO UPDATE SET mentions = mentions + 1;
    END
    """,
    # A theme removed (also when Django deletes a signal: its themes go first).
    f"""
    CREATE TRIGGER signals_count_theme_delete AFTER DELETE ON signals_signaltheme
    BEGIN
        UPDATE signals_signalcount SET mentions = mentions - 1
        WHERE theme_id = OLD.theme_id
          AND month = (SELECT {SQLITE_MONTH.format("date")} FROM signals_signal
                       WHERE id = OLD.signal_id)
          AND area_id = (SELECT area_id FROM signals_signal WHERE id = OLD.signal_id)
          AND organisation_id = (SELECT organisation_id FROM signals_signal
                                 WHERE id = OLD.signal_id);
    END
    """,
    f"""
    CREATE TRIGGER signals_count_theme_update AFTER UPDATE OF signal_id, theme_id
    ON signals_signaltheme
    WHEN OLD.signal_id IS NOT NEW.signal_id OR OLD.theme_id IS NOT NEW.theme_id
    BEGIN
        UPDATE signals_signalcount SET mentions = mentions - 1
        WHERE theme_id = OLD.theme_id
          AND month = (SELECT {SQLITE_MONTH.format("date")} FROM signals_signal
                       WHERE id = OLD.signal_id)
          AND area_id = (SELECT area_id FROM signals_signal WHERE id = OLD.signal_id)
          AND organisation_id = (SELECT organisation_id FROM signals_signal
                                 WHERE id = OLD.signal_id);
        INSERT INTO signals_signalcount {KEY[:-1]}, mentions)
        SELECT {SQLITE_MONTH.format("s.date")}, s.area_id, NEW.theme_id, s.organisation_id, 1
        FROM signals_signal s WHERE s.id = NEW.signal_id
        ON CONFLICT {KEY} DO UPDATE SET mentions = mentions + 1;
    END
    """,
    # A signal moved to another month, area or organisation: all its themes move.
    f"""
    CREATE TRIGGER signals_count_signal_update AFTER UPDATE OF organisation_id, area_id, date
    ON signals_signal
    WHEN OLD.organisation_id IS NOT NEW.organisation_id OR OLD.area_id IS NOT NEW.area_id
      OR {SQLITE_MONTH.format("OLD.date")} IS NOT {SQLITE_MONTH.format("NEW.date")}
    BEGIN
        UPDATE signals_signalcount SET mentions = mentions - 1
        WHERE month = {SQLITE_MONTH.format("OLD.date")} AND area_id = OLD.area_id
          AND organisation_id = OLD.organisation_id
          AND theme_id IN (SELECT theme_id FROM signals_signaltheme WHERE signal_id = OLD.id);
        INSERT INTO signals_signalcount {KEY[:-1]}, mentions)
        SELECT {SQLITE_MONTH.format("NEW.date")}, NEW.area_id, st.theme_id,
               NEW.organisation_id, 1
        FROM signals_signaltheme st WHERE st.signal_id = NEW.id
        ON CONFLICT {KEY} DO UPDATE SET mentions = mentions + 1;
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS signals_count_theme_insert",
    "DROP TRIGGER IF EXISTS signals_count_theme_delete",
    "DROP TRIGGER IF EXISTS signals_count_theme_update",
    "DROP TRIGGER IF EXISTS signals_count_signal_update",
]

PG_MONTH = "date_trunc('month', {})::date"
# Mentions per key of a set of (signal_id, theme_id) rows, for an upsert or a decrement.
PG_GROUPED = f"""
    SELECT {PG_MONTH.format("s.date")} AS month, s.area_id, t.theme_id, s.organisation_id,
           COUNT(*) AS n
    FROM {{rows}} t JOIN signals_signal s ON s.id = t.signal_id
    GROUP BY 1, 2, 3, 4
"""
PG_ADD = f"""
    INSERT INTO signals_signalcount {KEY[:-1]}, mentions)
    SELECT month, area_id, theme_id, organisation_id, n FROM ({{grouped}}) g
    ORDER BY 1, 2, 3, 4
    ON CONFLICT {KEY}
    DO UPDATE SET mentions = signals_signalcount.mentions + EXCLUDED.mentions;
"""
PG_SUBTRACT = """
    UPDATE signals_signalcount c SET mentions = c.mentions - g.n FROM ({grouped}) g
    WHERE c.month = g.month AND c.area_id = g.area_id AND c.theme_id = g.theme_id
      AND c.organisation_id = g.organisation_id;
"""


def _pg_function(name: str, body: str) -> str:
    return f"""
    CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {body}
        RETURN NULL;
    END $$;
    """


# A signal moved: subtract its themes at the old key, add them at the new one.
PG_MOVED = """
    SELECT o.id AS old_id, n.id AS new_id FROM old_signals o JOIN new_signals n ON n.id = o.id
    WHERE o.organisation_id IS DISTINCT FROM n.organisation_id
       OR o.area_id IS DISTINCT FROM n.area_id
       OR date_trunc('month', o.date) IS DISTINCT FROM date_trunc('month', n.date)
"""
PG_MOVED_OLD = f"""
    SELECT {PG_MONTH.format("o.date")} AS month, o.area_id, st.theme_id, o.organisation_id,
           COUNT(*) AS n
    FROM ({PG_MOVED}) m JOIN old_signals o ON o.id = m.old_id
    JOIN signals_signaltheme st ON st.signal_id = o.id
    GROUP BY 1, 2, 3, 4
"""
PG_MOVED_NEW = f"""
    SELECT {PG_MONTH.format("s.date")} AS month, s.area_id, st.theme_id, s.organisation_id,
           COUNT(*) AS n
    FROM ({PG_MOVED}) m JOIN new_signals s ON s.id = m.new_id
    JOIN signals_signaltheme st ON st.signal_id = s.id
    GROUP BY 1, 2, 3, 4
"""
PG_TRIGGERS = [
    _pg_function(
        "signals_count_themes_added",
        PG_ADD.format(grouped=PG_GROUPED.format(rows="added_themes")),
    ),
    _pg_function(
        "signals_count_themes_removed",
        PG_SUBTRACT.format(grouped=PG_GROUPED.format(rows="removed_themes")),
    ),
    _pg_function(
        "signals_count_themes_changed",
        PG_SUBTRACT.format(grouped=PG_GROUPED.format(rows="removed_themes"))
        + PG_ADD.format(grouped=PG_GROUPED.format(rows="added_themes")),
    ),
    _pg_function(
        "signals_count_signals_moved",
        PG_SUBTRACT.format(grouped=PG_MOVED_OLD) + PG_ADD.format(grouped=PG_MOVED_NEW),
    ),
    """
    CREATE TRIGGER signals_count_theme_insert AFTER INSERT ON signals_signaltheme
    REFERENCING NEW TABLE AS added_themes
    FOR EACH STATEMENT EXECUTE FUNCTION signals_count_themes_added()
    """,
    """
    CREATE TRIGGER signals_count_theme_delete AFTER DELETE ON signals_signaltheme
    REFERENCING OLD TABLE AS removed_themes
    FOR EACH STATEMENT EXECUTE FUNCTION signals_count_themes_removed()
    """,
    """
    CREATE TRIGGER signals_count_theme_update AFTER UPDATE ON signals_signaltheme
    REFERENCING OLD TABLE AS removed_themes NEW TABLE AS added_themes
    FOR EACH STATEMENT EXECUTE FUNCTION signals_count_themes_changed()
    """,
    """
    CREATE TRIGGER signals_count_signal_update AFTER UPDATE ON signals_signal
    REFERENCING OLD TABLE AS old_signals NEW TABLE AS new_signals
    FOR EACH STATEMENT EXECUTE FUNCTION signals_count_signals_moved()
    """,
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS signals_count_theme_insert ON signals_signaltheme",
    "DROP TRIGGER IF EXISTS signals_count_theme_delete ON signals_signaltheme",
    "DROP TRIGGER IF EXISTS signals_count_theme_update ON signals_signaltheme",
    "DROP TRIGGER IF EXISTS signals_count_signal_update ON signals_signal",
    "DROP FUNCTION IF EXISTS signals_count_themes_added()",
    "DROP FUNCTION IF EXISTS signals_count_themes_removed()",
    "DROP FUNCTION IF EXISTS signals_count_themes_changed()",
    "DROP FUNCTION IF EXISTS signals_count_signals_moved()",
]


def install_triggers(connection: Any = default_connection) -> None:
    """(Re)create the triggers; safe to run any number of times."""
    sqlite = connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        for statement in SQLITE_DROP if sqlite else PG_DROP[:4]:
            cursor.execute(statement)
        for statement in SQLITE_TRIGGERS if sqlite else PG_TRIGGERS:
            cursor.execute(statement)


def drop_triggers(connection: Any = default_connection) -> None:
    sqlite = connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        for statement in SQLITE_DROP if sqlite else PG_DROP:
            cursor.execute(statement)


def count_existing(connection: Any = default_connection) -> None:
    """Add every stored signal's themes to the (empty) table: one GROUP BY."""
    month = SQLITE_MONTH if connection.vendor == "sqlite" else PG_MONTH
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO signals_signalcount {KEY[:-1]}, mentions)
            SELECT {month.format("s.date")}, s.area_id, st.theme_id, s.organisation_id, COUNT(*)
            FROM signals_signaltheme st JOIN signals_signal s ON s.id = st.signal_id
            GROUP BY 1, 2, 3, 4
            """
        )


def rebuild() -> int:
    """Count every signal again (``collectief signals recount``); the rows written.

    On PostgreSQL the signal tables are locked against writes meanwhile, so
    nothing is counted twice or missed; SQLite has one writer at a time anyway.
    """
    from collectief.signals.models import SignalCount

    with transaction.atomic():
        if default_connection.vendor == "postgresql":
            with default_connection.cursor() as cursor:
                cursor.execute(
                    "LOCK TABLE signals_signal, signals_signaltheme, signals_signalcount "
                    "IN SHARE ROW EXCLUSIVE MODE"
                )
        SignalCount.objects.all().delete()
        count_existing()
        return SignalCount.objects.count()


def triggers_installed(connection: Any = default_connection) -> bool:
    """Whether all four triggers are there (the system check and the tests ask)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT COUNT(*) FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE 'signals_count_%'"
            )
        else:
            cursor.execute(
                "SELECT COUNT(DISTINCT tgname) FROM pg_trigger "
                "WHERE tgname LIKE 'signals_count_%' AND NOT tgisinternal"
            )
        return int(cursor.fetchone()[0]) == 4


# -- reading ---------------------------------------------------------------------------------

Key = tuple[int, Any, datetime.date]  # (area id, theme id, first day of the month)


def mentions(area_ids: list[int], months: list[datetime.date]) -> dict[Key, int]:
    """Theme mentions per (area, theme, month) from the running totals (fast)."""
    from collectief.signals.models import SignalCount

    rows = (
        SignalCount.objects.filter(month__in=months, area_id__in=area_ids)
        .values("area_id", "theme_id", "month")
        .annotate(n=Sum("mentions"))
        .order_by()
    )
    return {(r["area_id"], r["theme_id"], r["month"]): r["n"] for r in rows if r["n"]}


def count_from_signals(area_ids: list[int], months: list[datetime.date]) -> dict[Key, int]:
    """The same from the signals themselves: the reference (slow: every signal is read)."""
    from django.db.models.functions import TruncMonth

    from collectief.signals.models import SignalTheme

    start = min(months)
    end = (max(months) + datetime.timedelta(days=32)).replace(day=1)
    rows = (
        SignalTheme.objects.filter(
            signal__date__gte=start, signal__date__lt=end, signal__area_id__in=area_ids
        )
        .annotate(place=F("signal__area_id"), month=TruncMonth("signal__date"))
        .values("place", "theme_id", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    wanted = set(months)
    return {
        (r["place"], r["theme_id"], r["month"]): r["n"]
        for r in rows
        if r["month"] in wanted and r["n"]
    }


def differences() -> int:
    """How many (month, area, theme, organisation) totals differ from the signals."""
    from django.db.models.functions import TruncMonth

    from collectief.signals.models import SignalCount, SignalTheme

    truth = {
        (r["month"], r["signal__area_id"], r["theme_id"], r["signal__organisation_id"]): r["n"]
        for r in SignalTheme.objects.annotate(month=TruncMonth("signal__date"))
        .values("month", "signal__area_id", "theme_id", "signal__organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    kept = {
        (r["month"], r["area_id"], r["theme_id"], r["organisation_id"]): r["mentions"]
        for r in SignalCount.objects.values(
            "month", "area_id", "theme_id", "organisation_id", "mentions"
        )
        if r["mentions"]
    }
    return sum(truth.get(key) != kept.get(key) for key in truth.keys() | kept.keys())
