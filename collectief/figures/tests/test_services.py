from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from collectief.audit.models import AuditEvent
from collectief.figures import services
from collectief.figures.models import Figure, FigureValue, Period, Unit
from collectief.lib.errors import ServiceError

pytestmark = pytest.mark.django_db


def make(org, by, **data):
    defaults = {"label": "vrijwilligers", "value": Decimal(94)}
    return services.create_figure(org, by=by, **{**defaults, **data})


def test_create_figure_audits_and_orders(own_org, staff):
    first = make(own_org, staff)
    second = make(own_org, staff, label="bardiensten", value=Decimal(42), period=Period.MONTH)
    assert (first.order, second.order) == (1, 2)
    assert second.display == "42 bardiensten per maand"
    event = AuditEvent.objects.get(action="figure.create", object_id=str(first.pk))
    assert event.actor == staff
    assert event.organisation_id == own_org.pk


def test_display_follows_the_magazine_wording(own_org, staff):
    figure = make(
        own_org,
        staff,
        label="mensen lopen binnen",
        qualifier="gemiddeld",
        value=Decimal(20),
        value_max=Decimal(25),
        period=Period.DAY,
    )
    assert figure.display == "gemiddeld 20 tot 25 mensen lopen binnen per dag"
    euro = make(
        own_org, staff, label="baromzet", value=Decimal(1825), unit=Unit.EURO, period=Period.MONTH
    )
    assert euro.display == "1.825 euro baromzet per maand"
    named = make(
        own_org,
        staff,
        label="volgers",
        value=Decimal("1769"),
        period=Period.NAMED,
        period_name="projectperiode 2021–2022",
    )
    assert named.display == "1.769 volgers (projectperiode 2021–2022)"


def test_named_period_needs_a_name(own_org, staff):
    with pytest.raises(
        ServiceError, match=r"Geef de periode een naam, bijvoorbeeld projectperiode"
    ) as error:
        make(own_org, staff, period=Period.NAMED, period_name="")
    assert error.value.field == "period_name"
    assert not Figure.objects.exists()


def test_period_name_cannot_look_like_a_frequency(own_org, staff):
    with pytest.raises(
        ServiceError, match=r"Kies hierboven per dag, week, maand of jaar\. Of gebruik een"
    ) as error:
        make(own_org, staff, period=Period.NAMED, period_name="per kwartaal")
    assert error.value.field == "period_name"


def test_period_name_is_dropped_for_other_periods(own_org, staff):
    figure = make(own_org, staff, period=Period.MONTH, period_name="oud")
    assert figure.period_name == ""


def test_database_refuses_a_named_period_without_name(own_org):
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.create(organisation=own_org, label="x", value=1, period=Period.NAMED)


def test_database_refuses_a_figure_without_owner():
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.create(label="x", value=1)


def test_range_must_go_up(own_org, staff):
    with pytest.raises(ServiceError, match=r"moet meer zijn dan het getal") as error:
        make(own_org, staff, value=Decimal(25), value_max=Decimal(20))
    assert error.value.field == "value_max"


def test_labels_are_unique_per_organisation_ignoring_case(own_org, other_org, staff):
    make(own_org, staff)
    with pytest.raises(ServiceError, match=r"Er is al een cijfer met de naam") as error:
        make(own_org, staff, label="Vrijwilligers")
    assert error.value.field == "label"
    make(other_org, staff)  # another organisation may use the same label


def test_update_figure_changes_only_given_fields(own_org, staff):
    figure = make(own_org, staff, source="presentielijst")
    services.update_figure(figure, by=staff, value=Decimal(96))
    figure.refresh_from_db()
    assert (figure.value, figure.source) == (Decimal(96), "presentielijst")
    event = AuditEvent.objects.get(action="figure.update")
    assert event.details == {"fields": ["value"]}


def test_dated_figure_records_a_measurement(own_org, staff):
    figure = make(own_org, staff, date=dt.date(2022, 12, 31))
    assert list(figure.values.values_list("date", "value")) == [
        (dt.date(2022, 12, 31), Decimal(94))
    ]


