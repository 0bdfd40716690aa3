"""Demo rode draden (issue 11 point 9): Almere's wijkteam and Utrecht Zuidwest.

Almere (magazine p. 8-9): the wijkteam's antennes, with the koffiebakfiets at
the supermarket, hear most about administratie en geldzorgen, wonen (people
looking for other or fitting housing), taal and eenzaamheid. Utrecht
Zuidwest (p. 22-23): in the Dichterswijk a few streets of old social housing
with little cohesion, mothers meeting over coffee about the energy prices.

Twelve months up to the last complete month, generated from a fixed seed so
every run gives the same numbers. Every note starts with "(demo)" and is
already in the redacted form a real note is stored in. One month of Almere
Buiten is discussed, with actions. Safe to run again: the demo signals of
these organisations are replaced, the discussion is updated in place.
"""

from __future__ import annotations

import datetime
import random
from typing import Any, TextIO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from collectief.accounts import services as account_services
from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.audit.services import record_event
from collectief.directory.models import TaxonomyTerm
from collectief.signals import services_discussion
from collectief.signals.models import Action, Signal, SignalTheme
from collectief.signals.summary import Period

DEMO_MARK = "(demo)"
MONTHS = 12

# (organisation slug, name, kind, area names or gemeente, tagline)
PARTNERS: list[dict[str, Any]] = [
    {
        "slug": "buurtteam-zuidwest",
        "name": "Buurtteam Utrecht Zuidwest",
        "kind": Organisation.Kind.NEIGHBOURHOOD_TEAM,
        "areas": ["Wijk 08 Zuidwest"],
        "tagline": "Ondersteuning dichtbij, in Dichterswijk en Rivierenwijk",
    },
    {
        "slug": "dock-zuidwest",
        "name": "Dock Utrecht Zuidwest",
        "kind": Organisation.Kind.WELFARE,
        "areas": ["Wijk 08 Zuidwest"],
        "tagline": "Sociaal makelaars: samen met bewoners de buurt sterker maken",
    },
]

# Per theme a base number of signals per wijk and month, and how it moves:
# "winter" peaks in December-February (energy bills), "rising" grows over the year.
ALMERE_THEMES = {
    "geldzorgen-en-schulden": (16, "winter"),
    "wonen": (11, "rising"),
    "taal-en-digitale-vaardigheden": (9, "flat"),
    "eenzaamheid": (8, "winter"),
    "opvoeden-en-opgroeien": (4, "flat"),
    "psychische-gezondheid": (3, "flat"),
    "werk-en-dagbesteding": (2, "flat"),
    "mantelzorg": (1, "flat"),
}
ALMERE_WIJKEN = {  # relative size of the wijk
    "WK003401": 0.7,  # Almere Haven
    "WK003402": 1.6,  # Almere Stad
    "WK003403": 1.2,  # Almere Buiten
    "WK003404": 0.8,  # Almere Poort
    "WK003405": 0.5,  # Almere Hout
}
UTRECHT_THEMES = {
    "eenzaamheid": (5, "winter"),
    "geldzorgen-en-schulden": (6, "winter"),
    "opvoeden-en-opgroeien": (4, "flat"),
    "wonen": (3, "flat"),
    "ontmoeting": (3, "rising"),
    "veiligheid": (1, "flat"),
}
UTRECHT_BUURTEN = {"BU03440800": 1.0, "BU03440801": 0.6}  # Dichterswijk, Rivierenwijk

