"""Scharrelruimte pages: the initiative's side and the helper's inbox."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from collectief.accounts.models import Organisation, Role, User
from collectief.support import services
from collectief.support.models import Status, SupportRequest
from collectief.support.tests.conftest import member

pytestmark = pytest.mark.django_db


def url(name: str, *args: Any) -> str:
    return reverse(f"support:{name}", args=args)


def test_initiative_asks_and_sees_it_open(
    client_for: Any, initiative_staff: User, areas: Any
) -> None:
    client = client_for(initiative_staff)
    page = client.post(
        url("ask", "de-sleutel"),
        {"kind": "ruimte", "question": "Een zaal voor de naailes", "gemeente": areas["breda"].pk},
    )
    assert page.status_code == 302
    created = SupportRequest.objects.get()
    page = client.get(url("detail", "de-sleutel", created.pk))
    assert "Nog niemand heeft je vraag opgepakt" in page.content.decode()


def test_ask_with_bad_input_keeps_the_form(client_for: Any, initiative_staff: User) -> None:
    page = client_for(initiative_staff).post(url("ask", "de-sleutel"), {"kind": "lening"})
    assert page.status_code == 400
    assert "error-summary" in page.content.decode()
    assert not SupportRequest.objects.exists()


def test_initiative_sees_who_has_it(
    client_for: Any,
    asked: SupportRequest,
    team: Organisation,
    team_staff: User,
    initiative_staff: User,
) -> None:
    services.pick_up_request(asked, team, by=team_staff, note="Ik bel dinsdag")
    text = client_for(initiative_staff).get(url("list", "de-sleutel")).content.decode()
    assert "opgepakt" in text and "Wijkteam Breda" in text and "Sociaalwerker" in text


def test_helper_inbox_shows_open_requests_of_its_gemeente(
    client_for: Any, asked: SupportRequest, team_staff: User
) -> None:
    text = client_for(team_staff).get(url("inbox", "wijkteam-breda")).content.decode()
    assert "De Sleutel" in text and "Vrijwilligers" in text


def test_helper_picks_up(client_for: Any, asked: SupportRequest, team_staff: User) -> None:
    page = client_for(team_staff).post(
        url("pick_up", "wijkteam-breda", asked.pk), {"note": "Ik kom langs"}
    )
    assert page.status_code == 302
    asked.refresh_from_db()
    assert asked.status == Status.PICKED_UP


def test_helper_updates_with_bad_status(
    client_for: Any, asked: SupportRequest, team: Organisation, team_staff: User
) -> None:
    services.pick_up_request(asked, team, by=team_staff)
    page = client_for(team_staff).post(
        url("update", "wijkteam-breda", asked.pk), {"status": "ingetrokken"}
    )
    assert page.status_code == 400
    asked.refresh_from_db()
    assert asked.status == Status.PICKED_UP


def test_second_helper_gets_a_clear_message(
    client_for: Any, asked: SupportRequest, team: Organisation, areas: Any
) -> None:
    gemeente = Organisation.objects.create(
        slug="gemeente-breda", name="Gemeente Breda", kind=Organisation.Kind.WELFARE
    )
    gemeente.areas.set([areas["breda"]])
    user = member(gemeente, Role.STAFF, "ambtenaar@breda.test")
    services.pick_up_request(asked, team, by=None)
    page = client_for(user).post(url("pick_up", "gemeente-breda", asked.pk), follow=True)
    assert page.status_code == 200
    assert "Wijkteam Breda heeft deze vraag al opgepakt" in page.content.decode()


def test_a_helper_in_another_gemeente_gets_404(
    client_for: Any, asked: SupportRequest, far_staff: User
) -> None:
    client = client_for(far_staff)
    assert client.get(url("help_detail", "welzijn-elders", asked.pk)).status_code == 404
    assert client.post(url("pick_up", "welzijn-elders", asked.pk)).status_code == 404
    assert "De Sleutel" not in client.get(url("inbox", "welzijn-elders")).content.decode()


def test_another_initiative_gets_404(
    client_for: Any, asked: SupportRequest, outsider: User
) -> None:
    other = outsider.memberships.get().organisation
    other.kind = Organisation.Kind.INITIATIVE
    other.save()
    assert client_for(outsider).get(url("detail", other.slug, asked.pk)).status_code == 404


def test_an_initiative_has_no_inbox(client_for: Any, initiative_staff: User) -> None:
    assert client_for(initiative_staff).get(url("inbox", "de-sleutel")).status_code == 404


def test_anonymous_goes_to_login(client_for: Any, asked: SupportRequest) -> None:
    assert client_for(None).get(url("detail", "de-sleutel", asked.pk)).status_code == 302


def test_reader_may_not_ask(client_for: Any, initiative: Organisation) -> None:
    reader = member(initiative, Role.READER, "lezer@sleutel.test")
    assert client_for(reader).get(url("ask", "de-sleutel")).status_code == 403


def test_withdraw(client_for: Any, asked: SupportRequest, initiative_staff: User) -> None:
    page = client_for(initiative_staff).post(url("withdraw", "de-sleutel", asked.pk))
    assert page.status_code == 302
    asked.refresh_from_db()
    assert asked.status == Status.WITHDRAWN


def test_unknown_filter_shows_open(
    client_for: Any, asked: SupportRequest, team_staff: User
) -> None:
    page = client_for(team_staff).get(url("inbox", "wijkteam-breda") + "?toon=x")
    assert page.status_code == 200
    assert "De Sleutel" in page.content.decode()


def test_withdraw_asks_first(
    client_for: Any, asked: SupportRequest, team: Organisation, initiative_staff: User
) -> None:
    services.pick_up_request(asked, team, by=None)
    client = client_for(initiative_staff)
    detail = client.get(url("detail", "de-sleutel", asked.pk)).content.decode()
    assert url("withdraw", "de-sleutel", asked.pk) in detail
    confirm = client.get(url("withdraw", "de-sleutel", asked.pk))
    assert confirm.status_code == 200
    assert "Wijkteam Breda heeft hem nu" in confirm.content.decode()
    asked.refresh_from_db()
    assert asked.status == Status.PICKED_UP  # asking changed nothing
    reader = member(asked.organisation, Role.READER, "lezer@sleutel.test")
    assert client_for(reader).get(url("withdraw", "de-sleutel", asked.pk)).status_code == 403


def test_picking_up_on_the_page_tells_the_initiative(
    client_for: Any,
    asked: SupportRequest,
    team_staff: User,
    initiative_staff: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(team_staff).post(
            url("pick_up", "wijkteam-breda", asked.pk), {"note": "Ik kom zaterdag langs"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["natasja@sleutel.test"]]
    assert "Ik kom zaterdag langs" in mail.outbox[0].body
    page = client_for(initiative_staff).get(url("detail", "de-sleutel", asked.pk))
    assert "opgepakt" in page.content.decode() and "Wijkteam Breda" in page.content.decode()


def test_a_helper_with_a_withdrawn_request_open_is_told(
    client_for: Any,
    asked: SupportRequest,
    team: Organisation,
    team_staff: User,
    far_staff: User,
) -> None:
    services.pick_up_request(asked, team, by=team_staff)
    services.withdraw_request(asked, by=None)
    client = client_for(team_staff)
    for response in (
        client.get(url("help_detail", "wijkteam-breda", asked.pk)),
        client.post(url("update", "wijkteam-breda", asked.pk), {"status": "geregeld"}),
        client.post(url("pick_up", "wijkteam-breda", asked.pk), {"note": "Toch"}),
    ):
        assert response.status_code == 410
        text = response.content.decode()
        assert "De Sleutel heeft deze vraag ingetrokken" in text
        assert "kringloopwinkel" not in text  # the question itself is not shown
    asked.refresh_from_db()
    assert asked.status == Status.WITHDRAWN and asked.handler is None
    # A helper in another gemeente still learns nothing.
    far = client_for(far_staff).get(url("help_detail", "welzijn-elders", asked.pk))
    assert far.status_code == 404
