from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from collectief.audit.models import AuditEvent
from collectief.lib.errors import ServiceError
from collectief.signals.models import Signal
from collectief.signals.services import record_signal

pytestmark = pytest.mark.django_db


def _record(own_org, staff, almere, theme_map, **overrides):
    values = {
        "by": staff,
        "area": almere["kruidenwijk"],
        "themes": [theme_map["geldzorgen-en-schulden"]],
        "date": timezone.localdate(),
        "source_role": "wijkteam",
    }
    values.update(overrides)
    return record_signal(own_org, **values)


def test_record_signal_stores_themes_and_an_audit_event_without_text(
    own_org, staff, almere, themes
):
    signal = _record(
        own_org,
        staff,
        almere,
        themes,
        themes=[themes["wonen"], themes["geldzorgen-en-schulden"]],
        note="Mevrouw Jansen heeft een huurachterstand, bel 06-12345678.",
    )
    assert set(signal.themes.values_list("code", flat=True)) == {"wonen", "geldzorgen-en-schulden"}
    assert "Jansen" not in signal.note
    assert "06-12345678" not in signal.note
    assert "huurachterstand" in signal.note
    event = AuditEvent.objects.get(action="signal.create")
    assert "Jansen" not in str(event.details)
    assert event.details["themes"] == ["geldzorgen-en-schulden", "wonen"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"themes": []}, "themes"),
        ({"date": datetime.date(2999, 1, 1)}, "date"),
        ({"source_role": "buurman"}, "source_role"),
        ({"age_band": "40-50"}, "age_band"),
        ({"note": "x" * 501}, "note"),
        ({"note": "<script>alert(1)</script> huur"}, "note"),
        ({"note": "huur\x00\x01 achterstand"}, "note"),
    ],
)
def test_record_signal_refuses_bad_input_and_stores_nothing(
    own_org, staff, almere, themes, overrides, field
):
    with pytest.raises(ServiceError) as raised:
        _record(own_org, staff, almere, themes, **overrides)
    assert raised.value.field == field
    assert not Signal.objects.exists()


def test_record_signal_refuses_more_than_three_themes(own_org, staff, almere, themes):
    four = [themes[c] for c in ("wonen", "eenzaamheid", "mantelzorg", "veiligheid")]
    with pytest.raises(ServiceError, match="Kies\\ hoogstens\\ 3\\ thema's"):
        _record(own_org, staff, almere, themes, themes=four)
    assert not Signal.objects.exists()


def test_record_signal_refuses_a_gemeente(own_org, staff, almere, themes):
    with pytest.raises(ServiceError, match="niet\\ een\\ hele\\ gemeente") as raised:
        _record(own_org, staff, almere, themes, area=almere["gemeente"])
    assert raised.value.field == "area"


def test_a_target_group_is_not_a_theme(own_org, staff, almere, themes):
    from collectief.directory.models import TaxonomyTerm

    group = TaxonomyTerm.objects.target_groups().first()
    with pytest.raises(
        ServiceError, match="staat\\ niet\\ in\\ de\\ lijst\\ met\\ thema's"
    ) as raised:
        _record(own_org, staff, almere, themes, themes=[group])
    assert raised.value.field == "themes"
