"""Pages: happy path, anonymous, another organisation, readers, bad input."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.models import Organisation, User
from collectief.valuation.models import Input, Outcome, Valuation

pytestmark = pytest.mark.django_db

OVERVIEW = "/o/own-org/waarde/"


def _outcome_post(**overrides: str) -> dict[str, str]:
    data = {
        "label": "Meer zelfvertrouwen",
        "stakeholder": "vrijwilligers",
        "quantity": "12",
        "proxy": "450,50",
        "proxy_source": "Vergelijkbaar onderzoek",
        "duration": "1",
        "grade": "oranje",
        "deadweight_band": "25",
        "displacement_band": "0",
        "attribution_band": "other",
        "attribution_other": "12,5",
        "dropoff_band": "100",
    }
    data.update(overrides)
    return data


def test_overview_shows_ratio_red_share_and_the_assumptions(
    client_for: Any, reader: User, valuation: Valuation
) -> None:
    response = client_for(reader).get(OVERVIEW)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Per geïnvesteerde euro: ongeveer €\xa02,00 maatschappelijke waarde" in text
    assert "30\xa0% van deze waarde rust op schattingen (rood)." in text
    assert 'href="#aannames"' in text and 'id="aannames"' in text
    assert "Eigen enquête 2024" in text  # the proxy's source beside its euros
    assert "Wat is dit getal, en wat is het niet?" in text
    # Readers see no controls for changing.
    assert reverse("valuation:outcome_create", args=["own-org"]) not in text


def test_overview_without_valuation_invites_staff_to_start(client_for: Any, staff: User) -> None:
    response = client_for(staff).get(OVERVIEW)
    assert response.status_code == 200
    assert "Begin een berekening" in response.content.decode()


def test_three_volunteer_values_are_shown_side_by_side(
    client_for: Any, reader: User, valuation: Valuation
) -> None:
    text = client_for(reader).get(OVERVIEW).content.decode()
    for title in ("Vervangingswaarde", "Investeringswaarde", "Marktwaarde"):
        assert title in text


def test_investment_zero_says_why_there_is_no_ratio(
    client_for: Any, reader: User, valuation: Valuation
) -> None:
    Input.objects.filter(valuation=valuation).delete()
    text = client_for(reader).get(OVERVIEW).content.decode()
    assert "Geen verhouding" in text
    assert "de investering is 0 euro" in text


def test_sensitivity_page_has_chart_and_table(
    client_for: Any, reader: User, valuation: Valuation
) -> None:
    response = client_for(reader).get("/o/own-org/waarde/gevoeligheid/")
    assert response.status_code == 200
    text = response.content.decode()
    assert '<svg class="tornado"' in text and 'role="img"' in text
    assert "<table>" in text
    assert "Verhouding 1:1 bij" in text


def test_export_is_the_json_document(client_for: Any, reader: User, valuation: Valuation) -> None:
    response = client_for(reader).get("/o/own-org/waarde/export.json")
    assert response.status_code == 200
    assert response.json()["results"]["ratio"] == 2


@pytest.mark.parametrize(
    "path",
    [
        OVERVIEW,
        "/o/own-org/waarde/gevoeligheid/",
        "/o/own-org/waarde/export.json",
        "/o/own-org/waarde/instellingen/",
        "/o/own-org/waarde/uitkomsten/nieuw/",
        "/o/own-org/waarde/inzet/nieuw/",
    ],
)
def test_anonymous_is_sent_to_login(client_for: Any, valuation: Valuation, path: str) -> None:
    response = client_for(None).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_another_organisation_gets_404(
    client_for: Any, outsider: User, valuation: Valuation
) -> None:
    outcome = valuation.outcomes.first()
    assert outcome is not None
    client = client_for(outsider)
    for path in (
        OVERVIEW,
        f"/o/own-org/waarde/uitkomsten/{outcome.pk}/bewerken/",
        "/o/own-org/waarde/export.json",
    ):
        assert client.get(path).status_code == 404


def test_an_outcome_of_another_organisation_is_404_through_ones_own_address(
    client_for: Any, admin: User, valuation: Valuation, other_org: Organisation
) -> None:
    from collectief.valuation import services
    from collectief.valuation.tests.conftest import outcome_fields

    theirs = services.save_valuation(other_org, by=None, title="Ander", discount_rate=Decimal(0))
    outcome = services.add_outcome(theirs, by=None, **outcome_fields())
    item = services.add_input(theirs, by=None, label="x", kind="money", amount=Decimal(1))
    client = client_for(admin)
    assert client.get(f"/o/own-org/waarde/uitkomsten/{outcome.pk}/bewerken/").status_code == 404
    assert (
        client.post(f"/o/own-org/waarde/uitkomsten/{outcome.pk}/verwijderen/").status_code == 404
    )
    assert client.post(f"/o/own-org/waarde/inzet/{item.pk}/verwijderen/").status_code == 404
    assert Outcome.objects.filter(pk=outcome.pk).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/o/own-org/waarde/instellingen/",
        "/o/own-org/waarde/uitkomsten/nieuw/",
        "/o/own-org/waarde/inzet/nieuw/",
    ],
)
def test_reader_may_not_change(
    client_for: Any, reader: User, valuation: Valuation, path: str
) -> None:
    client = client_for(reader)
    assert client.get(path).status_code == 403
    assert client.post(path, _outcome_post()).status_code == 403


def test_staff_adds_an_outcome_with_bands(
    client_for: Any, staff: User, valuation: Valuation
) -> None:
    response = client_for(staff).post("/o/own-org/waarde/uitkomsten/nieuw/", _outcome_post())
    assert response.status_code == 302
    outcome = Outcome.objects.get(label="Meer zelfvertrouwen")
    assert outcome.proxy == Decimal("450.50")
    assert outcome.deadweight == Decimal("0.25")
    assert outcome.attribution == Decimal("0.125")
    assert outcome.dropoff == Decimal(1)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"attribution_other": "150"}, "tussen 0 en 1"),
        ({"attribution_other": "-5"}, "tussen 0 en 1"),
        ({"duration": "0"}, "minstens 1"),
        ({"duration": "200"}, "minstens 1"),
        ({"proxy": "-10"}, "financiële proxy kan niet negatief"),
        ({"quantity": "veel"}, "is geen getal"),
        ({"proxy_source": ""}, "Zeg waar dit getal vandaan komt"),
    ],
)
def test_bad_outcome_input_is_refused_with_dutch_message_and_reshown(
    client_for: Any, staff: User, valuation: Valuation, overrides: dict[str, str], message: str
) -> None:
    before = Outcome.objects.count()
    response = client_for(staff).post(
        "/o/own-org/waarde/uitkomsten/nieuw/", _outcome_post(**overrides)
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert "error-summary" in text
    assert 'value="Meer zelfvertrouwen"' in text  # what was typed is still there
    assert Outcome.objects.count() == before


def test_staff_adds_volunteer_hours(client_for: Any, staff: User, valuation: Valuation) -> None:
    response = client_for(staff).post(
        "/o/own-org/waarde/inzet/nieuw/",
        {
            "label": "Bardiensten",
            "kind": "volunteer_hours",
            "hours": "120",
            "hourly_value": "14,06",
        },
    )
    assert response.status_code == 302
    assert Input.objects.get(label="Bardiensten").amount == Decimal("1687.20")


def test_volunteer_hours_without_hours_are_refused(
    client_for: Any, staff: User, valuation: Valuation
) -> None:
    response = client_for(staff).post(
        "/o/own-org/waarde/inzet/nieuw/",
        {"label": "Bardiensten", "kind": "volunteer_hours", "hourly_value": "14"},
    )
    assert response.status_code == 400
    assert "verplicht voor vrijwilligerstijd" in response.content.decode()
    assert not Input.objects.filter(label="Bardiensten").exists()


def test_settings_refuse_a_discount_rate_above_25_percent(
    client_for: Any, staff: User, valuation: Valuation
) -> None:
    response = client_for(staff).post(
        "/o/own-org/waarde/instellingen/", {"title": "Waarde", "discount_rate": "30"}
    )
    assert response.status_code == 400
    assert "De disconteringsvoet ligt tussen 0 en 0.25" in response.content.decode()
    valuation.refresh_from_db()
    assert valuation.discount_rate == Decimal("0.25")


def test_settings_create_the_valuation(client_for: Any, staff: User) -> None:
    response = client_for(staff).post(
        "/o/own-org/waarde/instellingen/",
        {
            "title": "Onze waarde",
            "discount_rate": "2,25",
            "opportunity_rate": "14,06",
            "opportunity_source": "Minimumloon",
            "opportunity_year": "2025",
        },
    )
    assert response.status_code == 302
    valuation = Valuation.objects.get()
    assert valuation.discount_rate == Decimal("0.0225")
    assert valuation.opportunity_rate == Decimal("14.06")


def test_adding_an_outcome_before_a_valuation_goes_to_the_settings(
    client_for: Any, staff: User
) -> None:
    response = client_for(staff).get("/o/own-org/waarde/uitkomsten/nieuw/")
    assert response.status_code == 302
    assert response["Location"] == "/o/own-org/waarde/instellingen/"


def test_edit_form_shows_the_stored_band(
    client_for: Any, staff: User, valuation: Valuation
) -> None:
    outcome = valuation.outcomes.get(label="Minder eenzaam")
    text = client_for(staff).get(f"/o/own-org/waarde/uitkomsten/{outcome.pk}/bewerken/").content
    page = text.decode()
    assert re.search(r'name="deadweight_band" value="25"[^>]*checked', page)
    assert not re.search(r'name="deadweight_band" value="0"[^>]*checked', page)
    # attribution 20 % is not a band: "another percentage" with 20 filled in.
    assert 'name="attribution_other" value="20"' in page


def test_delete_an_input_after_asking(client_for: Any, staff: User, valuation: Valuation) -> None:
    item = valuation.inputs.get(label="Subsidie")
    client = client_for(staff)
    assert client.get(f"/o/own-org/waarde/inzet/{item.pk}/verwijderen/").status_code == 200
    assert client.post(f"/o/own-org/waarde/inzet/{item.pk}/verwijderen/").status_code == 302
    assert not Input.objects.filter(pk=item.pk).exists()
