"""Granting and revoking coordination of the sociale kaart in an area.

Coordination is given, not taken (issue 8): a site administrator grants it,
or a gemeente passes it on inside its own areas. Access (who may grant where)
is checked by ``access.get_grant_scope_for_user`` before these are called;
the services check what must hold whoever calls them.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.audit.services import record_event
from collectief.directory.access import COORDINATING_KINDS
from collectief.directory.models import Coordination
from collectief.lib.errors import ServiceError


@transaction.atomic
def grant_coordination(
    organisation: Organisation, area: Area, *, by: Any, scope: set[int] | None = None
) -> Coordination:
    """Let a gemeente or wijkteam coordinate ``area`` (and everything inside it).

    ``scope`` is the set of areas the granter may grant in (None: everywhere).
    """
    if organisation.kind not in COORDINATING_KINDS:
        raise ServiceError(
            _("Only a gemeente or a wijkteam can coordinate the sociale kaart."),
            field="organisation",
        )
    if scope is not None and area.pk not in scope:
        raise ServiceError(_("You can only grant areas of your own gemeente."), field="area")
    if Coordination.objects.filter(organisation=organisation, area=area).exists():
        raise ServiceError(
            _("%(organisation)s already coordinates %(area)s.")
            % {"organisation": organisation.name, "area": area.name},
            field="area",
        )
    coordination = Coordination.objects.create(
        organisation=organisation,
        area=area,
        granted_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record_event(
        "coordination.grant",
        coordination,
        by=by,
        organisation_id=organisation.pk,
        details={"area": area.code, "area_name": area.name},
    )
    return coordination


@transaction.atomic
def revoke_coordination(coordination: Coordination, *, by: Any) -> None:
    record_event(
        "coordination.revoke",
        coordination,
        by=by,
        organisation_id=coordination.organisation_id,
        details={"area": coordination.area.code, "area_name": coordination.area.name},
    )
    coordination.delete()
