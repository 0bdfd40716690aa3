"""Demo organisations and users (see DESIGN.md §6)."""

from __future__ import annotations

from typing import Any, TextIO

from django.utils.translation import gettext, ngettext

from collectief.accounts import services
from collectief.accounts.models import Membership, Organisation, Role, User
from collectief.areas.models import Area

DEMO_PASSWORD = "collectief-demo"  # noqa: S105 - printed on purpose, demo only.
# Every demo login ends in this domain; the login list finds them by it.
DEMO_DOMAIN = ".demo"

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "het-badhuis",
        "name": "Het Badhuis",
        "kind": Organisation.Kind.INITIATIVE,
        "areas": ["Zijlwegkwartier"],
        "tagline": "Een tweede huiskamer voor alle bewoners van de Leidsebuurt",
        "public_description": (
            "Op het plein in de Haarlemse Leidsebuurt pronkt het Badhuis. Een monumentaal pand "
            "dat vanaf 1903 tot de jaren zeventig diende als Volksbadhuis, een plek voor "
            "buurtbewoners zonder eigen douchegelegenheid om zich te wassen. In 2015 werd het "
            "Badhuis omgetoverd tot een bruisende ontmoetingsplek voor de buurtbewoners. Het "
            "Badhuis is uitgegroeid tot een open plek waar buurtbewoners elkaar kunnen leren "
            "kennen, zichzelf kunnen zijn en kunnen groeien: een tweede huiskamer voor alle "
            "buurtbewoners, waar zij kunnen doen wat zij leuk vinden.\n\n"
            "Het Badhuis is voor en door bewoners. Er is een beeldhouwgroep, een seniorenkoor, "
            "een vrijdagmiddagborrel en er zijn filmavonden en koffieochtenden."
        ),
    },
    {
        "slug": "de-sleutel",
        "name": "Ontmoetingscentrum De Sleutel",
        "kind": Organisation.Kind.INITIATIVE,
        "areas": ["Breda noord-west"],
        "tagline": "Je mag hier zijn wie je bent",
        "public_description": (
            "Bij ontmoetingscentrum De Sleutel kun je wijkbewoners van de Bredase wijk de "
            "Haagse Beemden, in de buurt Kesteren, ontmoeten en leren kennen. Er is van alles "
            "te doen om je eigen talenten te ontwikkelen. Als je komt binnenlopen met een "
            "vraag of idee, wordt er samen gekeken hoe dat mogelijk gemaakt kan worden. Je "
            "mag hier zijn wie je bent en hoeft jezelf niet anders voor te doen.\n\n"
            "De kringloopwinkel maakt een laagdrempelig praatje met bewoners makkelijker. "
            "Daarnaast zijn er activiteiten als naailes, muziekavond en de handwerkclub."
        ),
    },
    {
        "slug": "buurttuin-kempenaar",
        "name": "Buurttuin Kempenaar",
        "kind": Organisation.Kind.INITIATIVE,
        "areas": ["Wijk 05 Buitenoord"],
        "tagline": "Een groene oase voor lichte ontmoetingen in de buurt",
        "public_description": (
            "Wat een paar jaar geleden startte als een plek om kippen op te vangen, groeide uit "
            "tot een groene oase in de buurt. Nu is het een plek van lichte ontmoetingen tussen "
            "buurtbewoners. Een plek waar kinderen leren omgaan met de natuur en met elkaar.\n\n"
            "Je kunt er heen voor een kopje koffie, om even rustig op een bankje te zitten of "
            "met groene vingers de tuin te onderhouden. 'Niks moet, zolang je de plantjes maar "
            "heel laat en lief bent voor de dieren.'"
        ),
    },
    {
        "slug": "wijkteam-almere",
        "name": "Sociaal wijkteam Almere",
        "kind": Organisation.Kind.NEIGHBOURHOOD_TEAM,
        "areas": [],
        "area_municipality": "Almere",
        "tagline": "Collectief waar het kan, individueel waar het moet",
        "public_description": (
            "Het sociaal wijkteam helpt inwoners met vragen over opvoeden, geld, werk, "
            "gezondheid en meedoen, en werkt met bewoners en partners aan collectieve "
            "activiteiten in de wijk."
        ),
    },
    {
        "slug": "gemeente-haarlem",
        "name": "Gemeente Haarlem",
        "kind": Organisation.Kind.MUNICIPALITY,
        "areas": [],
        "area_municipality": "Haarlem",
        "tagline": "",
        "public_description": "",
    },
]

