"""Store the moment of a response to the hour, also for the responses already stored (issue 8)."""

import datetime

import django.utils.timezone
from django.db import migrations
from django.db.models.functions import Trunc

import collectief.surveys.models


def truncate_to_the_hour(apps, schema_editor):
    # One UPDATE on the database, however many responses there are.
    Response = apps.get_model("surveys", "Response")
    Response.objects.update(
        submitted_at=Trunc("submitted_at", "hour", tzinfo=datetime.UTC)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0004_survey_structure_version"),
    ]

    operations = [
        migrations.AlterField(
            model_name="response",
            name="submitted_at",
            field=collectief.surveys.models.HourDateTimeField(
                default=django.utils.timezone.now, verbose_name="submitted"
            ),
        ),
        migrations.RunPython(truncate_to_the_hour, migrations.RunPython.noop),
    ]
