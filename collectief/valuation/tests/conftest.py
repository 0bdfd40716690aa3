"""A valuation of the "own" organisation: the worked example of lib/tests/test_sroi.py.

Two outcomes (one graded rood) and inputs of 4800 euro in total, at a discount
rate of 25 %, so that the ratio is exactly 2 (see the arithmetic there).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from collectief.accounts.models import Organisation
from collectief.valuation import services
from collectief.valuation.models import Valuation


def outcome_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "label": "Minder eenzaam",
        "stakeholder": "bezoekers",
        "quantity": Decimal(10),
        "proxy": Decimal(1000),
        "proxy_source": "Eigen enquête 2024",
        "duration": 2,
        "deadweight": Decimal("0.25"),
        "displacement": Decimal(0),
        "attribution": Decimal("0.2"),
        "dropoff": Decimal("0.5"),
        "grade": "groen",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def valuation(own_org: Organisation) -> Valuation:
    valuation = services.save_valuation(
        own_org, by=None, title="Waarde 2024", discount_rate=Decimal("0.25"), period="2024"
    )
    services.add_input(
        valuation, by=None, label="Subsidie", kind="money", amount=Decimal(3800), source="Gemeente"
    )
    services.add_input(
        valuation,
        by=None,
        label="Vrijwilligers",
        kind="volunteer_hours",
        hours=Decimal(100),
        hourly_value=Decimal(10),
    )
    services.add_outcome(valuation, by=None, **outcome_fields())
    services.add_outcome(
        valuation,
        by=None,
        **outcome_fields(
            label="Werk gevonden",
            stakeholder="vrijwilligers",
            quantity=Decimal(4),
            proxy=Decimal(2400),
            proxy_source="Schatting",
            duration=1,
            deadweight=Decimal("0.5"),
            displacement=Decimal("0.25"),
            attribution=Decimal(0),
            dropoff=Decimal(0),
            grade="rood",
        ),
    )
    return valuation
