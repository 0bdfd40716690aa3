"""Conversation tools per effect and the samen-duiden conclusions and actions in the report."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from pypdf import PdfReader

from collectief.duiding import services as duiding
from collectief.jobs.models import Job
from collectief.lib.periods import parse_period
from collectief.reports import rendering, services
from collectief.reports.builders.conversations import Conversations
from collectief.reports.builders.duiding import Duiding
from collectief.reports.sections import BuildContext, Omitted, SectionContent
from collectief.reports.tasks import start_report_pdf

pytestmark = pytest.mark.django_db

D = dt.date
CONCLUSION = "We herkennen de cijfers over verbondenheid; het netwerk blijft achter."
ACTION = "Een burenhulplijst bij de bar leggen"
MET = D(2023, 2, 1)


def _ctx(org: Any, period: str | None = "2022") -> BuildContext:
    return BuildContext(organisation=org, period=parse_period(period) if period else None)


def _triangle(org: Any, effect: Any, held_on: dt.date, n: int = 6) -> Any:
    session = duiding.create_triangle_session(
        org, by=None, title="Waardendriehoek met vrijwilligers", held_on=held_on, effects=[effect]
    )
    for index in range(n):
        duiding.add_triangle_score(
            session,
            by=None,
            role="vrijwilliger",
            scores={"rendement": 6 + index % 3, "legitimiteit": 7, "betrokkenheid": 9},
        )
    return session


def _reading(org: Any, effect: Any, held_on: dt.date = MET) -> Any:
    session = duiding.create_interpretation_session(
        org,
        by=None,
        title="Samen duiden: de buurtmeting",
        held_on=held_on,
        period_start=D(2022, 3, 1),
        period_end=D(2022, 12, 31),
    )
    duiding.add_participant(session, by=None, role="vrijwilliger", name="Jan Willem")
    duiding.add_participant(session, by=None, role="bestuur", name="Mara")
    duiding.set_conclusions(session, by=None, conclusions=CONCLUSION)
    duiding.add_follow_up(
        session, by=None, description=ACTION, owner="Bestuur", due_on=D(2023, 4, 1), effect=effect
    )
    return session


def test_the_triangle_per_effect_with_svg_and_a_table(own_org, world) -> None:
    session = _triangle(own_org, world["effect"], D(2022, 9, 1))
    result = Conversations().build(_ctx(own_org))
    assert isinstance(result, SectionContent)
    (group,) = result.data["groups"]
    assert group["name"] == "VERBONDENHEID"
    (triangle,) = group["triangles"]
    t = triangle["table"]
    assert "<svg" in t["chart"]
    means = {row[0]: row[1]["number"] for row in t["rows"]}
    # rendement 6, 7, 8, 6, 7, 8: mean 7; everyone gave legitimiteit 7 and betrokkenheid 9
    assert means == {"rendement": "7,0", "legitimiteit": "7,0", "betrokkenheid": "9,0"}
    assert [row[2]["number"] for row in t["rows"]] == ["6", "7", "9"]  # lowest
    assert [row[3]["number"] for row in t["rows"]] == ["8", "7", "9"]  # highest
    assert t["rows"][0][1]["source_url"] == f"/o/own-org/duiden/waardendriehoek/{session.pk}/"
    assert triangle["participants"]["number"] == "6"


def test_tools_held_after_the_period_count_when_a_session_read_the_period(own_org, world) -> None:
    _triangle(own_org, world["effect"], D(2023, 1, 15))
    assert isinstance(Conversations().build(_ctx(own_org)), Omitted)
    _reading(own_org, world["effect"], held_on=D(2023, 2, 1))
    assert isinstance(Conversations().build(_ctx(own_org)), SectionContent)


def test_the_arena_per_effect_as_a_table(own_org, world) -> None:
    arena = duiding.create_arena_session(
        own_org, by=None, title="Effectenarena", held_on=D(2022, 10, 1), effects=[world["effect"]]
    )
    gemeente = duiding.add_arena_actor(arena, by=None, name="Gemeente")
    duiding.add_arena_effect(
        arena,
        by=None,
        description="Bewoners kennen elkaar",
        valuation=4,
        gainers=[gemeente],
        effect=world["effect"],
    )
    result = Conversations().build(_ctx(own_org))
    assert isinstance(result, SectionContent)
    row = result.data["groups"][0]["arena"]["rows"][0]
    assert row[0] == "Bewoners kennen elkaar"
    assert row[2] == "Gemeente"


def test_no_tools_no_section(own_org, world) -> None:
    result = Conversations().build(_ctx(own_org))
    assert isinstance(result, Omitted)


def test_duiding_shows_conclusions_and_actions_of_sessions_reading_the_period(
    own_org, world
) -> None:
    _reading(own_org, world["effect"])
    result = Duiding().build(_ctx(own_org))
    assert isinstance(result, SectionContent)
    (session,) = result.data["sessions"]
    assert session["conclusions"] == CONCLUSION
    assert session["actions"][0]["description"] == ACTION
    assert session["actions"][0]["owner"] == "Bestuur"
    assert session["participants"] == 2
    assert "Jan Willem" not in str(result.data)  # participants counted by role, never named
    assert isinstance(Duiding().build(_ctx(own_org, "2024")), Omitted)


def test_duiding_without_conclusions_or_actions_is_omitted(own_org, world) -> None:
    duiding.create_interpretation_session(
        own_org,
        by=None,
        title="Nog leeg",
        held_on=D(2023, 2, 1),
        period_start=D(2022, 1, 1),
        period_end=D(2022, 12, 31),
    )
    assert isinstance(Duiding().build(_ctx(own_org)), Omitted)


def test_html_and_pdf_have_the_triangle_table_conclusions_and_actions(
    own_org, world, report, staff
) -> None:
    _triangle(own_org, world["effect"], D(2022, 9, 1))
    _reading(own_org, world["effect"])
    document, _ctx2 = services.build_document(report)
    html = rendering.render_body(document, report.template)
    assert 'class="triangle-chart"' in html
    assert CONCLUSION in html and ACTION in html
    job = start_report_pdf(report, by=staff)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    pages = PdfReader(io.BytesIO(bytes(job.result))).pages
    text = " ".join(p.extract_text() for p in pages).replace("\n", " ")
    assert "Waardendriehoek met vrijwilligers" in text
    assert "We herkennen de cijfers over verbondenheid" in text
    assert ACTION in text
