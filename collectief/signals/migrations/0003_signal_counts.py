"""Running totals of theme mentions (SignalCount), kept by database triggers.

The summary used to group every signal of two months (0.6 s on SQLite, 1 s on
PostgreSQL for a gemeente with a million signals); it now adds up SignalCount rows. The
triggers of collectief/signals/mention_counts.py keep those rows right in
the same transaction as every write to a signal's themes and every change
of a signal's organisation, area or date, whoever writes. The last step
counts the signals that are already there.
"""

import django.db.models.deletion
from django.db import migrations, models

from collectief.signals import mention_counts


def install_and_count(apps, schema_editor):
    # The triggers first, then the signals already stored: both in this migration's
    # transaction. The app installs the triggers again after every migrate
    # (apps.py), because SQLite drops them when a later migration rebuilds a table.
    mention_counts.install_triggers(schema_editor.connection)
    mention_counts.count_existing(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    mention_counts.drop_triggers(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_safe_website'),
        ('areas', '0002_area_names'),
        ('directory', '0108_coordination'),
        ('signals', '0002_discussions'),
    ]

    operations = [
        migrations.CreateModel(
            name='SignalCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField()),
                ('mentions', models.IntegerField(default=0)),
                ('area', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.area')),
                ('organisation', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisation')),
                ('theme', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.taxonomyterm')),
            ],
            options={
                'verbose_name': 'count of signals',
                'verbose_name_plural': 'counts of signals',
                'constraints': [models.UniqueConstraint(fields=('month', 'area', 'theme', 'organisation'), name='signal_count_once')],
            },
        ),
        migrations.RunPython(install_and_count, drop_triggers),
    ]
