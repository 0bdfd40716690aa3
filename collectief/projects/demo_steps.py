"""Demo of routekaart steps 2-4 (issue 13 point 11), after the Dichterswijk project exists.

- Dichterswijk (step 2): the werkgroep with two kartrekkers (Dock and the
  Buurtteam), a resident who agreed to be named, the why, roles, goals,
  planning and the project's own veranderverhaal.
- Almere Buiten, administratie-ondersteuning (step 3), from the wijkteam's
  rode draad "geldzorgen en schulden": its plan with two kartrekkers, three
  agreements, one missed and addressed, one kept, one due in two days; a
  progress log and an interim evaluation with residents.
- Almere Haven, "Samen eten" (finished): its plan, werkgroep and log;
  embedded in the regular offer as an activity of the wijkteam in the
  sociale kaart, with a published lesson.

Partners that do not exist in the other demos are made up; their names end in
"(demo)". Safe to run again: each project is found by owner and title and
filled only once.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from collectief.accounts import services as account_services
from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.directory.models import DirectoryOrganization, TaxonomyTerm
from collectief.projects import services, services_edit, services_plan, services_progress
from collectief.projects.models import (
    AgreementStatus,
    Decision,
    FollowUpKind,
    LogKind,
    Origin,
    Project,
    Step,
    WhoActs,
)

ALMERE = "wijkteam-almere"
ALMERE_TITLE = "Hulp bij de administratie in Almere Buiten"
EMBEDDED_TITLE = "Samen eten in Almere Haven"


def _partner(slug: str, name: str, kind: str, wijk: Area) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is not None:
        return organisation
    return account_services.create_organisation(
        name=name,
        slug=slug,
        kind=kind,
        areas=[wijk],
        by=None,
        tagline="Verzonnen partner voor de demo van de routekaart",
        public_description="",
        is_public=False,
    )


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def fill_dichterswijk(project: Project) -> None:
    if project.members.exists():
        return
    owner = project.owner
    buurtteam = Organisation.objects.filter(slug="buurtteam-zuidwest").first()
    corporatie = Organisation.objects.filter(slug="demo-woningcorporatie-zuidwest").first()
    services_plan.save_plan(
        project,
        by=None,
        organisation=owner,
        problem=(
            "Veertig van de zeventig huishoudens in een paar straten kregen hulp, van tien "
            "organisaties die elkaar nauwelijks kennen. Bewoners kennen elkaar weinig."
        ),
        intention="Samen één straat: hulp die op elkaar aansluit en een plek om elkaar te zien.",
        vision=(
            "Niet nog een organisatie erbij, maar regie: één werkgroep, twee kartrekkers, en "
            "continuïteit, ook als er iemand vertrekt."
        ),
        desired_result=(
            "Over een jaar weet elke organisatie wie wat doet in de straat, en is er elke week "
            "een koffieochtend die bewoners zelf mee organiseren."
        ),
        residents_role=(
            "De moeders van de koffieochtend zitten vanaf de eerste bijeenkomst in de werkgroep."
        ),
    )
    people: list[tuple[str, Organisation | None, str]] = [
        ("Sanne de Vries", owner, "Sociaal makelaar, voorzitter werkgroep"),
    ]
    if buurtteam is not None:
        people.append(("Mehmet Yilmaz", buurtteam, "Buurtteam, contact met de hulpverlening"))
    if corporatie is not None:
        people.append(("Ilse Bakker", corporatie, "Wijkconsulent"))
    people.append(("Fatima", None, "Bewoner, koffieochtend moeders"))
    members = [
        services_plan.add_member(
            project,
            by=None,
            organisation=owner,
            name=name,
            member_organisation=org,
            task=task,
            resident_consent=org is None,
        )
        for name, org, task in people
    ]
    for member in members[:2]:
        if member.organisation is not None:
            services_plan.make_kartrekker(member, by=None, organisation=owner)
    services_plan.save_role(
        project,
        by=None,
        organisation=owner,
        role="Regie en verbinden",
        contribution="Zes uur per week sociaal makelaar; de ruimte voor de koffieochtend.",
        mandate="Plant bijeenkomsten en nodigt partners uit.",
        expectations="Dat elke partner één vast gezicht in de straat heeft.",
    )
    if buurtteam is not None:
        services_plan.save_role(
            project,
            by=None,
            organisation=buurtteam,
            role="Hulp die aansluit",
            contribution="Spreekuur in de straat, één keer per twee weken.",
            mandate="Mag direct doorverwijzen binnen het buurtteam.",
            expectations="Dat we signalen uit de straat op tijd horen.",
        )
    for goal in (
        "Elke organisatie in de straat kent de andere en weet wie wat doet.",
        "Elke week een koffieochtend, mede georganiseerd door bewoners.",
        "Bewoners met zorgen over de energierekening weten waar ze terechtkunnen.",
    ):
        services_plan.add_goal(project, by=None, organisation=owner, text=goal)
    for title, days in (
        ("Eerste bijeenkomst van de tien organisaties", 14),
        ("Koffieochtend elke week", 45),
        ("Tussenevaluatie met bewoners", 120),
    ):
        services_plan.add_milestone(
            project, by=None, organisation=owner, title=title, due_on=_days(days)
        )
    services_plan.save_project_story(
        project,
        {
            "target_groups": [{"text": "Bewoners van de straten met oude sociale woningbouw"}],
            "approaches": [
                {"text": "Wekelijkse koffieochtend met de moeders"},
                {"text": "Eén werkgroep van de organisaties in de straat"},
            ],
            "effects": [
                {
                    "name": "ONTMOETING",
                    "description": "Bewoners kennen elkaar en groeten elkaar",
                    "level": "groep",
                    "indicators": [],
                },
                {
                    "name": "AANSLUITING",
                    "description": "Hulp in de straat sluit op elkaar aan",
                    "level": "wijk",
                    "indicators": [],
                },
            ],
            "contributions": [{"text": "Sociale cohesie"}, {"text": "Leefbaarheid"}],
            "links": [],
        },
        by=None,
        organisation=owner,
    )


def _member(
    project: Project, owner: Organisation, name: str, org: Organisation | None, task: str
) -> Any:
    return services_plan.add_member(
        project,
        by=None,
        organisation=owner,
        name=name,
        member_organisation=org,
        task=task,
        resident_consent=org is None,
    )


def fill_buiten_plan(project: Project) -> None:
    """The plan behind the Almere Buiten project: a step 3 project has one (its why, a
    werkgroep with two kartrekkers, roles, goals and planning). Filled once."""
    owner = project.owner
    library = Organisation.objects.filter(slug="demo-bibliotheek-almere").first()
    debt = Organisation.objects.filter(slug="demo-schuldhulp-almere").first()
    if project.goals.exists() or library is None or debt is None:
        return
    services_plan.save_plan(
        project,
        by=None,
        organisation=owner,
        problem=(
            "In Almere Buiten blijven brieven, toeslagen en rekeningen liggen. Mensen schamen "
            "zich en vragen pas hulp als de schuld groot is."
        ),
        intention="Dichtbij en vroeg helpen met de administratie, op een plek waar iedereen komt.",
        vision=(
            "Collectief waar mogelijk: een vast spreekuur in de bibliotheek. Individueel waar "
            "nodig: een warme overdracht naar schuldhulp."
        ),
        desired_result=(
            "Over een jaar is er elke zaterdag een spreekuur met vaste vrijwilligers, en komen "
            "mensen voordat een rekening bij de deurwaarder ligt."
        ),
        residents_role="Twee bewoners die zelf schulden hadden, denken mee over de flyer.",
    )
    joyce = project.members.filter(name="Joyce").first()
    if joyce is not None and not joyce.task:
        joyce = services_edit.update_member(
            joyce, by=None, organisation=owner, name=joyce.name, task="Opbouwwerker wijkteam"
        )
    erik = _member(project, owner, "Erik van Dam", library, "Coördinator vrijwilligers")
    _member(project, owner, "Naima Ouali", debt, "Schuldhulpverlener op het spreekuur")
    for member in (joyce, erik):
        if member is not None:
            services_plan.make_kartrekker(member, by=None, organisation=owner)
    roles = (
        (owner, "Regie en spreekuur", "Twee opbouwwerkers, vier uur per week; de flyer.",
         "Plant het spreekuur en spreekt partners aan op afspraken.",
         "Dat partners het laten weten als ze een afspraak niet halen."),
        (library, "Ruimte en vrijwilligers", "De leeszaal op zaterdagochtend; werving.",
         "Mag vrijwilligers inzetten op het spreekuur.",
         "Dat het wijkteam de vrijwilligers inwerkt."),
        (debt, "Schuldhulp op het spreekuur", "Eens per maand een vaste schuldhulpverlener.",
         "Mag direct een aanmelding voor schuldhulp doen.", ""),
    )  # fmt: skip
    for org, role, contribution, mandate, expectations in roles:
        services_plan.save_role(
            project,
            by=None,
            organisation=org,
            role=role,
            contribution=contribution,
            mandate=mandate,
            expectations=expectations,
        )
    for goal in (
        "Elke zaterdag een spreekuur met ten minste drie vrijwilligers.",
        "Mensen komen eerder: bij de eerste aanmaning, niet pas bij de deurwaarder.",
        "Wie schuldhulp nodig heeft, heeft binnen twee weken een gesprek.",
    ):
        services_plan.add_goal(project, by=None, organisation=owner, text=goal)
    first = services_plan.add_milestone(
        project, by=None, organisation=owner, title="Eerste zaterdagspreekuur", due_on=_days(-14)
    )
    services_plan.complete_milestone(first, by=None, organisation=owner)
    for title, days in (
        ("Drie vaste vrijwilligers ingewerkt", 30),
        ("Tussenevaluatie met bewoners en partners", 90),
    ):
        services_plan.add_milestone(
            project, by=None, organisation=owner, title=title, due_on=_days(days)
        )


def fill_haven(project: Project) -> None:
    """What the finished "Samen eten" project did: its why, werkgroep and log. Filled once."""
    owner = project.owner
    if project.members.exists():
        return
    services_plan.save_plan(
        project,
        by=None,
        organisation=owner,
        problem="Veel ouderen in Almere Haven eten alleen en zien dagen niemand.",
        intention="Samen eten als reden om de deur uit te gaan en buren te leren kennen.",
        vision="Bewoners koken zelf; het wijkteam helpt op gang en doet een stap terug.",
        desired_result="Elke week een maaltijd die bewoners zelf dragen.",
        residents_role="Twee bewoners koken vanaf de eerste maaltijd mee.",
    )
    marloes = _member(project, owner, "Marloes Jansen", owner, "Opbouwwerker wijkteam")
    youssef = _member(project, owner, "Youssef el Idrissi", owner, "Vrijwilligerscoördinator")
    _member(project, owner, "Ria", None, "Bewoner, kok")
    for member in (marloes, youssef):
        services_plan.make_kartrekker(member, by=None, organisation=owner)
    for goal in (
        "Elke week samen eten, met koks uit de buurt.",
        "Wie meedoet, kent na een half jaar ten minste twee buren bij naam.",
    ):
        services_plan.add_goal(project, by=None, organisation=owner, text=goal)
    services_progress.add_log_entry(
        project,
        by=None,
        organisation=owner,
        text="Eerste maaltijd in het buurthuis: twaalf mensen aan tafel, Ria kookte.",
        happened_on=_days(-150),
    )
    services_progress.add_log_entry(
        project,
        by=None,
        organisation=owner,
        kind=LogKind.INTERIM,
        residents=9,
        text="Bewoners willen elke week samen eten; twee van hen willen vaker koken.",
        happened_on=_days(-75),
    )


def _project(owner: Organisation, title: str, question: str, wijk: Area, theme: Any) -> Project:
    project = Project.objects.filter(owner=owner, title=title).first()
    if project is not None:
        return project
    project = services.create_project(
        owner,
        by=None,
        title=title,
        question=question,
        wijk=wijk,
        theme=theme,
        residents_involved=15,
        experts_involved=1,
        origin=Origin.SIGNALS,
    )
    services.set_who_acts(
        project,
        by=None,
        who_acts=WhoActs.TOGETHER,
        reason="Het komt in de signalen steeds terug en vraagt om meer dan één organisatie.",
    )
    return project


def load_almere() -> list[Project]:
    owner = Organisation.objects.filter(slug=ALMERE).first()
    buiten = Area.objects.filter(code="WK003403", level=Area.Level.WIJK).first()
    haven = Area.objects.filter(code="WK003401", level=Area.Level.WIJK).first()
    themes = {t.code: t for t in TaxonomyTerm.objects.themes()}
    if owner is None or buiten is None or haven is None:
        return []
    made = []
    project = _project(
        owner,
        ALMERE_TITLE,
        "Bij de koffiebakfiets en op het spreekuur horen we elke week over brieven die niet "
        "open gaan, toeslagen die terug moeten en rekeningen die oplopen. Hoe helpen we "
        "samen, dichtbij en op tijd?",
        buiten,
        themes["geldzorgen-en-schulden"],
    )
    made.append(project)
    if not project.agreements.exists():
        library = _partner(
            "demo-bibliotheek-almere", "Bibliotheek Almere Buiten (demo)", "overig", buiten
        )
        debt = _partner(
            "demo-schuldhulp-almere", "Schuldhulp Almere (demo)", "welzijnsorganisatie", buiten
        )
        for org in (library, debt):
            services.add_partner(project, org, by=None)
        services.set_step(project, Step.CARRY_OUT, by=None)
        services_plan.add_member(
            project, by=None, organisation=owner, name="Joyce", member_organisation=owner
        )
        missed = services_plan.add_agreement(
            project,
            by=None,
            organisation=owner,
            owner=library,
            person="Coördinator vrijwilligers",
            what="Drie vrijwilligers voor het zaterdagspreekuur werven",
            due_on=_days(-10),
        )
        services_plan.set_agreement_status(
            missed, AgreementStatus.MISSED, by=None, organisation=owner
        )
        services_plan.add_follow_up(
            missed,
            by=None,
            organisation=owner,
            kind=FollowUpKind.AGREE,
            note="Het was niet duidelijk wie werft. Nu vastgelegd: de bibliotheek, met onze flyer.",
        )
        kept = services_plan.add_agreement(
            project,
            by=None,
            organisation=owner,
            owner=owner,
            what="Flyer in eenvoudige taal over het spreekuur",
            due_on=_days(-20),
        )
        services_plan.set_agreement_status(kept, AgreementStatus.DONE, by=None, organisation=owner)
        services_plan.add_agreement(
            project,
            by=None,
            organisation=owner,
            owner=debt,
            what="Vaste schuldhulpverlener op het spreekuur, eens per maand",
            due_on=_days(2),
        )
        services_progress.add_log_entry(
            project,
            by=None,
            organisation=owner,
            text="Eerste zaterdagspreekuur in de bibliotheek: elf bezoekers, vooral over toeslagen.",
            happened_on=_days(-14),
        )
        services_progress.add_log_entry(
            project,
            by=None,
            organisation=owner,
            kind=LogKind.INTERIM,
            residents=7,
            text="Bewoners vinden de bibliotheek een goede plek; graag ook hulp bij DigiD.",
            happened_on=_days(-3),
        )
        services_progress.assess_contribution(
            project, library, by=None, organisation=owner, delivers="deels",
            note="Ruimte is er, vrijwilligers nog niet.",
        )  # fmt: skip
    fill_buiten_plan(project)
    embedded = _project(
        owner,
        EMBEDDED_TITLE,
        "Ouderen in Almere Haven eten vaak alleen. Kunnen we samen eten organiseren met "
        "bewoners, zodat ze elkaar weer zien?",
        haven,
        themes["eenzaamheid"],
    )
    made.append(embedded)
    fill_haven(embedded)
    if embedded.finished_on is None and DirectoryOrganization.objects.owned_by(owner).exists():
        services_progress.save_evaluation(
            embedded,
            by=None,
            organisation=owner,
            effect_summary=(
                "Elke donderdag eten twintig tot vijfentwintig buurtbewoners mee; in de "
                "tussenevaluatie zeiden bewoners dat ze elkaar nu ook buiten de maaltijd zien."
            ),
        )
        services_progress.add_lesson(
            embedded,
            by=None,
            organisation=owner,
            text=(
                "Begin klein, met een vaste dag en een vaste kok uit de buurt. Vraag bewoners "
                "vanaf de eerste keer wat ze zelf willen doen."
            ),
            is_public=True,
        )
        services_progress.decide(
            embedded,
            by=None,
            decision=Decision.EMBED,
            note="Het werkt, en bewoners dragen het mee: vast aanbod van het wijkteam.",
        )
    return made
