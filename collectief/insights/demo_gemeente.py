"""Demo for the gemeente's home (issue 13 points 8 and 11): three gemeenten, each with a login.

A gemeente sees only what it takes part in or what is shared with it
(DESIGN.md §4), so the demo does not give one gemeente the others' projects:
each gemeente has its own login and its own home.

- Haarlem: a made-up wijkteam ("(demo)") runs a project against loneliness
  in the Zijlwegkwartier with Het Badhuis and the gemeente as partners (its
  plan with two kartrekkers); the gemeente sets it two goals for this year.
  Het Badhuis asks the gemeente for support and shares its results with it
  (support and sharing demos).
- Utrecht: the gemeente's team Zuidwest (made up by the routekaart demo) is a
  partner in the Dichterswijk project, with its role in the plan; it sets the
  Buurtteam Zuidwest two goals; the mothers of the koffieochtend ask for a
  room and for money.
- Almere: a made-up "Gemeente Almere (demo)" is a partner in the wijkteam's
  two projects (administratie-ondersteuning in step 3, "Samen eten" finished
  and embedded): "de gemeente de kaders, het wijkteam de inhoud" (magazine
  p. 8-9). It sets the wijkteam two goals; a made-up Repair Café asks for a
  room.

The initiatives in Utrecht and Almere share their facts and figures with
their gemeente, so every gemeente home shows what works.

Safe to run again: organisations, partnerships, goals and support requests
are found before they are made.
"""

from __future__ import annotations

import datetime
from typing import TextIO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from collectief.accounts import services as account_services
from collectief.accounts.demo import DEMO_PASSWORD
from collectief.accounts.models import Membership, Organisation, Role, User
from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.figures import services as figures
from collectief.figures.models import Figure, Period, Unit
from collectief.insights import services_goals
from collectief.insights.gemeente_home import this_year
from collectief.insights.models import GoalMeasure
from collectief.projects import services as projects
from collectief.projects import services_plan
from collectief.projects.demo_steps import ALMERE_TITLE, EMBEDDED_TITLE
from collectief.projects.models import PartnerRole, Project, Step, WhoActs
from collectief.sharing import services as sharing
from collectief.sharing.kinds import ALL_FIGURES
from collectief.sharing.models import Share
from collectief.signals.access import gemeenten_of
from collectief.support import services as support
from collectief.support.models import Kind, SupportRequest

TEAM = ("demo-wijkteam-haarlem", "Sociaal wijkteam Haarlem Zuid-West (demo)")
TITLE = "Ouderen ontmoeten elkaar in het Zijlwegkwartier"

# The gemeente's team Zuidwest is made by the routekaart demo (projects/demo.py) as a
# partner of the Dichterswijk project; here it gets a login and its opdracht.
UTRECHT = "demo-gemeente-utrecht-zuidwest"
ALMERE = ("demo-gemeente-almere", "Gemeente Almere (demo)")
# The Almere projects of the routekaart demo.
ALMERE_PROJECTS = (ALMERE_TITLE, EMBEDDED_TITLE)
# What the gemeente Almere brings to each project (its role in the plan).
ALMERE_CONTRIBUTIONS = {
    ALMERE_PROJECTS[0]: "Subsidie voor de flyers; contact met de afdeling inkomen en schulden.",
    ALMERE_PROJECTS[1]: "Subsidie voor de boodschappen en de keuken in het buurthuis.",
}
MOTHERS = "demo-moedersgroep-dichterswijk"
REPAIR_CAFE = ("demo-repaircafe-almere-buiten", "Repair Café Almere Buiten (demo)")
MADE_UP = "Verzonnen organisatie voor de demo van het gemeente-overzicht"

