"""``collectief valuation import`` and ``export``: round trip, all or nothing, Dutch errors."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from collectief.accounts.models import Organisation
from collectief.valuation.models import Valuation

pytestmark = pytest.mark.django_db

DOCUMENT: dict[str, Any] = {
    "discount_rate": 0.0225,
    "inputs": [
        {"label": "Subsidie gemeente", "amount": 12000, "kind": "money"},
        {"label": "Ruimte van de kerk", "amount": 3000.5, "kind": "in_kind"},
        {
            "label": "Vrijwilligers",
            "amount": 14060,
            "kind": "volunteer_hours",
            "hours": 1000,
            "hourly_value": 14.06,
        },
    ],
    "outcomes": [
        {
            "label": "Minder eenzaam",
            "stakeholder": "bezoekers",
            "quantity": 40,
            "proxy": 1200,
            "proxy_source": "Vergelijkbare SROI-studie",
            "duration": 2,
            "deadweight": 0.25,
            "displacement": 0,
            "attribution": 0.25,
            "dropoff": 0.5,
            "grade": "oranje",
        },
        {
            "label": "Minder zorgkosten",
            "stakeholder": "gemeente",
            "quantity": 5,
            "proxy": 7500,
            "proxy_source": "Schatting",
            "duration": 1,
            "deadweight": 0.5,
            "displacement": 0,
            "attribution": 0.5,
            "dropoff": 0,
            "grade": "rood",
        },
    ],
}


def _write(tmp_path: Path, document: Any) -> str:
    path = tmp_path / "waarde.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def _import(organisation: str, path: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("valuation", "import", organisation, path, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_the_id_on_the_last_line(own_org: Organisation, tmp_path: Path) -> None:
    out, _err = _import("own-org", _write(tmp_path, DOCUMENT))
    valuation = Valuation.objects.get(organisation=own_org)
    assert out.strip().splitlines()[-1] == str(valuation.pk)
    assert "Berekening opgeslagen met 3 soorten inzet en 2 uitkomsten." in out


def test_round_trip_import_export(own_org: Organisation, tmp_path: Path) -> None:
    _import("own-org", _write(tmp_path, DOCUMENT))
    out = StringIO()
    call_command("valuation", "export", "own-org", "--format", "json", stdout=out)
    exported = json.loads(out.getvalue())
    for key in ("discount_rate", "inputs", "outcomes"):
        assert exported[key] == DOCUMENT[key], key
    results = exported["results"]
    assert set(results) == {
        "investment",
        "present_value",
        "npv",
        "ratio",
        "net_ratio",
        "payback_months",
        "per_outcome",
        "red_share",
    }
    # By hand: year 1 = 40 × 1200 × 0.75 × 0.75 = 27000 and 5 × 7500 × 0.5 × 0.5 = 9375;
    # year 2 = 27000 × 0.5 = 13500. PV = 36375 / 1.0225 + 13500 / 1.0225².
    pv = 36375 / 1.0225 + 13500 / 1.0225**2
    assert results["investment"] == 29060.5
    assert results["present_value"] == pytest.approx(pv, rel=1e-12)
    assert results["ratio"] == pytest.approx(pv / 29060.5, rel=1e-12)
    assert results["net_ratio"] == pytest.approx((pv - 29060.5) / 29060.5, rel=1e-12)
    assert results["payback_months"] == pytest.approx(29060.5 / (36375 / 12), rel=1e-12)
    assert results["red_share"] == pytest.approx((9375 / 1.0225) / pv, rel=1e-12)
    assert [r["label"] for r in results["per_outcome"]] == ["Minder eenzaam", "Minder zorgkosten"]
    # Unrounded: more than two decimals survive.
    assert results["present_value"] != round(results["present_value"], 2)

    # The exported file imports again to the same numbers.
    path = tmp_path / "again.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    _import("own-org", str(path))
    again = StringIO()
    call_command("valuation", "export", "own-org", stdout=again)
    assert json.loads(again.getvalue())["results"] == results


def test_import_replaces_the_current_valuation(own_org: Organisation, tmp_path: Path) -> None:
    _import("own-org", _write(tmp_path, DOCUMENT))
    first = Valuation.objects.get().pk
    _import("own-org", _write(tmp_path, {**DOCUMENT, "outcomes": DOCUMENT["outcomes"][:1]}))
    valuation = Valuation.objects.get()
    assert valuation.pk != first and valuation.outcomes.count() == 1


BAD: list[tuple[str, Any, str]] = [
    ("outcomes", 0, "deadweight", 1.5, "outcomes[0].deadweight: Een percentage is een deel"),
    ("outcomes", 1, "attribution", -0.2, "outcomes[1].attribution: Een percentage"),
    ("outcomes", 0, "duration", 0, "outcomes[0].duration: De duur is minstens 1"),
    ("outcomes", 0, "duration", 200, "outcomes[0].duration: De duur is minstens 1"),
    ("outcomes", 1, "proxy", -1, "outcomes[1].proxy: Een financiële proxy kan niet negatief"),
    ("outcomes", 0, "quantity", "veertig", "outcomes[0].quantity: Vul een getal in, geen tekst."),
    ("outcomes", 0, "proxy_source", "", "outcomes[0].proxy_source: Zeg waar dit getal"),
    ("outcomes", 0, "grade", "paars", "outcomes[0].grade: Kies groen, oranje of rood."),
    ("inputs", 0, "amount", -5, "inputs[0].amount: Een bedrag kan niet negatief zijn"),
    ("inputs", 2, "amount", 99, "inputs[2].amount: Voor vrijwilligerstijd is het bedrag"),
    ("inputs", 0, "kind", "geld", "inputs[0].kind: Kies money, in_kind of volunteer_hours."),
]


@pytest.mark.parametrize(("part", "index", "key", "value", "message"), BAD)
def test_bad_input_is_refused_with_path_and_nothing_is_stored(
    own_org: Organisation,
    tmp_path: Path,
    part: str,
    index: int,
    key: str,
    value: Any,
    message: str,
) -> None:
    document = json.loads(json.dumps(DOCUMENT))
    document[part][index][key] = value
    with pytest.raises(CommandError, match=r"Er is niets geïmporteerd: 1 probleem\."):
        _import("own-org", _write(tmp_path, document))
    assert not Valuation.objects.exists()


@pytest.mark.parametrize(("part", "index", "key", "value", "message"), BAD)
def test_bad_input_message_names_the_json_path(
    own_org: Organisation,
    tmp_path: Path,
    part: str,
    index: int,
    key: str,
    value: Any,
    message: str,
) -> None:
    document = json.loads(json.dumps(DOCUMENT))
    document[part][index][key] = value
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "valuation",
            "import",
            "own-org",
            _write(tmp_path, document),
            stdout=StringIO(),
            stderr=err,
        )
    assert message in err.getvalue()


def test_a_failed_import_keeps_the_old_valuation(own_org: Organisation, tmp_path: Path) -> None:
    _import("own-org", _write(tmp_path, DOCUMENT))
    before = Valuation.objects.get().pk
    with pytest.raises(CommandError):
        _import("own-org", _write(tmp_path, {**DOCUMENT, "discount_rate": "veel"}))
    assert Valuation.objects.get().pk == before


def test_an_unknown_key_and_broken_json_are_reported(
    own_org: Organisation, tmp_path: Path
) -> None:
    err = StringIO()
    document = json.loads(json.dumps(DOCUMENT))
    document["outcomes"][0]["dropof"] = 0.1
    with pytest.raises(CommandError):
        call_command(
            "valuation",
            "import",
            "own-org",
            _write(tmp_path, document),
            stdout=StringIO(),
            stderr=err,
        )
    assert "outcomes[0].dropof: Onbekende sleutel" in err.getvalue()
    broken = tmp_path / "kapot.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="Er is niets geïmporteerd: "):
        _import("own-org", str(broken))


def test_unknown_organisation(tmp_path: Path, db: None) -> None:
    with pytest.raises(CommandError, match="Er is geen organisatie met de korte naam nope"):
        _import("nope", _write(tmp_path, DOCUMENT))


def test_export_without_valuation(own_org: Organisation) -> None:
    with pytest.raises(CommandError, match="heeft nog geen berekening"):
        call_command("valuation", "export", "own-org", stdout=StringIO())


def test_investment_zero_exports_null_ratio(own_org: Organisation, tmp_path: Path) -> None:
    _import("own-org", _write(tmp_path, {**DOCUMENT, "inputs": []}))
    out = StringIO()
    call_command("valuation", "export", "own-org", stdout=out)
    results = json.loads(out.getvalue())["results"]
    assert results["ratio"] is None and results["payback_months"] is None
    assert results["investment"] == 0
