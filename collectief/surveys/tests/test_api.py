from __future__ import annotations

import json

import pytest
from django.test import Client

from collectief.surveys.models import Survey
from collectief.surveys.tests.survey_factories import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def _client(api_auth):
    return lambda user: Client(**api_auth(user))


def test_list_and_read(own_org, reader, outsider, _client):
    survey = make_survey(own_org)
    client = _client(reader)
    listing = client.get(f"/api/v1/organisations/{own_org.slug}/surveys/").json()
    assert [s["id"] for s in listing] == [survey.pk]
    detail = client.get(f"/api/v1/organisations/{own_org.slug}/surveys/{survey.pk}/").json()
    codes = [qq["code"] for s in detail["sections"] for qq in s["questions"]]
    assert codes == ["ken_buren", "bezoek", "hoe_vaak", "open"]
    assert detail["sections"][1]["questions"][0]["show_if_question"] == "bezoek"
    assert (
        _client(outsider).get(f"/api/v1/organisations/{own_org.slug}/surveys/").status_code == 404
    )
    assert Client().get(f"/api/v1/organisations/{own_org.slug}/surveys/").status_code == 401


PAYLOAD = {
    "title": "Via de API",
    "intro": "Hallo",
    "sections": [
        {
            "title": "Deel 1",
            "questions": [
                {
                    "text": "Ik ken mijn buren",
                    "type": "likert5",
                    "code": "buren",
                    "required": True,
                },
                {"text": "Kom je?", "type": "yes_no", "code": "kom"},
                {
                    "text": "Wanneer?",
                    "type": "multiple_choice",
                    "choices": [{"value": "ochtend", "label": "Ochtend"}, "Middag"],
                    "show_if_question": "kom",
                    "show_if_values": ["1"],
                },
            ],
        }
    ],
}


def test_create_with_questions(own_org, staff, _client):
    response = _client(staff).post(
        f"/api/v1/organisations/{own_org.slug}/surveys/",
        data=json.dumps(PAYLOAD),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    survey = Survey.objects.get(title="Via de API")
    assert list(survey.questions.values_list("code", flat=True)) == ["buren", "kom", "wanneer"]
    assert survey.questions.get(code="wanneer").show_if_values == ["1"]


def test_create_is_all_or_nothing(own_org, staff, reader, _client):
    bad = json.loads(json.dumps(PAYLOAD))
    bad["sections"][0]["questions"][2]["choices"] = ["Alleen"]
    response = _client(staff).post(
        f"/api/v1/organisations/{own_org.slug}/surveys/",
        data=json.dumps(bad),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "sections[0].questions[2]" in response.json()["error"]
    assert not Survey.objects.exists()
    forbidden = _client(reader).post(
        f"/api/v1/organisations/{own_org.slug}/surveys/",
        data=json.dumps(PAYLOAD),
        content_type="application/json",
    )
    assert forbidden.status_code == 403