# (e-mail, name, organisation slug, role): the gemeente logins besides
# gemeente@haarlem.demo (accounts/demo.py). Medewerkers, so that the demo can
# also pick up a support request and change a goal.
LOGINS = [
    ("gemeente@utrecht.demo", "Gebiedsadviseur Utrecht Zuidwest", UTRECHT, Role.STAFF),
    ("gemeente@almere.demo", "Beleidsadviseur sociaal domein Almere", ALMERE[0], Role.STAFF),
]
# One login that reads all three demo gemeenten, for whoever tries the demo: a member of
# each gemeente organisation, so it sees exactly what each gemeente sees and no more
# (the dashboard asks which gemeente; access stays per organisation, DESIGN.md §4).
ALL_GEMEENTEN_LOGIN = "gemeente@collectief.demo"
ALL_GEMEENTEN_NAME = "Demo: de drie gemeenten"
LOGINS += [
    (ALL_GEMEENTEN_LOGIN, ALL_GEMEENTEN_NAME, slug, Role.READER)
    for slug in ("gemeente-haarlem", UTRECHT, ALMERE[0])
]

# (asking initiative, kind, question, helper slug or None for open, the helper's note)
REQUESTS = [
    (
        MOTHERS,
        Kind.SPACE,
        "De koffieochtend groeit: we zijn nu met vijftien moeders en hun kleine kinderen. "
        "We zoeken een ruimte in de Dichterswijk met een keuken, op dinsdag- en "
        "donderdagochtend.",
        None,
        "",
    ),
    (
        MOTHERS,
        Kind.MONEY,
        "Voor koffie, thee en iets lekkers hebben we ongeveer 600 euro per jaar nodig.",
        UTRECHT,
        "Dit past in het initiatievenfonds. Ik help jullie met de aanvraag, die is kort.",
    ),
    (
        REPAIR_CAFE[0],
        Kind.SPACE,
        "We repareren elke eerste zaterdag van de maand met zes vrijwilligers. Het buurthuis "
        "gaat dicht voor een verbouwing. Wie weet een ruimte met tafels en stroom in "
        "Almere Buiten?",
        None,
        "",
    ),
    (
        REPAIR_CAFE[0],
        Kind.VOLUNTEERS,
        "We zoeken iemand die verstand heeft van kleine elektrische apparaten.",
        "wijkteam-almere",
        "We zetten het op de vacaturebank en vragen het rond bij de koffiebakfiets.",
    ),
]


# Per initiative a few facts and figures (made up, plausible for its size) that it
# shares with its gemeente, as Het Badhuis shares its results with Haarlem.
FIGURES: dict[str, tuple[str, list[dict[str, object]]]] = {
    MOTHERS: (
        UTRECHT,
        [
            {"label": "moeders op de koffieochtend", "value": 15, "qualifier": "gemiddeld",
             "period": Period.WEEK},
            {"label": "kinderen spelen mee", "value": 20, "qualifier": "ongeveer",
             "period": Period.WEEK},
            {"label": "koffieochtenden sinds de start", "value": 38},
        ],
    ),
    REPAIR_CAFE[0]: (
        ALMERE[0],
        [
            {"label": "reparaties", "value": 212, "period": Period.YEAR},
            {"label": "van de spullen gaat weer heel naar huis", "value": 68,
             "unit": Unit.PERCENT},
            {"label": "vrijwilligers uit de buurt", "value": 6},
        ],
    ),
}  # fmt: skip


def _organisation(slug: str, name: str, kind: str, areas: list[Area]) -> Organisation:
    return Organisation.objects.filter(slug=slug).first() or account_services.create_organisation(
        name=name,
        slug=slug,
        kind=kind,
        areas=areas,
        by=None,
        tagline=MADE_UP,
        public_description="",
        is_public=False,
    )


def _gemeente(name: str) -> Area | None:
    return Area.objects.filter(level=Area.Level.GEMEENTE, name=name).first()


def _set_goals(
    gemeente_org: Organisation, team: Organisation, gemeente: Area, targets: dict[str, int]
) -> None:
    for measure, target in targets.items():
        services_goals.set_goal(
            gemeente_org,
            by=None,
            team=team,
            gemeente=gemeente,
            measure=measure,
            target=target,
            year=this_year(),
        )