# Already redacted, as a stored note looks. Chosen per theme.
NOTES = {
    "geldzorgen-en-schulden": [
        "[NAAM] kwam bij de bakfiets met een stapel ongeopende post, o.a. aanmaning energie.",
        "Vraag bij het administratiespreekuur: toeslag teruggevorderd, weet niet hoe bezwaar.",
        "Gezin met schulden bij de zorgverzekeraar, schaamt zich om hulp te vragen.",
        "Energierekening verdubbeld, huur niet meer betaald deze maand.",
    ],
    "wonen": [
        "Zoekt kleinere woning nu de kinderen uit huis zijn, wachtlijst te lang.",
        "Schimmel in de badkamer, corporatie reageert niet op melding.",
        "Bij de bijeenkomst over wonen: drie mensen denken aan woningruil.",
        "Woont met vier personen in een tweekamerflat aan de [ADRES].",
    ],
    "taal-en-digitale-vaardigheden": [
        "Begrijpt brieven van de gemeente niet, leest weinig Nederlands.",
        "Wil graag oefenen met praten, vraagt naar klets en koek.",
        "Kan DigiD niet gebruiken, zoon helpt niet meer.",
    ],
    "eenzaamheid": [
        "Oudere man bij de supermarkt, praat met niemand sinds overlijden partner.",
        "Nieuw in de wijk, kent niemand, zou graag iets doen met anderen.",
        "[NAAM] zegt dat ze soms dagen niemand spreekt.",
    ],
    "opvoeden-en-opgroeien": [
        "Moeder zoekt contact met andere moeders, voelt zich alleen met de opvoeding.",
        "Zorgen over puber die niet meer naar school gaat.",
    ],
    "psychische-gezondheid": ["Somber sinds het verlies van werk, wachtlijst ggz."],
    "werk-en-dagbesteding": ["Zoekt vrijwilligerswerk om structuur te hebben."],
    "mantelzorg": ["Zorgt voor moeder met dementie, overbelast."],
    "ontmoeting": ["Koffieochtend moeders: vraag om een vaste plek in de buurt."],
    "veiligheid": ["Onrustig bij de flat 's avonds, bewoners durven niet naar buiten."],
}
ROLES_ALMERE = ["wijkteam"] * 6 + ["bewoner", "huisarts", "corporatie", "welzijn"]
ROLES_UTRECHT = ["wijkteam"] * 4 + ["welzijn", "welzijn", "bewoner", "corporatie", "huisarts"]


def _months(today: datetime.date) -> list[Period]:
    period = Period.last_complete(today)
    months = []
    for _ in range(MONTHS):
        months.append(period)
        period = period.previous()
    return list(reversed(months))


def _factor(trend: str, index: int, month: datetime.date) -> float:
    if trend == "winter":
        return 1.5 if month.month in (12, 1, 2) else 0.9
    if trend == "rising":
        return 0.6 + 0.8 * index / (MONTHS - 1)
    return 1.0


def _organisation(spec: dict[str, Any]) -> Organisation:
    areas = list(Area.objects.filter(name__in=spec["areas"]))
    organisation = Organisation.objects.filter(slug=spec["slug"]).first()
    profile = {"tagline": spec["tagline"], "public_description": "", "is_public": True}
    if organisation is None:
        return account_services.create_organisation(
            name=spec["name"],
            slug=spec["slug"],
            kind=spec["kind"],
            areas=areas,
            by=None,
            **profile,
        )
    return organisation


