"""Demo sociale kaart: the activities of the initiatives in the Movisie magazine.

What the magazine says is used as it is: which activities exist, who they are
for, "elke door-de-weekse ochtend", "op woensdagmiddag (met een zomerstop)",
"iedere dinsdag" in the kringloopwinkel, "meestal gratis", the low bar for
wheelchairs in Het Badhuis, the partners of De Sleutel and the collective
activities of the Almere wijkteam. Times, prices and the dates of the
zomerstop are not in the magazine: they are plausible demo assumptions and
every such schedule says so in its notes ("demo-aanname"). Locations are
placed on the map approximately.

Safe to run more than once: every record has a fixed id and is updated.
"""

from __future__ import annotations

import uuid
from datetime import date, time
from typing import Any, TextIO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.directory.demo_contact import apply_organisation_contact, apply_service_contact
from collectief.directory.models import (
    Attribute,
    DirectoryOrganization,
    Location,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

NAMESPACE = uuid.UUID("0b9f6c1e-55c3-4e0a-9a57-5d7e3c1a2b40")
SOURCE = (
    "Bron: magazine Collectief (Movisie, februari 2023). Tijden en kosten: demo-aanname."
    " Adres, telefoon, e-mail, website en contactpersoon: fictief (demo)."
)
ASSUMED = "demo-aanname"


def _id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(parts))


def _area(names: list[str], gemeente: str) -> Area | None:
    """The first known area by name (buurt, then wijk), else the gemeente."""
    for name in names:
        found = (
            Area.objects.filter(name__iexact=name)
            .exclude(level=Area.Level.GEMEENTE)
            .order_by("level")
            .first()
        )
        if found is not None:
            return found
    return Area.objects.filter(level=Area.Level.GEMEENTE, name__iexact=gemeente).first()


def _gemeente(name: str) -> Area | None:
    return Area.objects.filter(level=Area.Level.GEMEENTE, name__iexact=name).first()


# (key, name, description, organisation slug in accounts, website)
ORGANISATIONS: list[dict[str, Any]] = [
    {
        "key": "badhuis",
        "name": "Het Badhuis",
        "slug": "het-badhuis",
        "description": (
            "Ontmoetingsplek in het oude volksbadhuis op het plein in de Haarlemse "
            "Leidsebuurt. Voor en door bewoners: een tweede huiskamer voor de buurt. "
            "Alle bewoners kunnen en mogen (meestal gratis) meedoen."
        ),
        "area": (["Leidsebuurt", "Leidsebuurt-Oost", "Leidsebuurt-West"], "Haarlem"),
        "point": (52.3786, 4.6262),
    },
    {
        "key": "sleutel",
        "name": "Ontmoetingscentrum De Sleutel",
        "slug": "de-sleutel",
        "description": (
            "Ontmoetingscentrum met kringloopwinkel in de buurt Kesteren in de Haagse "
            "Beemden, Breda. Dagbesteding en activiteiten voor en door bewoners. 4 tot 5 "
            "dagen per week open. Je mag hier zijn wie je bent."
        ),
        "area": (["Kesteren", "Haagse Beemden", "Breda noord-west"], "Breda"),
        "point": (51.6176, 4.7396),
    },
    {
        "key": "kempenaar",
        "name": "Buurttuin Kempenaar",
        "slug": "buurttuin-kempenaar",
        "description": (
            "Buurttuin met kippen en andere dieren in de wijk Buitenoord in Barendrecht. "
            "Een plek voor lichte ontmoetingen: een kopje koffie, op een bankje zitten of "
            "meehelpen in de tuin. Geen vast programma."
        ),
        "area": (["Buitenoord", "Wijk 05 Buitenoord"], "Barendrecht"),
        "point": (51.8466, 4.5420),
    },
    {
        "key": "wijkteam-almere",
        "name": "Sociaal wijkteam Almere",
        "slug": "wijkteam-almere",
        "description": (
            "In Almere is preventief en collectief werken een primaire opdracht van het "
            "wijkteam. Opbouwwerkers en de vrijwilligerscoördinator zijn de aanjagers."
        ),
        "area": ([], "Almere"),
        "point": None,
    },
    # Utrecht Zuidwest (magazine p. 22-23): Dock's sociaal makelaars. Not linked to the
    # accounts organisation, which the signals demo makes only later. Its activities are
    # on themes other than the wijk's gaps: the gaps the routekaart starts from stay.
    {
        "key": "dock-zuidwest",
        "name": "Dock Utrecht Zuidwest",
        "description": (
            "Sociaal makelaars in Dichterswijk en Rivierenwijk: samen met bewoners de buurt "
            "sterker maken."
        ),
        "area": (["Dichterswijk", "Wijk 08 Zuidwest"], "Utrecht"),
        "point": (52.0790, 5.1115),
    },
    # Partners of De Sleutel named in the magazine.
    {
        "key": "pluk",
        "name": "Dagbesteding Pluk",
        "description": "Dagbesteding; werkt samen met De Sleutel.",
        "area": ([], "Breda"),
    },
    {
        "key": "aanloop-ggz",
        "name": "Aanloop GGZ",
        "description": "Inloop voor mensen met psychische kwetsbaarheid; werkt samen met De Sleutel.",
        "area": ([], "Breda"),
    },
    {
        "key": "gbgz",
        "name": "Grote Broer Grote Zus",
        "description": "Maatjes voor kinderen en jongeren; werkt samen met De Sleutel.",
        "area": ([], "Breda"),
    },
    {
        "key": "daklozeninloop",
        "name": "Daklozeninloop Breda",
        "description": "Inloop voor dak- en thuisloze mensen; werkt samen met De Sleutel.",
        "area": ([], "Breda"),
    },
    {
        "key": "clement-annahuis",
        "name": "Inloop Clement Annahuis",
        "description": "Inloop in het Clement Annahuis; werkt samen met De Sleutel.",
        "area": ([], "Breda"),
    },
    {
        "key": "fit-for-her",
        "name": "Fit for Her",
        "description": "Sporten voor vrouwen; werkt samen met De Sleutel.",
        "area": ([], "Breda"),
    },
]