def _haarlem(stdout: TextIO) -> None:
    gemeente_org = Organisation.objects.filter(slug="gemeente-haarlem").first()
    badhuis = Organisation.objects.filter(slug="het-badhuis").first()
    haarlem = _gemeente("Haarlem")
    wijk = Area.objects.filter(level=Area.Level.WIJK, name="Zijlwegkwartier").first()
    theme = TaxonomyTerm.objects.themes().filter(code="eenzaamheid").first()
    if None in (gemeente_org, badhuis, haarlem, wijk, theme):
        stdout.write(gettext("Demo gemeente: Haarlem is missing, skipped.") + "\n")
        return
    assert gemeente_org and badhuis and haarlem and wijk and theme
    team = _organisation(TEAM[0], TEAM[1], Organisation.Kind.NEIGHBOURHOOD_TEAM, [haarlem])
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
    _fill_haarlem(project, badhuis, gemeente_org)
    _set_goals(gemeente_org, team, haarlem, {GoalMeasure.PROJECTS: 3, GoalMeasure.GAPS: 50})
    stdout.write(gettext("Demo gemeente: Haarlem's opdracht with two goals.") + "\n")


def _fill_haarlem(project: Project, badhuis: Organisation, gemeente_org: Organisation) -> None:
    """The Zijlwegkwartier project's step 1 answer and plan, filled once."""
    team = project.owner
    if project.members.exists():
        return
    if not project.who_acts:
        projects.set_who_acts(
            project,
            by=None,
            who_acts=WhoActs.TOGETHER,
            reason=(
                "Het Badhuis heeft de koffieochtend en het seniorenkoor; het wijkteam kent de "
                "ouderen die er niet komen. Dat lukt alleen samen."
            ),
        )
    services_plan.save_plan(
        project,
        by=None,
        organisation=team,
        problem="Ouderen die alleen wonen, komen niet vanzelf naar het Badhuis.",
        intention="Ouderen die weinig buiten komen, vinden de weg naar het Badhuis.",
        vision="Een buur haalt een buur op: bewoners nodigen zelf uit, het wijkteam wijst de weg.",
        desired_result="Over een jaar komen twintig ouderen die eerst alleen thuis zaten mee.",
        residents_role="Leden van het seniorenkoor halen nieuwe mensen op.",
    )
    for name, org, task in (
        ("Annelies Visser", team, "Ouderenadviseur wijkteam"),
        ("Ineke Mulder", badhuis, "Coördinator vrijwilligers Badhuis"),
    ):
        member = services_plan.add_member(
            project, by=None, organisation=team, name=name, member_organisation=org, task=task
        )
        services_plan.make_kartrekker(member, by=None, organisation=team)
    roles = (
        (team, "Ouderen vinden en uitnodigen", "Huisbezoeken; een lijst van ouderen die willen.",
         "Mag ouderen met hun toestemming voorstellen aan het Badhuis."),
        (badhuis, "Een warme plek", "Een ophaalmaatje bij de koffieochtend en het koor.",
         "Bepaalt zelf de activiteiten en de vrijwilligers."),
        (gemeente_org, "Kaders en financiering", "Subsidie voor de ophaalmaatjes.",
         "Beslist over de subsidie binnen het budget voor ontmoeting."),
    )  # fmt: skip
    for org, role, contribution, mandate in roles:
        services_plan.save_role(
            project,
            by=None,
            organisation=org,
            role=role,
            contribution=contribution,
            mandate=mandate,
        )
    for goal in (
        "Twintig ouderen die alleen thuis zaten, komen minstens één keer per maand.",
        "Tien ophaalmaatjes uit de buurt.",
    ):
        services_plan.add_goal(project, by=None, organisation=team, text=goal)
    services_plan.add_milestone(
        project,
        by=None,
        organisation=team,
        title="Eerste ophaalmaatjes aan de slag",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )


def _utrecht(stdout: TextIO) -> bool:
    gemeente_org = Organisation.objects.filter(slug=UTRECHT).first()
    team = Organisation.objects.filter(slug="buurtteam-zuidwest").first()
    utrecht = _gemeente("Utrecht")
    if gemeente_org is None or team is None or utrecht is None:
        stdout.write(gettext("Demo gemeente: Utrecht is missing, skipped.") + "\n")
        return False
    project = Project.objects.filter(
        owner__slug="dock-zuidwest", partnerships__organisation=gemeente_org
    ).first()
    if (
        project is not None
        and not PartnerRole.objects.filter(project=project, organisation=gemeente_org).exists()
    ):
        services_plan.save_role(
            project,
            by=None,
            organisation=gemeente_org,
            role="Opdrachtgever en financier",
            contribution="Het initiatievenfonds voor bewoners; contact met de afdeling wonen.",
            mandate="Beslist over aanvragen uit het initiatievenfonds tot 5.000 euro.",
            expectations="Dat de werkgroep twee keer per jaar laat zien wat bewoners merken.",
        )
    _set_goals(gemeente_org, team, utrecht, {GoalMeasure.PROJECTS: 2, GoalMeasure.GAPS: 40})
    stdout.write(gettext("Demo gemeente: Utrecht's opdracht for the Buurtteam Zuidwest.") + "\n")
    return True


