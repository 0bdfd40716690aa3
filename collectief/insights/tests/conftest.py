"""Fixtures for the wijkbeeld tests: Almere with two wijken and a buurt, the recorded CBS files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.directory.taxonomy_data import ensure_taxonomies

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def almere(db: None) -> dict[str, Area]:
    gemeente = Area.objects.create(code="GM0034", name="Almere", level="gemeente", year=2024)
    haven = Area.objects.create(
        code="WK003401", name="Almere Haven", level="wijk", parent=gemeente, year=2024
    )
    stad = Area.objects.create(
        code="WK003402", name="Almere Stad", level="wijk", parent=gemeente, year=2024
    )
    kruidenwijk = Area.objects.create(
        code="BU00340201", name="Kruidenwijk", level="buurt", parent=stad, year=2024
    )
    return {"gemeente": gemeente, "haven": haven, "stad": stad, "kruidenwijk": kruidenwijk}


@pytest.fixture
def themes(db: None) -> dict[str, TaxonomyTerm]:
    ensure_taxonomies()
    return {term.code: term for term in TaxonomyTerm.objects.themes()}


@pytest.fixture
def barendrecht(db: None) -> dict[str, Area]:
    gemeente = Area.objects.create(code="GM0489", name="Barendrecht", level="gemeente", year=2024)
    wijken = {
        key: Area.objects.create(code=code, name=name, level="wijk", parent=gemeente, year=2024)
        for key, code, name in [
            ("buitenoord", "WK048901", "Buitenoord"),
            ("centrum", "WK048902", "Centrum"),
            ("klein", "WK048903", "Kleine Polder"),
            ("weinig", "WK048904", "Carnisselande"),
            ("leeg", "WK048905", "Gaatkensplas"),
        ]
    }
    return {"gemeente": gemeente, **wijken}


def put_values(area: Area, year: int, **values: object) -> None:
    """Indicator values by key stem: a number, or "x" / "." for secret / unknown."""
    from decimal import Decimal

    from collectief.insights.catalogue import ensure_catalogue
    from collectief.insights.models import IndicatorValue

    indicators = {i.key: i for i in ensure_catalogue()}
    for key, raw in values.items():
        status = {"x": "secret", ".": "unknown"}.get(str(raw), "ok")
        IndicatorValue.objects.update_or_create(
            indicator=indicators[key],
            region=area.code,
            year=year,
            defaults={
                "area": area,
                "level": area.level,
                "value": None if status != "ok" else Decimal(str(raw)),
                "status": status,
                "table_id": "85984NED",
            },
        )


def provision_counts(area: Area, year: int, **per_category: int) -> None:
    """Beschikkingen by category code with underscores: ``wmo_dagbesteding=90``."""
    from collectief.insights.counts import ensure_categories
    from collectief.insights.models import ProvisionCount

    categories = {c.code.replace("-", "_"): c for c in ensure_categories()}
    for key, n in per_category.items():
        ProvisionCount.objects.create(area=area, category=categories[key], year=year, count=n)


def add_signals(org: Any, wijk: Area, theme: TaxonomyTerm, n: int) -> None:
    """``n`` signals on one theme in the last complete month."""
    from django.utils import timezone

    from collectief.signals.models import Signal
    from collectief.signals.summary import Period

    day = Period.last_complete(timezone.localdate()).start
    for _ in range(n):
        signal = Signal.objects.create(organisation=org, area=wijk, date=day)
        signal.signal_themes.create(theme=theme)


@pytest.fixture
def counted(
    own_org: Any, barendrecht: dict[str, Area], themes: dict[str, TaxonomyTerm]
) -> dict[str, Area]:
    """Barendrecht with a count behind every disclosure rule, from every source.

    CBS bijstand of 7 and 8 (shown "<10") and 91 (shown 90); beschikkingen
    dagbesteding of 2 and 3 ("<10") and schuldhulp of 12 (10); rode draden
    of 12 and of 4 and 3.
    """
    own_org.areas.add(barendrecht["gemeente"])
    b = barendrecht
    bijstand = "PersonenPerSoortUitkeringBijstand"
    put_values(b["gemeente"], 2024, AantalInwoners=10000, **{bijstand: 200})
    put_values(b["buitenoord"], 2023, AantalInwoners=2450, **{bijstand: 80})
    put_values(b["buitenoord"], 2024, AantalInwoners=2500, **{bijstand: 91})
    put_values(b["centrum"], 2024, AantalInwoners=2500, **{bijstand: 21})
    put_values(b["klein"], 2023, AantalInwoners=310, **{bijstand: 8})
    put_values(b["klein"], 2024, AantalInwoners=300, **{bijstand: 7})
    put_values(b["weinig"], 2024, AantalInwoners=2000, **{bijstand: 30})
    provision_counts(b["buitenoord"], 2024, wmo_dagbesteding=90, schuldhulpverlening=12)
    provision_counts(b["centrum"], 2024, wmo_dagbesteding=20, schuldhulpverlening=40)
    provision_counts(b["weinig"], 2024, wmo_dagbesteding=3)
    provision_counts(b["klein"], 2024, wmo_dagbesteding=2)
    add_signals(own_org, b["buitenoord"], themes["geldzorgen-en-schulden"], 12)
    add_signals(own_org, b["buitenoord"], themes["eenzaamheid"], 4)
    add_signals(own_org, b["klein"], themes["eenzaamheid"], 3)
    return b
