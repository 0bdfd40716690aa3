"""The gemeente's first page (issue 13 point 8): "wat gebeurt er in mijn wijken, wat
werkt, en waar ontbreekt iets?".

Per gemeente the organisation works in, per wijk: the projects the gemeente
takes part in with their step, the wijkbeeld's gaps without any project on
that theme in that wijk, and the coverage of collective provision; for the
gemeente: the support requests of initiatives, what organisations share with
the gemeente, and the goals of the opdracht per wijkteam with their measured
progress. Everything comes from the apps' own read functions, so the page
shows no more than they show elsewhere: projects only where the gemeente
takes part (a gap "without a project" looks at every project, which tells
only that some project on that theme exists in the wijk), support requests
as the support app's inbox shows them, shared results only with an active
share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.directory.match import coverage_table
from collectief.directory.models import TaxonomyTerm
from collectief.insights.heat import heat_table
from collectief.insights.models import GoalMeasure, TeamGoal
from collectief.projects.access import projects_of
from collectief.projects.models import Partnership, Project, Step
from collectief.sharing.access import received_by
from collectief.sharing.registry import get_kind
from collectief.support.access import requests_for_helper
from collectief.support.models import Status


@dataclass
class WijkLine:
    wijk: Area
    projects: list[Project] = field(default_factory=list)
    gaps: list[TaxonomyTerm] = field(default_factory=list)
    themes_covered: int = 0
    themes_total: int = 0


@dataclass
class GoalLine:
    goal: TeamGoal
    measured: int | None  # None: nothing to measure against (no gaps in the wijkbeeld)

    @property
    def percent_of_target(self) -> int:
        if self.measured is None:
            return 0
        return min(100, round(100 * self.measured / self.goal.target))

    @property
    def reached(self) -> bool:
        return self.measured is not None and self.measured >= self.goal.target


@dataclass
class GemeenteHome:
    gemeente: Area
    wijken: list[WijkLine]
    open_requests: list[Any]
    held_requests: list[Any]
    goals: list[GoalLine]

    @property
    def gap_count(self) -> int:
        return sum(len(w.gaps) for w in self.wijken)


def _team_projects(team_id: int, wijk_ids: list[int]) -> Any:
    partner_of = Partnership.objects.filter(organisation_id=team_id, left_on__isnull=True).values(
        "project"
    )
    return Project.objects.filter(wijk_id__in=wijk_ids).filter(
        Q(owner_id=team_id) | Q(pk__in=partner_of)
    )


def measure(goal: TeamGoal, wijk_ids: list[int], gaps: set[tuple[int, Any]]) -> int | None:
    """The measured value of one goal (see ``GoalMeasure``)."""
    projects = _team_projects(goal.team_id, wijk_ids)
    if goal.measure == GoalMeasure.PROJECTS:
        return projects.filter(step__gte=Step.PLAN).count()
    if not gaps:
        return None
    covered = set(projects.values_list("wijk_id", "theme_id"))
    return round(100 * len(gaps & covered) / len(gaps))


def gemeente_home(organisation: Organisation, gemeente: Area, *, year: int) -> GemeenteHome:
    wijken = list(Area.objects.filter(parent=gemeente, level=Area.Level.WIJK).order_by("name"))
    wijk_ids = [w.pk for w in wijken]
    lines = {w.pk: WijkLine(w) for w in wijken}
    for project in (
        projects_of(organisation)
        .filter(wijk_id__in=wijk_ids)
        .select_related("theme", "owner")
        .order_by("title")
    ):
        lines[project.wijk_id].projects.append(project)
    with_project = set(
        Project.objects.filter(wijk_id__in=wijk_ids).values_list("wijk_id", "theme_id")
    )
    gaps: set[tuple[int, Any]] = set()
    for row in heat_table(gemeente).rows:
        for cell in row.cells:
            if cell.gap:
                gaps.add((row.wijk.pk, cell.theme.pk))
                if (row.wijk.pk, cell.theme.pk) not in with_project and row.wijk.pk in lines:
                    lines[row.wijk.pk].gaps.append(cell.theme)
    for coverage_row in coverage_table(gemeente).rows:
        line = lines.get(coverage_row.wijk.pk)
        if line is not None:
            line.themes_total = len(coverage_row.cells)
            line.themes_covered = sum(1 for c in coverage_row.cells if c.total > 0)
    requests = list(requests_for_helper(organisation).filter(gemeente=gemeente))
    goals = [
        GoalLine(goal, measure(goal, wijk_ids, gaps))
        for goal in TeamGoal.objects.filter(
            organisation=organisation, gemeente=gemeente, year=year
        ).select_related("team")
    ]
    return GemeenteHome(
        gemeente=gemeente,
        wijken=list(lines.values()),
        open_requests=[r for r in requests if r.status == Status.OPEN],
        held_requests=[r for r in requests if r.status == Status.PICKED_UP],
        goals=goals,
    )


def shared_with(organisation: Organisation) -> list[tuple[Organisation, list[Any]]]:
    """What organisations share with this one, per organisation (initiatives first)."""
    by_owner: dict[int, tuple[Organisation, list[Any]]] = {}
    for share in received_by(organisation).order_by("owner__name", "-created_at"):
        kind = get_kind(share.kind)
        share.kind_label = kind.label if kind else share.kind
        by_owner.setdefault(share.owner_id, (share.owner, []))[1].append(share)
    return sorted(
        by_owner.values(),
        key=lambda item: (item[0].kind != Organisation.Kind.INITIATIVE, item[0].name),
    )


def this_year() -> int:
    return timezone.localdate().year
