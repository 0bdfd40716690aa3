"""The running totals of theme mentions (mention_counts.py) against the signals themselves.

The summary reads ``SignalCount``, which database triggers keep. Whatever
writes the signals (service, bulk insert, update, delete, cascade), the
fast path must give exactly the tables of a plain GROUP BY over the
signals, and so exactly the same published (suppressed) values.
"""

from __future__ import annotations

import datetime
import random
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from collectief.accounts.factories import OrganisationFactory
from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.signals import mention_counts, services
from collectief.signals.models import Signal, SignalCount, SignalTheme
from collectief.signals.summary import Period, count_mentions, summarise, theme_list

pytestmark = pytest.mark.django_db

MONTHS = [Period(datetime.date(2026, m, 1)) for m in range(1, 7)]


@pytest.fixture
def places(almere: dict[str, Area]) -> list[Area]:
    """Two wijken, a buurt of each, and a wijk of another gemeente (never counted here)."""
    haven_buurt = Area.objects.create(
        code="BU00340101", name="Haven-Centrum", level="buurt", parent=almere["haven"], year=2024
    )
    utrecht = Area.objects.create(code="GM0344", name="Utrecht", level="gemeente", year=2024)
    elsewhere = Area.objects.create(
        code="WK034401", name="Zuidwest", level="wijk", parent=utrecht, year=2024
    )
    return [almere["haven"], almere["stad"], almere["kruidenwijk"], haven_buurt, elsewhere]


def _random_signals(
    rng: random.Random, orgs: list[Organisation], places: list[Area], n: int
) -> list[Signal]:
    themes = theme_list()
    made = Signal.objects.bulk_create(
        Signal(
            organisation=rng.choice(orgs),
            area=rng.choice(places),
            date=rng.choice(MONTHS).start + datetime.timedelta(days=rng.randint(0, 27)),
        )
        for _ in range(n)
    )
    SignalTheme.objects.bulk_create(
        SignalTheme(signal=signal, theme=theme)
        for signal in made
        for theme in rng.sample(themes, rng.randint(1, 3))
    )
    return made


def _assert_fast_equals_slow(almere: dict[str, Area]) -> None:
    wijken = [almere["haven"], almere["stad"]]
    themes = theme_list()
    fast = count_mentions(wijken, themes, MONTHS)
    slow = count_mentions(wijken, themes, MONTHS, from_signals=True)
    assert fast == slow
    assert mention_counts.differences() == 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_path_equals_group_by_on_random_data(
    seed: int, almere: dict[str, Area], places: list[Area], themes: Any
) -> None:
    rng = random.Random(seed)
    orgs = [OrganisationFactory(), OrganisationFactory()]
    made = _random_signals(rng, orgs, places, 300)
    _assert_fast_equals_slow(almere)
    total = sum(
        map(
            sum, count_mentions([almere["haven"], almere["stad"]], theme_list(), MONTHS)[MONTHS[0]]
        )
    )
    assert total > 0  # the comparison is not between two empty tables

    # Move some signals to another month, area or organisation, one by one and in bulk.
    for signal in rng.sample(made, 20):
        signal.date = rng.choice(MONTHS).start
        signal.area = rng.choice(places)
        signal.save()
    Signal.objects.filter(pk__in=[s.pk for s in made[:40]]).update(organisation=orgs[1])
    Signal.objects.filter(pk__in=[s.pk for s in made[40:60]]).update(area=almere["stad"])
    # Change and remove themes, delete signals (their themes go first), delete an organisation.
    link = SignalTheme.objects.filter(signal__in=made[60:70]).first()
    assert link is not None
    link.theme = next(t for t in theme_list() if t.pk != link.theme_id)
    if not SignalTheme.objects.filter(signal=link.signal, theme=link.theme).exists():
        link.save()
    SignalTheme.objects.filter(signal__in=made[70:90]).delete()
    Signal.objects.filter(pk__in=[s.pk for s in made[90:150]]).delete()
    _assert_fast_equals_slow(almere)
    orgs[0].delete()
    _assert_fast_equals_slow(almere)


def test_the_published_summary_is_the_same_either_way(
    almere: dict[str, Area], places: list[Area], themes: Any
) -> None:
    rng = random.Random(7)
    _random_signals(rng, [OrganisationFactory()], places, 400)
    period = MONTHS[3]
    fast = summarise(almere["gemeente"], period).as_dict()
    # Empty the running totals: the summary must then see nothing, proving it reads them ...
    SignalCount.objects.all().delete()
    empty = summarise(almere["gemeente"], period).as_dict()
    assert empty["total"]["shown"] == "0" != fast["total"]["shown"]
    # ... and after a recount it publishes exactly what it published before.
    out = StringIO()
    call_command("signals", "recount", stdout=out)
    assert "Opnieuw geteld" in out.getvalue()
    assert summarise(almere["gemeente"], period).as_dict() == fast


def test_the_service_counts_in_the_same_transaction(almere: dict[str, Area], themes: Any) -> None:
    team = OrganisationFactory()
    services.record_signal(
        team,
        by=None,
        area=almere["kruidenwijk"],
        themes=[themes["wonen"], themes["eenzaamheid"]],
        date=datetime.date(2026, 3, 9),
    )
    counts = SignalCount.objects.order_by("theme__name")
    assert [(c.month, c.area_id, c.mentions) for c in counts] == [
        (datetime.date(2026, 3, 1), almere["kruidenwijk"].pk, 1)
    ] * 2
    # A service error rolls the whole write back, the totals included.
    with pytest.raises(services.ServiceError, match="Onbekende\\ leeftijdsgroep"):
        services.record_signal(
            team,
            by=None,
            area=almere["stad"],
            themes=[themes["wonen"]],
            date=datetime.date(2026, 3, 9),
            age_band="42",
        )
    assert SignalCount.objects.filter(mentions__gt=0).count() == 2


def test_recount_check_finds_drift_and_recount_repairs_it(
    almere: dict[str, Area], places: list[Area], themes: Any
) -> None:
    _random_signals(random.Random(5), [OrganisationFactory()], places, 50)
    call_command("signals", "recount", "--check", stdout=StringIO())
    SignalCount.objects.filter(pk=SignalCount.objects.first().pk).update(mentions=999)
    with pytest.raises(CommandError, match="verschil"):
        call_command("signals", "recount", "--check", stdout=StringIO())
    call_command("signals", "recount", stdout=StringIO())
    assert mention_counts.differences() == 0


def test_triggers_are_there_again_after_every_migrate() -> None:
    assert mention_counts.triggers_installed()
    mention_counts.drop_triggers()
    assert not mention_counts.triggers_installed()
    call_command("migrate", "signals", verbosity=0)
    assert mention_counts.triggers_installed()
