"""Who sees a wijkbeeld (see collectief/accounts/access.py for the general rules).

The CBS indicators are public data, but the wijkbeeld page puts them next to
the rode draden and the gaps of the organisation's own gemeente, so it lives
under the organisation: any member may open it for a wijk in a gemeente the
organisation works in. The rode draden on it follow the signals rules
(``signals.access``): only with two-factor login, and only the suppressed
summary of the gemeente.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from collectief.accounts.access import can_edit, get_organisation_for_user
from collectief.accounts.models import Organisation, Role
from collectief.areas.models import Area
from collectief.insights.models import TeamGoal
from collectief.lib import cbs
from collectief.signals.access import gemeenten_of, has_two_factor


def get_wijkbeeld_organisation_for_user(user: Any, organisation_slug: str) -> Organisation:
    """The organisation whose wijkbeeld the user may see (any member; Http404 otherwise)."""
    return get_organisation_for_user(user, organisation_slug)


def get_wijk_for_user(
    user: Any, organisation_slug: str, wijk_code: str
) -> tuple[Organisation, Area]:
    """A wijk in a gemeente the organisation works in; Http404 for any other code."""
    organisation = get_wijkbeeld_organisation_for_user(user, organisation_slug)
    code = cbs.normalise_code(wijk_code)
    if not cbs.is_valid(code) or cbs.level_of(code) is not cbs.Level.WIJK:
        raise Http404
    wijk = Area.objects.select_related("parent").filter(code=code, level=Area.Level.WIJK).first()
    if wijk is None or wijk.parent_id not in {g.pk for g in gemeenten_of(organisation)}:
        raise Http404
    return organisation, wijk


def may_see_signals(user: Any) -> bool:
    """The rode draden part needs two-factor login, as every signals page does."""
    return has_two_factor(user)


def get_gemeente_for_user(
    user: Any, organisation_slug: str, gemeente_code: str
) -> tuple[Organisation, Area]:
    """A gemeente the organisation works in; Http404 for any other code."""
    organisation = get_wijkbeeld_organisation_for_user(user, organisation_slug)
    code = cbs.normalise_code(gemeente_code)
    for gemeente in gemeenten_of(organisation):
        if gemeente.code == code:
            return organisation, gemeente
    raise Http404


def get_municipality_for_user(
    user: Any, organisation_slug: str, *, min_role: str = Role.READER
) -> Organisation:
    """A gemeente organisation the user is a member of; Http404 for other kinds.

    Its home page and its goals per wijkteam are for gemeente members only.
    """
    organisation = get_organisation_for_user(user, organisation_slug, min_role=min_role)
    if organisation.kind != Organisation.Kind.MUNICIPALITY:
        raise Http404
    return organisation


def get_team_goal_for_user(
    user: Any, organisation_slug: str, goal_id: int, *, min_role: str = Role.STAFF
) -> TeamGoal:
    """A goal this gemeente set a wijkteam (Http404 for any other goal, and for other kinds)."""
    organisation = get_municipality_for_user(user, organisation_slug, min_role=min_role)
    goal = (
        TeamGoal.objects.select_related("team", "gemeente")
        .filter(pk=goal_id, organisation=organisation)
        .first()
    )
    if goal is None:
        raise Http404
    goal.organisation = organisation
    return goal


def get_counts_gemeente_for_user(
    user: Any, organisation_slug: str, gemeente_code: str
) -> tuple[Organisation, Area]:
    """A gemeente whose beschikkingen this user may upload.

    Only staff (not readers: PermissionDenied) of a gemeente organisation
    supply numbers, and only for the gemeente(s) that organisation works in;
    Http404 for other kinds of organisation and for any other code.
    """
    organisation = get_municipality_for_user(user, organisation_slug, min_role=Role.STAFF)
    code = cbs.normalise_code(gemeente_code)
    for gemeente in gemeenten_of(organisation):
        if gemeente.code == code:
            return organisation, gemeente
    raise Http404


def may_upload_counts(user: Any, organisation: Organisation) -> bool:
    """Whether the gemeente page shows the upload (the upload view checks again)."""
    return organisation.kind == Organisation.Kind.MUNICIPALITY and can_edit(user, organisation)
