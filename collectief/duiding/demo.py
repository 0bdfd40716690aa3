"""Demo samen duiden (issue 14 point 7): Het Badhuis reads its bewonersmeting together.

Magazine p. 32-37: 94 volunteers, 42 bardiensten a month, a questionnaire
answered by 111 residents of the Leidsebuurt about verbondenheid, steunend
netwerk and empowerment. Jan Willem (volunteer) and Mara Limbeek (one of the
initiators) are named in the magazine; the other participants are recorded
by role only.

- a Waardendriehoek with seven participants (volunteers, board, a partner);
- an Effectenarena with the volunteers, the board, the gemeente, a fund and
  the residents as actors;
- a samen-duiden session on the bewonersmeting with the four answers for
  each effect, conclusions and two open actions (on the home page).

The session's dates follow today's date, so its actions are due in the
coming weeks whenever the demo is loaded. Safe to run again: every session
is found by its organisation and title and filled in only when new.
"""

from __future__ import annotations

import datetime
from typing import Any, TextIO

from django.utils import timezone
from django.utils.translation import gettext

from collectief.accounts.models import Organisation
from collectief.changestories.models import Effect
from collectief.duiding import services
from collectief.duiding.models import (
    ArenaSession,
    InterpretationSession,
    ParticipantRole,
    TriangleSession,
    Valuation,
)
from collectief.surveys.models import Survey

ORGANISATION = "het-badhuis"
SURVEY_TITLE = "Badhuis: meting onder bewoners van de Leidsebuurt"
TRIANGLE_TITLE = "Waardendriehoek met vrijwilligers en bestuur"
ARENA_TITLE = "Effectenarena: wie investeert en wie wint er?"
SESSION_TITLE = "Samen duiden: de bewonersmeting"

R = ParticipantRole
# (role, name, (rendement, why), (legitimiteit, why), (betrokkenheid, why))
TRIANGLE_SCORES: list[tuple[str, str, tuple[int, str], tuple[int, str], tuple[int, str]]] = [
    (
        R.VOLUNTEER,
        "Jan Willem",
        (8, "Met weinig geld gebeurt er elke dag iets; alles draait op vrijwilligers."),
        (7, "Iedereen mag meedoen, maar niet iedereen weet hoe besluiten worden genomen."),
        (9, "Niemand is hier de baas. Ik kan mijn activiteit op mijn manier doen."),
    ),
    (
        R.BOARD,
        "Mara Limbeek",
        (7, "94 vrijwilligers en 42 bardiensten per maand voor een klein budget."),
        (8, "We leggen verantwoording af aan de buurt en aan de subsidiegever."),
        (9, "Het programma komt van de bewoners zelf."),
    ),
    (
        R.VOLUNTEER,
        "",
        (6, "Soms draaien te weinig mensen de bar; dan gaat er energie verloren."),
        (7, "De huisregels zijn duidelijk, de financiën minder zichtbaar."),
        (8, "Je voelt je welkom, ook als nieuwe vrijwilliger."),
    ),
    (
        R.VOLUNTEER,
        "",
        (8, "Het gebouw wordt de hele week gebruikt."),
        (6, "Niet iedereen in de buurt weet wat we doen en wie erover gaat."),
        (8, "Veel mensen organiseren zelf iets."),
    ),
    (
        R.PARTICIPANT,
        "",
        (7, "Voor mij is het elke week een reden om de deur uit te gaan."),
        (8, "Het is van iedereen, dat merk je."),
        (7, "Ik kom vooral, ik organiseer (nog) niets."),
    ),
    (
        R.BOARD,
        "",
        (6, "We weten te weinig wat het oplevert voor mensen die minder vaak komen."),
        (9, "Open jaarverslag en een ledenvergadering."),
        (8, "Veel nieuwe vrijwilligers in het afgelopen jaar."),
    ),
    (
        R.PARTNER,
        "",
        (7, "De buurt lost veel zelf op; wij zien minder losse vragen."),
        (7, "Een betrouwbare partner, maar afspraken staan weinig op papier."),
        (9, "Sterke eigenaarschap in de buurt."),
    ),
]

