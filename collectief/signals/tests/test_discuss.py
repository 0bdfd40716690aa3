"""Bespreken (issue 11 point 7): services with the audit log, and the team page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Organisation, Role
from collectief.areas.models import Area
from collectief.audit.models import AuditEvent
from collectief.lib.errors import ServiceError
from collectief.signals import deidentify
from collectief.signals import services_discussion as services
from collectief.signals.dutch_patterns import redact_patterns
from collectief.signals.models import Action, Discussion
from collectief.signals.summary import Period
from collectief.signals.tests.conftest import activate_two_factor
from collectief.signals.tests.test_summary import TODAY, add_signals

pytestmark = pytest.mark.django_db
MAY = Period(datetime.date(2026, 5, 1))


@pytest.fixture
def team(almere: dict[str, Area]) -> Organisation:
    org = OrganisationFactory(slug="wijkteam", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    org.areas.add(almere["gemeente"])
    return org


def member(org: Organisation, role: str) -> Any:
    user = UserFactory()
    MembershipFactory(user=user, organisation=org, role=role)
    return activate_two_factor(user)


# -- services -------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_save_discussion_creates_then_updates_with_audit(
    team: Organisation, almere: dict[str, Area]
) -> None:
    user = member(team, Role.STAFF)
    first = services.save_discussion(
        team, almere["haven"], MAY, by=user, recognised="Ja, geldzorgen zien we ook."
    )
    second = services.save_discussion(
        team, almere["haven"], MAY, by=user, recognised="Ja.", approach="Spreekuur."
    )
    assert first.pk == second.pk and Discussion.objects.count() == 1
    assert second.approach == "Spreekuur."
    events = list(AuditEvent.objects.filter(object_type="signals.discussion").order_by("id"))
    assert [e.action for e in events] == ["signals.discussion.create", "signals.discussion.update"]
    assert events[1].details["fields"] == ["approach", "recognised"]
    assert "Spreekuur" not in str(events[1].details)  # the audit names fields, not text


@time_machine.travel(TODAY)
def test_personal_details_in_a_discussion_are_redacted(
    team: Organisation, almere: dict[str, Area]
) -> None:
    discussion = services.save_discussion(
        team,
        almere["haven"],
        MAY,
        by=None,
        unknown="Bel mevr. Jansen op 06-12345678 over de huur, BSN 111222333.",
    )
    assert "Jansen" not in discussion.unknown
    assert "06-12345678" not in discussion.unknown and "111222333" not in discussion.unknown
    assert "huur" in discussion.unknown  # the meaning stays


@time_machine.travel(TODAY)
def test_discussion_texts_get_the_same_de_identification_as_notes(
    team: Organisation, almere: dict[str, Area]
) -> None:
    """Names without a title are found by deduce, which the Dutch patterns alone miss."""
    text = "Gesprek met Pieter de Boer van 84 jaar over eenzaamheid; Karin zit in de schulden."
    assert "Pieter de Boer" in redact_patterns(text)  # the patterns alone keep the name
    discussion = services.save_discussion(team, almere["haven"], MAY, by=None, recognised=text)
    assert discussion.recognised == deidentify.redact(text)
    assert "Pieter" not in discussion.recognised and "Boer" not in discussion.recognised
    assert "Karin" not in discussion.recognised
    assert "eenzaamheid" in discussion.recognised and "schulden" in discussion.recognised
    action = services.add_action(
        discussion,
        by=None,
        description="Pieter de Boer uitnodigen voor de koffie",
        owner="Opbouwwerker",
    )
    assert "Pieter" not in action.description and "koffie" in action.description
    assert action.owner == "Opbouwwerker"


@time_machine.travel(TODAY)
def test_without_deduce_a_text_is_refused_not_stored_half_cleaned(
    team: Organisation, almere: dict[str, Area], monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_ready(text: str) -> str:
        raise deidentify.NotReadyError

    monkeypatch.setattr(deidentify, "redact", not_ready)
    with pytest.raises(ServiceError, match="warmup") as error:
        services.save_discussion(team, almere["haven"], MAY, by=None, unknown="Iets over huur.")
    assert error.value.field == "unknown"
    assert not Discussion.objects.exists()
    # Empty texts need no de-identification.
    assert services.save_discussion(team, almere["haven"], MAY, by=None).recognised == ""


@time_machine.travel(TODAY)
def test_a_text_too_long_after_redaction_is_refused(
    team: Organisation, almere: dict[str, Area], monkeypatch: pytest.MonkeyPatch
) -> None:
    discussion = services.save_discussion(team, almere["haven"], MAY, by=None)
    monkeypatch.setattr(deidentify, "redact", lambda text: text + " [NAAM]")
    with pytest.raises(ServiceError, match="te lang") as error:
        services.add_action(discussion, by=None, description="x" * 299, owner="Opbouwwerker")
    assert error.value.field == "description"
    assert not Action.objects.exists()


@time_machine.travel(TODAY)
def test_save_discussion_bad_input(team: Organisation, almere: dict[str, Area]) -> None:
    with pytest.raises(ServiceError, match="gaat\\ over\\ één\\ wijk"):
        services.save_discussion(team, almere["kruidenwijk"], MAY, by=None)  # a buurt
    with pytest.raises(ServiceError, match="hoogstens\\ 2000\\ tekens"):
        services.save_discussion(team, almere["haven"], MAY, by=None, approach="x" * 2001)
    with pytest.raises(ServiceError, match="ligt\\ in\\ de\\ toekomst"):
        services.save_discussion(
            team, almere["haven"], MAY, by=None, discussed_on=datetime.date(2027, 1, 1)
        )
    assert not Discussion.objects.exists()


def test_actions_add_status_delete_with_audit(team: Organisation, almere: dict[str, Area]) -> None:
    discussion = services.save_discussion(team, almere["haven"], MAY, by=None)
    action = services.add_action(
        discussion,
        by=None,
        description="Bijeenkomst over wonen",
        owner="Opbouwwerker",
        kind=Action.Kind.PROJECT,
    )
    assert action.kind == "project" and action.status == "open"
    services.set_action_status(action, "bezig", by=None)
    action.refresh_from_db()
    assert action.status == "bezig"
    services.delete_action(action, by=None)
    assert not Action.objects.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"signals.action.create", "signals.action.status", "signals.action.delete"} <= actions


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"description": " ", "owner": "Jan"}, "description"),
        ({"description": "Iets", "owner": ""}, "owner"),
        ({"description": "Iets", "owner": "Jan", "kind": "feest"}, "kind"),
    ],
)
def test_add_action_bad_input(
    team: Organisation, almere: dict[str, Area], fields: dict[str, Any], field: str
) -> None:
    discussion = services.save_discussion(team, almere["haven"], MAY, by=None)
    with pytest.raises(ServiceError) as error:
        services.add_action(discussion, by=None, **fields)
    assert error.value.field == field
    assert not Action.objects.exists()


def test_bad_status(team: Organisation, almere: dict[str, Area]) -> None:
    discussion = services.save_discussion(team, almere["haven"], MAY, by=None)
    action = services.add_action(discussion, by=None, description="Iets", owner="Jan")
    with pytest.raises(ServiceError, match="Kies\\ een\\ status\\ uit\\ de\\ lijst"):
        services.set_action_status(action, "klaar!", by=None)


# -- the page -------------------------------------------------------------------------------


def page(org: Organisation, wijk: str = "WK003401", period: str = "2026-05") -> str:
    return reverse("signals:discuss", args=[org.slug, wijk, period])


@time_machine.travel(TODAY)
def test_team_page_shows_themes_kaart_and_record(
    team: Organisation, almere: dict[str, Area], themes: dict[str, Any], client_for: Any
) -> None:
    add_signals(
        team, almere["haven"], [themes["geldzorgen-en-schulden"]], datetime.date(2026, 5, 3), 25
    )
    add_signals(team, almere["haven"], [themes["wonen"]], datetime.date(2026, 5, 3), 4)
    response = client_for(member(team, Role.READER)).get(page(team))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bespreken: Almere Haven" in html
    # 25 next to a 4 in the same row: the 25 is hidden as well ("x"), else the
    # row total minus 25 would prove the 4 to be 1-9.
    assert "Geldzorgen en schulden" in html and ">x<" in html
    assert ">25<" not in html and ">4<" not in html
    assert "Wat heeft de sociale kaart" in html
    assert "&lt;10" in html
    assert "Deze maand is nog niet besproken." in html
    assert "<form" not in html.split("Acties")[-1]  # readers get no forms


@time_machine.travel(TODAY)
def test_staff_saves_the_discussion_and_adds_actions(
    team: Organisation, almere: dict[str, Area], client_for: Any
) -> None:
    client = client_for(member(team, Role.STAFF))
    response = client.post(
        reverse("signals:discuss_save", args=[team.slug, "WK003401", "2026-05"]),
        {
            "recognised": "Ja",
            "unknown": "Hoeveel",
            "approach": "Spreekuur",
            "discussed_on": "2026-06-01",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("signals:action_add", args=[team.slug, "WK003401", "2026-05"]),
        {
            "description": "Start klets en koek",
            "kind": "project",
            "owner": "Opbouwwerker",
            "due_date": "2026-07-01",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.discussion.recognised == "Ja" and action.kind == "project"
    html = client.get(page(team)).content.decode()
    assert "Start klets en koek" in html and "start een collectief project" in html
    # The routekaart's new-project form, prefilled from this action.
    assert f"/o/{team.slug}/projecten/nieuw/?actie={action.pk}" in html


@time_machine.travel(TODAY)
def test_bad_input_reshows_the_form(
    team: Organisation, client_for: Any, almere: dict[str, Area]
) -> None:
    client = client_for(member(team, Role.STAFF))
    response = client.post(
        reverse("signals:action_add", args=[team.slug, "WK003401", "2026-05"]),
        {"description": "Iets met een eigenaar die ontbreekt", "kind": "actie", "owner": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Iets met een eigenaar die ontbreekt" in html and "Dit veld is verplicht" in html
    assert not Action.objects.exists()


@time_machine.travel(TODAY)
def test_reader_cannot_write_and_outsider_cannot_see(
    team: Organisation, almere: dict[str, Area], client_for: Any
) -> None:
    reader = client_for(member(team, Role.READER))
    url = reverse("signals:discuss_save", args=[team.slug, "WK003401", "2026-05"])
    assert reader.post(url, {"recognised": "Ja"}).status_code == 403
    other = OrganisationFactory(slug="anders")
    outsider = client_for(member(other, Role.ADMIN))
    assert outsider.get(page(team)).status_code == 404
    assert outsider.post(url, {"recognised": "Ja"}).status_code == 404
    assert not Discussion.objects.exists()


@time_machine.travel(TODAY)
def test_anonymous_and_bad_urls(
    team: Organisation, almere: dict[str, Area], client: Any, client_for: Any
) -> None:
    assert client.get(page(team)).status_code == 302
    user = client_for(member(team, Role.READER))
    assert user.get(page(team, period="2026-13")).status_code == 404
    assert user.get(page(team, period="2027-01")).status_code == 404
    assert user.get(page(team, wijk="WK999901")).status_code == 404


@time_machine.travel(TODAY)
def test_delete_asks_first_and_status_changes(
    team: Organisation, almere: dict[str, Area], client_for: Any
) -> None:
    discussion = services.save_discussion(team, almere["haven"], MAY, by=None)
    action = services.add_action(discussion, by=None, description="Iets", owner="Jan")
    client = client_for(member(team, Role.STAFF))
    url = reverse("signals:action_delete", args=[team.slug, action.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "kan niet ongedaan" in confirm.content.decode()
    assert Action.objects.exists()
    status = client.post(
        reverse("signals:action_status", args=[team.slug, action.pk]), {"status": "klaar"}
    )
    assert status.status_code == 302
    action.refresh_from_db()
    assert action.status == "klaar"
    assert client.post(url).status_code == 302
    assert not Action.objects.exists()
    other = OrganisationFactory(slug="anders")
    outsider = client_for(member(other, Role.ADMIN))
    action = services.add_action(discussion, by=None, description="Iets", owner="Jan")
    assert (
        outsider.post(reverse("signals:action_delete", args=["anders", action.pk])).status_code
        == 404
    )
