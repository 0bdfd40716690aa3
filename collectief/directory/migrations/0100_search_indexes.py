"""Full-text search indexes of the sociale kaart (owned by search.py).

- PostgreSQL: a GIN index on to_tsvector('dutch', search_text), the exact
  expression search.py filters on.
- SQLite: an FTS5 index with triggers that keep it in sync with
  directory_service.search_text.
Other databases get nothing (search falls back to a plain match).
"""

from typing import Any

from django.db import migrations

PG_CREATE = (
    "CREATE INDEX IF NOT EXISTS directory_service_search_dutch ON directory_service "
    "USING gin (to_tsvector('dutch'::regconfig, COALESCE(search_text, '')))"
)
PG_DROP = "DROP INDEX IF EXISTS directory_service_search_dutch"
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS directory_service_fts_ai",
    "DROP TRIGGER IF EXISTS directory_service_fts_au",
    "DROP TRIGGER IF EXISTS directory_service_fts_ad",
    "DROP TABLE IF EXISTS directory_service_fts",
    "DROP TABLE IF EXISTS directory_service_search",
)


def forwards(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE)
    elif vendor == "sqlite":
        from collectief.directory.search import ensure_sqlite_fts

        ensure_sqlite_fts(schema_editor.connection)


def backwards(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_hsds_import")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