WEEKDAYS = "MO,TU,WE,TH,FR"


def _summer_break() -> tuple[date, date]:
    """The zomerstop of the huiskamerproject: the school holiday of this year (assumed)."""
    year = timezone.localdate().year
    return date(year, 7, 14), date(year, 8, 24)


def _s(
    key: str,
    name: str,
    description: str,
    *,
    themes: tuple[str, ...],
    groups: tuple[str, ...] = ("iedereen",),
    byday: str = "",
    freq: str = "WEEKLY",
    opens: time | None = None,
    closes: time | None = None,
    free: bool = True,
    fees: str = "",
    referral: str = "",
    wheelchair: bool = False,
    delivery: str = Service.Delivery.COLLECTIVE,
    formality: str = Service.Formality.INFORMAL,
    stage: str = Service.PreventionStage.PRIMARY,
    reach: str = Service.PreventionReach.UNIVERSAL,
    located: bool = True,
    serves_gemeente: bool = False,
    closed: bool = False,
    schedule_note: str = ASSUMED,
) -> dict[str, Any]:
    return locals()


SERVICES: dict[str, list[dict[str, Any]]] = {
    "badhuis": [
        _s(
            "koffieochtend",
            "Koffieochtend",
            "Elke door-de-weekse ochtend is het Badhuis open voor koffie en een praatje. Ook ouders die hun kinderen naar school brengen komen langs.",
            themes=("ontmoeting", "eenzaamheid"),
            byday=WEEKDAYS,
            opens=time(9),
            closes=time(12),
            wheelchair=True,
            schedule_note="Elke door-de-weekse ochtend (magazine); tijden: demo-aanname",
        ),
        _s(
            "borrel",
            "Vrijdagmiddagborrel",
            "De wekelijkse borrel op vrijdagmiddag in het Badhuis.",
            themes=("ontmoeting",),
            byday="FR",
            opens=time(16),
            closes=time(19),
            free=False,
            fees="Drankjes betaal je zelf (demo-aanname).",
            wheelchair=True,
        ),
        _s(
            "beeldhouwgroep",
            "Beeldhouwgroep",
            "Samen beeldhouwen met buurtbewoners.",
            themes=("ontmoeting",),
            byday="TH",
            opens=time(13, 30),
            closes=time(16),
            wheelchair=True,
        ),
        _s(
            "seniorenkoor",
            "Seniorenkoor",
            "Zingen in het seniorenkoor van het Badhuis.",
            themes=("ontmoeting", "eenzaamheid"),
            groups=("ouderen",),
            byday="TU",
            opens=time(10, 30),
            closes=time(12),
            wheelchair=True,
        ),
        _s(
            "filmavond",
            "Filmavond",
            "Samen een film kijken in het Badhuis.",
            themes=("ontmoeting",),
            byday="-1FR",
            freq="MONTHLY",
            opens=time(20),
            closes=time(22, 30),
            wheelchair=True,
        ),
        _s(
            "stoelyoga",
            "Stoelyoga",
            "Rustig bewegen op een stoel. Georganiseerd door buurtbewoners.",
            themes=("gezondheid-en-bewegen", "ontmoeting"),
            groups=("ouderen", "mensen-met-een-beperking"),
            byday="MO",
            opens=time(10),
            closes=time(11),
            wheelchair=True,
        ),
        _s(
            "huiskamerproject",
            "Het huiskamerproject",
            "Elke woensdagmiddag, voor mensen met een beperking. Ervaringen uitwisselen en gezellig spelletjes doen in een huiskamersetting. Geen vast programma: kom als je wilt komen. Mensen uit heel Haarlem komen; de meesten met hun elektrische rolstoel, scootmobiel of rollator.",
            themes=("ontmoeting", "eenzaamheid"),
            groups=("mensen-met-een-beperking",),
            byday="WE",
            opens=time(14),
            closes=time(16),
            wheelchair=True,
            serves_gemeente=True,
            closed=True,
            schedule_note="Woensdagmiddag met zomerstop (magazine); tijden en data zomerstop: demo-aanname",
        ),
    ],
    "sleutel": [
        _s(
            "koffie-inloop",
            "Koffie-inloop",
            "Binnenlopen voor koffie en een praatje, daarna samen een rondje door de kringloopwinkel. Zo ontmoeten mensen elkaar die elkaar anders minder snel tegenkomen.",
            themes=("ontmoeting", "eenzaamheid"),
            byday="TU,TH",
            opens=time(10),
            closes=time(12),
        ),
        _s(
            "kringloopwinkel",
            "Kringloopwinkel",
            "De één komt wat brengen, de ander halen. Vrijwilligers controleren kleding en spullen en prijzen ze. Iedere dinsdag houden drie vrijwilligers de winkel draaiende.",
            themes=("ontmoeting", "werk-en-dagbesteding"),
            byday="TU,WE,TH,FR",
            opens=time(10),
            closes=time(16),
            free=False,
            fees="Tweedehands spullen voor een klein prijsje.",
            schedule_note="Dinsdag (magazine); andere dagen en tijden: demo-aanname",
        ),
        _s(
            "naailes",
            "Naailes",
            "Leren naaien in de naaigroep van De Sleutel.",
            themes=("ontmoeting",),
            byday="WE",
            opens=time(13),
            closes=time(15),
        ),
        _s(
            "handwerkclub",
            "Handwerkclub",
            "Samen handwerken: breien, haken en borduren.",
            themes=("ontmoeting", "eenzaamheid"),
            byday="MO",
            opens=time(13, 30),
            closes=time(15, 30),
        ),
        _s(
            "muziekavond",
            "Muziekavond",
            "Samen muziek maken en luisteren.",
            themes=("ontmoeting",),
            byday="1TH",
            freq="MONTHLY",
            opens=time(19, 30),
            closes=time(22),
        ),
        _s(
            "computerles",
            "Computerles",
            "Hulp en les bij de computer, telefoon en internet.",
            themes=("taal-en-digitale-vaardigheden",),
            byday="WE",
            opens=time(10),
            closes=time(12),
        ),
        _s(
            "koken",
            "Samen koken en eten",
            "Samen koken en daarna samen eten. Iedereen mag aansluiten.",
            themes=("ontmoeting", "eenzaamheid"),
            byday="TH",
            opens=time(16),
            closes=time(19),
            free=False,
            fees="Kleine bijdrage voor de boodschappen (demo-aanname).",
        ),
        _s(
            "schaken",
            "Schaken",
            "Een potje schaken in De Sleutel.",
            themes=("ontmoeting",),
            byday="FR",
            opens=time(14),
            closes=time(16),
        ),
        _s(
            "tekenen-schilderen",
            "Tekenen en schilderen",
            "Tekenen en schilderen met buurtgenoten.",
            themes=("ontmoeting",),
            byday="TU",
            opens=time(13, 30),
            closes=time(15, 30),
        ),
        _s(
            "tuinieren",
            "Tuinieren en mozaïekbanken maken",
            "Samen tuinieren en mozaïekbanken maken voor de buurt.",
            themes=("leefbaarheid-en-groen", "ontmoeting"),
            byday="FR",
            opens=time(10),
            closes=time(12),
        ),
        _s(
            "dagbesteding",
            "Dagbesteding en vrijwilligerswerk",
            "Meedoen in de kringloop, de bar of een activiteit. 'Ik heb een jaar in de kringloop gestaan en kan nu een nieuwe baan krijgen.'",
            themes=("werk-en-dagbesteding",),
            groups=("vrijwilligers", "mensen-met-psychische-kwetsbaarheid"),
            byday="TU,WE,TH,FR",
            opens=time(10),
            closes=time(16),
        ),
    ],
    "kempenaar": [
        _s(
            "open-tuin",
            "Open buurttuin met kippen",
            "Langslopen, naar de kippen en de andere dieren kijken, een kopje koffie of even op een bankje zitten. Kinderen mogen eieren rapen. Geen vast programma: niks moet, 'zolang je de plantjes maar heel laat en lief bent voor de dieren'.",
            themes=("ontmoeting", "leefbaarheid-en-groen"),
            groups=("iedereen", "jeugd"),
        ),
        _s(
            "tuinonderhoud",
            "Meehelpen in de buurttuin",
            "Met groene vingers de tuin onderhouden en voor de dieren zorgen, samen met buurtgenoten.",
            themes=("leefbaarheid-en-groen", "ontmoeting"),
            groups=("vrijwilligers",),
        ),
    ],
    "dock-zuidwest": [
        _s(
            "taalcafe",
            "Taalcafé Zuidwest",
            "Nederlands oefenen in een gesprek over gewone dingen, met vrijwilligers uit de buurt.",
            themes=("taal-en-digitale-vaardigheden",),
            groups=("nieuwkomers",),
            byday="WE",
            opens=time(14),
            closes=time(15, 30),
            wheelchair=True,
        ),
        _s(
            "groen-in-de-straat",
            "Groen in de straat",
            "Bewoners maken samen geveltuintjes en boomspiegels mooi. Gereedschap en planten zijn er.",
            themes=("leefbaarheid-en-groen",),
            byday="1SA",
            freq="MONTHLY",
            opens=time(10),
            closes=time(12),
        ),
    ],
    "wijkteam-almere": [
        _s(
            "koffiemomenten",
            "Koffiemomenten",
            "Koffie drinken met anderen, voor mensen die dat nodig hebben.",
            themes=("eenzaamheid", "ontmoeting"),
            byday="WE",
            opens=time(10),
            closes=time(11, 30),
            formality=Service.Formality.FORMAL,
            reach=Service.PreventionReach.SELECTIVE,
            located=False,
            serves_gemeente=True,
        ),
        _s(
            "klets-en-koek",
            "Klets en koek",
            "Kletsen in het Nederlands, met koek erbij. Voor inwoners die niet Nederlandstalig zijn.",
            themes=("taal-en-digitale-vaardigheden", "ontmoeting"),
            groups=("nieuwkomers",),
            byday="TH",
            opens=time(13, 30),
            closes=time(15),
            formality=Service.Formality.FORMAL,
            reach=Service.PreventionReach.SELECTIVE,
            located=False,
            serves_gemeente=True,
        ),
        _s(
            "administratiespreekuur",
            "Administratiespreekuur",
            "Hulp bij brieven, formulieren en geldzaken.",
            themes=("geldzorgen-en-schulden",),
            groups=("iedereen", "mensen-met-weinig-geld"),
            byday="TU",
            opens=time(9),
            closes=time(11),
            delivery=Service.Delivery.INDIVIDUAL,
            formality=Service.Formality.FORMAL,
            stage=Service.PreventionStage.SECONDARY,
            located=False,
            serves_gemeente=True,
        ),
        _s(
            "koffiebakfiets",
            "De koffiebakfiets",
            "Wijkteammedewerkers staan met een bakfiets met koffie bij supermarkten om vragen van inwoners op te halen.",
            themes=("ontmoeting",),
            byday="FR",
            opens=time(10),
            closes=time(12),
            formality=Service.Formality.FORMAL,
            located=False,
            serves_gemeente=True,
        ),
        _s(
            "bijeenkomsten-wonen",
            "Bijeenkomsten over wonen",
            "Voor mensen die andere of passende woonruimte zoeken. Je krijgt als groep informatie en helpt elkaar met tips en ervaringen. Het leidde al eens tot woningruil.",
            themes=("wonen",),
            byday="2TU",
            freq="MONTHLY",
            opens=time(19, 30),
            closes=time(21),
            formality=Service.Formality.FORMAL,
            located=False,
            serves_gemeente=True,
        ),
        _s(
            "cursus-financien",
            "Cursus over financiën",
            "Cursus over geldzaken van de maatschappelijk werkers van het wijkteam, samen met de Plangroep (gespecialiseerd in schulden).",
            themes=("geldzorgen-en-schulden",),
            groups=("mensen-met-weinig-geld",),
            byday="1MO",
            freq="MONTHLY",
            opens=time(19, 30),
            closes=time(21, 30),
            formality=Service.Formality.FORMAL,
            stage=Service.PreventionStage.SECONDARY,
            reach=Service.PreventionReach.SELECTIVE,
            located=False,
            serves_gemeente=True,
        ),
    ],
    "pluk": [
        _s(
            "dagbesteding",
            "Dagbesteding Pluk",
            "Dagbesteding met een vast ritme; werkt samen met De Sleutel.",
            themes=("werk-en-dagbesteding",),
            groups=("mensen-met-een-beperking", "mensen-met-psychische-kwetsbaarheid"),
            referral=Service.Referral.INDICATION,
            formality=Service.Formality.FORMAL,
            stage=Service.PreventionStage.TERTIARY,
            reach=Service.PreventionReach.INDICATED,
            located=False,
            serves_gemeente=True,
        ),
    ],
    "aanloop-ggz": [
        _s(
            "inloop",
            "Aanloop GGZ",
            "Inloop zonder afspraak voor mensen met psychische kwetsbaarheid. Bezoekers lopen ook mee naar de kringloopwinkel van De Sleutel.",
            themes=("psychische-gezondheid", "ontmoeting"),
            groups=("mensen-met-psychische-kwetsbaarheid",),
            formality=Service.Formality.FORMAL,
            stage=Service.PreventionStage.TERTIARY,
            reach=Service.PreventionReach.SELECTIVE,
            located=False,
            serves_gemeente=True,
        ),
    ],
    "gbgz": [
        _s(
            "maatjes",
            "Grote Broer Grote Zus",
            "Een maatje voor een kind of jongere.",
            themes=("opvoeden-en-opgroeien",),
            groups=("jeugd",),
            delivery=Service.Delivery.INDIVIDUAL,
            reach=Service.PreventionReach.SELECTIVE,
            located=False,
            serves_gemeente=True,
        ),
    ],
    "daklozeninloop": [
        _s(
            "inloop",
            "Daklozeninloop",
            "Inloop voor dak- en thuisloze mensen.",
            themes=("wonen", "ontmoeting"),
            groups=("mensen-met-weinig-geld",),
            formality=Service.Formality.FORMAL,
            stage=Service.PreventionStage.TERTIARY,
            reach=Service.PreventionReach.SELECTIVE,
            located=False,
            serves_gemeente=True,
        ),
    ],
    "clement-annahuis": [
        _s(
            "inloop",
            "Inloop Clement Annahuis",
            "Binnenlopen voor een kop koffie en contact.",
            themes=("ontmoeting",),
            located=False,
            serves_gemeente=True,
        ),
    ],
    "fit-for-her": [
        _s(
            "sporten",
            "Fit for Her",
            "Sporten voor vrouwen.",
            themes=("gezondheid-en-bewegen",),
            located=False,
            serves_gemeente=True,
            free=False,
            fees="Vraag naar de kosten.",
        ),
    ],
}