def _almere(stdout: TextIO) -> bool:
    team = Organisation.objects.filter(slug="wijkteam-almere").first()
    almere = _gemeente("Almere")
    buiten = Area.objects.filter(code="WK003403", level=Area.Level.WIJK).first()
    found = list(Project.objects.filter(owner=team, title__in=ALMERE_PROJECTS))
    if team is None or almere is None or buiten is None or len(found) != len(ALMERE_PROJECTS):
        stdout.write(gettext("Demo gemeente: Almere is missing, skipped.") + "\n")
        return False
    gemeente_org = _organisation(ALMERE[0], ALMERE[1], Organisation.Kind.MUNICIPALITY, [almere])
    _organisation(REPAIR_CAFE[0], REPAIR_CAFE[1], Organisation.Kind.INITIATIVE, [buiten])
    for project in found:
        if project.partnerships.filter(organisation=gemeente_org).exists():
            continue
        # The gemeente was there from the start: it gives the kaders and the money.
        projects.add_partner(project, gemeente_org, by=None, joined_on=project.created_at.date())
        services_plan.save_role(
            project,
            by=None,
            organisation=gemeente_org,
            role="Kaders en financiering",
            contribution=ALMERE_CONTRIBUTIONS[project.title],
            mandate="Beslist over de subsidie binnen het budget voor de wijkaanpak.",
            expectations="Dat het wijkteam twee keer per jaar vertelt wat werkt en wat niet.",
        )
    _set_goals(gemeente_org, team, almere, {GoalMeasure.PROJECTS: 3, GoalMeasure.GAPS: 25})
    stdout.write(gettext("Demo gemeente: Almere's opdracht for the wijkteam.") + "\n")
    return True


def _logins() -> None:
    for email, name, slug, role in LOGINS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, name=name)
        Membership.objects.update_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )


def _requests() -> None:
    """The initiatives' support requests in Utrecht and Almere, each asked once."""
    for asking_slug, kind, question, helper_slug, note in REQUESTS:
        asking = Organisation.objects.filter(slug=asking_slug).first()
        if asking is None:
            continue
        if SupportRequest.objects.filter(organisation=asking, question=question).exists():
            continue
        gemeenten = gemeenten_of(asking)
        if not gemeenten:
            continue
        asked = support.ask_support(
            asking, by=None, gemeente=gemeenten[0], kind=kind, question=question
        )
        helper = Organisation.objects.filter(slug=helper_slug).first() if helper_slug else None
        if helper is not None:
            support.pick_up_request(asked, helper, by=None, note=note)


def _shares() -> None:
    """The initiatives' facts and figures, made once, shared once with their gemeente."""
    for owner_slug, (recipient_slug, rows) in FIGURES.items():
        owner = Organisation.objects.filter(slug=owner_slug).first()
        recipient = Organisation.objects.filter(slug=recipient_slug).first()
        if owner is None or recipient is None:
            continue
        if not Figure.objects.for_organisation(owner).exists():
            for row in rows:
                figures.create_figure(owner, by=None, **row)
        if not Share.objects.active().filter(owner=owner, recipient=recipient).exists():
            sharing.share_result(
                owner, by=None, kind="cijfers", object_id=ALL_FIGURES, recipient=recipient
            )


@transaction.atomic
def load_demo(stdout: TextIO) -> None:
    _haarlem(stdout)
    utrecht = _utrecht(stdout)
    almere = _almere(stdout)
    if utrecht or almere:
        _logins()
        _requests()
        _shares()
