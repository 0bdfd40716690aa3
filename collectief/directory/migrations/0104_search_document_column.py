"""PostgreSQL: the Dutch search document of a service as a stored column (owned by search.py).

Migration 0100 indexed the expression ``to_tsvector('dutch', search_text)``.
The index finds the matches, but PostgreSQL then computes the expression again
for every match, twice (to recheck a prefix match and to rank it): 60 ms for
a common word with 6,500 matches. A generated column stores the document once
per write; search.py uses it when it is there. The column is not in the model
state: Django never writes it (PostgreSQL computes it) and never reads it
except through search.py. SQLite keeps its FTS5 index (migration 0100).
"""

from typing import Any

from django.db import migrations

FORWARD = (
    "ALTER TABLE directory_service ADD COLUMN IF NOT EXISTS search_document tsvector"
    " GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, COALESCE(search_text, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS directory_service_search_document"
    " ON directory_service USING gin (search_document)",
    "DROP INDEX IF EXISTS directory_service_search_dutch",
)
BACKWARD = (
    "CREATE INDEX IF NOT EXISTS directory_service_search_dutch ON directory_service "
    "USING gin (to_tsvector('dutch'::regconfig, COALESCE(search_text, '')))",
    "DROP INDEX IF EXISTS directory_service_search_document",
    "ALTER TABLE directory_service DROP COLUMN IF EXISTS search_document",
)


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("directory", "0103_schedule_location_link_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
