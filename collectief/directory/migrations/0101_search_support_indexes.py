"""Indexes that keep filtered search fast with tens of thousands of services.

- directory_service(name): the result list is ordered by name, so the first
  page of a broad search does not sort every match;
- directory_attribute(taxonomy_term_id, service_id): theme and target group
  filters read the service ids straight from the index.
Plain SQL, so the model state (owned by the data model) does not change.
"""

from django.db import migrations

INDEXES = (
    ("directory_service_name_search", "directory_service (name)"),
    ("directory_attribute_term_service", "directory_attribute (taxonomy_term_id, service_id)"),
)


class Migration(migrations.Migration):
    dependencies = [("directory", "0100_search_indexes")]

    operations = [
        migrations.RunSQL(
            sql=[f"CREATE INDEX IF NOT EXISTS {name} ON {target}" for name, target in INDEXES],
            reverse_sql=[f"DROP INDEX IF EXISTS {name}" for name, _ in INDEXES],
            elidable=False,
        )
    ]