# (name, investment)
ARENA_ACTORS = [
    ("Vrijwilligers", "94 vrijwilligers, gemiddeld 42 bardiensten per maand; hun talenten"),
    ("Bestuur", "Coördinatie, roosters, verantwoording en fondsenwerving"),
    ("Gemeente Haarlem", "Subsidie voor de exploitatie van het gebouw"),
    ("Fonds (verbouwing)", "Bijdrage aan de verbouwing, zoals de lage bar voor rolstoelen"),
    ("Buurtbewoners", "Tijd, ideeën en spullen voor activiteiten"),
]
# (description, effect name, gainers, valuation, why)
ARENA_EFFECTS: list[tuple[str, str, list[str], int, str]] = [
    (
        "Bewoners kennen elkaar en maken vaker een praatje",
        "VERBONDENHEID",
        ["Buurtbewoners", "Vrijwilligers", "Gemeente Haarlem"],
        Valuation.VERY_LARGE,
        "Volgens de groep het belangrijkste: de buurt is socialer geworden.",
    ),
    (
        "Bewoners vragen en geven elkaar vaker hulp",
        "STEUNEND NETWERK",
        ["Buurtbewoners", "Gemeente Haarlem"],
        Valuation.MODERATE,
        "Het gebeurt, maar minder dan gehoopt; de gemeente wint mee omdat vragen eerder "
        "in de buurt worden opgelost.",
    ),
    (
        "Vrijwilligers zetten hun talenten in en groeien in zelfvertrouwen",
        "EMPOWERMENT",
        ["Vrijwilligers"],
        Valuation.LARGE,
        "Het rockkoor, de stoelyoga en de kinderfeesten komen van bewoners zelf.",
    ),
]

# effect name: (recognise, explain, judge, act)
READINGS: dict[str, tuple[str, str, str, str]] = {
    "VERBONDENHEID": (
        "Ja. Dat ruim 70 procent andere buurtbewoners heeft leren kennen past bij wat we aan "
        "de bar zien.",
        "De koffie-inloop en de grote feesten brengen mensen samen die elkaar anders niet "
        "tegenkomen.",
        "Trots: dit is waar het Badhuis voor is.",
        "Nieuwe bewoners actief uitnodigen, want wie net komt wonen vindt ons nog niet altijd.",
    ),
    "STEUNEND NETWERK": (
        "Deels. We hadden gedacht dat meer mensen elkaar zouden helpen.",
        "Hulp vragen is een grotere stap dan een praatje maken; niet iedereen durft dat.",
        "Hier valt het meeste te winnen.",
        "Hulp vragen en bieden zichtbaarder en makkelijker maken.",
    ),
    "EMPOWERMENT": (
        "Ja, vooral bij de vrijwilligers die zelf iets zijn begonnen.",
        "Iedereen krijgt de ruimte om een activiteit te beginnen; er is geen beroepskracht die "
        "bepaalt hoe het moet.",
        "Mooi, maar we horen vooral de mensen die al actief zijn.",
        "",
    ),
}
CONCLUSIONS = (
    "De cijfers herkennen we: het Badhuis brengt de buurt samen en geeft bewoners de ruimte om "
    "hun talenten in te zetten. Het steunend netwerk blijft achter bij de verbondenheid; "
    "elkaar kennen leidt nog niet vanzelf tot elkaar helpen. De meting is een indruk, geen "
    "bewijs: we horen vooral de mensen die al komen. Volgend jaar meten we opnieuw en vragen "
    "we ook nieuwe bewoners."
)
PARTICIPANTS = [
    (R.BOARD, "Mara Limbeek"),
    (R.VOLUNTEER, "Jan Willem"),
    (R.VOLUNTEER, ""),
    (R.VOLUNTEER, ""),
    (R.PARTICIPANT, ""),
    (R.RESIDENT, ""),
    (R.PARTNER, ""),
]
# (description, owner, days from today, effect name)
ACTIONS = [
    (
        "Welkomstmiddag voor nieuwe bewoners van de Leidsebuurt organiseren",
        "Mara Limbeek",
        42,
        "VERBONDENHEID",
    ),
    (
        "Een klussen- en hulpbord in de hal ophangen: vraag en aanbod van buren",
        "Jan Willem",
        21,
        "STEUNEND NETWERK",
    ),
]