def _signals(
    organisation: Organisation,
    areas: dict[str, float],
    themes: dict[str, tuple[int, str]],
    roles: list[str],
    months: list[Period],
    rng: random.Random,
) -> int:
    """Replace the organisation's demo signals by a fresh, identical set."""
    terms = {t.code: t for t in TaxonomyTerm.objects.themes()}
    area_objects = {a.code: a for a in Area.objects.filter(code__in=list(areas))}
    Signal.objects.filter(organisation=organisation, note__startswith=DEMO_MARK).delete()
    Signal.objects.filter(organisation=organisation, note="", created_by=None).delete()
    today = timezone.localdate()
    made: list[tuple[Signal, list[TaxonomyTerm]]] = []
    for index, month in enumerate(months):
        for code, size in areas.items():
            area = area_objects.get(code)
            if area is None:
                continue
            for theme_code, (base, trend) in themes.items():
                expected = base * size * _factor(trend, index, month.start)
                for _ in range(max(0, round(rng.gauss(expected, expected**0.5 or 0.5)))):
                    day = month.start + datetime.timedelta(days=rng.randrange(28))
                    extra = [
                        c
                        for c in rng.sample(list(themes), k=rng.choice((0, 0, 0, 1)))
                        if c != theme_code
                    ]
                    note = ""
                    if rng.random() < 0.35:
                        note = f"{DEMO_MARK} {rng.choice(NOTES[theme_code])}"
                    signal = Signal(
                        organisation=organisation,
                        area=area,
                        source_role=rng.choice(roles),
                        age_band=rng.choice(["", "", "18-26", "27-65", "27-65", "65+"]),
                        date=min(day, today),
                        note=note,
                        channel="antenne" if rng.random() < 0.15 else "snel",
                    )
                    made.append((signal, [terms[c] for c in [theme_code, *extra] if c in terms]))
    Signal.objects.bulk_create([s for s, _ in made], batch_size=500)
    SignalTheme.objects.bulk_create(
        [SignalTheme(signal=s, theme=t) for s, ts in made for t in ts], batch_size=1000
    )
    record_event(
        "signals.demo.load",
        organisation,
        by=None,
        organisation_id=organisation.pk,
        details={"signals": len(made)},
    )
    return len(made)


def _discussion(organisation: Organisation, months: list[Period]) -> None:
    wijk = Area.objects.filter(code="WK003403").first()  # Almere Buiten
    if wijk is None:
        return
    period = months[-1]
    discussion = services_discussion.save_discussion(
        organisation,
        wijk,
        period,
        by=None,
        discussed_on=period.end,
        recognised=(
            "Ja. Geldzorgen en wonen komen elke week terug bij de bakfiets en op het "
            "administratiespreekuur. Dat wonen blijft stijgen herkennen we ook van de corporatie."
        ),
        unknown=(
            "Hoeveel mensen met geldzorgen ook niet goed Nederlands lezen. Of de huurders van de "
            "corporatie in Buiten de bijeenkomsten over wonen weten te vinden."
        ),
        approach=(
            "Tweede bijeenkomst over passend wonen in Buiten, samen met de corporatie. Het "
            "administratiespreekuur ook op zaterdag in de bibliotheek."
        ),
    )
    if discussion.actions.exists():
        return
    terms = {t.code: t for t in TaxonomyTerm.objects.themes()}
    plan = [
        ("Bijeenkomst 'Passend wonen' in Almere Buiten organiseren", "Opbouwwerker Buiten", 21,
         Action.Kind.TASK, "wonen"),
        ("Administratiespreekuur op zaterdag in de bibliotheek proberen", "Maatschappelijk werk",
         35, Action.Kind.TASK, "geldzorgen-en-schulden"),
        ("Start een collectief project: 'klets en koek' voor taal en ontmoeting", "Vrijwilligerscoördinator",
         60, Action.Kind.PROJECT, "taal-en-digitale-vaardigheden"),
    ]  # fmt: skip
    for description, owner, days, kind, theme in plan:
        services_discussion.add_action(
            discussion,
            by=None,
            description=description,
            owner=owner,
            due_date=period.end + datetime.timedelta(days=days),
            kind=kind,
            theme=terms.get(theme),
        )


@transaction.atomic
def load_demo(stdout: TextIO) -> None:
    months = _months(timezone.localdate())
    rng = random.Random(2024)
    total = 0
    almere = Organisation.objects.filter(slug="wijkteam-almere").first()
    if almere is not None:
        total += _signals(almere, ALMERE_WIJKEN, ALMERE_THEMES, ROLES_ALMERE, months, rng)
        _discussion(almere, months)
    zuidwest, _dock = (_organisation(spec) for spec in PARTNERS)
    total += _signals(zuidwest, UTRECHT_BUURTEN, UTRECHT_THEMES, ROLES_UTRECHT, months, rng)
    stdout.write(
        ngettext(
            "Demo: %(count)d signal (rode draden) over %(months)d months.",
            "Demo: %(count)d signals (rode draden) over %(months)d months.",
            total,
        )
        % {"count": total, "months": MONTHS}
        + "\n"
    )
