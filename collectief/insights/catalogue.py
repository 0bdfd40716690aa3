"""The standard indicators of Kerncijfers Wijken en Buurten, with their themes.

Keys, titles and v4 measure codes come from the research notes
(``anchors-wijkdata.md`` §1.4). ``ensure_catalogue`` adds the ones that are
missing and never changes an indicator an administrator has edited, so it is
safe to call before every import.
"""

from __future__ import annotations

from typing import Any

from collectief.directory.models import TaxonomyTerm
from collectief.directory.taxonomy_data import ensure_taxonomies
from collectief.insights.models import Indicator

U, D = Indicator.Unit, Indicator.Direction

# key stem, title (Dutch, read as "In X komen <title> … voor"), CBS title,
# v4 code, unit, denominator key, direction, theme codes.
STANDARD: list[tuple[str, str, str, str, str, str, str, list[str]]] = [
    ("AantalInwoners", "Inwoners", "Aantal inwoners", "T001036", U.COUNT, "", D.NEUTRAL, []),
    (
        "HuishoudensTotaal",
        "Huishoudens",
        "Huishoudens totaal",
        "1050010_2",
        U.COUNT,
        "",
        D.NEUTRAL,
        [],
    ),
    (
        "k_0Tot15Jaar",
        "Kinderen tot 15 jaar",
        "0 tot 15 jaar",
        "10680",
        U.COUNT,
        "AantalInwoners",
        D.NEUTRAL,
        ["opvoeden-en-opgroeien"],
    ),
    (
        "k_65JaarOfOuder",
        "Inwoners van 65 jaar of ouder",
        "65 jaar of ouder",
        "80200",
        U.COUNT,
        "AantalInwoners",
        D.NEUTRAL,
        ["eenzaamheid", "mantelzorg"],
    ),
    (
        "Eenpersoonshuishoudens",
        "Eenpersoonshuishoudens",
        "Eenpersoonshuishoudens",
        "1050015",
        U.COUNT,
        "HuishoudensTotaal",
        D.NEUTRAL,
        ["eenzaamheid"],
    ),
    (
        "PersonenPerSoortUitkeringBijstand",
        "Mensen met bijstand",
        "Bijstand",
        "D006842",
        U.COUNT,
        "AantalInwoners",
        D.HIGHER_WORSE,
        ["geldzorgen-en-schulden", "werk-en-dagbesteding"],
    ),
    (
        "PersonenPerSoortUitkeringAO",
        "Mensen met een arbeidsongeschiktheidsuitkering",
        "Arbeidsongeschiktheid",
        "D006837",
        U.COUNT,
        "AantalInwoners",
        D.HIGHER_WORSE,
        ["werk-en-dagbesteding", "gezondheid-en-bewegen"],
    ),
    (
        "PersonenPerSoortUitkeringWW",
        "Mensen met een WW-uitkering",
        "Werkloosheid",
        "D001827",
        U.COUNT,
        "AantalInwoners",
        D.HIGHER_WORSE,
        ["werk-en-dagbesteding"],
    ),
    (
        "JongerenMetJeugdzorgInNatura",
        "Jongeren met jeugdzorg",
        "Jongeren met jeugdzorg in natura",
        "T001203",
        U.COUNT,
        "AantalInwoners",
        D.HIGHER_WORSE,
        ["opvoeden-en-opgroeien"],
    ),
    (
        "WmoClienten",
        "Mensen met Wmo-ondersteuning",
        "Wmo-cliënten",
        "M001342_1",
        U.COUNT,
        "AantalInwoners",
        D.HIGHER_WORSE,
        ["mantelzorg", "gezondheid-en-bewegen"],
    ),
    (
        "PersonenInArmoede",
        "Mensen in armoede (%)",
        "Personen in armoede",
        "M008349",
        U.PERCENT,
        "",
        D.HIGHER_WORSE,
        ["geldzorgen-en-schulden"],
    ),
    (
        "GemiddeldInkomenPerInwoner",
        "Gemiddeld inkomen per inwoner (x 1.000 euro)",
        "Gemiddeld inkomen per inwoner",
        "M000224",
        U.AMOUNT,
        "",
        D.HIGHER_BETTER,
        ["geldzorgen-en-schulden"],
    ),
    (
        "HuurwoningenTotaal",
        "Huurwoningen (%)",
        "Huurwoningen totaal",
        "1014850_2",
        U.PERCENT,
        "",
        D.NEUTRAL,
        ["wonen"],
    ),
    (
        "GemiddeldeWOZWaardeVanWoningen",
        "Gemiddelde WOZ-waarde (x 1.000 euro)",
        "Gemiddelde WOZ-waarde van woningen",
        "M001642",
        U.AMOUNT,
        "",
        D.NEUTRAL,
        ["wonen"],
    ),
]


def ensure_catalogue() -> list[Indicator]:
    """Create the standard indicators that do not exist yet; return every indicator."""
    existing = {i.key: i for i in Indicator.objects.all()}
    missing = [row for row in STANDARD if row[0] not in existing]
    if missing:
        ensure_taxonomies()
        themes = {t.code: t for t in TaxonomyTerm.objects.themes()}
        for order, (
            key,
            title,
            cbs_title,
            code,
            unit,
            denominator,
            direction,
            theme_codes,
        ) in enumerate(STANDARD):
            if key in existing:
                continue
            fields: dict[str, Any] = {
                "title": title,
                "cbs_title": cbs_title,
                "measure_code": code,
                "unit": unit,
                "direction": direction,
                "order": (order + 1) * 10,
                "denominator": existing.get(denominator) if denominator else None,
            }
            indicator = Indicator.objects.create(key=key, **fields)
            indicator.themes.set([themes[c] for c in theme_codes if c in themes])
            existing[key] = indicator
    return sorted(existing.values(), key=lambda i: (i.order, i.key))
