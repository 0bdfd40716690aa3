from __future__ import annotations

import io
from decimal import Decimal

import pytest

from collectief.accounts.demo import load_demo as load_accounts
from collectief.areas.demo import load_demo as load_areas
from collectief.figures import services
from collectief.figures.demo import DEMO_SOURCE, load_demo
from collectief.figures.models import Figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    out = io.StringIO()
    load_areas(out)
    load_accounts(out)
    load_demo(out)
    return out


def displays(slug):
    from collectief.accounts.models import Organisation

    return [f.display for f in services.figures_for(Organisation.objects.get(slug=slug))]


def test_badhuis_figures_as_in_the_magazine(demo):
    shown = displays("het-badhuis")
    for line in [
        "94 vrijwilligers uit de wijk zijn betrokken (projectperiode 2021–2022)",
        "gemiddeld 42 bardiensten per maand",
        "ruim 25 activiteiten zijn door bewoners opgezet per maand",
        "ruim 600 bewoners doen mee aan activiteiten per maand",
        "gemiddeld 35 bewoners komen naar de vrijdagborrel",
        "160 kopjes koffie zet elke vrijwilliger per maand",
        "1.825 euro baromzet per maand",
        "7 vaste huurders op de bovenverdieping",
    ]:
        assert line in shown


def test_sleutel_and_kempenaar(demo):
    sleutel = displays("de-sleutel")
    assert "gemiddeld 20 tot 25 mensen lopen binnen per dag" in sleutel
    assert "vaak wel 100 bezoekers bij georganiseerde activiteiten" in sleutel
    assert "1.769 volgers op Facebook (projectperiode 2021–2022)" in sleutel
    assert "gemiddeld 10 tot 15 likes per post op Facebook" in sleutel
    tuin = displays("buurttuin-kempenaar")
    assert (
        "15 kinderen komen met enige regelmaat naar de Buurttuin (projectperiode 2021–2022)"
        in tuin
    )
    assert any(line.startswith("meer dan 100 kopjes koffie") for line in tuin)
    assert any(line.startswith("16 buurtbewoners en organisaties") for line in tuin)


def test_poster_figures_are_highlighted_in_poster_order(demo):
    from collectief.accounts.models import Organisation

    badhuis = Organisation.objects.get(slug="het-badhuis")
    values = [f.value for f in services.highlighted_figures(badhuis)]
    assert values == [Decimal(v) for v in (94, 160, 600, 35, 25, 1825, 7)]


def test_only_the_labelled_demo_series_has_measurements(demo):
    with_values = Figure.objects.filter(values__isnull=False).distinct()
    assert [f.source for f in with_values] == [DEMO_SOURCE]
    assert with_values.get().values.count() == 6


def test_demo_is_idempotent(demo):
    before = list(Figure.objects.values_list("label", "value", "order"))
    load_demo(io.StringIO())
    assert list(Figure.objects.values_list("label", "value", "order")) == before
