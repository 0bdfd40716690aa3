from __future__ import annotations

from typing import Any

from django.db import models

from collectief.audit.models import AuditEvent


def record_event(
    action: str,
    obj: models.Model,
    *,
    by: Any,
    organisation_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit record; call it from inside the service's transaction.

    ``action`` is a dotted verb such as ``"organisation.update"``. ``by`` is
    the acting user, or None for system actions (demo data, imports from the
    command line without a user).
    """
    actor = by if getattr(by, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        organisation_id=organisation_id,
        details=details or {},
    )
