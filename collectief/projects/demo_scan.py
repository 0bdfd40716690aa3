"""Demo randvoorwaarden scan (issue 13 point 11): four partners of the Dichterswijk project.

They disagree where the magazine (p. 22-23) says it hurt: the gemeente finds
its assignment clear, Dock and the Buurtteam miss direction; the
housing association does not know its role; everyone agrees on focus.
Safe to run again: each organisation's scores in round 1 are replaced.
"""

from __future__ import annotations

from typing import TextIO

from django.db import transaction
from django.utils.translation import gettext

from collectief.accounts.models import Organisation
from collectief.projects import scan
from collectief.projects.demo import OWNER, TITLE
from collectief.projects.models import Project

SCORES: dict[str, dict[str, tuple[int, str]]] = {
    "dock-zuidwest": {
        "opdracht": (2, "Er is geen duidelijke regie: iedereen wacht op iedereen."),
        "rollen": (4, "De twee kartrekkers zijn benoemd."),
        "samenwerking": (3, ""),
        "focus": (4, "Ontmoeting en de energierekening."),
        "voortgang": (2, "Geen vaste momenten om samen terug te kijken."),
        "leren": (3, ""),
        "verwachtingen": (3, ""),
        "vertrouwen": (4, "De moeders komen elke week."),
    },
    "demo-gemeente-utrecht-zuidwest": {
        "opdracht": (5, "Collectief waar mogelijk staat in de opdracht aan de buurtteams."),
        "rollen": (4, ""),
        "samenwerking": (4, ""),
        "focus": (4, ""),
        "voortgang": (4, ""),
        "leren": (3, ""),
        "verwachtingen": (4, ""),
        "vertrouwen": (3, ""),
    },
    "demo-woningcorporatie-zuidwest": {
        "opdracht": (3, ""),
        "rollen": (1, "Wij weten niet wat er van ons verwacht wordt."),
        "samenwerking": (2, "Geen vaste contactpersoon bij de anderen."),
        "focus": (4, ""),
        "voortgang": (3, ""),
        "leren": (2, ""),
        "verwachtingen": (2, "Nooit uitgesproken wat we van elkaar verwachten."),
        "vertrouwen": (3, ""),
    },
    "buurtteam-zuidwest": {
        "opdracht": (2, "Wij krijgen geen uren voor collectief werk."),
        "rollen": (3, ""),
        "samenwerking": (3, ""),
        "focus": (5, ""),
        "voortgang": (2, ""),
        "leren": (3, ""),
        "verwachtingen": (3, ""),
        "vertrouwen": (4, ""),
    },
}


@transaction.atomic
def load_demo(stdout: TextIO) -> None:
    project = Project.objects.filter(owner__slug=OWNER, title=TITLE).first()
    if project is None:
        stdout.write(gettext("Demo scan: the Dichterswijk project is missing, skipped.") + "\n")
        return
    scan_round = scan.current_round(project) or scan.start_scan_round(project, by=None)
    scored = 0
    for slug, scores in SCORES.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None or not scan.takes_part(project, organisation):
            continue
        scan.save_scan_scores(
            scan_round,
            organisation,
            {code: (score, comment) for code, (score, comment) in scores.items()},
            by=None,
        )
        scored += 1
    stdout.write(
        gettext("Demo scan: %(count)d partners scored the conditions.") % {"count": scored} + "\n"
    )