def _terms() -> dict[str, TaxonomyTerm]:
    return {t.code: t for t in TaxonomyTerm.objects.exclude(code="")}


def _organization(
    spec: dict[str, Any],
) -> tuple[DirectoryOrganization, Location | None, Area | None]:
    owner = Organisation.objects.filter(slug=spec.get("slug", "")).first()
    organization, _ = DirectoryOrganization.objects.update_or_create(
        id=_id("org", spec["key"]),
        defaults={
            "name": spec["name"],
            "description": f"{spec['description']}\n\n{SOURCE}",
            "organisation": owner,
        },
    )
    names, gemeente = spec["area"]
    area = _area(names, gemeente) if names else None
    location = None
    if spec.get("point") is not None or area is not None:
        point = spec.get("point") or (None, None)
        location, _ = Location.objects.update_or_create(
            id=_id("location", spec["key"]),
            defaults={
                "organization": organization,
                "name": spec["name"],
                "description": "Plaats op de kaart bij benadering (demo).",
                "latitude": point[0],
                "longitude": point[1],
                "area": area,
                "needs_placement": area is None,
            },
        )
    return organization, location, _gemeente(gemeente)


def _service(
    key: str,
    spec: dict[str, Any],
    organization: DirectoryOrganization,
    location: Location | None,
    gemeente: Area | None,
    terms: dict[str, TaxonomyTerm],
) -> Service:
    sid = _id("service", key, spec["key"])
    service, _ = Service.objects.update_or_create(
        id=sid,
        defaults={
            "organization": organization,
            "name": spec["name"],
            "description": spec["description"],
            "status": Service.Status.ACTIVE,
            "is_free": spec["free"],
            "fees_description": spec["fees"] or ("Gratis" if spec["free"] else ""),
            "referral": spec["referral"],
            "wheelchair_accessible": spec["wheelchair"],
            "delivery": spec["delivery"],
            "formality": spec["formality"],
            "prevention_stage": spec["stage"],
            "prevention_reach": spec["reach"],
            "is_public": True,
        },
    )
    Attribute.objects.filter(service=service).delete()
    for code in spec["themes"] + spec["groups"]:
        Attribute.objects.create(
            id=_id("attribute", str(sid), code),
            service=service,
            taxonomy_term=terms[code],
            link_id=service.pk,
            link_entity="service",
        )
    ServiceAtLocation.objects.filter(service=service).exclude(location=location).delete()
    if location is not None and spec["located"]:
        ServiceAtLocation.objects.update_or_create(
            id=_id("sal", str(sid)), defaults={"service": service, "location": location}
        )
    ServiceArea.objects.filter(service=service).delete()
    if spec["serves_gemeente"] and gemeente is not None:
        ServiceArea.objects.create(
            id=_id("service_area", str(sid)), service=service, area=gemeente, name=gemeente.name
        )
    Schedule.objects.filter(service=service).delete()
    if spec["byday"]:
        Schedule.objects.create(
            id=_id("schedule", str(sid)),
            service=service,
            freq=spec["freq"],
            byday=spec["byday"],
            opens_at=spec["opens"],
            closes_at=spec["closes"],
            notes=spec["schedule_note"],
        )
    if spec["closed"]:
        start, end = _summer_break()
        Schedule.objects.create(
            id=_id("schedule-closed", str(sid)),
            service=service,
            kind=Schedule.Kind.CLOSED,
            valid_from=start,
            valid_to=end,
            description="zomerstop",
            notes=ASSUMED,
        )
    service.search_text = service.build_search_text()
    service.save(update_fields=["search_text"])
    return service


