"""Shared pieces of the sociale kaart models: fixed ids, time limits, the HSDS base.

The fixed ids of the two Collectief taxonomies (themes, target groups), the
stable id of a Collectief taxonomy term, how long an entry stays current
(:data:`STALE_AFTER`) and how often owners are reminded, and
:class:`HsdsModel`, the abstract base with the HSDS ``id`` and the ``extra``
fields kept for a lossless export.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

# Fixed ids of the two Collectief taxonomies created by the data migration.
THEMES_TAXONOMY_ID = uuid.UUID("6b1f4a52-6a4e-4c1e-9d0f-2a7c1e0d5a01")
TARGET_GROUPS_TAXONOMY_ID = uuid.UUID("6b1f4a52-6a4e-4c1e-9d0f-2a7c1e0d5a02")

# An entry that nobody confirmed for this long is flagged as outdated.
STALE_AFTER = timedelta(days=365)
# Owners get at most one reminder in this period.
REMINDER_INTERVAL = timedelta(days=30)


def term_uuid(taxonomy_id: uuid.UUID, code: str) -> uuid.UUID:
    """Stable id of a Collectief taxonomy term, the same on every installation."""
    return uuid.uuid5(taxonomy_id, code)


class HsdsModel(models.Model):
    """Common columns: the HSDS id and the fields kept for a lossless export."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    extra = models.JSONField(
        _("other HSDS fields"),
        default=dict,
        blank=True,
        help_text=_("HSDS fields that Collectief does not use, kept for export."),
    )

    class Meta:
        abstract = True
