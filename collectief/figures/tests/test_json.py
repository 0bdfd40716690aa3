from __future__ import annotations

from decimal import Decimal

import pytest

from collectief.figures import services
from collectief.figures.models import Figure, Period, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(own_org, staff):
    services.create_figure(
        own_org,
        by=staff,
        label="vrijwilligers",
        value=Decimal(94),
        period=Period.NAMED,
        period_name="projectperiode 2021–2022",
    )
    services.create_figure(
        own_org,
        by=staff,
        label="baromzet",
        value=Decimal("1825.50"),
        unit=Unit.EURO,
        period=Period.MONTH,
        is_highlighted=True,
    )
    services.create_figure(own_org, by=staff, label="vaste huurders", value=Decimal(7))


def test_figures_as_json_shape(own_org, figures):
    assert services.figures_as_json(own_org) == [
        {
            "label": "vrijwilligers",
            "value": 94,
            "unit": "aantal",
            "period": "projectperiode 2021–2022",
        },
        {"label": "baromzet", "value": 1825.5, "unit": "euro", "period": "per maand"},
        {"label": "vaste huurders", "value": 7, "unit": "aantal", "period": ""},
    ]


def test_json_round_trip_into_another_organisation(own_org, other_org, figures, outsider):
    data = services.figures_as_json(own_org)
    services.import_figures_json(other_org, data, by=outsider)
    assert services.figures_as_json(other_org) == data


def test_import_updates_by_label_and_keeps_other_fields(own_org, staff, figures):
    figure = Figure.objects.get(label="baromzet")
    services.import_figures_json(
        own_org,
        [{"label": "Baromzet", "value": 2000, "unit": "euro", "period": "per maand"}],
        by=staff,
    )
    figure.refresh_from_db()
    assert figure.value == Decimal(2000)
    assert figure.is_highlighted  # not in the item, so kept
    assert Figure.objects.count() == 3


def test_import_with_replace_deletes_missing_labels(own_org, staff, figures):
    services.import_figures_json(
        own_org,
        [{"label": "nieuw", "value": "1,5", "unit": "uur", "period": "per week"}],
        by=staff,
        replace=True,
    )
    assert list(Figure.objects.values_list("label", flat=True)) == ["nieuw"]


def test_import_reports_every_problem_with_its_path(own_org, staff, figures):
    items = [
        {"label": "ok", "value": 1, "unit": "aantal", "period": ""},
        {"label": "", "value": "veel", "unit": "liter", "period": "per kwartaal"},
        {"value": 3, "unit": "aantal", "period": ""},
        "geen object",
        {"label": "ok", "value": 2, "unit": "aantal", "period": ""},
        {"label": "x", "value": 5, "value_max": 2, "unit": "aantal", "period": ""},
    ]
    with pytest.raises(
        services.FiguresImportError,
        match=r"Er is niets ingelezen\. Los deze problemen op en probeer het",
    ) as error:
        services.import_figures_json(own_org, items, by=staff, path="$.figures")
    problems = error.value.problems
    places = [p.split(":")[0] for p in problems]
    assert "$.figures[1].label" in places
    assert "$.figures[1].value" in places
    assert "$.figures[1].unit" in places
    assert "$.figures[1].period" in places
    assert "$.figures[2].label" in places
    assert "$.figures[3]" in places
    assert "$.figures[4].label" in places
    assert "$.figures[5].value_max" in places
    # All or nothing: the good first item was not saved either.
    assert not Figure.objects.filter(label="ok").exists()
    assert error.value.message.count("\n") == len(problems)


def test_import_refuses_something_that_is_not_a_list(own_org, staff):
    with pytest.raises(
        services.FiguresImportError,
        match=r"Er is niets ingelezen\. Los deze problemen op en probeer het",
    ) as error:
        services.import_figures_json(own_org, {"label": "x"}, by=staff)
    assert error.value.problems[0].startswith("$:")


def test_import_refuses_booleans_as_numbers(own_org, staff):
    with pytest.raises(
        services.FiguresImportError,
        match=r"Er is niets ingelezen\. Los deze problemen op en probeer het",
    ) as error:
        services.import_figures_json(
            own_org, [{"label": "x", "value": True, "unit": "aantal", "period": ""}], by=staff
        )
    assert error.value.problems[0].startswith("$[0].value:")
