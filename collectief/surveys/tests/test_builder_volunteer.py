"""The builder for volunteers: no codes unless "Geavanceerd" is opened, a preview,
no empty default part, and delete links only where deleting works."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from collectief.lib.errors import ServiceError
from collectief.surveys import services
from collectief.surveys.models import Question, Response, Survey
from collectief.surveys.tests.survey_factories import make_survey, q

pytestmark = pytest.mark.django_db

CODES = ["ken_buren", "bezoek", "hoe_vaak"]


def _outside_advanced(html: str) -> str:
    """The page without its <details class="advanced"> blocks (closed by default)."""
    return re.sub(r'<details class="advanced".*?</details>', "", html, flags=re.S)


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_survey_page_shows_no_codes_outside_advanced(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    url = reverse("surveys:detail", args=[own_org.slug, survey.pk])
    html = client_for(staff).get(url).content.decode()
    visible = _outside_advanced(_main(html))
    for code in [*CODES, "week", "maand"]:
        assert f">{code}<" not in visible and f"({code})" not in visible, code
    assert "ken_buren" not in visible
    # The codes are still there for who needs them, behind "Geavanceerd".
    assert "<summary>Geavanceerd" in html
    assert "<code>ken_buren</code>" in html
    # The skip rule names the question by its text, not by its code.
    assert "Kom je in het buurthuis?" in visible and "Ja" in visible


def test_question_form_keeps_the_code_under_advanced(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    question = q(survey, "hoe_vaak")
    url = reverse("surveys:question_edit", args=[own_org.slug, survey.pk, question.pk])
    html = client_for(staff).get(url).content.decode()
    visible = _outside_advanced(_main(html))
    assert "hoe_vaak" not in visible
    assert "week |" not in visible  # the plain answer list has only the texts
    assert "Elke week\nElke maand" in visible
    advanced = re.search(r'<details class="advanced".*?</details>', html, flags=re.S)
    assert advanced and "hoe_vaak" in advanced.group(0) and "week | Elke week" in advanced.group(0)


def test_rewording_an_answer_keeps_its_code(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    question = q(survey, "hoe_vaak")
    services.submit_response(
        survey,
        {q(survey, "ken_buren").pk: ["4"], q(survey, "bezoek").pk: ["1"], question.pk: ["week"]},
        idempotency_key="a",
        check_open=False,
    )
    url = reverse("surveys:question_edit", args=[own_org.slug, survey.pk, question.pk])
    response = client_for(staff).post(
        url,
        {
            "text": question.text,
            "type": question.type,
            "section": question.section_id,
            "required": "on",
            "choices": "Iedere week\nElke maand\nMinder vaak",
            "choice_codes": "week | Elke week\nmaand | Elke maand",
            "show_if_question": q(survey, "bezoek").pk,
            "show_if_values": "Ja",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    choices = [(c.value, c.label) for c in question.choices.all()]
    assert choices == [
        ("week", "Iedere week"),
        ("maand", "Elke maand"),
        ("minder_vaak", "Minder vaak"),
    ]


def test_coded_answers_under_advanced_win_when_changed(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    question = q(survey, "hoe_vaak")
    url = reverse("surveys:question_edit", args=[own_org.slug, survey.pk, question.pk])
    response = client_for(staff).post(
        url,
        {
            "text": question.text,
            "type": question.type,
            "section": question.section_id,
            "choices": "Elke week\nElke maand",
            "choice_codes": "w | Elke week\nm | Elke maand | 2",
            "show_if_question": q(survey, "bezoek").pk,
            "show_if_values": "Ja",
        },
    )
    assert response.status_code == 302
    assert [(c.value, c.score) for c in question.choices.all()] == [("w", None), ("m", 2)]


def test_new_survey_has_no_empty_part_and_first_question_makes_one(own_org, staff, client_for):
    client = client_for(staff)
    client.post(reverse("surveys:create", args=[own_org.slug]), {"title": "Peiling"})
    survey = Survey.objects.get(title="Peiling")
    assert survey.sections.count() == 0
    add = reverse("surveys:question_create", args=[own_org.slug, survey.pk])
    assert client.get(add).status_code == 200
    assert survey.sections.count() == 0  # looking at the form makes nothing
    response = client.post(add, {"text": "Ik woon hier graag", "type": "likert5"})
    assert response.status_code == 302
    assert survey.sections.count() == 1
    assert survey.questions.get().section == survey.sections.get()
    messages = client.get(response["Location"]).content.decode()
    assert "De vraag is toegevoegd" in messages


def test_preview_is_the_respondent_page_and_cannot_send(own_org, reader, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    url = reverse("surveys:preview", args=[own_org.slug, survey.pk])
    response = client_for(reader).get(url)
    assert response.status_code == 200
    assert [t.name for t in response.templates][:2] == [
        "surveys/respond.html",
        "surveys/respond_base.html",
    ]
    html = response.content.decode()
    main = _main(html)
    assert 'method="post"' not in main and 'name="state"' not in main
    assert "Voorbeeld" in html and "Door de activiteiten ken ik andere buurtbewoners" in html
    assert "site-nav" not in html  # the respondent frame, without the site's menu
    last = client_for(reader).get(url + "?deel=2").content.decode()
    assert "Hoe vaak kom je?" in last
    assert '<button type="button" disabled>Verstuur mijn antwoorden' in last
    # The condition on an earlier part is named in the preview.
    assert "Kom je in het buurthuis?" in last
    # Nothing a respondent sends can be stored through the preview.
    client_for(reader).post(url, {"deel": "2"})
    assert Response.objects.filter(survey=survey).count() == 0


def test_preview_of_an_empty_survey(own_org, staff, client_for):
    survey = services.create_survey(own_org, by=None, title="Leeg")
    html = client_for(staff).get(reverse("surveys:preview", args=[own_org.slug, survey.pk]))
    assert html.status_code == 200
    assert "nog geen vragen" in html.content.decode()


def test_preview_part_number_past_the_end_shows_the_first(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    url = reverse("surveys:preview", args=[own_org.slug, survey.pk])
    for past_the_end in ["99", ""]:
        response = client_for(staff).get(url, {"deel": past_the_end})
        assert response.status_code == 200
        assert "Deel 1 van 2" in response.content.decode()
    # Not a part number at all: the Dutch page about a wrong address (issue 8, point 14).
    for bad in ["-1", "x"]:
        response = client_for(staff).get(url, {"deel": bad})
        assert response.status_code == 400
        assert "Er klopt iets niet aan dit adres" in response.content.decode()


def test_preview_of_another_organisation_is_not_found(own_org, outsider, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    url = reverse("surveys:preview", args=[own_org.slug, survey.pk])
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_delete_links_only_where_deleting_works(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    services.submit_response(
        survey, {q(survey, "ken_buren").pk: ["4"]}, idempotency_key="a", check_open=False
    )
    html = client_for(staff).get(reverse("surveys:detail", args=[own_org.slug, survey.pk]))
    page = html.content.decode()
    slug, pk = own_org.slug, survey.pk

    def link(name: str, *args: int) -> str:
        return reverse(f"surveys:{name}", args=[slug, pk, *args])

    assert link("question_delete", q(survey, "ken_buren").pk) not in page  # answered
    assert link("question_delete", q(survey, "bezoek").pk) not in page  # others depend on it
    assert link("question_delete", q(survey, "open").pk) in page
    first, second = survey.sections.all()
    assert link("section_delete", first.pk) not in page
    assert link("section_delete", second.pk) in page
    assert reverse("surveys:delete", args=[slug, pk]) in page  # a draft may go


def test_open_survey_cannot_be_deleted(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.OPEN)
    detail = reverse("surveys:detail", args=[own_org.slug, survey.pk])
    delete = reverse("surveys:delete", args=[own_org.slug, survey.pk])
    assert delete not in client_for(staff).get(detail).content.decode()
    response = client_for(staff).post(delete)
    assert response.status_code == 302 and response["Location"] == detail
    assert Survey.objects.filter(pk=survey.pk).exists()
    with pytest.raises(ServiceError):
        services.delete_survey(survey, by=None)
    services.set_survey_status(survey, Survey.Status.CLOSED, by=None)
    services.delete_survey(survey, by=None)
    assert not Survey.objects.filter(pk=survey.pk).exists()


def test_paper_version_numbers_questions_instead_of_codes(own_org, reader, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    html = client_for(reader).get(reverse("surveys:paper", args=[own_org.slug, survey.pk]))
    article = html.content.decode().split('<article class="paper">')[1]
    for code in CODES:
        assert code not in article
    assert '<span class="paper__code">1.</span>' in article
    assert "Beantwoord dit alleen als je vraag 2 beantwoordde met" in article


def test_data_entry_labels_have_numbers_not_codes(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    html = client_for(staff).get(reverse("surveys:data_entry", args=[own_org.slug, survey.pk]))
    main = _main(html.content.decode())
    assert "ken_buren" not in main
    assert "1. Door de activiteiten ken ik andere buurtbewoners" in main


def test_question_text_not_code_in_delete_confirmation(own_org, staff, client_for):
    survey = make_survey(own_org, status=Survey.Status.DRAFT)
    question = q(survey, "open")
    url = reverse("surveys:question_delete", args=[own_org.slug, survey.pk, question.pk])
    main = _main(client_for(staff).get(url).content.decode())
    assert question.code not in main and question.text in main


def test_question_type_choices_are_words(own_org, staff, client_for):
    assert all(" " in str(label) or str(label).isalpha() for _v, label in Question.Type.choices)
