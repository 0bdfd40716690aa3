"""An index on the schedules of a service-at-location that SQLite will use.

Most schedules hang under a service, so ``service_at_location_id`` is nearly
always empty; after ANALYZE, SQLite then thinks the plain foreign-key index
matches every row and reads the whole table for each result page (2 ms per
query on 50,000 schedules). A partial index over the filled rows is small and
chosen for ``service_at_location_id IN (...)``. Harmless on PostgreSQL.
"""

from django.db import migrations

NAME = "directory_schedule_sal_filled"


class Migration(migrations.Migration):
    dependencies = [("directory", "0102_schedule_weekday_indexes")]

    operations = [
        migrations.RunSQL(
            sql=[
                f"CREATE INDEX IF NOT EXISTS {NAME} ON directory_schedule (service_at_location_id)"
                " WHERE service_at_location_id IS NOT NULL"
            ],
            reverse_sql=[f"DROP INDEX IF EXISTS {NAME}"],
            elidable=False,
        )
    ]
