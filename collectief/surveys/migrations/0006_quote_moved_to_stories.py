"""Marked quotes now live in ``stories.Quote``; stories.0002 copied them first."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0005_response_submitted_at_hour"),
        ("stories", "0002_quotes_from_survey_answers"),
    ]

    operations = [
        migrations.DeleteModel(
            name="Quote",
        ),
    ]
