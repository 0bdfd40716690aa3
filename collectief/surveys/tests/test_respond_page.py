"""What a respondent sees: only the survey, the inputs drawn without widget templates."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from collectief.surveys import services
from collectief.surveys.models import Question
from collectief.surveys.tests.survey_factories import make_survey, q

pytestmark = pytest.mark.django_db


def _url(survey) -> str:
    return reverse("surveys:respond", args=[survey.public_token])


def _state(page) -> str:
    return re.search(r'name="state" value="([^"]+)"', page.content.decode()).group(1)


def test_respondent_page_has_no_site_menu_or_login(own_org) -> None:
    survey = make_survey(own_org)
    text = Client().get(_url(survey)).content.decode()
    assert own_org.name in text
    assert "site-nav" not in text
    assert reverse("account_login") not in text
    assert 'href="/"' not in text  # no way off the survey but the browser's own
    assert "Naar de inhoud" in text  # the skip link stays


def test_inputs_match_what_the_form_reads(own_org) -> None:
    survey = make_survey(own_org)
    statement = q(survey, "ken_buren")
    text = Client().get(_url(survey)).content.decode()
    for key in ("1", "2", "3", "4", "5"):
        assert f'name="q{statement.pk}" value="{key}"' in text
    assert f'<div id="id_q{statement.pk}">' in text  # the error summary links here
    assert text.count("<fieldset") == 2 and text.count("<legend>") == 2


def test_required_questions_are_not_marked_optional(own_org) -> None:
    survey = make_survey(own_org)
    text = Client().get(_url(survey)).content.decode()
    required = text.split("Door de activiteiten ken ik andere buurtbewoners", 1)[1]
    assert not required.split("</legend>", 1)[0].strip()  # nothing after the required text
    optional = text.split("Kom je in het buurthuis?", 1)[1].split("</legend>", 1)[0]
    assert "(niet verplicht)" in optional


def test_typed_values_come_back_after_an_error(own_org) -> None:
    survey = make_survey(own_org)
    first = services.add_section(survey, by=None, title="Cijfers")
    services.add_question(
        first,
        by=None,
        text="Hoe oud ben je?",
        type=Question.Type.NUMBER,
        code="leeftijd",
        min_value=0,
        max_value=120,
    )
    client = Client()
    page = client.get(_url(survey))
    page2 = client.post(
        _url(survey),
        {
            "state": _state(page),
            f"q{q(survey, 'ken_buren').pk}": "4",
            f"q{q(survey, 'bezoek').pk}": "1",
        },
    )
    page3 = client.post(
        _url(survey),
        {
            "state": _state(page2),
            f"q{q(survey, 'hoe_vaak').pk}": "week",
            f"q{q(survey, 'open').pk}": "Gezellig <b>hier</b>",
        },
    )
    age = q(survey, "leeftijd")
    wrong = client.post(_url(survey), {"state": _state(page3), f"q{age.pk}": "300"})
    assert wrong.status_code == 400
    text = wrong.content.decode()
    assert f'id="id_q{age.pk}" inputmode="numeric" value="300"' in text
    assert 'aria-invalid="true"' in text
    assert f'<p class="field__error" id="id_q{age.pk}_error">' in text
    back = client.post(
        reverse("surveys:respond_back", args=[survey.public_token]), {"state": _state(wrong)}
    )
    text = back.content.decode()
    assert "Gezellig &lt;b&gt;hier&lt;/b&gt;" in text  # escaped, and kept
    assert 'value="week" id="id_q' in text and "checked" in text
