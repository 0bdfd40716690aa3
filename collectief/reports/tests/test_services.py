"""Creating, changing, publishing (versions) and the public link."""

from __future__ import annotations

import pytest

from collectief.audit.models import AuditEvent
from collectief.lib.errors import ServiceError
from collectief.reports import services
from collectief.reports.models import ReportVersion

pytestmark = pytest.mark.django_db


def test_create_report_adds_every_section_in_default_order(own_org, staff) -> None:
    report = services.create_report(own_org, by=staff, title="Ons magazine")
    keys = [s.key for s in report.sections.order_by("position")]
    assert keys == [
        "cover",
        "introduction",
        "poster",
        "results",
        "stories",
        "conversations",
        "valuation",
        "duiding",
        "lessons",
        "method",
    ]
    assert AuditEvent.objects.filter(action="report.create").count() == 1


def test_create_report_refuses_a_bad_period(own_org, staff) -> None:
    with pytest.raises(ServiceError, match="Schrijf de periode als jaar"):
        services.create_report(own_org, by=staff, title="X", period="vorig jaar")


def test_create_report_needs_a_title(own_org, staff) -> None:
    with pytest.raises(ServiceError, match="Geef het rapport een titel"):
        services.create_report(own_org, by=staff, title="  ")


def test_a_colour_with_too_little_contrast_is_refused_with_a_darker_one(report, staff) -> None:
    with pytest.raises(ServiceError, match=r"te licht.*#[0-9a-f]{6}"):
        services.update_report(report, by=staff, colour="#ffde59")
    report.refresh_from_db()
    assert report.colour == ""


def test_a_readable_colour_is_stored(report, staff) -> None:
    services.update_report(report, by=staff, colour="#1F4E79")
    report.refresh_from_db()
    assert report.colour == "#1f4e79"


def test_publish_freezes_a_copy_and_later_edits_make_a_new_version(report, staff) -> None:
    first = services.publish_report(report, by=staff)
    assert first.number == 1
    assert "Tabel 1: Onderlinge contacten" in first.html
    lessons = report.sections.get(key="lessons")
    services.update_section(lessons, by=staff, included=True, intro="Samen leren we het meest.")
    first.refresh_from_db()
    assert "Samen leren we het meest." not in first.html
    second = services.publish_report(report, by=staff)
    assert second.number == 2
    assert "Samen leren we het meest." in second.html
    assert second.data["sections"][-2]["key"] == "lessons"
    assert ReportVersion.objects.filter(report=report).count() == 2


def test_publish_refuses_a_period_without_data(report, staff) -> None:
    services.update_report(report, by=staff, period="2019")
    with pytest.raises(services.NoDataError, match="periode 2019"):
        services.publish_report(report, by=staff)
    assert not report.versions.exists()


def test_public_link_needs_a_published_version(report, staff) -> None:
    with pytest.raises(ServiceError, match="Publiceer het rapport eerst"):
        services.set_public_link(report, public=True, by=staff)


def test_public_link_on_and_off(report, staff) -> None:
    services.publish_report(report, by=staff)
    services.set_public_link(report, public=True, by=staff)
    assert len(report.public_token) >= 16
    services.set_public_link(report, public=False, by=staff)
    assert report.public_token == ""


def test_move_section_swaps_with_its_neighbour(report, staff) -> None:
    services.move_section(report.sections.get(key="method"), direction=-1, by=staff)
    keys = [s.key for s in report.sections.order_by("position")]
    assert keys[-2:] == ["method", "lessons"]
    services.move_section(report.sections.get(key="cover"), direction=-1, by=staff)
    assert report.sections.order_by("position").first().key == "cover"


def test_an_excluded_section_is_left_out(report, staff) -> None:
    services.update_section(report.sections.get(key="poster"), by=staff, included=False, intro="")
    document, _ctx = services.build_document(report)
    assert "poster" not in [s.key for s in document.sections]
