"""SQLite: index the Snowball-stemmed search text (as PostgreSQL's ``dutch`` does).

Replaces the triggers of migration 0100 by triggers that stem with the
function registered on every connection, and stems every document once.
PostgreSQL needs nothing: it stems with its own ``dutch`` configuration.
"""

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        from collectief.directory.search.fulltext import ensure_sqlite_fts

        ensure_sqlite_fts(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("directory", "0104_search_document_column")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
