"""Build the answer vector of every existing response from its answer rows."""

from types import SimpleNamespace
from typing import Any

from django.db import migrations


def build(apps: Any, schema_editor: Any) -> None:
    from collectief.surveys.vectors import rebuild_vectors

    models = SimpleNamespace(
        Survey=apps.get_model("surveys", "Survey"),
        Question=apps.get_model("surveys", "Question"),
        Choice=apps.get_model("surveys", "Choice"),
        Response=apps.get_model("surveys", "Response"),
        Answer=apps.get_model("surveys", "Answer"),
    )
    for survey in models.Survey.objects.order_by("pk"):
        rebuild_vectors(survey, models=models)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_answer_vectors")]

    operations = [migrations.RunPython(build, migrations.RunPython.noop, elidable=True)]
