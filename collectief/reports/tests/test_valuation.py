"""The social value section: every euro with its assumptions, in the builder, the HTML and the PDF."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from collectief.jobs.models import Job
from collectief.lib.periods import parse_period
from collectief.reports import rendering, services
from collectief.reports.builders.valuation import SocialValue
from collectief.reports.sections import BuildContext, Omitted, SectionContent
from collectief.reports.tasks import start_report_pdf
from collectief.valuation import services as valuation_services
from collectief.valuation.models import Valuation
from collectief.valuation.tests.conftest import outcome_fields

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def make_valuation(org: Any, *, inputs: bool = True) -> Valuation:
    """The worked example of lib/tests/test_sroi.py: ratio exactly 2, one outcome rood."""
    valuation = valuation_services.save_valuation(
        org,
        by=None,
        title="Waarde 2024",
        discount_rate=Decimal("0.25"),
        period="2024",
        replacement_rate=Decimal("30"),
        replacement_source="CBS cao-lonen",
        replacement_year=2024,
        opportunity_rate=Decimal("13.68"),
        opportunity_source="Wettelijk minimumloon",
        opportunity_year=2024,
    )
    if inputs:
        valuation_services.add_input(
            valuation,
            by=None,
            label="Subsidie",
            kind="money",
            amount=Decimal(3800),
            source="Gemeente",
        )
        valuation_services.add_input(
            valuation,
            by=None,
            label="Vrijwilligers",
            kind="volunteer_hours",
            hours=Decimal(100),
            hourly_value=Decimal(10),
        )
    valuation_services.add_outcome(valuation, by=None, **outcome_fields())
    valuation_services.add_outcome(
        valuation,
        by=None,
        **outcome_fields(
            label="Werk gevonden",
            stakeholder="vrijwilligers",
            quantity=Decimal(4),
            proxy=Decimal(2400),
            proxy_source="Schatting van de coördinator",
            duration=1,
            deadweight=Decimal("0.5"),
            displacement=Decimal("0.25"),
            attribution=Decimal(0),
            dropoff=Decimal(0),
            grade="rood",
        ),
    )
    return valuation


def _ctx(org: Any) -> BuildContext:
    return BuildContext(organisation=org, period=parse_period("2022"))


def _build(org: Any) -> SectionContent:
    result = SocialValue().build(_ctx(org))
    assert isinstance(result, SectionContent), result
    return result


def test_omitted_without_a_valuation(own_org) -> None:
    assert SocialValue().build(_ctx(own_org)) == Omitted(
        "De organisatie heeft geen berekening van de maatschappelijke waarde."
    )


def test_omitted_when_the_valuation_has_no_outcomes(own_org) -> None:
    valuation_services.save_valuation(
        own_org, by=None, title="Leeg", discount_rate=Decimal("0.0225")
    )
    result = SocialValue().build(_ctx(own_org))
    assert isinstance(result, Omitted)
    assert "geen uitkomsten" in result.reason


def test_ratio_and_red_share_link_to_the_valuation(own_org) -> None:
    make_valuation(own_org)
    data = _build(own_org).data
    url = reverse("valuation:overview", args=[own_org.slug])
    assert data["ratio"] == {
        "number": f"€{NBSP}2,00",
        "source_label": "Maatschappelijke waarde: Waarde 2024",
        "source_url": url,
    }
    assert data["red_share"]["number"].endswith(f"{NBSP}%")
    assert data["red_share"]["number"] != f"0{NBSP}%"
    assert data["period"] == "2024"
    assert not data["is_illustration"]


def test_every_outcome_has_its_assumptions_with_their_sources(own_org) -> None:
    make_valuation(own_org)
    assumptions = _build(own_org).data["assumptions"]
    assert assumptions["title"] == "Uitkomsten en hun aannames"
    first, second = assumptions["rows"]
    assert first[0] == "Minder eenzaam (voor bezoekers)"
    assert first[1]["number"] == f"10 × €{NBSP}1.000"
    assert [cell["number"] for cell in first[2:7]] == [
        "2 jaar",
        f"25{NBSP}%",
        f"0{NBSP}%",
        f"20{NBSP}%",
        f"50{NBSP}%",
    ]
    assert first[7] == "groen"
    assert second[7] == "rood"
    assert first[1]["source_url"].endswith("#aannames")
    notes = " ".join(assumptions["notes"])
    assert "Minder eenzaam: waarde per persoon: Eigen enquête 2024." in notes
    assert "Werk gevonden: waarde per persoon: Schatting van de coördinator." in notes


def test_volunteer_time_three_ways_side_by_side(own_org) -> None:
    make_valuation(own_org)
    data = _build(own_org).data
    assert data["volunteer_hours"]["number"] == "100"
    values = {v["kind"]: v for v in data["volunteer_values"]}
    assert list(values) == ["replacement", "opportunity", "market"]
    assert values["replacement"]["total"]["number"] == f"€{NBSP}3.000"
    assert values["replacement"]["source"] == "CBS cao-lonen"
    assert values["opportunity"]["total"]["number"] == f"€{NBSP}1.368"
    assert values["market"]["total"] is None  # no hourly value: no figure, said so


def test_an_investment_of_zero_gives_no_ratio_and_says_why(own_org) -> None:
    make_valuation(own_org, inputs=False)
    data = _build(own_org).data
    assert data["ratio"] is None
    assert "delen door nul" in data["no_ratio_reason"]


def _report(org: Any) -> Any:
    from collectief.figures import services as figure_services

    figure_services.create_figure(org, by=None, label="vrijwilligers", value=Decimal(12))
    return services.create_report(org, by=None, title="Ons magazine")


def _section_chunks(html: str) -> list[str]:
    return re.split(r'(?=<section class="report-section)', html)


def test_html_shows_no_euro_without_the_assumptions(own_org) -> None:
    make_valuation(own_org)
    Valuation.objects.filter(organisation=own_org).update(is_illustration=True)
    report = _report(own_org)
    document, _ctx = services.build_document(report)
    html = rendering.render_body(document, report.template)
    chunks = [c for c in _section_chunks(html) if "€" in c]
    assert chunks, "the valuation section shows euros"
    for chunk in chunks:
        if 'id="h-sources"' in chunk:
            continue  # the appendix names pages, it shows no amounts
        assert "Uitkomsten en hun aannames" in chunk
        assert "Eigen enquête 2024" in chunk
        assert "Schatting van de coördinator" in chunk
        assert "Wat SROI wel en niet zegt" in chunk
    assert "Illustratie" in html
    assert re.search(
        r"Per geïnvesteerde euro: ongeveer <a class=\"report-number\" "
        r"href=\"/o/own-org/waarde/\">€\xa02,00</a>",
        html,
    )
    assert "Vervangingswaarde" in html and "Investeringswaarde" in html
    assert "Marktwaarde" in html
    assert "Maatschappelijke waarde: Waarde 2024" in html  # in the sources appendix


def test_html_has_no_illustration_notice_for_a_real_valuation(own_org) -> None:
    make_valuation(own_org)
    report = _report(own_org)
    document, _ctx = services.build_document(report)
    assert "Illustratie" not in rendering.render_body(document, report.template)


def test_the_pdf_shows_the_ratio_with_its_assumptions(own_org, staff) -> None:
    make_valuation(own_org)
    Valuation.objects.filter(organisation=own_org).update(is_illustration=True)
    report = _report(own_org)
    job = start_report_pdf(report, by=staff)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(bytes(job.result))).pages]
    text = " ".join(pages).replace("\n", " ")
    assert "Maatschappelijke waarde" in pages[1]  # in the contents
    assert "Illustratie" in text
    assert "2,00" in text
    assert "Uitkomsten en hun aannames" in text
    assert "Eigen enquête 2024" in text
    assert "Wat SROI wel en niet zegt" in text
    assert "Vervangingswaarde" in text
    assert "/o/own-org/waarde/" in text  # the sources appendix
