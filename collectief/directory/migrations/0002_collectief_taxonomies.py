"""Create the Collectief theme list and target groups as HSDS taxonomies."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import migrations

THEMES_TAXONOMY_ID = uuid.UUID("6b1f4a52-6a4e-4c1e-9d0f-2a7c1e0d5a01")
TARGET_GROUPS_TAXONOMY_ID = uuid.UUID("6b1f4a52-6a4e-4c1e-9d0f-2a7c1e0d5a02")


def create(apps: Any, schema_editor: Any) -> None:
    from collectief.directory import taxonomy_data as data

    taxonomy_model = apps.get_model("directory", "Taxonomy")
    term_model = apps.get_model("directory", "TaxonomyTerm")
    for taxonomy_id, meta, terms in (
        (THEMES_TAXONOMY_ID, data.THEMES_TAXONOMY, data.THEMES),
        (TARGET_GROUPS_TAXONOMY_ID, data.TARGET_GROUPS_TAXONOMY, data.TARGET_GROUPS),
    ):
        taxonomy, _ = taxonomy_model.objects.update_or_create(id=taxonomy_id, defaults=meta)
        for order, (code, name) in enumerate(terms):
            term_model.objects.update_or_create(
                id=uuid.uuid5(taxonomy_id, code),
                defaults={
                    "taxonomy_detail": taxonomy,
                    "code": code,
                    "name": name,
                    "description": name,
                    "taxonomy": meta["name"],
                    "language": "nl",
                    "order": order,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
