"""Separate responses only for beheerders and medewerkers, from 5 responses on (issue 8.3).

Every route that shows one person's answers: the all-answers CSV and XLSX, the
open answers list and marking a quote (which shows and names one answer).
The API and the CLI have no route to separate responses; the last test pins
that, so a new one has to come with the same rule.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.models import Organisation, User
from collectief.lib.suppression import MIN_COUNT
from collectief.surveys.models import Answer, Survey
from collectief.surveys.tests.results_helpers import add_responses, make_survey

ROW = {"kennen": ["4"], "komt": ["1"], "mening": ["Meer bankjes in het park"]}


def _survey(organisation: Organisation, n: int) -> Survey:
    survey = make_survey(organisation)
    add_responses(survey, [ROW] * n)
    return survey


def _routes(survey: Survey) -> list[tuple[str, str, dict[str, str] | None]]:
    args = [survey.organisation.slug, survey.pk]
    answer = Answer.objects.filter(question__survey=survey, text__isnull=False).first()
    assert answer is not None
    return [
        ("get", reverse("surveys:export_responses", args=[*args, "csv"]), None),
        ("get", reverse("surveys:export_responses", args=[*args, "csv"]) + "?codes=1", None),
        ("get", reverse("surveys:export_responses", args=[*args, "xlsx"]), None),
        ("get", reverse("surveys:open_answers", args=args), None),
        ("post", reverse("stories:answer_quote", args=[*args, answer.pk]), {"quote": "1"}),
    ]


def _call(client: Any, method: str, url: str, data: dict[str, str] | None) -> Any:
    return client.post(url, data) if method == "post" else client.get(url)


def test_reader_is_refused_everywhere(client_for, reader: User, own_org: Organisation) -> None:  # type: ignore[no-untyped-def]
    survey = _survey(own_org, 12)
    client = client_for(reader)
    for method, url, data in _routes(survey):
        response = _call(client, method, url, data)
        assert response.status_code == 403, url
        assert b"Meer bankjes" not in response.content
    assert not Answer.objects.filter(quote__isnull=False).exists()


@pytest.mark.parametrize("n", [0, 1, MIN_COUNT - 1])
def test_fewer_than_five_refused_with_a_dutch_reason(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation, n: int
) -> None:
    survey = make_survey(own_org)
    add_responses(survey, [ROW] * n)
    if n == 0:
        # No answer to mark: only the downloads and the list.
        routes = [
            ("get", reverse("surveys:open_answers", args=[own_org.slug, survey.pk]), None),
            (
                "get",
                reverse("surveys:export_responses", args=[own_org.slug, survey.pk, "xlsx"]),
                None,
            ),
        ]
    else:
        routes = _routes(survey)
    client = client_for(staff)
    for method, url, data in routes:
        response = _call(client, method, url, data)
        assert response.status_code == 403, url
        content = response.content.decode()
        assert "Nog niet genoeg antwoorden" in content
        assert "pas te zien vanaf 5 ingevulde vragenlijsten" in content
        assert "Meer bankjes" not in content
        assert not response.get("Content-Disposition")
    assert not Answer.objects.filter(quote__isnull=False).exists()


def test_four_responses_say_four_in_dutch(client_for, staff: User, own_org: Organisation) -> None:  # type: ignore[no-untyped-def]
    survey = _survey(own_org, 1)
    page = client_for(staff).get(reverse("surveys:open_answers", args=[own_org.slug, survey.pk]))
    assert "Er is nog maar 1 ingevulde vragenlijst." in page.content.decode()
    add_responses(survey, [ROW] * 3, prefix="more")
    page = client_for(staff).get(reverse("surveys:open_answers", args=[own_org.slug, survey.pk]))
    assert "Er zijn nog maar 4 ingevulde vragenlijsten." in page.content.decode()


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_and_admin_allowed_from_five(  # type: ignore[no-untyped-def]
    client_for, request: Any, own_org: Organisation, role: str
) -> None:
    survey = _survey(own_org, MIN_COUNT)
    client = client_for(request.getfixturevalue(role))
    for method, url, data in _routes(survey):
        response = _call(client, method, url, data)
        assert response.status_code in (200, 302), url
    assert Answer.objects.filter(quote__isnull=False).count() == 1
    csv_text = client.get(
        reverse("surveys:export_responses", args=[own_org.slug, survey.pk, "csv"])
    ).content.decode("utf-8-sig")
    assert csv_text.count("Meer bankjes in het park") == MIN_COUNT


def test_outsider_and_anonymous(client_for, outsider: User, own_org: Organisation) -> None:  # type: ignore[no-untyped-def]
    survey = _survey(own_org, 12)
    for method, url, data in _routes(survey):
        assert _call(client_for(outsider), method, url, data).status_code == 404, url
        assert _call(client_for(None), method, url, data).status_code == 302, url


def test_results_page_offers_separate_answers_only_when_allowed(  # type: ignore[no-untyped-def]
    client_for, reader: User, staff: User, own_org: Organisation
) -> None:
    few = _survey(own_org, MIN_COUNT - 1)
    enough = _survey(own_org, MIN_COUNT + 3)
    open_list = "open-antwoorden/"

    def page(user: User, survey: Survey) -> str:
        url = reverse("surveys:results", args=[own_org.slug, survey.pk])
        return client_for(user).get(url).content.decode()

    reader_page = page(reader, enough)
    assert open_list not in reader_page and "antwoorden.csv" not in reader_page
    assert "Alleen beheerders en medewerkers zien losse antwoorden" in reader_page
    few_page = page(staff, few)
    assert open_list not in few_page and "antwoorden.xlsx" not in few_page
    assert "vanaf 5 ingevulde vragenlijsten" in few_page
    staff_page = page(staff, enough)
    assert open_list in staff_page and "antwoorden.xlsx" in staff_page


def test_respondent_reads_what_the_organisation_sees(client_for, own_org: Organisation) -> None:  # type: ignore[no-untyped-def]
    survey = make_survey(own_org)
    survey.privacy_text = "Onze eigen tekst over privacy."
    survey.status = Survey.Status.OPEN
    survey.save()
    content = client_for(None).get(reverse("surveys:respond", args=[survey.public_token]))
    text = content.content.decode()
    assert "Onze eigen tekst over privacy." in text
    assert f"Wat {own_org.name} ziet:" in text
    assert "Je antwoorden los, zonder je naam." in text
    assert "Je antwoorden op open vragen woord voor woord" in text


def test_no_api_or_cli_route_to_separate_responses() -> None:
    from django.core.management import load_command_class

    from collectief.surveys import api

    api_paths = [str(p.pattern) for p in api.urlpatterns]
    assert all("response" not in p and "answer" not in p for p in api_paths), api_paths
    command = load_command_class("collectief.surveys", "survey")
    parser = command.create_parser("manage.py", "survey")
    actions = next(a for a in parser._actions if a.dest == "action")
    assert set(actions.choices) == {  # type: ignore[arg-type]
        "list",
        "create",
        "import-responses",
        "results",
        "rebuild-vectors",
    }
