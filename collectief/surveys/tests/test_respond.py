"""The public respondent pages: /v/<token>/."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from collectief.surveys.models import Answer, Response, Survey
from collectief.surveys.tests.survey_factories import make_survey, q

pytestmark = pytest.mark.django_db


def _state(response) -> str:
    match = re.search(r'name="state" value="([^"]+)"', response.content.decode())
    assert match, "no state in page"
    return match.group(1)


def _start(client: Client, survey: Survey):
    response = client.get(reverse("surveys:respond", args=[survey.public_token]))
    assert response.status_code == 200
    return response


def _post(client: Client, survey: Survey, data: dict):
    return client.post(reverse("surveys:respond", args=[survey.public_token]), data)


def test_happy_path_two_parts_then_thanks(own_org):
    survey = make_survey(own_org)
    client = Client()
    page = _start(client, survey)
    text = page.content.decode()
    assert "Deel 1 van 2" in text
    assert "<fieldset" in text and "<legend" in text
    assert 'type="radio"' in text
    page2 = _post(
        client,
        survey,
        {
            "state": _state(page),
            f"q{q(survey, 'ken_buren').pk}": "5",
            f"q{q(survey, 'bezoek').pk}": "1",
        },
    )
    assert page2.status_code == 200
    assert "Hoe vaak kom je?" in page2.content.decode()
    done = _post(
        client,
        survey,
        {
            "state": _state(page2),
            f"q{q(survey, 'hoe_vaak').pk}": "week",
            f"q{q(survey, 'open').pk}": "Fijn",
        },
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("surveys:thanks", args=[survey.public_token])
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 4
    thanks = client.get(done["Location"])
    assert thanks.status_code == 200


def test_skip_logic_hides_question_in_later_part(own_org):
    survey = make_survey(own_org)
    client = Client()
    page = _start(client, survey)
    page2 = _post(
        client,
        survey,
        {
            "state": _state(page),
            f"q{q(survey, 'ken_buren').pk}": "2",
            f"q{q(survey, 'bezoek').pk}": "0",
        },
    )
    assert "Hoe vaak kom je?" not in page2.content.decode()
    # A forged answer to the hidden question is refused, nothing stored.
    forged = _post(
        client, survey, {"state": _state(page2), f"q{q(survey, 'hoe_vaak').pk}": "week"}
    )
    assert forged.status_code == 400
    assert Response.objects.count() == 0
    done = _post(client, survey, {"state": _state(page2)})
    assert done.status_code == 302
    assert not Answer.objects.filter(question__code="hoe_vaak").exists()


def test_required_missing_shows_error_and_stores_nothing(own_org):
    survey = make_survey(own_org)
    client = Client()
    page = _start(client, survey)
    again = _post(client, survey, {"state": _state(page)})
    assert again.status_code == 400
    text = again.content.decode()
    assert "error-summary" in text
    assert f'href="#id_q{q(survey, "ken_buren").pk}"' in text
    assert Response.objects.count() == 0


def test_forged_question_id_is_refused(own_org, other_org):
    survey = make_survey(own_org)
    other = make_survey(other_org)
    client = Client()
    page = _start(client, survey)
    response = _post(
        client,
        survey,
        {
            "state": _state(page),
            f"q{q(survey, 'ken_buren').pk}": "5",
            f"q{q(other, 'ken_buren').pk}": "5",
        },
    )
    assert response.status_code == 400
    assert Response.objects.count() == 0


def test_tampered_state_is_refused(own_org):
    survey = make_survey(own_org)
    client = Client()
    _start(client, survey)
    response = _post(client, survey, {"state": "nonsense", f"q{q(survey, 'ken_buren').pk}": "5"})
    assert response.status_code == 400
    assert Response.objects.count() == 0


def test_double_submit_stores_one_response_and_thanks_twice(own_org):
    survey = make_survey(own_org)
    client = Client()
    page = _start(client, survey)
    page2 = _post(
        client,
        survey,
        {
            "state": _state(page),
            f"q{q(survey, 'ken_buren').pk}": "4",
            f"q{q(survey, 'bezoek').pk}": "0",
        },
    )
    final = {"state": _state(page2), f"q{q(survey, 'open').pk}": "Top"}
    first = _post(client, survey, final)
    second = _post(client, survey, final)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Response.objects.count() == 1


def test_back_keeps_answers(own_org):
    survey = make_survey(own_org)
    client = Client()
    page = _start(client, survey)
    page2 = _post(
        client,
        survey,
        {
            "state": _state(page),
            f"q{q(survey, 'ken_buren').pk}": "4",
            f"q{q(survey, 'bezoek').pk}": "1",
        },
    )
    back = client.post(
        reverse("surveys:respond_back", args=[survey.public_token]), {"state": _state(page2)}
    )
    assert back.status_code == 200
    assert (
        'value="4" checked'
        in back.content.decode().replace('checked value="4"', 'value="4" checked')
        or "checked" in back.content.decode()
    )


def test_closed_survey_shows_friendly_page(own_org):
    survey = make_survey(own_org, status=Survey.Status.CLOSED)
    response = Client().get(reverse("surveys:respond", args=[survey.public_token]))
    assert response.status_code == 410
    assert survey.title in response.content.decode()


def test_draft_survey_is_not_open(own_org):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    response = Client().get(reverse("surveys:respond", args=[survey.public_token]))
    assert response.status_code == 404


def test_closing_date_passed(own_org):
    survey = make_survey(own_org)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(hours=1))
    response = Client().get(reverse("surveys:respond", args=[survey.public_token]))
    assert response.status_code == 410


def test_maximum_reached_during_answering(own_org):
    survey = make_survey(own_org, max_responses=1)
    one, two = Client(), Client()
    page_one = _start(one, survey)
    page_two = _start(two, survey)
    data = {f"q{q(survey, 'ken_buren').pk}": "4", f"q{q(survey, 'bezoek').pk}": "0"}
    p1 = _post(one, survey, {"state": _state(page_one), **data})
    p2 = _post(two, survey, {"state": _state(page_two), **data})
    assert _post(one, survey, {"state": _state(p1)}).status_code == 302
    late = _post(two, survey, {"state": _state(p2)})
    assert late.status_code == 410
    assert Response.objects.count() == 1


def test_honeypot_stores_nothing(own_org):
    survey = make_survey(own_org)
    client = Client()
    page = _start(client, survey)
    response = _post(
        client,
        survey,
        {"state": _state(page), "website": "http://spam", f"q{q(survey, 'ken_buren').pk}": "5"},
    )
    assert response.status_code == 302
    assert Response.objects.count() == 0


def test_rate_limit(own_org, settings):
    settings.SURVEYS_SUBMISSIONS_PER_HOUR = 1
    survey = make_survey(own_org)
    statuses = []
    for _ in range(2):
        client = Client()
        page = _start(client, survey)
        p2 = _post(
            client,
            survey,
            {
                "state": _state(page),
                f"q{q(survey, 'ken_buren').pk}": "4",
                f"q{q(survey, 'bezoek').pk}": "0",
            },
        )
        statuses.append(_post(client, survey, {"state": _state(p2)}).status_code)
    assert statuses == [302, 429]
    assert Response.objects.count() == 1


def test_unknown_token_is_404():
    assert Client().get("/v/does-not-exist/").status_code == 404


def test_no_ip_address_is_stored(own_org):
    fields = {f.name for f in Response._meta.get_fields()}
    assert not fields & {"ip", "ip_address", "user", "user_agent", "remote_addr"}


def _every_stored_value() -> str:
    """Every value in every database table (models, cache, sessions, tasks), as text."""
    from django.db import connection

    chunks: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            # Table names come from the database itself, not from input.
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("latin-1")
                    chunks.append(str(value))
    return "\n".join(chunks)


def test_submission_leaves_no_ip_address_or_browser_anywhere(own_org, caplog):
    """A full submission with REMOTE_ADDR and User-Agent set: neither value is stored.

    Checks every column of every table (including the rate-limit counters, sessions and the audit log) and the log records of the request.
    """
    ip = "203.0.113.77"
    agent = "PrivacyProbe/9.9 (unique-agent-marker)"
    survey = make_survey(own_org)
    client = Client(REMOTE_ADDR=ip, HTTP_USER_AGENT=agent)
    caplog.set_level("DEBUG")
    page = _start(client, survey)
    page2 = _post(
        client,
        survey,
        {
            "state": _state(page),
            f"q{q(survey, 'ken_buren').pk}": "5",
            f"q{q(survey, 'bezoek').pk}": "1",
        },
    )
    done = _post(
        client,
        survey,
        {"state": _state(page2), f"q{q(survey, 'hoe_vaak').pk}": "week"},
    )
    assert done.status_code == 302
    assert Response.objects.count() == 1
    stored = _every_stored_value()
    assert f"survey:{survey.pk}" in stored  # the rate-limit counter is there, but hashed
    assert ip not in stored
    assert "PrivacyProbe" not in stored and "unique-agent-marker" not in stored
    assert ip not in caplog.text and "PrivacyProbe" not in caplog.text


def test_back_and_resume_are_views_of_their_own(own_org):
    """No POST "action" switch: Next, Back and Continue post to their own address."""
    survey = make_survey(own_org)
    client = Client()
    page = client.get(reverse("surveys:respond", args=[survey.public_token]))
    page2 = _post(
        client,
        survey,
        {
            "state": _state(page),
            f"q{q(survey, 'ken_buren').pk}": "4",
            f"q{q(survey, 'bezoek').pk}": "1",
        },
    )
    text = page2.content.decode()
    assert 'name="action"' not in text
    back_url = reverse("surveys:respond_back", args=[survey.public_token])
    assert f'formaction="{back_url}"' in text
    # Continue where this device was: the kept state shows the second part again.
    resume_url = reverse("surveys:respond_resume", args=[survey.public_token])
    assert f'action="{resume_url}"' in page.content.decode()
    resumed = client.post(resume_url, {"state": _state(page2)})
    assert resumed.status_code == 200
    assert "<h2>Over jou</h2>" in resumed.content.decode()  # the second part, as kept
    assert "<h2>Over jou</h2>" not in page.content.decode()
    assert Response.objects.count() == 0  # neither view stores anything
    assert client.get(back_url).status_code == 405
    assert client.get(resume_url).status_code == 405


def test_back_and_resume_refuse_a_bad_or_forged_state(own_org):
    survey = make_survey(own_org)
    client = Client()
    for name in ("surveys:respond_back", "surveys:respond_resume"):
        bad = client.post(reverse(name, args=[survey.public_token]), {"state": "geknoeid"})
        assert bad.status_code == 400
    page = client.get(reverse("surveys:respond", args=[survey.public_token]))
    other = make_survey(own_org)
    forged = client.post(
        reverse("surveys:respond_back", args=[survey.public_token]),
        {"state": _state(page), f"q{q(other, 'ken_buren').pk}": "4"},
    )
    assert forged.status_code == 400
    assert Response.objects.count() == 0


def test_back_and_resume_on_a_closed_survey_say_so(own_org):
    survey = make_survey(own_org)
    client = Client()
    page = client.get(reverse("surveys:respond", args=[survey.public_token]))
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status"])
    for name in ("surveys:respond_back", "surveys:respond_resume"):
        response = client.post(reverse(name, args=[survey.public_token]), {"state": _state(page)})
        assert response.status_code == 410
