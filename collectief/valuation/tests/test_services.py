"""Services: the calculation, the rules on every write, the summary for the report."""

from __future__ import annotations

from decimal import Decimal

import pytest

from collectief.accounts.models import Organisation
from collectief.audit.models import AuditEvent
from collectief.lib.errors import ServiceError
from collectief.valuation import services
from collectief.valuation.models import Input, Outcome, Valuation
from collectief.valuation.tests.conftest import outcome_fields

pytestmark = pytest.mark.django_db


def test_calculation_of_the_worked_example(valuation: Valuation) -> None:
    calc = services.calculation(valuation)
    assert calc.investment == Decimal(4800)
    assert calc.result.present_value == Decimal(9600)
    assert calc.result.ratio == Decimal(2)
    assert calc.result.payback_months == Decimal(6)
    assert calc.result.red_share == Decimal("0.3")
    assert calc.totals_by_kind == {
        "money": Decimal(3800),
        "in_kind": Decimal(0),
        "volunteer_hours": Decimal(1000),
    }
    assert calc.sensitivity  # one row per assumption


def test_volunteer_time_is_hours_times_value(valuation: Valuation) -> None:
    item = valuation.inputs.get(kind="volunteer_hours")
    assert item.amount == Decimal("1000.00")


def test_three_volunteer_values_side_by_side(valuation: Valuation) -> None:
    services.save_valuation(
        valuation.organisation,
        by=None,
        title="Waarde 2024",
        discount_rate=Decimal("0.25"),
        replacement_rate=Decimal(38),
        replacement_source="cao Sociaal Werk",
        replacement_year=2025,
        opportunity_rate=Decimal("14.06"),
        opportunity_source="minimumloon",
        opportunity_year=2025,
    )
    valuation.refresh_from_db()
    values = {v.kind: v for v in services.calculation(valuation).volunteer_values}
    assert values["replacement"].total == Decimal(3800)
    assert values["opportunity"].total == Decimal("1406.00")
    assert values["market"].rate is None and values["market"].total is None


def test_a_rate_without_source_is_refused(own_org: Organisation) -> None:
    with pytest.raises(ServiceError, match="Zeg waar dit getal vandaan komt"):
        services.save_valuation(
            own_org,
            by=None,
            title="Waarde",
            discount_rate=Decimal("0.0225"),
            market_rate=Decimal(50),
            market_year=2025,
        )
    assert not Valuation.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("deadweight", Decimal("1.5"), "tussen 0 en 1"),
        ("attribution", Decimal("-0.1"), "tussen 0 en 1"),
        ("duration", 0, "minstens 1"),
        ("duration", 200, "minstens 1"),
        ("proxy", Decimal(-5), "financiële proxy kan niet negatief"),
        ("proxy_source", "", "Zeg waar dit getal vandaan komt"),
        ("grade", "paars", "Kies groen, oranje of rood"),
    ],
)
def test_bad_outcome_values_are_refused_and_nothing_is_stored(
    valuation: Valuation, field: str, value: object, message: str
) -> None:
    before = Outcome.objects.count()
    with pytest.raises(ServiceError, match=message) as caught:
        services.add_outcome(valuation, by=None, **outcome_fields(**{field: value}))
    assert caught.value.field == field
    assert Outcome.objects.count() == before


def test_a_negative_amount_is_refused(valuation: Valuation) -> None:
    with pytest.raises(ServiceError, match="niet negatief"):
        services.add_input(valuation, by=None, label="x", kind="money", amount=Decimal(-1))
    assert Input.objects.count() == 2


def test_investment_zero_gives_no_ratio_with_a_dutch_reason(own_org: Organisation) -> None:
    valuation = services.save_valuation(
        own_org, by=None, title="Zonder inzet", discount_rate=Decimal("0.0225")
    )
    services.add_outcome(valuation, by=None, **outcome_fields())
    calc = services.calculation(valuation)
    assert calc.result.ratio is None
    assert "de investering is 0 euro" in calc.no_ratio_text


def test_writes_are_audited(valuation: Valuation) -> None:
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "valuation.valuation.create",
        "valuation.input.create",
        "valuation.outcome.create",
    } <= actions


def test_an_effect_of_another_organisation_is_refused(
    valuation: Valuation, other_org: Organisation
) -> None:
    from collectief.changestories.models import ChangeStory, Effect

    story = ChangeStory.objects.create(organisation=other_org)
    effect = Effect.objects.create(story=story, key="e1", description="Iets van een ander")
    with pytest.raises(ServiceError, match="niet in jullie veranderverhaal"):
        services.add_outcome(valuation, by=None, **outcome_fields(effect=effect))


def test_summary_is_none_without_valuation(own_org: Organisation) -> None:
    assert services.valuation_summary(own_org) is None


def test_summary_has_results_and_every_assumption(valuation: Valuation) -> None:
    summary = services.valuation_summary(valuation.organisation)
    assert summary is not None
    assert summary.ratio == Decimal(2) and summary.red_share == Decimal("0.3")
    assert summary.discount_rate == Decimal("0.25")
    assert [a.outcome for a in summary.assumptions] == ["Minder eenzaam", "Werk gevonden"]
    assert summary.assumptions[1].grade == "rood"
    assert summary.assumptions[0].present_value == Decimal(6720)
    assert summary.url == "/o/own-org/waarde/"


def test_delete_and_update(valuation: Valuation) -> None:
    outcome = valuation.outcomes.get(label="Werk gevonden")
    services.update_outcome(outcome, by=None, **outcome_fields(label="Werk", grade="oranje"))
    assert services.calculation(valuation).result.red_share == 0
    services.delete_outcome(outcome, by=None)
    services.delete_input(valuation.inputs.get(label="Subsidie"), by=None)
    calc = services.calculation(valuation)
    assert calc.investment == Decimal(1000) and len(calc.outcomes) == 1


def test_evidence_share_is_hidden_below_five_answers(valuation: Valuation) -> None:
    from collectief.surveys.tests.results_helpers import add_responses, make_survey

    survey = make_survey(valuation.organisation)
    question = survey.questions.get(code="kennen")
    outcome = valuation.outcomes.first()
    assert outcome is not None
    services.update_outcome(outcome, by=None, **{**outcome_fields(), "question": question})
    add_responses(survey, [{"kennen": ["5"]}] * 4)
    outcome.refresh_from_db()
    evidence = services.evidence_for([outcome])[outcome.pk]
    assert evidence.suppressed and evidence.agree_pct is None

    add_responses(survey, [{"kennen": ["4"]}, {"kennen": ["2"]}], prefix="more")
    evidence = services.evidence_for([outcome])[outcome.pk]
    assert not evidence.suppressed
    assert evidence.agree_pct == pytest.approx(100 * 5 / 6)
