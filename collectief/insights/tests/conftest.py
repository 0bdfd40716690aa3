"""Fixtures for the wijkbeeld tests: Almere with two wijken and a buurt, the recorded CBS files."""

from __future__ import annotations

from pathlib import Path

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
