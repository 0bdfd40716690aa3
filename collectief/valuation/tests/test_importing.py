"""Reading the JSON document: every problem at once, each with its JSON path."""

from __future__ import annotations

from decimal import Decimal

import pytest

from collectief.valuation import importing


def _outcome(**overrides: object) -> dict[str, object]:
    outcome: dict[str, object] = {
        "label": "Minder eenzaam",
        "stakeholder": "bezoekers",
        "quantity": 10,
        "proxy": 100.5,
        "proxy_source": "Enquête",
        "duration": 1,
        "deadweight": 0.25,
        "displacement": 0,
        "attribution": 0.125,
        "dropoff": 0,
        "grade": "groen",
    }
    outcome.update(overrides)
    return outcome


def test_a_good_document_is_read_exactly() -> None:
    document = importing.read_document(
        {
            "discount_rate": 0.0225,
            "inputs": [
                {
                    "label": "Uren",
                    "amount": 140.6,
                    "kind": "volunteer_hours",
                    "hours": 10,
                    "hourly_value": 14.06,
                }
            ],
            "outcomes": [_outcome()],
        }
    )
    assert document.discount_rate == Decimal("0.0225")
    assert document.inputs[0]["amount"] == Decimal("140.60")
    assert document.outcomes[0]["attribution"] == Decimal("0.1250")
    assert document.outcomes[0]["proxy"] == Decimal("100.50")


def test_all_problems_are_reported_at_once() -> None:
    with pytest.raises(importing.ValuationImportError) as caught:
        importing.read_document(
            {
                "discount_rate": 0.5,
                "inputs": [{"label": "", "amount": "veel", "kind": "money"}],
                "outcomes": [_outcome(deadweight=2, duration=200), "geen object"],
                "extra": 1,
            }
        )
    problems = caught.value.problems
    paths = [p.split(":")[0] for p in problems]
    assert paths == [
        "extra",
        "discount_rate",
        "inputs[0].label",
        "inputs[0].amount",
        "outcomes[0].duration",
        "outcomes[0].deadweight",
        "outcomes[1]",
    ]
    assert "Dit veld is verplicht." in problems[2]
    assert "Vul een getal in, geen tekst." in problems[3]


def test_a_true_is_not_a_number() -> None:
    with pytest.raises(importing.ValuationImportError, match=r"outcomes\[0\]\.quantity"):
        importing.read_document({"outcomes": [_outcome(quantity=True)]})


def test_more_than_two_decimals_in_a_proxy_is_refused() -> None:
    with pytest.raises(importing.ValuationImportError, match="hoogstens 2 cijfers achter"):
        importing.read_document({"outcomes": [_outcome(proxy=10.125)]})


def test_the_document_must_be_an_object() -> None:
    with pytest.raises(importing.ValuationImportError) as caught:
        importing.read_document([1, 2])
    assert caught.value.problems == ["Hier hoort een object met sleutels tussen { en }."]
