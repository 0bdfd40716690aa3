"""Writes of the opdracht: goals per wijkteam, set by the gemeente, with the audit log."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.audit.services import record_event
from collectief.insights.models import GoalMeasure, TeamGoal
from collectief.lib.errors import ServiceError
from collectief.signals.access import gemeenten_of

MIN_YEAR, MAX_YEAR = 2000, 2100


@transaction.atomic
def set_goal(
    organisation: Organisation,
    *,
    by: Any,
    team: Organisation,
    gemeente: Area,
    measure: str,
    target: int,
    year: int,
) -> TeamGoal:
    """Set (or change the target of) a goal for one wijkteam in one of the gemeente's areas."""
    if organisation.kind != Organisation.Kind.MUNICIPALITY:
        raise ServiceError(_("Only a gemeente sets goals for wijkteams."))
    if team.kind != Organisation.Kind.NEIGHBOURHOOD_TEAM:
        raise ServiceError(_("Choose a wijkteam."), field="team")
    if gemeente.pk not in {g.pk for g in gemeenten_of(organisation)}:
        raise ServiceError(_("Choose a gemeente your organisation works in."), field="gemeente")
    if measure not in GoalMeasure.values:
        raise ServiceError(_("Choose what the goal counts from the list."), field="measure")
    maximum = 100 if measure == GoalMeasure.GAPS else 1000
    if not 1 <= target <= maximum:
        raise ServiceError(
            _("Give a target from 1 to %(max)d.") % {"max": maximum}, field="target"
        )
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ServiceError(_("Give a year such as 2026."), field="year")
    try:
        with transaction.atomic():
            goal, _created = TeamGoal.objects.update_or_create(
                organisation=organisation,
                team=team,
                gemeente=gemeente,
                measure=measure,
                year=year,
                defaults={"target": target, "created_by": by},
            )
    except IntegrityError:
        raise ServiceError(_("Someone else has just saved this goal. Try again.")) from None
    record_event(
        "insights.goal.set",
        goal,
        by=by,
        organisation_id=organisation.pk,
        details={"team": team.slug, "measure": measure, "target": target, "year": year},
    )
    return goal


@transaction.atomic
def remove_goal(goal: TeamGoal, *, by: Any) -> None:
    record_event(
        "insights.goal.remove",
        goal,
        by=by,
        organisation_id=goal.organisation_id,
        details={"team": goal.team.slug, "measure": goal.measure, "year": goal.year},
    )
    goal.delete()
