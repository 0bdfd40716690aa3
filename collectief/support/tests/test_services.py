"""Scharrelruimte services: ask, pick up, update, give back, withdraw."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from collectief.accounts.factories import OrganisationFactory
from collectief.accounts.models import Organisation, Role, User
from collectief.areas.models import Area
from collectief.audit.models import AuditEvent
from collectief.directory.tests.search_helpers import area
from collectief.lib.errors import ServiceError
from collectief.support import services
from collectief.support.models import Status, SupportRequest
from collectief.support.tests.conftest import member

pytestmark = pytest.mark.django_db


def test_ask_is_open_and_audited(asked: SupportRequest) -> None:
    assert asked.status == Status.OPEN and asked.handler is None
    event = AuditEvent.objects.get(action="support.request.ask")
    assert event.details == {"kind": "vrijwilligers", "gemeente": "GM0758"}


def test_only_initiatives_ask(team: Organisation, areas: dict[str, Area]) -> None:
    with pytest.raises(ServiceError, match="Alleen bewonersinitiatieven"):
        services.ask_support(team, by=None, gemeente=areas["breda"], kind="geld", question="x")


def test_ask_in_a_gemeente_the_initiative_works_in(initiative: Organisation) -> None:
    with pytest.raises(ServiceError, match="gemeente waar je initiatief werkt"):
        services.ask_support(
            initiative, by=None, gemeente=area("GM0999", "Elders"), kind="geld", question="x"
        )


@pytest.mark.parametrize(
    ("kind", "question", "message"),
    [
        ("lening", "x", "Kies uit de lijst"),
        ("geld", "  ", "verplicht"),
        ("geld", "x" * 1001, "1000"),
    ],
)
def test_bad_questions_are_refused(
    initiative: Organisation, areas: dict[str, Area], kind: str, question: str, message: str
) -> None:
    with pytest.raises(ServiceError, match=message):
        services.ask_support(
            initiative, by=None, gemeente=areas["breda"], kind=kind, question=question
        )
    assert not SupportRequest.objects.exists()


def test_pick_up_names_organisation_and_person(
    asked: SupportRequest, team: Organisation, team_staff: User
) -> None:
    services.pick_up_request(asked, team, by=team_staff, note="Ik bel dinsdag")
    asked.refresh_from_db()
    assert asked.status == Status.PICKED_UP
    assert asked.handler == team and asked.handler_person == team_staff
    assert asked.note == "Ik bel dinsdag"


def test_a_picked_up_request_is_not_picked_up_twice(
    asked: SupportRequest, team: Organisation
) -> None:
    services.pick_up_request(asked, team, by=None)
    other = OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY, name="Gemeente Breda")
    with pytest.raises(ServiceError, match="Wijkteam Breda heeft deze vraag al opgepakt"):
        services.pick_up_request(asked, other, by=None)


def test_an_initiative_does_not_pick_up(asked: SupportRequest) -> None:
    other = OrganisationFactory(kind=Organisation.Kind.INITIATIVE)
    with pytest.raises(ServiceError, match="Alleen sociaal werkers en de gemeente"):
        services.pick_up_request(asked, other, by=None)


def test_done_and_give_back(asked: SupportRequest, team: Organisation) -> None:
    services.pick_up_request(asked, team, by=None)
    services.update_request(asked, team, by=None, status=Status.DONE, note="Twee vrijwilligers")
    asked.refresh_from_db()
    assert asked.status == Status.DONE
    services.update_request(asked, team, by=None, status=Status.OPEN)
    asked.refresh_from_db()
    assert asked.status == Status.OPEN and asked.handler is None


def test_only_the_handler_updates(asked: SupportRequest, team: Organisation) -> None:
    with pytest.raises(ServiceError, match="heeft deze vraag niet"):
        services.update_request(asked, team, by=None, status=Status.DONE)


def test_withdraw_and_not_twice(asked: SupportRequest, team: Organisation) -> None:
    services.pick_up_request(asked, team, by=None)
    services.withdraw_request(asked, by=None)
    asked.refresh_from_db()
    assert asked.status == Status.WITHDRAWN and asked.handler is None
    with pytest.raises(ServiceError, match="al ingetrokken"):
        services.withdraw_request(asked, by=None)
    with pytest.raises(ServiceError, match="ingetrokken"):
        services.pick_up_request(asked, team, by=None)


def test_an_arranged_request_cannot_be_withdrawn(
    asked: SupportRequest, team: Organisation
) -> None:
    services.pick_up_request(asked, team, by=None)
    services.update_request(asked, team, by=None, status=Status.DONE)
    with pytest.raises(ServiceError, match="al geregeld"):
        services.withdraw_request(asked, by=None)


# --- the initiative is told by e-mail (point 7) ------------------------------------------


def test_picking_up_tells_every_member_of_the_initiative(
    asked: SupportRequest,
    team: Organisation,
    team_staff: User,
    initiative: Organisation,
    initiative_staff: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    member(initiative, Role.READER, "lezer@sleutel.test")
    member(team, Role.STAFF, "collega@team.test")  # the helper's colleagues are not told
    with django_capture_on_commit_callbacks(execute=True):
        services.pick_up_request(asked, team, by=team_staff, note="Ik bel dinsdag")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lezer@sleutel.test", "natasja@sleutel.test"]
    assert message.subject == "Wijkteam Breda heeft je vraag opgepakt"
    assert "Wijkteam Breda heeft je vraag over vrijwilligers opgepakt." in message.body
    assert "Je contactpersoon is Sociaalwerker." in message.body
    assert "Ik bel dinsdag" in message.body
    assert f"/o/de-sleutel/steun/{asked.pk}/" in message.body


def test_arranged_and_given_back_are_told_a_new_note_alone_is_not(
    asked: SupportRequest,
    team: Organisation,
    initiative_staff: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    services.pick_up_request(asked, team, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_request(asked, team, by=None, status=Status.PICKED_UP, note="Bezig")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.update_request(asked, team, by=None, status=Status.DONE, note="Geregeld")
        services.update_request(asked, team, by=None, status=Status.OPEN)
    assert [m.subject for m in mail.outbox] == [
        "Wijkteam Breda heeft je vraag geregeld",
        "Wijkteam Breda heeft je vraag teruggegeven: hij wacht op iemand die hem oppakt",
    ]
    assert "wacht weer op iemand die hem oppakt" in mail.outbox[1].body
    asked.refresh_from_db()
    assert asked.handler is None  # the e-mail named the helper; the request does not


def test_an_initiative_without_any_address_gets_no_mail(
    asked: SupportRequest, team: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    asked.organisation.email = ""
    asked.organisation.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        services.pick_up_request(asked, team, by=None)
    assert mail.outbox == []
    asked.refresh_from_db()
    assert asked.status == Status.PICKED_UP