def _effects(organisation: Organisation) -> dict[str, Effect]:
    return {
        e.name.strip().upper(): e
        for e in Effect.objects.filter(story__organisation=organisation)
        if e.name
    }


def _triangle(
    organisation: Organisation, effects: dict[str, Effect], today: datetime.date
) -> None:
    if TriangleSession.objects.filter(organisation=organisation, title=TRIANGLE_TITLE).exists():
        return
    session = services.create_triangle_session(
        organisation,
        by=None,
        title=TRIANGLE_TITLE,
        held_on=today - datetime.timedelta(days=48),
        effects=list(effects.values()),
        note="Op een woensdagavond in het Badhuis, geleid door iemand van buiten het bestuur.",
    )
    for role, name, rendement, legitimiteit, betrokkenheid in TRIANGLE_SCORES:
        services.add_triangle_score(
            session,
            by=None,
            role=role,
            name=name,
            scores={
                "rendement": rendement[0],
                "legitimiteit": legitimiteit[0],
                "betrokkenheid": betrokkenheid[0],
            },
            arguments={
                "rendement": rendement[1],
                "legitimiteit": legitimiteit[1],
                "betrokkenheid": betrokkenheid[1],
            },
        )


def _arena(organisation: Organisation, effects: dict[str, Effect], today: datetime.date) -> None:
    if ArenaSession.objects.filter(organisation=organisation, title=ARENA_TITLE).exists():
        return
    session = services.create_arena_session(
        organisation,
        by=None,
        title=ARENA_TITLE,
        held_on=today - datetime.timedelta(days=35),
        effects=list(effects.values()),
        note="Zes deelnemers rond een vel op A1; de voorzitter vatte elke redenering samen.",
    )
    actors = {
        name: services.add_arena_actor(session, by=None, name=name, investment=investment)
        for name, investment in ARENA_ACTORS
    }
    for description, effect_name, gainers, valuation, why in ARENA_EFFECTS:
        services.add_arena_effect(
            session,
            by=None,
            description=description,
            effect=effects.get(effect_name),
            gainers=[actors[g] for g in gainers],
            valuation=valuation,
            valuation_why=why,
        )


def _session(organisation: Organisation, effects: dict[str, Effect], today: datetime.date) -> Any:
    existing = InterpretationSession.objects.filter(
        organisation=organisation, title=SESSION_TITLE
    ).first()
    if existing is not None:
        return existing
    survey = Survey.objects.filter(organisation=organisation, title=SURVEY_TITLE).first()
    session = services.create_interpretation_session(
        organisation,
        by=None,
        title=SESSION_TITLE,
        held_on=today - datetime.timedelta(days=14),
        period_start=datetime.date(2022, 3, 1),
        period_end=datetime.date(2023, 5, 1),
        survey=survey,
        note="Met koffie aan de lange tafel; de uitkomsten op het scherm, één effect tegelijk.",
    )
    for role, name in PARTICIPANTS:
        services.add_participant(session, by=None, role=role, name=name)
    for effect_name, (recognise, explain, judge, act) in READINGS.items():
        effect = effects.get(effect_name)
        if effect is not None:
            services.record_reading(
                session,
                effect,
                by=None,
                recognise=recognise,
                explain=explain,
                judge=judge,
                act=act,
            )
    services.set_conclusions(session, by=None, conclusions=CONCLUSIONS)
    for description, owner, days, effect_name in ACTIONS:
        services.add_follow_up(
            session,
            by=None,
            description=description,
            owner=owner,
            due_on=today + datetime.timedelta(days=days),
            effect=effects.get(effect_name),
        )
    return session


def load_demo(stdout: TextIO) -> None:
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    if organisation is None:
        stdout.write(
            "  "
            + gettext("samen duiden: organisation %(slug)s is missing, skipped")
            % {"slug": ORGANISATION}
            + "\n"
        )
        return
    effects = _effects(organisation)
    today = timezone.localdate()
    _triangle(organisation, effects, today)
    _arena(organisation, effects, today)
    session = _session(organisation, effects, today)
    stdout.write(
        "  "
        + gettext(
            "samen duiden: %(name)s, a Waardendriehoek, an Effectenarena and session %(id)s "
            "with two actions"
        )
        % {"name": organisation.name, "id": session.pk}
        + "\n"
    )
