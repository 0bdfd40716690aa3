"""Partial indexes for the day filter of the sociale kaart search (owned by search.py).

For every weekday two small indexes over the open schedules that fall on that
day: one keyed by the service, one by the service-at-location. The day filter
in ``search._on_weekday`` repeats the condition literally
(``kind = 'open' AND byday LIKE '%TU%'``), so SQLite and PostgreSQL read the
few thousand matching ids from the index instead of every schedule.
Plain SQL that both databases understand; the model state does not change.
"""

from django.db import migrations

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _create(day: str, column: str, suffix: str) -> str:
    return (
        f"CREATE INDEX IF NOT EXISTS directory_schedule_open_{day.lower()}{suffix}"
        f" ON directory_schedule ({column}, valid_to, until)"
        f" WHERE kind = 'open' AND byday LIKE '%{day}%'"
    )


INDEXES = [
    (f"directory_schedule_open_{day.lower()}{suffix}", _create(day, column, suffix))
    for day in DAYS
    for column, suffix in (("service_id", ""), ("service_at_location_id", "_sal"))
]


class Migration(migrations.Migration):
    dependencies = [("directory", "0101_search_support_indexes")]

    operations = [
        migrations.RunSQL(
            sql=[sql for _name, sql in INDEXES],
            reverse_sql=[f"DROP INDEX IF EXISTS {name}" for name, _sql in INDEXES],
            elidable=False,
        )
    ]
