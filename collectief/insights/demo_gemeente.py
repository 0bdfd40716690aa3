"""Demo for the gemeente's home (issue 13 point 11): Haarlem's opdracht and a project.

A made-up wijkteam in Haarlem ("(demo)") runs a project against loneliness
in the Zijlwegkwartier with Het Badhuis and the gemeente as partners, and
the gemeente sets it two goals for this year. Safe to run again.
"""

from __future__ import annotations

from typing import TextIO

from django.db import transaction
from django.utils.translation import gettext

from collectief.accounts import services as account_services
from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.insights import services_goals
from collectief.insights.gemeente_home import this_year
from collectief.insights.models import GoalMeasure
from collectief.projects import services as projects
from collectief.projects.models import Project, Step

TEAM = ("demo-wijkteam-haarlem", "Sociaal wijkteam Haarlem Zuid-West (demo)")
TITLE = "Ouderen ontmoeten elkaar in het Zijlwegkwartier"


@transaction.atomic
def load_demo(stdout: TextIO) -> None:
    gemeente_org = Organisation.objects.filter(slug="gemeente-haarlem").first()
    badhuis = Organisation.objects.filter(slug="het-badhuis").first()
    haarlem = Area.objects.filter(level=Area.Level.GEMEENTE, name="Haarlem").first()
    wijk = Area.objects.filter(level=Area.Level.WIJK, name="Zijlwegkwartier").first()
    theme = TaxonomyTerm.objects.themes().filter(code="eenzaamheid").first()
    if None in (gemeente_org, badhuis, haarlem, wijk, theme):
        stdout.write(gettext("Demo gemeente: Haarlem is missing, skipped.") + "\n")
        return
    assert gemeente_org and badhuis and haarlem and wijk and theme
    team = Organisation.objects.filter(
        slug=TEAM[0]
    ).first() or account_services.create_organisation(
        name=TEAM[1],
        slug=TEAM[0],
        kind=Organisation.Kind.NEIGHBOURHOOD_TEAM,
        areas=[haarlem],
        by=None,
        tagline="Verzonnen wijkteam voor de demo van het gemeente-overzicht",
        public_description="",
        is_public=False,
    )
    project = Project.objects.filter(owner=team, title=TITLE).first()
    if project is None:
        project = projects.create_project(
            team,
            by=None,
            title=TITLE,
            question=(
                "Veel ouderen in de wijk wonen alleen en komen de deur weinig uit. Hoe zorgen we "
                "samen met het Badhuis dat ze elkaar vaker zien?"
            ),
            wijk=wijk,
            theme=theme,
            residents_involved=4,
        )
        projects.set_step(project, Step.PLAN, by=None)
        for partner in (badhuis, gemeente_org):
            projects.add_partner(project, partner, by=None)
    for measure, target in ((GoalMeasure.PROJECTS, 3), (GoalMeasure.GAPS, 50)):
        services_goals.set_goal(
            gemeente_org,
            by=None,
            team=team,
            gemeente=haarlem,
            measure=measure,
            target=target,
            year=this_year(),
        )
    stdout.write(gettext("Demo gemeente: Haarlem's opdracht with two goals.") + "\n")
