"""Demo routekaart (issue 13 point 11): Utrecht Dichterswijk, "ruim tien organisaties in één straat".

Magazine p. 22-23: in a few streets of old social housing in the
Dichterswijk, forty of seventy households had help in seven years, from
about ten professional organisations, each doing its own thing. Dock and
the Buurtteam now look together with the housing association, the
gemeente and youth work at what they can do; mothers meet over coffee.

The project is in step 2 (plan of action) with ten partners. Besides the
Buurtteam, the partners are made-up organisations whose names end in
"(demo)": no real organisation is named. Safe to run again: the project is
found by its owner and title, and only missing partners are added.
"""

from __future__ import annotations

from typing import TextIO

from django.db import transaction
from django.utils.translation import gettext, ngettext

from collectief.accounts.demo import DEMO_PASSWORD
from collectief.accounts.models import Membership, Organisation, Role, User
from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.projects import demo_steps, services
from collectief.projects.demo_steps import _partner
from collectief.projects.models import Origin, Project, Step, WhoActs

OWNER = "dock-zuidwest"
TITLE = "Samen één straat in de Dichterswijk"
QUESTION = (
    "In een paar straten met oude sociale woningbouw is weinig sociale cohesie. Veertig van de "
    "zeventig huishoudens kregen de afgelopen zeven jaar hulp, van wel tien organisaties die "
    "ieder hun eigen ding doen. Hoe werken we samen aan ontmoeting en aan de zorgen die "
    "bewoners delen, zoals de gestegen energieprijzen?"
)
WIJK = "WK034408"
THEME = "ontmoeting"
# The Buurtteam (from the signals demo) and nine made-up partners.
EXISTING_PARTNERS = ["buurtteam-zuidwest"]
DEMO_PARTNERS = [
    ("demo-woningcorporatie-zuidwest", "Woningcorporatie Zuidwest (demo)", "woningcorporatie"),
    ("demo-gemeente-utrecht-zuidwest", "Gemeente Utrecht, team Zuidwest (demo)", "gemeente"),
    ("demo-jongerenwerk-zuidwest", "Jongerenwerk Zuidwest (demo)", "welzijnsorganisatie"),
    ("demo-huisartsen-dichterswijk", "Huisartsenpraktijk Dichterswijk (demo)", "zorgaanbieder"),
    ("demo-ggz-zuidwest", "GGZ-team Zuidwest (demo)", "zorgaanbieder"),
    ("demo-schuldhulp-zuidwest", "Schuldhulp Zuidwest (demo)", "welzijnsorganisatie"),
    ("demo-basisschool-dichter", "Basisschool De Dichter (demo)", "overig"),
    ("demo-buurtsport-zuidwest", "Buurtsportcoaches Zuidwest (demo)", "welzijnsorganisatie"),
    (
        "demo-moedersgroep-dichterswijk",
        "Koffieochtend moeders Dichterswijk (demo)",
        "bewonersinitiatief",
    ),
]


# Demo logins to see the project as its owner and as a partner (the same
# password as the other demo logins; printed by this module, because these
# organisations are made after the accounts demo).
LOGINS = [
    ("dock@zuidwest.demo", "Sociaal makelaar Dock", OWNER, Role.STAFF),
    (
        "corporatie@zuidwest.demo",
        "Wijkconsulent (demo)",
        "demo-woningcorporatie-zuidwest",
        Role.READER,
    ),
]


def _logins() -> None:
    for email, name, slug, role in LOGINS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, name=name)
        Membership.objects.update_or_create(
            user=user, organisation=Organisation.objects.get(slug=slug), defaults={"role": role}
        )


@transaction.atomic
def load_demo(stdout: TextIO) -> None:
    owner = Organisation.objects.filter(slug=OWNER).first()
    wijk = Area.objects.filter(code=WIJK, level=Area.Level.WIJK).first()
    theme = TaxonomyTerm.objects.themes().filter(code=THEME).first()
    if owner is None or wijk is None or theme is None:
        stdout.write(
            gettext("Demo routekaart: Dock Zuidwest or its wijk is missing, skipped.") + "\n"
        )
        return
    project = Project.objects.filter(owner=owner, title=TITLE).first()
    if project is None:
        project = services.create_project(
            owner,
            by=None,
            title=TITLE,
            question=QUESTION,
            wijk=wijk,
            theme=theme,
            residents_involved=6,
            experts_involved=2,
            origin=Origin.SIGNALS,
        )
        services.set_who_acts(
            project,
            by=None,
            who_acts=WhoActs.TOGETHER,
            reason=(
                "Er is ontmoeting in de wijk, maar niet in deze straten en niet samen met de "
                "hulp die er al is. Dat kan geen organisatie alleen."
            ),
        )
        services.set_step(project, Step.PLAN, by=None)
    partners = list(Organisation.objects.filter(slug__in=EXISTING_PARTNERS))
    partners += [_partner(slug, name, kind, wijk) for slug, name, kind in DEMO_PARTNERS]
    current = set(
        project.partnerships.filter(left_on__isnull=True).values_list("organisation", flat=True)
    )
    for organisation in partners:
        if organisation.pk not in current:
            services.add_partner(project, organisation, by=None)
    _logins()
    demo_steps.fill_dichterswijk(project)
    almere = demo_steps.load_almere()
    stdout.write(
        ngettext(
            "Demo routekaart: %(title)s with %(count)d partner.",
            "Demo routekaart: %(title)s with %(count)d partners.",
            len(partners),
        )
        % {"title": project.title, "count": len(partners)}
        + "\n"
    )
    if almere:
        stdout.write(
            gettext("Demo routekaart Almere: %(titles)s.")
            % {"titles": ", ".join(p.title for p in almere)}
            + "\n"
        )
    for email, _name, slug, role in LOGINS:
        stdout.write(f"  {email:<28} {role:<11} {slug}\n")