USERS: list[tuple[str, str, str, str]] = [
    # (e-mail, name, organisation slug, role)
    ("beheerder@badhuis.demo", "Mara (beheerder)", "het-badhuis", Role.ADMIN),
    ("medewerker@badhuis.demo", "Jan Willem (medewerker)", "het-badhuis", Role.STAFF),
    ("lezer@badhuis.demo", "Lezer Badhuis", "het-badhuis", Role.READER),
    ("beheerder@desleutel.demo", "Natasja (beheerder)", "de-sleutel", Role.ADMIN),
    ("beheerder@kempenaar.demo", "Arend (beheerder)", "buurttuin-kempenaar", Role.ADMIN),
    ("wijkteam@almere.demo", "Wijkteam Almere", "wijkteam-almere", Role.STAFF),
    ("gemeente@haarlem.demo", "Beleidsadviseur Haarlem", "gemeente-haarlem", Role.READER),
]


def _areas_for(spec: dict[str, Any]) -> list[Area]:
    names = spec["areas"]
    areas = list(Area.objects.filter(name__in=names).exclude(level=Area.Level.GEMEENTE))
    if spec.get("area_municipality"):
        areas += list(
            Area.objects.filter(level=Area.Level.GEMEENTE, name=spec["area_municipality"])
        )
    return areas


def load_demo(stdout: TextIO) -> None:
    for spec in ORGANISATIONS:
        profile = {
            "tagline": spec["tagline"],
            "public_description": spec["public_description"],
            "is_public": True,
        }
        organisation = Organisation.objects.filter(slug=spec["slug"]).first()
        if organisation is None:
            services.create_organisation(
                name=spec["name"],
                slug=spec["slug"],
                kind=spec["kind"],
                areas=_areas_for(spec),
                by=None,
                **profile,
            )
        else:
            services.update_organisation(
                organisation, by=None, areas=_areas_for(spec), name=spec["name"], **profile
            )
    for email, name, slug, role in USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, name=name)
        organisation = Organisation.objects.get(slug=slug)
        Membership.objects.update_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
    if not User.objects.filter(email="admin@collectief.demo").exists():
        User.objects.create_superuser("admin@collectief.demo", DEMO_PASSWORD, name="Sitebeheer")
    stdout.write(
        gettext("Demo: %(organisations)s, %(users)s.")
        % {
            "organisations": ngettext(
                "%(count)d organisation", "%(count)d organisations", len(ORGANISATIONS)
            )
            % {"count": len(ORGANISATIONS)},
            "users": ngettext("%(count)d user", "%(count)d users", len(USERS) + 1)
            % {"count": len(USERS) + 1},
        }
        + "\n"
    )


def has_demo_logins() -> bool:
    return User.objects.filter(email=USERS[0][0]).exists()


def _demo_memberships() -> list[tuple[str, str, Organisation]]:
    """(e-mail, role, organisation) of every demo login: this app's own first, in their
    order, then those later demo modules make for their own organisations (the
    routekaart partners, the gemeenten Utrecht and Almere), by e-mail."""
    order = {email: index for index, (email, _n, _s, _r) in enumerate(USERS)}
    memberships = Membership.objects.filter(user__email__endswith=DEMO_DOMAIN).select_related(
        "user", "organisation"
    )
    rows = [(m.user.email, m.role, m.organisation) for m in memberships]
    return sorted(rows, key=lambda row: (order.get(row[0], len(order)), row[0], row[2].slug))


def print_logins(stdout: TextIO) -> None:
    stdout.write(
        "\n"
        + gettext("Demo logins (the password for all of them: %(password)s):")
        % {"password": DEMO_PASSWORD}
        + "\n"
    )
    for email, role, organisation in _demo_memberships():
        note = ""
        if organisation.requires_two_factor:
            # B1 Dutch: say what the person does, not the name of the technique.
            note = "  " + gettext("(the first time you link an app for login codes on your phone)")
        stdout.write(f"  {email:<28} {role:<11} {organisation.slug}{note}\n")
    admin_role = gettext("site admin")
    stdout.write(f"  {'admin@collectief.demo':<28} {admin_role:<11} /beheer/\n\n")
