"""Demo figures: the facts & figures of the three initiatives, as the magazine prints them.

Sources in the magazine (Collectief, Movisie, February 2023): the blocks
"FEITEN EN CIJFERS" in the introductions of De Sleutel, Buurttuin Kempenaar
and Badhuis Leidsebuurt ("Binnen projectperiode 2021-2022"), and the
numbers on the three veranderverhaal posters. Poster numbers are marked as
highlighted, in the poster's order. Safe to run more than once: figures are
matched by label and updated.

One series is invented to show the chart; its source says so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TextIO

from django.utils.translation import gettext, ngettext

from collectief.accounts.models import Organisation
from collectief.figures import services
from collectief.figures.models import Figure, Period, Unit

PROJECT = "projectperiode 2021–2022"
MAGAZINE = "Magazine Collectief (Movisie, februari 2023)"
BLOCK = f"{MAGAZINE}, feiten en cijfers"
POSTER = f"{MAGAZINE}, veranderverhaal (poster)"
DEMO_SOURCE = (
    "Demogegevens: verzonnen voorbeeldreeks om de grafiek te tonen. Niet uit het magazine."
)


def _f(
    label: str,
    value: int,
    *,
    qualifier: str = "",
    value_max: int | None = None,
    unit: str = Unit.COUNT,
    period: str = Period.NONE,
    period_name: str = "",
    source: str = BLOCK,
    highlighted: bool = False,
) -> dict[str, Any]:
    return {
        "label": label,
        "qualifier": qualifier,
        "value": Decimal(value),
        "value_max": Decimal(value_max) if value_max is not None else None,
        "unit": unit,
        "period": period,
        "period_name": period_name,
        "source": source,
        "is_highlighted": highlighted,
    }


FIGURES: dict[str, list[dict[str, Any]]] = {
    "het-badhuis": [
        # "Het Badhuis heeft 94 vrijwilligers" / poster: "94 vrijwilligers uit de wijk zijn
        # betrokken"
        _f(
            "vrijwilligers uit de wijk zijn betrokken",
            94,
            period=Period.NAMED,
            period_name=PROJECT,
            highlighted=True,
        ),
        # Poster: "Elke vrijwilliger zet 160 kopjes koffie per maand"
        _f(
            "kopjes koffie zet elke vrijwilliger",
            160,
            period=Period.MONTH,
            source=POSTER,
            highlighted=True,
        ),
        # "Activiteiten worden bezocht door ruim 600 mensen per maand" / poster: "600
        # bewoners per maand, doen mee aan activiteiten"
        _f(
            "bewoners doen mee aan activiteiten",
            600,
            qualifier="ruim",
            period=Period.MONTH,
            highlighted=True,
        ),
        # Poster: "35 bewoners komen gemiddeld naar de vrijdagborrel"
        _f(
            "bewoners komen naar de vrijdagborrel",
            35,
            qualifier="gemiddeld",
            source=POSTER,
            highlighted=True,
        ),
        # "Maandelijks zijn er ruim 25 activiteiten" / poster: "25 activiteiten per maand zijn
        # door bewoners opgezet"
        _f(
            "activiteiten zijn door bewoners opgezet",
            25,
            qualifier="ruim",
            period=Period.MONTH,
            highlighted=True,
        ),
        # Poster: "1825 euro baromzet per maand"
        _f(
            "baromzet",
            1825,
            unit=Unit.EURO,
            period=Period.MONTH,
            source=POSTER,
            highlighted=True,
        ),
        # Poster: "7 vaste huurders op de bovenverdieping"
        _f("vaste huurders op de bovenverdieping", 7, source=POSTER, highlighted=True),
        # "zij vervullen gemiddeld 42 bardiensten per maand"
        _f("bardiensten", 42, qualifier="gemiddeld", period=Period.MONTH),
    ],
    "de-sleutel": [
        # Poster numbers, in the poster's order.
        _f(
            "vrijwilligers bij specifieke activiteiten, zoals Halloween",
            100,
            value_max=120,
            qualifier="rond de",
            source=POSTER,
            highlighted=True,
        ),
        _f(
            "bezoekers bij specifieke activiteiten, zoals Halloween",
            500,
            source=POSTER,
            highlighted=True,
        ),
        _f(
            "vaste bezoekers",
            25,
            value_max=50,
            period=Period.DAY,
            source=POSTER,
            highlighted=True,
        ),
        _f(
            "dagen open",
            4,
            value_max=5,
            period=Period.WEEK,
            source=POSTER,
            highlighted=True,
        ),
        _f(
            "van de gemeente om aangrenzend park op te knappen i.s.m. de buurtbewoners",
            300000,
            unit=Unit.EURO,
            source=POSTER,
            highlighted=True,
        ),
        _f("vrijwilligers uit de buurt runnen De Sleutel", 50, source=POSTER, highlighted=True),
        # FEITEN EN CIJFERS: "Gemiddeld lopen er zo'n 20 tot 25 mensen per dag binnen"
        _f("mensen lopen binnen", 20, value_max=25, qualifier="gemiddeld", period=Period.DAY),
        # "Bij georganiseerde activiteiten komen vaak wel 100 bezoekers langs."
        _f("bezoekers bij georganiseerde activiteiten", 100, qualifier="vaak wel"),
        # "De Facebookpagina wordt door 1.769 mensen gevolgd."
        _f("volgers op Facebook", 1769, period=Period.NAMED, period_name=PROJECT),
        # "Een post krijgt gemiddeld zo'n 10 tot 15 likes."
        _f("likes per post op Facebook", 10, value_max=15, qualifier="gemiddeld"),
    ],
    "buurttuin-kempenaar": [
        # "Er zijn al meer dan 100 kopjes koffie gedronken" / poster: ">100 kopjes koffie uit de
        # koffiemachine in de Buurttuin"
        _f(
            "kopjes koffie gedronken uit de koffiemachine in de Buurttuin",
            100,
            qualifier="meer dan",
            period=Period.NAMED,
            period_name=PROJECT,
            highlighted=True,
        ),
        # "15 kinderen komen met enige regelmaat naar de Buurttuin toe" / poster: "(van
        # dagelijks tot eens per week op zonnige dagen)"
        _f(
            "kinderen komen met enige regelmaat naar de Buurttuin",
            15,
            period=Period.NAMED,
            period_name=PROJECT,
            highlighted=True,
        ),
        # Poster: "12 taarten zijn gemaakt voor 6 activiteiten"
        _f("taarten gemaakt voor 6 activiteiten", 12, source=POSTER, highlighted=True),
        # "16 buurtbewoners en organisaties hebben spullen gedoneerd om de buurttuin op te
        # bouwen" / poster: "hebben tuinmateriaal gedoneerd (gereedschap, grond, houtsnippers)"
        _f(
            "buurtbewoners en organisaties hebben spullen gedoneerd om de Buurttuin op te bouwen",
            16,
            period=Period.NAMED,
            period_name=PROJECT,
            highlighted=True,
        ),
    ],
}

# An invented weekly series for the chart on the figure page (clearly labelled).
DEMO_SERIES = {
    "het-badhuis": (
        _f(
            "bezoekers van de koffieochtend (voorbeeldreeks)",
            31,
            period=Period.WEEK,
            source=DEMO_SOURCE,
        ),
        [
            (dt.date(2022, 10, 3), 22),
            (dt.date(2022, 10, 10), 25),
            (dt.date(2022, 10, 17), 24),
            (dt.date(2022, 10, 24), 28),
            (dt.date(2022, 10, 31), 27),
            (dt.date(2022, 11, 7), 31),
        ],
    ),
}


def _upsert(organisation: Organisation, order: int, data: dict[str, Any]) -> Figure:
    figure = Figure.objects.filter(organisation=organisation, label__iexact=data["label"]).first()
    if figure is None:
        return services.create_figure(organisation, by=None, order=order, **data)
    return services.update_figure(figure, by=None, order=order, **data)


def load_demo(stdout: TextIO) -> None:
    count = 0
    for slug, figures in FIGURES.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            stdout.write(
                gettext("Facts & figures: organisation %(slug)s is missing, skipped.")
                % {"slug": slug}
                + "\n"
            )
            continue
        for order, data in enumerate(figures, start=1):
            _upsert(organisation, order, data)
            count += 1
        if slug in DEMO_SERIES:
            data, points = DEMO_SERIES[slug]
            last_date, last_value = points[-1]
            figure = _upsert(
                organisation,
                len(figures) + 1,
                {**data, "value": Decimal(last_value), "date": last_date},
            )
            for date, value in points:
                services.add_figure_value(figure, date=date, value=Decimal(value), by=None)
            count += 1
    stdout.write(
        ngettext(
            "Facts & figures: %(count)d figure of the three initiatives.",
            "Facts & figures: %(count)d figures of the three initiatives.",
            count,
        )
        % {"count": count}
        + "\n"
    )
