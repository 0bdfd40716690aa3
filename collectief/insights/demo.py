"""Demo wijkbeeld (issue 12 point 8): made-up CBS figures for three gemeenten, marked as demo.

The keys, the region codes and the shape are real (Kerncijfers Wijken en
Buurten, anchors-wijkdata.md §1.4); the numbers are not. They are plausible
orders of magnitude chosen for the stories in the magazine: in Almere Haven
and Almere Buiten more geldzorgen (p. 8-9), in Utrecht Zuidwest, with the
Dichterswijk, clearly more bijstand and jeugdzorg than in the rest of
Utrecht (p. 22-23), and no collective provision for it on the demo sociale
kaart: the "kans voor collectief aanbod" the routekaart starts from. Haarlem,
the gemeente of Het Badhuis and of the demo gemeente login, has figures too,
so its home shows gaps as well (issue 13 point 8).

Every value carries the table ``DEMO`` instead of a CBS table id, and the
page says "demo" wherever such a value is shown. Three years (2022-2024),
so the latest-value rule shows: income is "unknown" in 2024 everywhere (CBS
publishes it two years late), and Almere Hout's bijstand is "secret" in 2024.
Safe to run again: the demo values are replaced.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TextIO

from django.db import transaction
from django.utils.translation import ngettext

from collectief.areas.models import Area
from collectief.audit.services import record_event
from collectief.insights.catalogue import ensure_catalogue
from collectief.insights.counts import ensure_categories
from collectief.insights.models import IndicatorValue, ProvisionCount

DEMO_TABLE = IndicatorValue.DEMO_TABLE
YEARS = (2022, 2023, 2024)

# Per region: inhabitants in 2024, and per indicator the share of inhabitants
# (counts) or the value itself (percentages, amounts).
# (code, inwoners, households share, one-person share of households, 65+, 0-15,
#  bijstand, AO, WW, jeugdzorg, Wmo, armoede %, inkomen (x 1000), huur %, WOZ (x 1000))
REGIONS: list[tuple[str, int, tuple[float, ...]]] = [
    (
        "NL01",
        17_942_942,
        (0.45, 0.39, 0.20, 0.15, 0.023, 0.045, 0.010, 0.025, 0.075, 5.6, 34.2, 42.0, 405),
    ),
    (
        "GM0034",
        218_096,
        (0.42, 0.33, 0.14, 0.18, 0.030, 0.050, 0.012, 0.030, 0.060, 6.4, 29.6, 38.0, 335),
    ),
    (
        "WK003401",
        22_190,
        (0.46, 0.45, 0.21, 0.14, 0.046, 0.062, 0.014, 0.034, 0.082, 9.1, 27.9, 52.0, 280),
    ),
    (
        "WK003402",
        110_140,
        (0.43, 0.36, 0.13, 0.18, 0.032, 0.051, 0.012, 0.031, 0.060, 6.9, 28.4, 41.0, 315),
    ),
    (
        "WK003403",
        57_480,
        (0.41, 0.30, 0.14, 0.18, 0.035, 0.053, 0.013, 0.033, 0.064, 7.2, 28.9, 36.0, 320),
    ),
    (
        "WK003404",
        21_450,
        (0.40, 0.27, 0.08, 0.21, 0.018, 0.035, 0.010, 0.022, 0.035, 3.8, 32.5, 30.0, 390),
    ),
    (
        "WK003405",
        6_836,
        (0.38, 0.20, 0.10, 0.22, 0.009, 0.030, 0.008, 0.018, 0.030, 2.1, 36.8, 15.0, 455),
    ),
    # Haarlem: the gemeente of Het Badhuis (Leidsebuurt, in the Zijlwegkwartier) and of the
    # demo gemeente login. More older people living alone in the Zijlwegkwartier (the
    # Badhuis' seniorenkoor and koffieochtenden), and in the Duinwijk more bijstand and
    # jeugdzorg than in the rest of Haarlem.
    (
        "GM0392",
        162_902,
        (0.48, 0.44, 0.18, 0.16, 0.027, 0.040, 0.009, 0.024, 0.064, 5.4, 34.6, 44.0, 480),
    ),
    (
        "WK039201",
        15_480,
        (0.60, 0.61, 0.15, 0.08, 0.024, 0.035, 0.009, 0.015, 0.058, 5.0, 37.9, 52.0, 565),
    ),
    (
        "WK039202",
        13_910,
        (0.50, 0.44, 0.21, 0.15, 0.010, 0.029, 0.008, 0.017, 0.052, 2.7, 42.3, 29.0, 690),
    ),
    (
        "WK039203",
        12_630,
        (0.53, 0.55, 0.24, 0.12, 0.026, 0.042, 0.009, 0.021, 0.086, 5.3, 33.2, 43.0, 515),
    ),
    (
        "WK039204",
        11_240,
        (0.46, 0.38, 0.20, 0.15, 0.019, 0.038, 0.008, 0.022, 0.068, 4.1, 35.4, 38.0, 505),
    ),
    (
        "WK039205",
        10_570,
        (0.44, 0.34, 0.13, 0.20, 0.052, 0.051, 0.011, 0.046, 0.071, 9.6, 27.4, 63.0, 340),
    ),
    (
        "GM0344",
        374_238,
        (0.48, 0.49, 0.11, 0.16, 0.029, 0.038, 0.009, 0.024, 0.058, 6.2, 33.1, 50.0, 445),
    ),
    (
        "WK034406",
        17_420,
        (0.58, 0.63, 0.14, 0.07, 0.018, 0.030, 0.008, 0.012, 0.052, 5.1, 38.4, 58.0, 560),
    ),
    (
        "WK034407",
        25_360,
        (0.50, 0.50, 0.16, 0.13, 0.024, 0.036, 0.009, 0.021, 0.061, 5.4, 34.0, 48.0, 470),
    ),
    (
        "WK034408",
        34_420,
        (0.47, 0.47, 0.10, 0.19, 0.061, 0.058, 0.012, 0.041, 0.081, 12.4, 24.6, 72.0, 310),
    ),
    (
        "WK034409",
        91_250,
        (0.40, 0.30, 0.07, 0.24, 0.014, 0.027, 0.008, 0.020, 0.038, 3.2, 35.2, 35.0, 430),
    ),
]
KEYS = (
    "HuishoudensTotaal",
    "Eenpersoonshuishoudens",
    "k_65JaarOfOuder",
    "k_0Tot15Jaar",
    "PersonenPerSoortUitkeringBijstand",
    "PersonenPerSoortUitkeringAO",
    "PersonenPerSoortUitkeringWW",
    "JongerenMetJeugdzorgInNatura",
    "WmoClienten",
    "PersonenInArmoede",
    "GemiddeldInkomenPerInwoner",
    "HuurwoningenTotaal",
    "GemiddeldeWOZWaardeVanWoningen",
)
# CBS rounds the uitkeringen to tens and jeugdzorg and Wmo to fives (anchors §1.5).
ROUND_TO = {
    "PersonenPerSoortUitkeringBijstand": 10,
    "PersonenPerSoortUitkeringAO": 10,
    "PersonenPerSoortUitkeringWW": 10,
    "JongerenMetJeugdzorgInNatura": 5,
    "WmoClienten": 5,
}
# Each year back has a little fewer inhabitants and a little more bijstand.
GROWTH = {2022: 0.97, 2023: 0.985, 2024: 1.0}


def _rounded(value: float, step: int) -> Decimal:
    return Decimal(round(value / step) * step)


def demo_values(year: int) -> list[tuple[str, str, Decimal | None, str]]:
    """(region, key, value, status) for one year."""
    rows: list[tuple[str, str, Decimal | None, str]] = []
    for code, inhabitants_2024, shares in REGIONS:
        inhabitants = inhabitants_2024 * GROWTH[year]
        rows.append((code, "AantalInwoners", Decimal(int(inhabitants)), "ok"))
        households = inhabitants * shares[0]
        for key, share in zip(KEYS, shares, strict=True):
            if key == "HuishoudensTotaal":
                value: float = households
            elif key == "Eenpersoonshuishoudens":
                value = households * share
            elif key in (
                "PersonenInArmoede",
                "GemiddeldInkomenPerInwoner",
                "HuurwoningenTotaal",
                "GemiddeldeWOZWaardeVanWoningen",
            ):
                value = share if key != "GemiddeldeWOZWaardeVanWoningen" else share * GROWTH[year]
            else:
                drift = (2 - GROWTH[year]) if key == "PersonenPerSoortUitkeringBijstand" else 1
                value = inhabitants * share * drift
            if key in ("PersonenInArmoede", "GemiddeldInkomenPerInwoner") and year == 2024:
                rows.append((code, key, None, "unknown"))  # published two years late
            elif (
                key == "PersonenPerSoortUitkeringBijstand" and code == "WK003405" and year == 2024
            ):
                rows.append((code, key, None, "secret"))
            elif key in ("PersonenInArmoede", "GemiddeldInkomenPerInwoner", "HuurwoningenTotaal"):
                rows.append((code, key, Decimal(str(round(value, 1))), "ok"))
            else:
                rows.append((code, key, _rounded(value, ROUND_TO.get(key, 1)), "ok"))
    return rows


# Beschikkingen (issue 12 point 2), made up as well: per category a rate per inhabitant
# for the gemeente, and per wijk how many times that rate it has. In Zuidwest more
# dagbesteding, schuldhulp, bijstand and jeugdhulp (the magazine's Dichterswijk, p. 22-23:
# many households with individual help); in Almere Haven and Buiten more schuldhulp.
# Dagbesteding tells about "ontmoeting" too: with no collective provision for it on the
# demo sociale kaart, that is the gap the Dichterswijk project (projects/demo.py) is on.
PROVISION_RATES = {
    "wmo-huishoudelijke-hulp": 0.012,
    "wmo-begeleiding": 0.008,
    "wmo-dagbesteding": 0.004,
    "wmo-hulpmiddelen-en-woonvoorzieningen": 0.015,
    "wmo-beschermd-wonen": 0.002,
    "jeugd-ambulant": 0.025,
    "jeugd-verblijf": 0.002,
    "jeugd-ggz": 0.006,
    "participatiewet-bijstand": 0.025,
    "schuldhulpverlening": 0.004,
}
PROVISION_FACTORS: dict[str, dict[str, float]] = {
    "WK003401": {"schuldhulpverlening": 1.8, "participatiewet-bijstand": 1.5},
    "WK003402": {},
    "WK003403": {"schuldhulpverlening": 1.5, "participatiewet-bijstand": 1.2},
    "WK003404": {"wmo-huishoudelijke-hulp": 0.6, "wmo-hulpmiddelen-en-woonvoorzieningen": 0.6},
    "WK003405": {"*": 0.5},
    "WK034406": {"wmo-huishoudelijke-hulp": 0.8, "jeugd-ambulant": 0.7},
    "WK034407": {},
    "WK034408": {
        "wmo-dagbesteding": 2.0,
        "jeugd-ambulant": 1.4,
        "participatiewet-bijstand": 2.0,
        "schuldhulpverlening": 2.2,
    },
    "WK034409": {"participatiewet-bijstand": 0.6, "schuldhulpverlening": 0.6},
}
PROVISION_YEARS = (2023, 2024)


def demo_provision_counts() -> list[tuple[str, str, int, int]]:
    """(wijk, category, year, count): made up, from the inhabitants of the demo regions."""
    inhabitants = {code: n for code, n, _shares in REGIONS}
    rows = []
    for code, factors in PROVISION_FACTORS.items():
        for year in PROVISION_YEARS:
            people = inhabitants[code] * GROWTH[year]
            for category, rate in PROVISION_RATES.items():
                factor = factors.get(category, factors.get("*", 1.0))
                rows.append((code, category, year, round(people * rate * factor)))
    return rows


def _load_provision_counts() -> int:
    categories = {c.code: c for c in ensure_categories()}
    areas = {a.code: a for a in Area.objects.filter(code__in=list(PROVISION_FACTORS))}
    counts = [
        ProvisionCount(
            area=areas[code], category=categories[category], year=year, count=n, is_demo=True
        )
        for code, category, year, n in demo_provision_counts()
        if code in areas and category in categories
    ]
    ProvisionCount.objects.bulk_create(
        counts,
        update_conflicts=True,
        unique_fields=["area", "category", "year"],
        update_fields=["count", "is_demo", "imported_at"],
    )
    return len(counts)


@transaction.atomic
def load_demo(stdout: TextIO) -> None:
    indicators = {i.key: i for i in ensure_catalogue()}
    codes = [code for code, _n, _s in REGIONS]
    areas = {a.code: a for a in Area.objects.filter(code__in=codes)}
    IndicatorValue.objects.filter(region__in=codes, table_id=DEMO_TABLE).delete()
    values = []
    for year in YEARS:
        for code, key, value, status in demo_values(year):
            area = areas.get(code)
            if area is None and code != "NL01":
                continue
            values.append(
                IndicatorValue(
                    indicator=indicators[key],
                    region=code,
                    area=area,
                    level=area.level if area else IndicatorValue.Level.COUNTRY,
                    year=year,
                    value=value,
                    status=status,
                    table_id=DEMO_TABLE,
                )
            )
    IndicatorValue.objects.bulk_create(
        values,
        update_conflicts=True,
        unique_fields=["indicator", "region", "year"],
        update_fields=["area", "level", "value", "status", "table_id", "imported_at"],
    )
    for gemeente in Area.objects.filter(code__in=["GM0034", "GM0344", "GM0392"]):
        record_event(
            "insights.demo", gemeente, by=None, details={"table": DEMO_TABLE, "years": list(YEARS)}
        )
    provision_count = _load_provision_counts()
    stdout.write(
        ngettext(
            "Demo: %(count)d number of beschikkingen (made up, marked as demo).",
            "Demo: %(count)d numbers of beschikkingen (made up, marked as demo).",
            provision_count,
        )
        % {"count": provision_count}
        + "\n"
    )
    stdout.write(
        ngettext(
            "Demo: %(count)d wijkbeeld figure (made up, marked as demo).",
            "Demo: %(count)d wijkbeeld figures (made up, marked as demo).",
            len(values),
        )
        % {"count": len(values)}
        + "\n"
    )
