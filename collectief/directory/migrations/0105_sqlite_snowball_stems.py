"""SQLite: index the Snowball-stemmed search text, as PostgreSQL's ``dutch`` does.

Replaces the three triggers of migration 0100 that copy ``search_text`` into
the FTS5 content table by triggers that store its stems, through the SQL
function ``collectief_dutch_stems`` (the app registers it on every SQLite
connection: ``directory.search.fulltext.register_sqlite_functions``), and
stems every document once. PostgreSQL needs nothing: its ``dutch``
configuration stems already.
"""

from typing import Any

from django.db import migrations

OLD_TRIGGERS = ("directory_service_fts_ai", "directory_service_fts_au", "directory_service_fts_ad")
NEW_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS directory_service_stems_ai AFTER INSERT ON directory_service"
    " BEGIN INSERT INTO directory_service_search(service_id, body)"
    " VALUES (new.id, collectief_dutch_stems(new.search_text)); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_stems_au"
    " AFTER UPDATE OF search_text ON directory_service BEGIN"
    " UPDATE directory_service_search SET body = collectief_dutch_stems(new.search_text)"
    " WHERE service_id = new.id; END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_stems_ad AFTER DELETE ON directory_service"
    " BEGIN DELETE FROM directory_service_search WHERE service_id = old.id; END",
)
RESTEM = (
    "UPDATE directory_service_search SET body = collectief_dutch_stems("
    "(SELECT search_text FROM directory_service WHERE directory_service.id = service_id))"
)
OLD_TRIGGERS_SQL = (
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
UNSTEM = (
    "UPDATE directory_service_search SET body = COALESCE("
    "(SELECT search_text FROM directory_service WHERE directory_service.id = service_id), '')"
)


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in OLD_TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in NEW_TRIGGERS:
        schema_editor.execute(statement)
    schema_editor.execute(RESTEM)


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in ("directory_service_stems_ai", "directory_service_stems_au", "directory_service_stems_ad"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in OLD_TRIGGERS_SQL:
        schema_editor.execute(statement)
    schema_editor.execute(UNSTEM)


class Migration(migrations.Migration):
    dependencies = [("directory", "0104_search_document_column")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