@transaction.atomic
def load_demo(stdout: TextIO) -> None:
    terms = _terms()
    if not terms:
        from collectief.directory.taxonomy_data import ensure_taxonomies

        ensure_taxonomies()
        terms = _terms()
    count = 0
    unplaced = []
    for spec in ORGANISATIONS:
        organization, location, gemeente = _organization(spec)
        if location is not None and location.area is None:
            unplaced.append(spec["name"])
        apply_organisation_contact(_id, spec["key"], organization, location, gemeente)
        for service_spec in SERVICES.get(spec["key"], []):
            service = _service(spec["key"], service_spec, organization, location, gemeente, terms)
            apply_service_contact(_id, spec["key"], service_spec["key"], service)
            count += 1
    stdout.write(
        ngettext(
            "Demo: sociale kaart with %(organisations)d organisations and %(count)d activity.",
            "Demo: sociale kaart with %(organisations)d organisations and %(count)d activities.",
            count,
        )
        % {"organisations": len(ORGANISATIONS), "count": count}
        + "\n"
    )
    _grant_demo_coordination(stdout)
    if unplaced:
        stdout.write(
            "  Nog niet in een buurt geplaatst (gebied onbekend): " + ", ".join(unplaced) + "\n"
        )


# Coordination is granted, not taken from a profile (issue 8): as a site
# administrator would, the demo gives the wijkteam Almere and the gemeente
# Haarlem their own gemeente.
DEMO_COORDINATION = (("wijkteam-almere", "Almere"), ("gemeente-haarlem", "Haarlem"))


def _grant_demo_coordination(stdout: TextIO) -> None:
    from collectief.accounts.models import Organisation
    from collectief.directory.models import Coordination

    for slug, gemeente_name in DEMO_COORDINATION:
        organisation = Organisation.objects.filter(slug=slug).first()
        gemeente = _gemeente(gemeente_name)
        if organisation is None or gemeente is None:
            continue
        if not Coordination.objects.filter(organisation=organisation, area=gemeente).exists():
            from collectief.directory.services_coordination import grant_coordination

            grant_coordination(organisation, gemeente, by=None)
            stdout.write(
                f"  {organisation.name} coördineert de sociale kaart in {gemeente.name}.\n"
            )
