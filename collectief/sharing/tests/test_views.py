"""Sharing pages: give, revoke, see; nothing without a share; survey suppression."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.factories import MembershipFactory, UserFactory, with_two_factor
from collectief.accounts.models import Organisation, Role, User
from collectief.changestories.models import ChangeStory
from collectief.sharing import services
from collectief.sharing.models import Share
from collectief.surveys.analysis import analyse_survey
from collectief.surveys.models import Survey
from collectief.surveys.tests.results_helpers import add_responses

pytestmark = pytest.mark.django_db


def url(name: str, *args: Any) -> str:
    return reverse(f"sharing:{name}", args=args)


def test_admin_shares_a_result(
    client_for: Any, admin: User, story: ChangeStory, gemeente: Organisation
) -> None:
    page = client_for(admin).post(
        url("new", "own-org"),
        {"what": f"veranderverhaal:{story.pk}", "recipient": gemeente.pk},
    )
    assert page.status_code == 302
    share = Share.objects.get()
    assert share.recipient == gemeente
    text = client_for(admin).get(url("given", "own-org")).content.decode()
    assert "Gemeente Haarlem" in text and "Stoppen met delen" in text


@pytest.mark.parametrize(
    "data",
    [{"what": "veranderverhaal:999999"}, {"what": "rapport:1"}, {"what": ""}, {"recipient": "x"}],
)
def test_bad_input_keeps_the_form(
    client_for: Any, admin: User, story: ChangeStory, gemeente: Organisation, data: dict[str, Any]
) -> None:
    page = client_for(admin).post(url("new", "own-org"), {"recipient": gemeente.pk, **data})
    assert page.status_code == 400
    assert "error-summary" in page.content.decode()
    assert not Share.objects.exists()


def test_staff_may_not_share(client_for: Any, staff: User, story: ChangeStory) -> None:
    assert client_for(staff).get(url("new", "own-org")).status_code == 403
    text = client_for(staff).get(url("given", "own-org")).content.decode()
    assert "Alleen beheerders delen" in text


def test_recipient_sees_the_story(
    client_for: Any, gemeente_reader: User, story_share: Share
) -> None:
    client = client_for(gemeente_reader)
    listing = client.get(url("received", "gemeente-haarlem")).content.decode()
    assert "Eigen initiatief" in listing and "Ons veranderverhaal" in listing
    page = client.get(url("shared", "gemeente-haarlem", story_share.pk))
    assert page.status_code == 200
    assert "Alle buurtbewoners" in page.content.decode()


def test_nothing_without_a_share(
    client_for: Any, gemeente_reader: User, story: ChangeStory, outsider: User, story_share: Share
) -> None:
    """Another organisation, also through its own address, sees nothing of the share."""
    assert client_for(outsider).get(url("shared", "other-org", story_share.pk)).status_code == 404
    assert (
        "Eigen initiatief"
        not in client_for(outsider).get(url("received", "other-org")).content.decode()
    )


def test_anonymous_goes_to_login(client_for: Any, story_share: Share) -> None:
    page = client_for(None).get(url("shared", "gemeente-haarlem", story_share.pk))
    assert page.status_code == 302


def test_revoked_while_looking_says_so(
    client_for: Any, gemeente_reader: User, story_share: Share
) -> None:
    client = client_for(gemeente_reader)
    assert client.get(url("shared", "gemeente-haarlem", story_share.pk)).status_code == 200
    services.revoke_share(story_share, by=None)
    page = client.get(url("shared", "gemeente-haarlem", story_share.pk))
    assert page.status_code == 410
    text = page.content.decode()
    assert "Eigen initiatief is op" in text and "gestopt met het delen" in text
    assert "Alle buurtbewoners" not in text
    assert (
        "Ons veranderverhaal"
        not in client.get(url("received", "gemeente-haarlem")).content.decode()
    )


def test_a_deleted_result_says_so(
    client_for: Any, gemeente_reader: User, story: ChangeStory, story_share: Share
) -> None:
    story.delete()
    page = client_for(gemeente_reader).get(url("shared", "gemeente-haarlem", story_share.pk))
    assert page.status_code == 410
    assert "bestaat niet meer" in page.content.decode()


def test_admin_revokes_with_confirmation(client_for: Any, admin: User, story_share: Share) -> None:
    client = client_for(admin)
    assert client.get(url("revoke", "own-org", story_share.pk)).status_code == 200
    assert client.post(url("revoke", "own-org", story_share.pk)).status_code == 302
    story_share.refresh_from_db()
    assert not story_share.is_active


def test_the_recipient_cannot_revoke(
    client_for: Any, gemeente: Organisation, story_share: Share
) -> None:
    user = UserFactory(email="admin@haarlem.test")
    MembershipFactory(user=user, organisation=gemeente, role=Role.ADMIN)
    with_two_factor(user)
    page = client_for(user).post(url("revoke", "gemeente-haarlem", story_share.pk))
    assert page.status_code == 404
    story_share.refresh_from_db()
    assert story_share.is_active


# --- survey results through a share follow every suppression rule ------------------------


def test_fewer_than_five_respondents_show_no_numbers(
    client_for: Any, gemeente_reader: User, survey: Survey, survey_share: Share
) -> None:
    add_responses(survey, [{"kennen": ["5"], "komt": ["1"], "mening": ["Geheim A"]}] * 4)
    page = client_for(gemeente_reader).get(url("shared", "gemeente-haarlem", survey_share.pk))
    text = page.content.decode()
    assert page.status_code == 200
    assert "minder dan 5" in text
    assert "%" not in text.split("<main", 1)[-1].split("</main>")[0].replace("100%", "")
    assert "Geheim A" not in text


def test_five_respondents_show_the_same_numbers_as_the_owner_without_open_answers(
    client_for: Any, gemeente_reader: User, survey: Survey, survey_share: Share
) -> None:
    add_responses(
        survey,
        [{"kennen": ["5"], "komt": ["1"], "mening": ["Geheim B"]}] * 3
        + [{"kennen": ["2"], "komt": ["0"], "mening": ["Geheim C"]}] * 2,
    )
    results = analyse_survey(survey)
    assert not results.suppressed
    text = (
        client_for(gemeente_reader)
        .get(url("shared", "gemeente-haarlem", survey_share.pk))
        .content.decode()
    )
    assert "Ik ken andere buurtbewoners." in text
    assert "60%" in text  # 3 of 5 agree, as on the owner's page
    assert "Geheim B" not in text and "Geheim C" not in text
    assert "open-antwoorden" not in text and "antwoorden.csv" not in text
