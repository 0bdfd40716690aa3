"""The Badhuis demo report reproduces the magazine's Badhuis pages (p. 30–37)."""

from __future__ import annotations

import io

import pytest

from collectief.reports import rendering, services
from collectief.reports.models import Report

pytestmark = pytest.mark.django_db

# Tabel 1–4 as printed ("ruim 73", "bijna 70", …, rounded), typed from the magazine.
PUBLISHED = {
    "Onderlinge contacten": ["73%", "70%", "59%"],
    "Verbondenheid": ["90%", "86%"],
    "Steunend netwerk": ["24%", "23%", "37%", "41%"],
    "Empowerment": ["42%", "53%", "65%", "45%"],
}


@pytest.fixture
def demo() -> None:
    from collectief.accounts.demo import load_demo as accounts
    from collectief.areas.demo import load_demo as areas
    from collectief.changestories.demo import load_demo as changestories
    from collectief.duiding.demo import load_demo as duiding
    from collectief.figures.demo import load_demo as figures
    from collectief.reports.demo import load_demo as reports
    from collectief.stories.demo import load_demo as stories
    from collectief.surveys.demo import load_demo as surveys
    from collectief.valuation.demo import load_demo as valuation

    out = io.StringIO()
    for load in (
        areas,
        accounts,
        changestories,
        figures,
        surveys,
        valuation,
        stories,
        duiding,
        reports,
    ):
        load(out)


def _tables(document: services.ReportDocument) -> list[dict]:
    results = next(s for s in document.sections if s.key == "results")
    return [t for m in results.data["measurements"] for g in m["groups"] for t in g["tables"]]


def test_badhuis_tables_1_to_4_have_the_published_percentages(demo: None) -> None:
    report = Report.objects.get(organisation__slug="het-badhuis")
    document, _ctx = services.build_document(report)
    tables = _tables(document)
    assert [(t["number"], t["title"]) for t in tables] == [
        (1, "Onderlinge contacten"),
        (2, "Verbondenheid"),
        (3, "Steunend netwerk"),
        (4, "Empowerment"),
    ]
    for t in tables:
        assert [row[1]["number"] for row in t["rows"]] == PUBLISHED[t["title"]]


def test_badhuis_report_has_profile_poster_figures_quotes_and_lessons(demo: None) -> None:
    from collectief.surveys.demo import QUOTES

    report = Report.objects.get(organisation__slug="het-badhuis")
    document, _ctx = services.build_document(report)
    keys = [s.key for s in document.sections]
    assert keys == [
        "cover",
        "introduction",
        "poster",
        "results",
        "stories",
        "conversations",
        "duiding",
        "lessons",
        "method",
    ]
    html = rendering.render_body(document, report.template)
    assert "94" in html and "vrijwilligers" in html
    for quote in QUOTES:
        assert quote in html
    assert "Mara Limbeek" in html


def test_badhuis_report_has_jan_willem_the_triangle_and_samen_duiden(demo: None) -> None:
    from collectief.duiding.demo import SESSION_TITLE, TRIANGLE_TITLE
    from collectief.stories.demo import JAN_WILLEM

    report = Report.objects.get(organisation__slug="het-badhuis")
    document, _ctx = services.build_document(report)
    html = rendering.render_body(document, report.template)
    # Jan Willem's portrait (magazine p. 34-35), consented with name, under the first of
    # its effects in the change story's order (STEUNEND NETWERK is first on the poster).
    stories = next(s for s in document.sections if s.key == "stories")
    first = stories.data["groups"][0]
    assert first["name"] == "STEUNEND NETWERK"
    portrait = first["stories"][0]
    assert portrait["effects"] == ["STEUNEND NETWERK", "EMPOWERMENT", "VERBONDENHEID"]
    assert portrait["name"] == "Jan Willem"
    assert portrait["title"] == "Het Badhuis heeft een hele belangrijke functie voor de buurt"
    assert JAN_WILLEM.split("\n\n")[0] in html
    # The Waardendriehoek with its table, and the session's conclusions and actions.
    assert TRIANGLE_TITLE in html and 'class="triangle-chart"' in html
    duiding = next(s for s in document.sections if s.key == "duiding")
    (session,) = duiding.data["sessions"]
    assert session["title"] == SESSION_TITLE
    assert session["conclusions"] and session["actions"]
    assert session["conclusions"].split("\n")[0] in html


def test_sleutel_and_buurttuin_have_profile_and_poster(demo: None) -> None:
    for slug in ("de-sleutel", "buurttuin-kempenaar"):
        report = Report.objects.get(organisation__slug=slug)
        document, _ctx = services.build_document(report)
        keys = [s.key for s in document.sections]
        assert keys[:3] == ["cover", "introduction", "poster"], slug


def test_sleutel_report_has_the_valuation_as_an_illustration_with_assumptions(
    demo: None,
) -> None:
    report = Report.objects.get(organisation__slug="de-sleutel")
    document, _ctx = services.build_document(report)
    section = next(s for s in document.sections if s.key == "valuation")
    assert section.data["is_illustration"]
    assert section.data["ratio"]["number"].startswith("€")
    assert len(section.data["assumptions"]["rows"]) >= 3
    html = rendering.render_body(document, report.template)
    assert "Illustratie" in html
    assert "Uitkomsten en hun aannames" in html
    # The Badhuis has no valuation: no section, and the editor says why.
    badhuis = Report.objects.get(organisation__slug="het-badhuis")
    document, _ctx = services.build_document(badhuis)
    assert "valuation" in dict(document.omitted)


def test_demo_is_idempotent(demo: None) -> None:
    from collectief.reports.demo import load_demo

    load_demo(io.StringIO())
    assert Report.objects.count() == 3
