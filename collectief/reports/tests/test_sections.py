"""The section builders and the assembly: what each section shows, and what it leaves out."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from collectief.lib.periods import parse_period
from collectief.reports import rendering, services
from collectief.reports.builders.basics import Introduction, Lessons
from collectief.reports.builders.poster import Poster
from collectief.reports.builders.results import Results, table_title
from collectief.reports.sections import (
    BuildContext,
    Omitted,
    SectionContent,
    Source,
    number,
    number_tables_and_sources,
    table,
)
from collectief.reports.tests.conftest import QUOTE

pytestmark = pytest.mark.django_db


def _ctx(org: Any, period: str | None = "2022") -> BuildContext:
    return BuildContext(organisation=org, period=parse_period(period) if period else None)


def _cells(result: SectionContent) -> list[Any]:
    return [
        row
        for m in result.data["measurements"]
        for g in m["groups"]
        for t in g["tables"]
        for row in t["rows"]
    ]


def test_results_show_the_agree_share_linked_to_the_survey_results(own_org, world) -> None:
    result = Results().build(_ctx(own_org))
    assert isinstance(result, SectionContent)
    kennen = _cells(result)[0]
    assert kennen[1]["number"] == "70%"
    url = reverse("surveys:results", args=[own_org.slug, world["survey"].pk])
    assert kennen[1]["source_url"] == url
    assert kennen[2]["number"] == "20"


def test_results_hide_a_share_that_describes_fewer_than_five_people(own_org, world) -> None:
    result = Results().build(_ctx(own_org))
    assert isinstance(result, SectionContent)
    helpen = _cells(result)[1]
    assert helpen[1] == "niet getoond"
    table_ = result.data["measurements"][0]["groups"][0]["tables"][0]
    assert any("minder dan 5" in note for note in table_["notes"])


def test_results_group_tables_under_the_effect_with_the_marked_quote(own_org, world) -> None:
    result = Results().build(_ctx(own_org))
    assert isinstance(result, SectionContent)
    group = result.data["measurements"][0]["groups"][0]
    assert group["name"] == "VERBONDENHEID"
    assert group["description"] == "Wijkbewoners voelen zich verbonden met elkaar"
    assert group["tables"][0]["title"] == "Onderlinge contacten"
    assert group["quotes"] == [QUOTE]
    assert "<svg" in group["tables"][0]["chart"]


def test_results_are_omitted_for_a_period_without_answers(own_org, world) -> None:
    result = Results().build(_ctx(own_org, "2023"))
    assert result == Omitted("Geen vragenlijst heeft antwoorden in deze periode.")


def test_results_are_omitted_when_the_survey_has_fewer_than_five_responses(own_org) -> None:
    from collectief.surveys import services as survey_services
    from collectief.surveys.models import Survey
    from collectief.surveys.tests.results_helpers import add_responses, make_survey

    survey = make_survey(own_org)
    survey_services.set_survey_status(survey, Survey.Status.OPEN, by=None)
    add_responses(survey, [{"kennen": ["5"]}] * 4)
    result = Results().build(_ctx(own_org, None))
    assert isinstance(result, Omitted)
    assert "minder dan 5 antwoorden" in result.reason


def test_table_title_drops_the_magazines_own_number() -> None:
    assert table_title("Tabel 3: Steunend netwerk", "x") == "Steunend netwerk"
    assert table_title("Contacten", "x") == "Contacten"
    assert table_title("", "Verbondenheid") == "Verbondenheid"


def test_introduction_shows_figures_as_tiles_linked_to_their_page(own_org, world) -> None:
    result = Introduction().build(_ctx(own_org))
    assert isinstance(result, SectionContent)
    tile = result.data["tiles"][0]
    assert tile["value"]["number"] == "94"
    assert tile["value"]["source_url"] == world["figure"].get_absolute_url()
    assert result.has_period_data


def test_introduction_is_omitted_without_figures_or_description(own_org) -> None:
    result = Introduction().build(_ctx(own_org))
    assert isinstance(result, Omitted)
    assert "geen feiten & cijfers" in result.reason


def test_poster_uses_the_change_story_poster(own_org, world) -> None:
    result = Poster().build(_ctx(own_org))
    assert isinstance(result, SectionContent)
    assert 'class="poster poster--a4' in result.data["html"]
    assert "Samen activiteiten organiseren" in result.data["html"]


def test_poster_is_omitted_without_a_change_story(own_org) -> None:
    assert Poster().build(_ctx(own_org)) == Omitted(
        "De organisatie heeft nog geen veranderverhaal."
    )


def test_lessons_need_an_intro(own_org, report) -> None:
    ctx = _ctx(own_org)
    ctx.sections = {s.key: s for s in services.ensure_sections(report)}
    assert isinstance(Lessons().build(ctx), Omitted)
    ctx.sections["lessons"].intro = "We leerden veel."
    assert isinstance(Lessons().build(ctx), SectionContent)


def test_tables_and_sources_are_numbered_in_reading_order() -> None:
    first, second = Source("A", "/a/"), Source("B", "/b/")
    sections = [
        SectionContent("x", "X", "t", {"t": table("Een", ["c"], [[number("1", first)]])}),
        SectionContent(
            "y",
            "Y",
            "t",
            {"list": [table("Twee", ["c"], [[number("2", second), number("3", first)]])]},
        ),
    ]
    sources = number_tables_and_sources(sections)
    assert [s.label for s in sources] == ["A", "B"]
    assert sections[0].data["t"]["number"] == 1
    assert sections[1].data["list"][0]["number"] == 2
    assert [c["ref"] for c in sections[1].data["list"][0]["rows"][0]] == [2, 1]


def test_document_numbers_tables_tabel_1_and_lists_sources(own_org, report) -> None:
    document, _ctx = services.build_document(report)
    html = rendering.render_body(document, report.template)
    assert "Tabel 1: Onderlinge contacten" in html
    assert "Tabel 2: Wie hebben geantwoord" in html
    assert 'id="h-sources"' in html
    assert re.search(
        r'<a class="report-number" href="/o/own-org/vragenlijsten/\d+/resultaten/">70%</a>', html
    )


def test_a_period_without_data_is_a_dutch_message(own_org, report) -> None:
    with pytest.raises(services.NoDataError, match="Er zijn geen gegevens voor de periode 2019"):
        services.build_document(report, period=parse_period("2019"))


def test_an_omitted_section_is_listed_with_its_reason_not_shown(own_org, report) -> None:
    document, _ctx = services.build_document(report)
    assert (
        "lessons",
        "Schrijf een inleiding; dit hoofdstuk bestaat uit je eigen tekst.",
    ) in document.omitted
    assert "lessons" not in [s.key for s in document.sections]