def test_newer_measurement_becomes_the_figure(own_org, staff):
    figure = make(own_org, staff, date=dt.date(2022, 1, 1))
    services.add_figure_value(figure, date=dt.date(2021, 1, 1), value=Decimal(80), by=staff)
    figure.refresh_from_db()
    assert figure.value == Decimal(94)
    services.add_figure_value(figure, date=dt.date(2023, 1, 1), value=Decimal(101), by=staff)
    figure.refresh_from_db()
    assert (figure.value, figure.date) == (Decimal(101), dt.date(2023, 1, 1))
    assert figure.values.count() == 3


def test_same_date_replaces_the_measurement(own_org, staff):
    figure = make(own_org, staff, date=dt.date(2022, 1, 1))
    services.add_figure_value(figure, date=dt.date(2022, 1, 1), value=Decimal(90), by=staff)
    assert figure.values.get().value == Decimal(90)
    figure.refresh_from_db()
    assert figure.value == Decimal(90)


def test_update_to_an_older_date_than_the_series_is_refused(own_org, staff):
    figure = make(own_org, staff, date=dt.date(2022, 1, 1))
    services.add_figure_value(figure, date=dt.date(2023, 1, 1), value=Decimal(1), by=staff)
    with pytest.raises(
        ServiceError, match=r"Voeg dit getal toe bij de metingen hieronder, of kies een"
    ) as error:
        services.update_figure(figure, by=staff, date=dt.date(2021, 6, 1))
    assert error.value.field == "date"


def test_remove_the_newest_measurement_falls_back(own_org, staff):
    figure = make(own_org, staff, date=dt.date(2022, 1, 1))
    services.add_figure_value(figure, date=dt.date(2023, 1, 1), value=Decimal(101), by=staff)
    newest = figure.values.get(date=dt.date(2023, 1, 1))
    services.remove_figure_value(newest, by=staff)
    figure.refresh_from_db()
    assert (figure.value, figure.date) == (Decimal(94), dt.date(2022, 1, 1))
    assert AuditEvent.objects.filter(action="figure.value_remove").exists()


def test_the_only_measurement_of_a_dated_figure_stays(own_org, staff):
    figure = make(own_org, staff, date=dt.date(2022, 1, 1))
    with pytest.raises(
        ServiceError, match=r"Dit is de enige meting, en het is het getal van het cijfer"
    ):
        services.remove_figure_value(figure.values.get(), by=staff)
    assert figure.values.count() == 1


def test_undated_figure_keeps_its_number_when_measurements_are_added(own_org, staff):
    figure = make(own_org, staff)
    services.add_figure_value(figure, date=dt.date(2020, 1, 1), value=Decimal(3), by=staff)
    figure.refresh_from_db()
    assert (figure.value, figure.date) == (Decimal(94), None)
    services.remove_figure_value(figure.values.get(), by=staff)
    assert not figure.values.exists()


def test_delete_and_restore(own_org, staff):
    figure = make(own_org, staff, date=dt.date(2022, 1, 1), is_highlighted=True, qualifier="ruim")
    services.add_figure_value(figure, date=dt.date(2021, 1, 1), value=Decimal("80.5"), by=staff)
    data = services.delete_figure(figure, by=staff)
    assert not Figure.objects.exists()
    assert not FigureValue.objects.exists()
    restored = services.restore_figure(own_org, data, by=staff)
    assert restored.display == "ruim 94 vrijwilligers"
    assert restored.is_highlighted
    assert list(restored.values.values_list("value", flat=True)) == [Decimal("80.5"), Decimal(94)]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"figure.delete", "figure.restore"} <= actions


def test_move_figure(own_org, staff):
    a = make(own_org, staff, label="a")
    b = make(own_org, staff, label="b")
    services.move_figure(b, direction=-1, by=staff)
    assert [f.label for f in services.figures_for(own_org)] == ["b", "a"]
    services.move_figure(b, direction=-1, by=staff)  # already first: nothing happens
    assert [f.label for f in services.figures_for(own_org)] == ["b", "a"]
    assert a.pk


def test_highlighted_figures_are_ordered_and_scoped(own_org, other_org, staff):
    make(own_org, staff, label="a", is_highlighted=True)
    make(own_org, staff, label="b")
    make(own_org, staff, label="c", is_highlighted=True)
    make(other_org, staff, label="d", is_highlighted=True)
    assert [f.label for f in services.highlighted_figures(own_org)] == ["a", "c"]
