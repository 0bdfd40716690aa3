"""The De Sleutel illustration: loads, links to the change story, safe to run again."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from collectief.valuation import services
from collectief.valuation.models import Valuation

pytestmark = pytest.mark.django_db


@pytest.fixture
def sleutel() -> object:
    from collectief.accounts.demo import load_demo as load_accounts
    from collectief.areas.demo import load_demo as load_areas
    from collectief.changestories.demo import load_demo as load_stories
    from collectief.figures.demo import load_demo as load_figures

    out = io.StringIO()
    load_areas(out)
    load_accounts(out)
    load_stories(out)
    load_figures(out)
    from collectief.accounts.models import Organisation

    return Organisation.objects.get(slug="de-sleutel")


def test_demo_is_an_illustration_with_sources_and_links(sleutel: object) -> None:
    from collectief.valuation.demo import load_demo

    out = io.StringIO()
    load_demo(out)
    assert "illustratie" in out.getvalue()
    valuation = Valuation.objects.get(organisation=sleutel)
    assert valuation.is_illustration
    assert all(o.proxy_source for o in valuation.outcomes.all())
    assert valuation.outcomes.filter(effect__isnull=False).count() == 2
    assert valuation.outcomes.filter(figure__label="vaste bezoekers").exists()
    summary = services.valuation_summary(sleutel)  # type: ignore[arg-type]
    assert summary is not None and summary.ratio is not None
    # Honest on purpose: close to 1:1, and most of the value rests on red estimates.
    assert Decimal("0.8") < summary.ratio < Decimal("1.5")
    assert summary.red_share is not None and summary.red_share > Decimal("0.5")


def test_demo_runs_twice_without_a_copy(sleutel: object) -> None:
    from collectief.valuation.demo import load_demo

    load_demo(io.StringIO())
    load_demo(io.StringIO())
    assert Valuation.objects.filter(organisation=sleutel).count() == 1
    assert Valuation.objects.get(organisation=sleutel).outcomes.count() == 4


def test_demo_leaves_a_real_valuation_alone(sleutel: object) -> None:
    from collectief.valuation.demo import load_demo

    services.save_valuation(sleutel, by=None, title="Echt", discount_rate=Decimal("0.0225"))  # type: ignore[arg-type]
    load_demo(io.StringIO())
    assert Valuation.objects.get(organisation=sleutel).title == "Echt"
