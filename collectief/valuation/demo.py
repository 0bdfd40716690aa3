"""Demo valuation: De Sleutel (Breda, Kesteren), marked as an illustration.

What the magazine (Collectief, Movisie, February 2023) says about De Sleutel
and what we took from it:

- "Gerund door 50 vrijwilligers uit de buurt", "25-50 vaste bezoekers per
  dag", "4-5 dagen open per week" (veranderverhaal poster);
- "dagbesteding en activiteiten georganiseerd voor en door bewoners", the
  kringloopwinkel, cooperation with Dagbesteding Pluk and Aanloop GGZ;
- "ik heb een jaar in de kringloop gestaan en kan nu een nieuwe baan krijgen"
  (a volunteer, in the introduction);
- "Besparing zorgkosten. Door preventie en voorkomen van terugval" (draagt
  indirect bij aan, on the poster);
- the initiator is paid through a secondment arrangement (portrait of the
  sociaal wijkbeheerder); the magazine names no amount.

Every amount the magazine does not give is an estimate for this
illustration, said so in its source and graded rood. The € 300.000 for the
park is the gemeente's investment in the park, not in De Sleutel, so it is
left out. Safe to run again: an illustration is replaced by the same one; a
valuation that is not an illustration (real data) is left alone.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TextIO

from django.utils.translation import gettext

from collectief.accounts.models import Organisation
from collectief.valuation import importing, services
from collectief.valuation.models import Grade, InputKind, Valuation

SLUG = "de-sleutel"
MAGAZINE = "Magazine Collectief (Movisie, februari 2023)"
POSTER = f"{MAGAZINE}, veranderverhaal De Sleutel (poster)"
ESTIMATE = "Schatting voor deze illustratie; niet uit het magazine"

INPUTS: list[dict[str, Any]] = [
    {
        "label": "Loon initiatiefnemer via detachering",
        "kind": InputKind.MONEY,
        "amount": Decimal("42000"),
        "source": f"{ESTIMATE}. Het magazine noemt de detachering, geen bedrag.",
    },
    {
        "label": "Bijdrage gemeente Breda aan activiteiten",
        "kind": InputKind.MONEY,
        "amount": Decimal("10000"),
        "source": ESTIMATE,
    },
    {
        "label": "Opbrengst kringloopwinkel (eigen inkomsten)",
        "kind": InputKind.MONEY,
        "amount": Decimal("6000"),
        "source": ESTIMATE,
    },
    {
        "label": "Gebruik van de oude school (huur en energie)",
        "kind": InputKind.IN_KIND,
        "amount": Decimal("12000"),
        "source": ESTIMATE,
    },
    {
        "label": "Vrijwilligers: 50 mensen, 2 uur per week, 46 weken",
        "kind": InputKind.VOLUNTEER_HOURS,
        "hours": Decimal("4600"),
        "hourly_value": Decimal("14.06"),
        "source": f"{POSTER}: 50 vrijwilligers; uren per week: {ESTIMATE.lower()}",
    },
]

OUTCOMES: list[dict[str, Any]] = [
    {
        "label": "Dagbesteding in de wijk in plaats van geïndiceerde dagbesteding",
        "stakeholder": "bewoners met een zorgvraag (ggz, dagbesteding)",
        "indicator": "aantal bewoners dat bij De Sleutel meedraait in plaats van dagbesteding",
        "quantity": Decimal("12"),
        "quantity_source": ESTIMATE,
        "proxy": Decimal("7500"),
        "proxy_source": (
            f"{ESTIMATE}: orde van grootte van een jaar Wmo-dagbesteding van twee dagdelen "
            "per week; vraag het werkelijke tarief na bij de gemeente Breda"
        ),
        "duration": 2,
        "deadweight": Decimal("0.25"),
        "displacement": Decimal("0"),
        "attribution": Decimal("0.25"),
        "dropoff": Decimal("0.25"),
        "deflators_source": "Banden gekozen in gesprek; Dagbesteding Pluk en Aanloop GGZ helpen mee",
        "grade": Grade.RED,
        "effect_text": None,
        "figure_label": None,
    },
    {
        "label": "Minder eenzaam, meer verbonden",
        "stakeholder": "vaste bezoekers",
        "indicator": "vaste bezoekers die zeggen dat ze mensen hebben leren kennen",
        "quantity": Decimal("35"),
        "quantity_source": f"{POSTER}: 25-50 vaste bezoekers per dag; het midden genomen",
        "proxy": Decimal("1200"),
        "proxy_source": (
            f"{ESTIMATE}: waarde van minder eenzaamheid per persoon per jaar, naar "
            "vergelijkbare SROI-studies; zoek een Nederlandse bron"
        ),
        "duration": 2,
        "deadweight": Decimal("0.25"),
        "displacement": Decimal("0"),
        "attribution": Decimal("0.25"),
        "dropoff": Decimal("0.5"),
        "deflators_source": "Banden gekozen in gesprek",
        "grade": Grade.ORANGE,
        "effect_text": "Bewoners helpen elkaar en voelen zich verbonden",
        "figure_label": "vaste bezoekers",
    },
    {
        "label": "Vrijwilliger vindt (weer) betaald werk",
        "stakeholder": "vrijwilligers",
        "indicator": "vrijwilligers die na hun tijd bij De Sleutel werk vonden",
        "quantity": Decimal("2"),
        "quantity_source": (
            f"{MAGAZINE}: 'ik heb een jaar in de kringloop gestaan en kan nu een nieuwe baan "
            "krijgen' (één vrijwilliger); de tweede is een schatting"
        ),
        "proxy": Decimal("16000"),
        "proxy_source": f"{ESTIMATE}: een jaar bijstandsuitkering voor een alleenstaande",
        "duration": 2,
        "deadweight": Decimal("0.5"),
        "displacement": Decimal("0"),
        "attribution": Decimal("0.25"),
        "dropoff": Decimal("0.25"),
        "deflators_source": "Banden gekozen in gesprek",
        "grade": Grade.ORANGE,
        "effect_text": "Bewoners ontwikkelen hun talenten en zetten deze (samen) in",
        "figure_label": None,
    },
    {
        "label": "Minder terugval bij bezoekers met een ggz-achtergrond",
        "stakeholder": "bezoekers van de Aanloop GGZ",
        "indicator": "draagt indirect bij aan: besparing zorgkosten door preventie",
        "quantity": Decimal("4"),
        "quantity_source": ESTIMATE,
        "proxy": Decimal("8000"),
        "proxy_source": f"{ESTIMATE}: kosten van een korte crisisopvang",
        "duration": 1,
        "deadweight": Decimal("0.5"),
        "displacement": Decimal("0"),
        "attribution": Decimal("0.5"),
        "dropoff": Decimal("0"),
        "deflators_source": "Banden gekozen in gesprek; de GGZ doet het meeste werk",
        "grade": Grade.RED,
        "effect_text": None,
        "figure_label": None,
    },
]

RATES: dict[str, dict[str, Any]] = {
    "replacement": {
        "rate": Decimal("38.00"),
        "source": (
            f"{ESTIMATE}: loonkosten per uur van een sociaal werker (cao Sociaal Werk) met "
            "werkgeverslasten; controleer de actuele cao"
        ),
        "year": 2025,
    },
    "opportunity": {
        "rate": Decimal("14.06"),
        "source": "Wettelijk minimumloon per uur vanaf 21 jaar, 1 januari 2025 (Rijksoverheid)",
        "year": 2025,
    },
    "market": {
        "rate": Decimal("55.00"),
        "source": f"{ESTIMATE}: uurtarief van een commerciële activiteitenbegeleider",
        "year": 2025,
    },
}


def _outcomes(organisation: Organisation) -> list[dict[str, Any]]:
    from collectief.changestories.models import Effect
    from collectief.figures.models import Figure

    rows = []
    for row in OUTCOMES:
        item = {k: v for k, v in row.items() if k not in ("effect_text", "figure_label")}
        if row["effect_text"]:
            item["effect"] = Effect.objects.filter(
                story__organisation=organisation, description=row["effect_text"]
            ).first()
        if row["figure_label"]:
            item["figure"] = Figure.objects.filter(
                organisation=organisation, label=row["figure_label"]
            ).first()
        rows.append(item)
    return rows


def load_demo(stdout: TextIO) -> None:
    organisation = Organisation.objects.filter(slug=SLUG).first()
    if organisation is None:
        return
    existing = Valuation.objects.filter(organisation=organisation).first()
    if existing is not None and not existing.is_illustration:
        return
    inputs = []
    for row in INPUTS:
        item = {"hours": None, "hourly_value": None, **row}
        if item["kind"] == InputKind.VOLUNTEER_HOURS:
            item["amount"] = item["hours"] * item["hourly_value"]
        inputs.append(item)
    document = importing.Document(
        discount_rate=Decimal("0.0225"),
        title="Maatschappelijke waarde van De Sleutel (illustratie)",
        period="2022",
        note=(
            "Illustratie bij het magazine Collectief. De aantallen komen uit het magazine waar "
            "dat bij de bron staat; alle bedragen zijn schattingen om de werkwijze te tonen. "
            "De € 300.000 van de gemeente voor het park is een investering in het park, niet in "
            "De Sleutel, en telt daarom niet mee."
        ),
        is_illustration=True,
        rates=RATES,
        inputs=inputs,
        outcomes=_outcomes(organisation),
    )
    services.replace_valuation(organisation, document, by=None)
    stdout.write(
        gettext("Valuation of %(name)s loaded (an illustration).") % {"name": organisation.name}
        + "\n"
    )
