"""Builder pages: access matrix, happy paths and bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from collectief.changestories.models import ChangeStory, Effect, Indicator
from collectief.surveys.models import Question, Response, Survey
from collectief.surveys.tests.survey_factories import make_survey, q

pytestmark = pytest.mark.django_db


def _urls(survey: Survey) -> dict[str, str]:
    slug, pk = survey.organisation.slug, survey.pk
    section = survey.sections.first()
    question = q(survey, "open")
    return {
        "list": reverse("surveys:list", args=[slug]),
        "detail": reverse("surveys:detail", args=[slug, pk]),
        "paper": reverse("surveys:paper", args=[slug, pk]),
        "preview": reverse("surveys:preview", args=[slug, pk]),
        "poster": reverse("surveys:poster", args=[slug, pk]),
        "create": reverse("surveys:create", args=[slug]),
        "edit": reverse("surveys:edit", args=[slug, pk]),
        "delete": reverse("surveys:delete", args=[slug, pk]),
        "section_create": reverse("surveys:section_create", args=[slug, pk]),
        "section_edit": reverse("surveys:section_edit", args=[slug, pk, section.pk]),
        "question_create": reverse("surveys:question_create", args=[slug, pk]),
        "question_edit": reverse("surveys:question_edit", args=[slug, pk, question.pk]),
        "question_delete": reverse("surveys:question_delete", args=[slug, pk, question.pk]),
        "wave_create": reverse("surveys:wave_create", args=[slug, pk]),
        "instruments": reverse("surveys:instrument_list", args=[slug, pk]),
        "instrument_add": reverse("surveys:instrument_add", args=[slug, pk, "who5"]),
        "change_story": reverse("surveys:from_change_story", args=[slug, pk]),
        "data_entry": reverse("surveys:data_entry", args=[slug, pk]),
    }


READ_PAGES = ["list", "detail", "paper", "preview"]
STAFF_PAGES = [
    "create",
    "edit",
    "delete",
    "section_create",
    "section_edit",
    "question_create",
    "question_edit",
    "question_delete",
    "wave_create",
    "instruments",
    "instrument_add",
    "change_story",
    "data_entry",
]


@pytest.mark.parametrize("page", READ_PAGES + STAFF_PAGES)
def test_access_matrix(page, own_org, staff, reader, outsider, client_for):
    survey = make_survey(own_org)
    url = _urls(survey)[page]
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(staff).get(url).status_code == 200
    expected_reader = 200 if page in READ_PAGES else 403
    assert client_for(reader).get(url).status_code == expected_reader


def test_poster_pdf(own_org, reader, client_for):
    survey = make_survey(own_org)
    response = client_for(reader).get(_urls(survey)["poster"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_reader_sees_no_edit_links(own_org, reader, client_for):
    survey = make_survey(own_org)
    page = client_for(reader).get(_urls(survey)["detail"]).content.decode()
    assert _urls(survey)["edit"] not in page
    assert survey.title in page


def test_create_edit_and_delete_survey(own_org, staff, client_for):
    client = client_for(staff)
    response = client.post(
        reverse("surveys:create", args=[own_org.slug]),
        {"title": "Nieuwe peiling", "intro": "Hallo", "max_responses": "100"},
    )
    survey = Survey.objects.get(title="Nieuwe peiling")
    assert response.status_code == 302
    assert survey.sections.count() == 0  # no empty default part
    bad = client.post(reverse("surveys:edit", args=[own_org.slug, survey.pk]), {"title": ""})
    assert bad.status_code == 400
    zero = client.post(
        reverse("surveys:edit", args=[own_org.slug, survey.pk]),
        {"title": "X", "max_responses": "0"},
    )
    assert zero.status_code == 400
    client.post(reverse("surveys:delete", args=[own_org.slug, survey.pk]))
    assert not Survey.objects.filter(pk=survey.pk).exists()


def test_add_questions_of_every_type(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    url = reverse("surveys:question_create", args=[own_org.slug, survey.pk])
    section = survey.sections.first().pk
    for kind in Question.Type.values:
        data = {"text": f"Vraag {kind}", "type": kind, "section": section, "allow_dont_know": "on"}
        if kind in ("single_choice", "multiple_choice"):
            data["choices"] = "Rood\nGroen\nblauw | Blauw"
        if kind == "number":
            data.update({"min_value": "0", "max_value": "10"})
        response = staff_post(client_for(staff), url, data)
        assert response.status_code == 302, (kind, response.content.decode()[:2000])
    assert survey.questions.count() == 4 + len(Question.Type.values)
    multiple = survey.questions.get(type="multiple_choice", text__startswith="Vraag")
    assert [c.value for c in multiple.choices.all()] == ["rood", "groen", "blauw"]


def staff_post(client, url, data):
    return client.post(url, data)


def test_question_bad_input(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    url = reverse("surveys:question_create", args=[own_org.slug, survey.pk])
    section = survey.sections.first().pk
    client = client_for(staff)
    cases = [
        {"text": "Kies", "type": "single_choice", "section": section, "choices": "Alleen een"},
        {"text": "Code", "type": "yes_no", "section": section, "code": "ken_buren"},
        {"text": "Code", "type": "yes_no", "section": section, "code": "9 fout"},
        {
            "text": "Getal",
            "type": "number",
            "section": section,
            "min_value": "5",
            "max_value": "1",
        },
        {
            "text": "Als",
            "type": "yes_no",
            "section": section,
            "show_if_question": q(survey, "bezoek").pk,
            "show_if_values": "misschien",
        },
    ]
    for data in cases:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert "error-summary" in response.content.decode()
    assert survey.questions.count() == 4


def test_edit_question_with_skip_logic_by_label(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    question = q(survey, "open")
    response = client_for(staff).post(
        reverse("surveys:question_edit", args=[own_org.slug, survey.pk, question.pk]),
        {
            "text": "Wat wil je nog kwijt?",
            "type": "long_text",
            "code": "opmerking",
            "section": question.section_id,
            "show_if_question": q(survey, "bezoek").pk,
            "show_if_values": str(dict(q(survey, "bezoek").answer_options())["1"]),
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.code == "opmerking"
    assert question.show_if_values == ["1"]


def test_open_and_close_survey(own_org, staff, reader, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    url = reverse("surveys:status", args=[own_org.slug, survey.pk])
    assert client_for(reader).post(url, {"status": "open"}).status_code == 403
    client_for(staff).post(url, {"status": "open"})
    survey.refresh_from_db()
    assert survey.status == "open"
    client_for(staff).post(url, {"status": "closed"})
    survey.refresh_from_db()
    assert survey.status == "closed"


def test_move_question_view(own_org, staff, client_for):
    survey = make_survey(own_org)
    visits = q(survey, "bezoek")
    client_for(staff).post(
        reverse("surveys:question_move", args=[own_org.slug, survey.pk, visits.pk]),
        {"direction": "up"},
    )
    assert list(visits.section.questions.values_list("code", flat=True)) == ["bezoek", "ken_buren"]


def test_add_instrument_needs_permission_confirmation(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    url = reverse("surveys:instrument_add", args=[own_org.slug, survey.pk, "djg6"])
    page = client_for(staff).get(url).content.decode()
    assert "notice--warning" in page
    refused = client_for(staff).post(url, {"instrument": "djg6"})
    assert refused.status_code == 400
    assert not survey.questions.filter(instrument="djg6").exists()
    client_for(staff).post(url, {"instrument": "djg6", "permission_confirmed": "on"})
    codes = list(survey.questions.filter(instrument="djg6").values_list("code", flat=True))
    assert codes == [f"DJG_{n}" for n in range(1, 7)]
    again = client_for(staff).post(url, {"instrument": "djg6", "permission_confirmed": "on"})
    assert again.status_code == 400


def test_questions_from_change_story(own_org, other_org, staff, client_for):
    story = ChangeStory.objects.create(organisation=own_org)
    effect = Effect.objects.create(
        story=story, key="e1", name="VERBONDENHEID", description="Bewoners kennen elkaar"
    )
    indicator = Indicator.objects.create(
        effect=effect, key="i1", text="Bewoners kennen andere buurtbewoners"
    )
    Effect.objects.create(
        story=story, key="e2", description="Bewoners voelen zich welkom in de buurt"
    )
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    url = reverse("surveys:from_change_story", args=[own_org.slug, survey.pk])
    client = client_for(staff)
    page = client.get(url + "?plek=het Badhuis").content.decode()
    assert "Door de activiteiten in het Badhuis ken ik andere buurtbewoners" in page
    assert "Door de activiteiten in het Badhuis voel ik me welkom in de buurt" in page
    data = {
        "stelling-TOTAL_FORMS": "2",
        "stelling-INITIAL_FORMS": "2",
        "stelling-0-include": "on",
        "stelling-0-text": "Door de activiteiten in het Badhuis ken ik andere buurtbewoners",
        "stelling-0-code": "ken_andere",
        "stelling-0-effect_id": str(effect.pk),
        "stelling-0-indicator_id": str(indicator.pk),
        "stelling-1-text": "Iets anders",
        "stelling-1-code": "iets",
        "stelling-1-effect_id": str(Effect.objects.get(key="e2").pk),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    question = survey.questions.get(code="ken_andere")
    assert (
        question.type == "likert5"
        and question.effect == effect
        and question.indicator == indicator
    )
    assert not survey.questions.filter(code="iets").exists()
    # An effect of another organisation cannot be linked.
    other_story = ChangeStory.objects.create(organisation=other_org)
    foreign = Effect.objects.create(story=other_story, key="e1", description="Iets")
    data["stelling-0-effect_id"] = str(foreign.pk)
    data["stelling-0-code"] = "nog_een"
    assert client.post(url, data).status_code == 404


def test_change_story_page_without_story(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    page = client_for(staff).get(
        reverse("surveys:from_change_story", args=[own_org.slug, survey.pk])
    )
    assert page.status_code == 200
    assert "empty-state" in page.content.decode()


def test_paper_version_lists_all_questions_with_codes(own_org, reader, client_for):
    survey = make_survey(own_org)
    page = client_for(reader).get(reverse("surveys:paper", args=[own_org.slug, survey.pk]))
    text = page.content.decode()
    for question in survey.questions.all():
        assert question.text in text
    assert "paper__box" in text


def test_data_entry_saves_paper_response_once(own_org, staff, client_for):
    survey = make_survey(own_org)
    url = reverse("surveys:data_entry", args=[own_org.slug, survey.pk])
    client = client_for(staff)
    page = client.get(url).content.decode()
    assert "autofocus" in page
    data = {
        "token": "paper-token-1",
        f"q{q(survey, 'ken_buren').pk}": "6",  # 6 = weet ik niet
        f"q{q(survey, 'bezoek').pk}": "1",
        f"q{q(survey, 'hoe_vaak').pk}": "2",
        f"q{q(survey, 'open').pk}": "Op papier",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # same form twice
    response = Response.objects.get()
    assert response.source == "paper"
    answers = {a.question.code: a for a in response.answers.select_related("question", "choice")}
    assert answers["ken_buren"].dont_know
    assert answers["hoe_vaak"].choice.value == "maand"


def test_data_entry_bad_codes(own_org, staff, client_for):
    survey = make_survey(own_org)
    url = reverse("surveys:data_entry", args=[own_org.slug, survey.pk])
    bad = client_for(staff).post(
        url,
        {"token": "t2", f"q{q(survey, 'ken_buren').pk}": "8", f"q{q(survey, 'bezoek').pk}": "1 2"},
    )
    assert bad.status_code == 400
    missing = client_for(staff).post(url, {"token": "t3"})
    assert missing.status_code == 400  # ken_buren is required
    assert Response.objects.count() == 0
