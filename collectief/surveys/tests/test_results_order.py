"""Results in the order of the survey, no codes unless "Geavanceerd" is opened,
and no delete button where deleting is impossible (issue 10.9)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from collectief.accounts.models import Organisation, User
from collectief.surveys import services
from collectief.surveys.analysis import analyse_survey
from collectief.surveys.exports import results_csv
from collectief.surveys.models import Question, Survey
from collectief.surveys.results_layout import in_survey_order
from collectief.surveys.tests.results_helpers import add_responses

TEXTS = {
    "zzstelling_een": "Ik voel me thuis in de buurt.",
    "zzkeuze": "Hoe vaak kom je in het buurthuis?",
    "zzstelling_twee": "Ik help weleens een buur.",
    "zzjanee": "Doe je vrijwilligerswerk?",
}


@pytest.fixture
def survey(own_org: Organisation) -> Survey:
    survey = services.create_survey(own_org, by=None, title="Volgorde")
    first = services.add_section(survey, by=None, title="Eerste deel")
    second = services.add_section(survey, by=None, title="Tweede deel")
    services.add_question(
        first, by=None, text=TEXTS["zzstelling_een"], type=Question.Type.LIKERT5,
        code="zzstelling_een",
    )  # fmt: skip
    services.add_question(
        first, by=None, text=TEXTS["zzkeuze"], type=Question.Type.SINGLE_CHOICE, code="zzkeuze",
        choices=[services.ChoiceSpec("Elke week", "week"), services.ChoiceSpec("Nooit", "nooit")],
    )  # fmt: skip
    services.add_question(
        first, by=None, text=TEXTS["zzstelling_twee"], type=Question.Type.LIKERT5,
        code="zzstelling_twee",
    )  # fmt: skip
    services.add_question(
        second, by=None, text=TEXTS["zzjanee"], type=Question.Type.YES_NO, code="zzjanee"
    )
    row = {
        "zzstelling_een": ["4"],
        "zzkeuze": ["week"],
        "zzstelling_twee": ["2"],
        "zzjanee": ["1"],
    }
    add_responses(survey, [row] * 12)
    return survey


def _positions(content: str, needles: list[str]) -> list[int]:
    positions = [content.find(needle) for needle in needles]
    assert all(p >= 0 for p in positions), dict(zip(needles, positions, strict=True))
    return positions


def _page(client_for, user: User, survey: Survey) -> str:  # type: ignore[no-untyped-def]
    url = reverse("surveys:results", args=[survey.organisation.slug, survey.pk])
    response = client_for(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_follows_the_survey(client_for, reader: User, survey: Survey) -> None:  # type: ignore[no-untyped-def]
    content = _page(client_for, reader, survey)
    results = content.split('id="breakdown"')[0]
    order = ["Eerste deel", *[TEXTS[c] for c in ("zzstelling_een", "zzkeuze", "zzstelling_twee")]]
    order += ["Tweede deel", TEXTS["zzjanee"]]
    positions = _positions(results, order)
    assert positions == sorted(positions)
    # The choice question sits between the two statements, so they are two tables.
    sections = in_survey_order(analyse_survey(survey))
    assert [[b.kind for b in s.blocks] for s in sections] == [
        ["statements", "question", "statements"],
        ["question"],
    ]


def test_moving_a_part_moves_its_results_on_the_page_and_in_the_export(  # type: ignore[no-untyped-def]
    client_for, reader: User, survey: Survey
) -> None:
    second = survey.sections.get(title="Tweede deel")
    services.move_section(second, "up", by=None)
    statement = survey.questions.get(code="zzstelling_twee")
    services.move_question(statement, "up", by=None)
    content = _page(client_for, reader, survey).split('id="breakdown"')[0]
    order = ["Tweede deel", TEXTS["zzjanee"], "Eerste deel", TEXTS["zzstelling_een"]]
    order += [TEXTS["zzstelling_twee"], TEXTS["zzkeuze"]]
    positions = _positions(content, order)
    assert positions == sorted(positions)
    csv_text = results_csv(analyse_survey(survey)).decode("utf-8-sig")
    codes = []
    for line in csv_text.splitlines()[1:]:
        code = line.split(";")[0]
        if code not in codes:
            codes.append(code)
    assert codes == ["zzjanee", "zzstelling_een", "zzstelling_twee", "zzkeuze"]


def test_no_codes_outside_advanced(client_for, staff: User, survey: Survey) -> None:  # type: ignore[no-untyped-def]
    content = _page(client_for, staff, survey)
    advanced = content.index("<summary>Geavanceerd</summary>")
    before = content[:advanced]
    # Codes appear in links' query strings only as numbers; no code text on the page.
    assert not re.search(r"zz(stelling|keuze|janee)", before), re.findall(r".{40}zz\w+", before)
    assert "<code>zzkeuze</code>" in content[advanced:]
    # The breakdown and the comparison name questions by their text.
    choice = survey.questions.get(code="zzkeuze")
    split = client_for(staff).get(
        reverse("surveys:results", args=[survey.organisation.slug, survey.pk]),
        {"uitsplitsen": choice.pk},
    )
    page = split.content.decode()
    assert not re.search(r"zz(stelling|keuze|janee)", page[: page.index("<summary>Geavanceerd")])


def test_paper_has_no_codes(client_for, staff: User, survey: Survey) -> None:  # type: ignore[no-untyped-def]
    url = reverse("surveys:paper", args=[survey.organisation.slug, survey.pk])
    content = client_for(staff).get(url).content.decode()
    assert TEXTS["zzkeuze"] in content
    assert not re.search(r"zz(stelling|keuze|janee)", content)


def _get(client_for, user: User, name: str, survey: Survey, *ids: int):  # type: ignore[no-untyped-def]
    return client_for(user).get(
        reverse(f"surveys:{name}", args=[survey.organisation.slug, survey.pk, *ids])
    )


def test_no_delete_button_where_deleting_is_impossible(  # type: ignore[no-untyped-def]
    client_for, staff: User, survey: Survey
) -> None:
    wave = services.add_wave(
        survey, by=None, name="Voormeting", kind="voormeting", starts_at=timezone.now()
    )
    add_responses(survey, [{"zzjanee": ["0"]}], prefix="w", wave=wave)
    first = survey.sections.get(title="Eerste deel")
    answered = survey.questions.get(code="zzkeuze")
    detail = _get(client_for, staff, "detail", survey).content.decode()
    for name, ids in (
        ("section_delete", [first.pk]),
        ("question_delete", [answered.pk]),
        ("wave_delete", [wave.pk]),
    ):
        url = reverse(f"surveys:{name}", args=[survey.organisation.slug, survey.pk, *ids])
        assert url not in detail, name
        page = _get(client_for, staff, name, survey, *ids)
        text = page.content.decode()
        assert page.status_code == 200
        assert "kan niet worden verwijderd" in text and "Ja, verwijderen" not in text, name
        assert client_for(staff).post(url).status_code == 400
    assert survey.sections.count() == 2 and survey.waves.count() == 1
    # An open survey: no delete button, and the page says why.
    services.set_survey_status(survey, Survey.Status.OPEN, by=None)
    assert reverse("surveys:delete", args=[survey.organisation.slug, survey.pk]) not in (
        _get(client_for, staff, "detail", survey).content.decode()
    )
    refused = _get(client_for, staff, "delete", survey).content.decode()
    assert "Ja, verwijderen" not in refused and "Sluit hem voordat" in refused


def test_a_part_that_controls_another_part_cannot_be_deleted(  # type: ignore[no-untyped-def]
    client_for, staff: User, own_org: Organisation
) -> None:
    survey = services.create_survey(own_org, by=None, title="Sla over")
    first = services.add_section(survey, by=None, title="Vooraf")
    second = services.add_section(survey, by=None, title="Daarna")
    controller = services.add_question(
        first, by=None, text="Kom je weleens?", type=Question.Type.YES_NO, code="komt"
    )
    services.add_question(
        second, by=None, text="Hoe vond je het?", type=Question.Type.SHORT_TEXT, code="hoe",
        show_if_question=controller, show_if_values=["1"],
    )  # fmt: skip
    url = reverse("surveys:section_delete", args=[own_org.slug, survey.pk, first.pk])
    assert url not in _get(client_for, staff, "detail", survey).content.decode()
    assert services.section_delete_blocker(first) is not None
    assert (
        "Hoe vond je het?"
        in _get(client_for, staff, "section_delete", survey, first.pk).content.decode()
    )
    assert client_for(staff).post(url).status_code == 400
    assert survey.sections.filter(pk=first.pk).exists()
    # The second part (the dependent question) can go, and its link is there.
    assert services.section_delete_blocker(second) is None
    second_url = reverse("surveys:section_delete", args=[own_org.slug, survey.pk, second.pk])
    assert second_url in _get(client_for, staff, "detail", survey).content.decode()
