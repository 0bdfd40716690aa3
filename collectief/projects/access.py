"""Access to projects (see collectief/accounts/access.py for the general rules).

A project is seen by the members of its owner and of its current partners,
through their own organisation's address; everyone else gets 404, so nobody
learns that a project exists. A partner that left sees it no more: its
members are told so (``ProjectLeft``, a 410 page with only the title and the
owner, which they knew already), instead of a bare "not found". Changing
the project (its step, partners and "wie is aan zet?") is for medewerkers and
beheerders of the owner; the answers of step 1 about provisions are for
medewerkers of the owner and of the partners, who know these provisions too.
The organisation a question is handed to (option c) sees only the handover
and answers it, until it has answered. Steps 2-4 (plan, werkgroep,
agreements, log, lessons) are written by medewerkers of the owner and of the
partners together; the step 4 decision is the owner's (``owner_only``). A
log entry or a lesson is changed or removed only by the organisation that
wrote it (``writer_only``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from collectief.accounts.access import get_organisation_for_user
from collectief.accounts.models import Organisation, Role
from collectief.projects.models import Handover, Partnership, Project
from collectief.signals.models import Action


def projects_of(organisation: Organisation) -> Any:
    """The projects an organisation owns or is a current partner of."""
    return Project.objects.filter(
        Q(owner=organisation)
        | Q(
            pk__in=organisation.project_partnerships.filter(left_on__isnull=True).values("project")
        )
    )


class ProjectLeft(Http404):
    """The viewer's organisation was a partner of this project and left it.

    Its members had the project open, so they learn why it is gone (the page
    answers 410, as a withdrawn support request does) instead of a bare "not
    found"; a view that does not catch it answers 404 like any other project
    it may not see. ``partnership`` is the latest one that ended.
    """

    def __init__(self, organisation: Organisation, partnership: Partnership) -> None:
        super().__init__()
        self.organisation = organisation
        self.partnership = partnership


def _left_partnership(organisation: Organisation, project_id: int) -> Partnership | None:
    """The latest ended partnership, if the organisation took part and takes part no more.

    An organisation that never was a partner gets None (so a plain 404: no hint
    that the project exists), and so does a current partner (it may lack the
    rights for this page, it has not left) and the owner, who never leaves.
    """
    partnerships = list(
        Partnership.objects.filter(project_id=project_id, organisation=organisation)
        .select_related("project__owner")
        .order_by("-left_on")
    )
    if not partnerships or any(p.left_on is None for p in partnerships):
        return None
    latest = partnerships[0]
    if latest.project.owner_id == organisation.pk:
        return None
    return latest


def get_project_for_user(
    user: Any,
    organisation_slug: str,
    project_id: int,
    *,
    min_role: str = Role.READER,
    owner_only: bool = False,
) -> Project:
    """A project the user sees through this organisation (Http404 otherwise;
    ``ProjectLeft``, a kind of Http404, for a partner that left).

    ``owner_only=True`` for changes only the owner makes: a partner then gets
    Http404 too (it sees the project but not these controls).
    ``project.viewer_organisation`` and ``project.viewer_is_owner`` tell the
    page through which organisation it is seen.
    """
    organisation = get_organisation_for_user(user, organisation_slug, min_role=min_role)
    queryset = (
        Project.objects.filter(owner=organisation) if owner_only else projects_of(organisation)
    )
    project: Any = (
        queryset.select_related("owner", "wijk__parent", "theme", "handed_to", "origin_action")
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        left = _left_partnership(organisation, project_id)
        if left is not None:
            raise ProjectLeft(organisation, left)
        raise Http404
    project.viewer_organisation = organisation
    project.viewer_is_owner = project.owner_id == organisation.pk
    return project


def get_handover_for_user(
    user: Any, organisation_slug: str, project_id: int, *, min_role: str = Role.READER
) -> Project:
    """A project handed to this organisation that it has not answered yet (option c)."""
    organisation = get_organisation_for_user(user, organisation_slug, min_role=min_role)
    project = (
        Project.objects.select_related("owner", "wijk__parent", "theme")
        .filter(pk=project_id, handed_to=organisation, handover_status=Handover.OPEN)
        .first()
    )
    if project is None:
        raise Http404
    project.viewer_organisation = organisation  # type: ignore[attr-defined]
    return project


def get_partnership_for_user(
    user: Any, organisation_slug: str, project_id: int, partnership_id: int
) -> Any:
    """A current partnership of a project the user's organisation owns (staff only)."""
    project = get_project_for_user(
        user, organisation_slug, project_id, min_role=Role.STAFF, owner_only=True
    )
    partnership = (
        project.partnerships.select_related("organisation")
        .filter(pk=partnership_id, left_on__isnull=True)
        .first()
    )
    if partnership is None:
        raise Http404
    partnership.project = project
    return partnership


def origin_action_of(organisation: Organisation, action_id: Any) -> Action | None:
    """A "start a collective project" action of the organisation's own bespreken, or None.

    Used to fill in the new-project form; an unknown or another team's
    action is simply not used (the form is still shown).
    """
    try:
        pk = int(action_id)
    except (TypeError, ValueError):
        return None
    # A number no database key can be (SQLite cannot even compare it) is no action.
    if not 0 < pk < 2**31:
        return None
    return (
        Action.objects.select_related("discussion__area", "theme")
        .filter(pk=pk, discussion__organisation=organisation, kind=Action.Kind.PROJECT)
        .first()
    )


def get_project_item_for_user(
    user: Any,
    organisation_slug: str,
    project_id: int,
    model: Any,
    item_id: int,
    *,
    min_role: str = Role.STAFF,
    owner_only: bool = False,
    writer_only: bool = False,
) -> Any:
    """A row of ``model`` (werkgroep member, goal, milestone, agreement, log entry, lesson)
    of a project the user sees through this organisation (Http404 otherwise);
    ``item.project`` carries the viewer as in ``get_project_for_user``.

    ``writer_only=True`` for a row with an ``organisation`` that only that
    organisation changes (a log entry, a lesson): another organisation in
    the project sees the row, so it gets PermissionDenied rather than 404.
    """
    project = get_project_for_user(
        user, organisation_slug, project_id, min_role=min_role, owner_only=owner_only
    )
    item = model.objects.filter(project=project, pk=item_id).first()
    if item is None:
        raise Http404
    if writer_only and item.organisation_id != project.viewer_organisation.pk:  # type: ignore[attr-defined]
        raise PermissionDenied
    item.project = project
    return item


def get_participant_for_user(
    user: Any, organisation_slug: str, project_id: int, organisation_id: int
) -> tuple[Project, Organisation]:
    """A project (staff) and one organisation taking part in it: the owner or a current partner."""
    project = get_project_for_user(user, organisation_slug, project_id, min_role=Role.STAFF)
    if organisation_id == project.owner_id:
        return project, project.owner
    partnership = (
        project.partnerships.select_related("organisation")
        .filter(organisation_id=organisation_id, left_on__isnull=True)
        .first()
    )
    if partnership is None:
        raise Http404
    return project, partnership.organisation
