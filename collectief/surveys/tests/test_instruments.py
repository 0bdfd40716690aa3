from __future__ import annotations

import pytest

from collectief.surveys import services
from collectief.surveys.instruments import (
    InstrumentError,
    load_instruments,
    score_instrument,
    validate_instrument,
)
from collectief.surveys.models import Survey

pytestmark = pytest.mark.django_db


def test_library_loads_and_validates():
    instruments = load_instruments()
    assert {"djg6", "who5"} <= set(instruments)
    djg = instruments["djg6"]
    assert djg.permission_required
    assert len(djg.items) == 6
    assert djg.data["source"] and djg.data["licence"] and djg.data["translation_source"]
    who = instruments["who5"]
    assert not who.permission_required
    assert "vertaling" in who.data["translation_source"].lower()


def test_djg_scoring_and_bands():
    djg = load_instruments()["djg6"]
    nobody = {1: "nee", 2: "ja", 3: "ja", 4: "nee", 5: "ja", 6: "nee"}
    assert score_instrument(djg, nobody) == {
        "total": 0,
        "scaled": 0,
        "band": "niet",
        "subscales": {"emotioneel": 0, "sociaal": 0},
    }
    everyone = {1: "ja", 2: "nee", 3: "min_of_meer", 4: "min_of_meer", 5: "nee", 6: "ja"}
    result = score_instrument(djg, everyone)
    assert result["total"] == 6 and result["band"] == "sterk"
    assert result["subscales"] == {"emotioneel": 3, "sociaal": 3}
    middle = {1: "ja", 2: "min_of_meer", 3: "ja", 4: "nee", 5: "ja", 6: "nee"}
    assert score_instrument(djg, middle)["band"] == "matig"
    # One missing item: total still computed, that subscale not.
    one_missing = dict(everyone)
    del one_missing[1]
    result = score_instrument(djg, one_missing)
    assert result["total"] == 5 and result["subscales"]["emotioneel"] is None
    del one_missing[2]
    assert score_instrument(djg, one_missing)["total"] is None


def test_who5_scoring():
    who = load_instruments()["who5"]
    best = dict.fromkeys(range(1, 6), "hele_tijd")
    assert score_instrument(who, best)["total"] == 25
    assert score_instrument(who, best)["scaled"] == 100
    low = dict.fromkeys(range(1, 6), "af_en_toe")
    assert score_instrument(who, low)["band"] == "laag"


def test_invalid_instrument_is_refused():
    data = dict(load_instruments()["djg6"].data)
    data["bands"] = [{"key": "x", "label": "x", "min": 0, "max": 3}]
    with pytest.raises(InstrumentError, match=r"bands do not cover"):
        validate_instrument(data)
    with pytest.raises(InstrumentError, match=r"name, description, source, licence, permission"):
        validate_instrument({"key": "x"})


def test_add_instrument_copies_items_with_stable_codes(own_org):
    survey = services.create_survey(own_org, by=None, title="Welzijn")
    services.add_instrument(survey, "who5", by=None)
    questions = list(survey.questions.order_by("order"))
    assert [x.code for x in questions] == [f"WHO5_{n}" for n in range(1, 6)]
    assert [c.score for c in questions[0].choices.all()] == [5, 4, 3, 2, 1, 0]
    services.add_instrument(survey, "djg6", by=None, permission_confirmed=True)
    social = survey.questions.get(code="DJG_2")
    assert {c.value: c.score for c in social.choices.all()} == {
        "ja": 0,
        "min_of_meer": 1,
        "nee": 1,
    }
    assert survey.status == Survey.Status.DRAFT
