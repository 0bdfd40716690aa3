"""Full-text search indexes of the sociale kaart (used by search/fulltext.py).

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


SQLITE_FTS_SQL = (
    # A plain table with a stable integer key, one row per service, as the
    # content of the FTS5 index (rowids of directory_service may change on VACUUM).
    "CREATE TABLE IF NOT EXISTS directory_service_search ("
    " id INTEGER PRIMARY KEY, service_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL DEFAULT '')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_service_fts USING fts5("
    "body, content='directory_service_search', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS directory_service_search_ai"
    " AFTER INSERT ON directory_service_search BEGIN"
    " INSERT INTO directory_service_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_search_ad"
    " AFTER DELETE ON directory_service_search BEGIN"
    " INSERT INTO directory_service_fts(directory_service_fts, rowid, body)"
    " VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_search_au"
    " AFTER UPDATE ON directory_service_search BEGIN"
    " INSERT INTO directory_service_fts(directory_service_fts, rowid, body)"
    " VALUES ('delete', old.id, old.body);"
    " INSERT INTO directory_service_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_fts_ai AFTER INSERT ON directory_service"
    " BEGIN INSERT INTO directory_service_search(service_id, body)"
    " VALUES (new.id, COALESCE(new.search_text, '')); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_fts_au"
    " AFTER UPDATE OF search_text ON directory_service BEGIN"
    " UPDATE directory_service_search SET body = COALESCE(new.search_text, '')"
    " WHERE service_id = new.id; END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_fts_ad AFTER DELETE ON directory_service"
    " BEGIN DELETE FROM directory_service_search WHERE service_id = old.id; END",
)
SQLITE_FTS_BACKFILL = (
    "INSERT INTO directory_service_search(service_id, body)"
    " SELECT id, COALESCE(search_text, '') FROM directory_service"
    " WHERE id NOT IN (SELECT service_id FROM directory_service_search)"
)


def forwards(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE)
    elif vendor == "sqlite":
        # The statements are part of this migration (not imported from the
        # app), so the migration stays what it was when it ran.
        for statement in SQLITE_FTS_SQL:
            schema_editor.execute(statement)
        schema_editor.execute(SQLITE_FTS_BACKFILL)


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
