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


def check_goal(
    organisation: Organisation,
    *,
    team: Organisation,
    gemeente: Area,
    measure: str,
    target: int,
    year: int,
) -> None:
    """The one check of a goal, for setting and for changing it (Dutch ``ServiceError``)."""
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
    check_goal(
        organisation, team=team, gemeente=gemeente, measure=measure, target=target, year=year
    )
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
def update_goal(
    goal: TeamGoal,
    *,
    by: Any,
    team: Organisation,
    gemeente: Area,
    measure: str,
    target: int,
    year: int,
) -> TeamGoal:
    """Change a goal: another team, area, measure or year, or only the target.

    The gemeente has one goal per team, area, measure and year; changing a
    goal into one that exists already is refused, so that neither is lost.
    """
    organisation = goal.organisation
    check_goal(
        organisation, team=team, gemeente=gemeente, measure=measure, target=target, year=year
    )
    goal = TeamGoal.objects.select_for_update().filter(pk=goal.pk).first()  # type: ignore[assignment]
    if goal is None:
        raise ServiceError(_("Someone has just removed this goal. Nothing has been changed."))
    key = {"team": team, "gemeente": gemeente, "measure": measure, "year": year}
    twin = TeamGoal.objects.filter(organisation=organisation, **key).exclude(pk=goal.pk)
    if twin.exists():
        raise ServiceError(
            _(
                "%(team)s already has a goal for this in %(year)d. "
                "Change that goal, or remove one of the two."
            )
            % {"team": team.name, "year": year}
        )
    values = {**key, "target": target}
    changed = sorted(f for f, v in values.items() if getattr(goal, f) != v)
    for field in changed:
        setattr(goal, field, values[field])
    try:
        with transaction.atomic():
            if changed:
                goal.save(update_fields=changed)
    except IntegrityError:
        raise ServiceError(_("Someone else has just saved this goal. Try again.")) from None
    record_event(
        "insights.goal.update",
        goal,
        by=by,
        organisation_id=organisation.pk,
        details={"fields": changed, "team": team.slug, "measure": measure, "year": year},
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
