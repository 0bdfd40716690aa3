"""``collectief project list``: the issue's JSON shape and Dutch text."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.projects import services
from collectief.projects.models import Project

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("project", "list", *args, stdout=out)
    return out.getvalue()


def test_json_has_exactly_the_issues_shape(
    project: Project, partner_org: Organisation, own_org: Organisation
) -> None:
    rows = json.loads(_run("--format", "json"))
    assert rows == [
        {
            "id": project.pk,
            "title": "Samen tegen eenzaamheid",
            "wijk": "WK075810",
            "theme": "eenzaamheid",
            "step": 1,
            "owner": "own-org",
            "partners": ["partner-org"],
            "kartrekkers": 0,
            "scan_partners": 0,
        }
    ]


def test_a_partner_that_left_is_not_listed_and_gemeente_filters(
    project: Project,
    other_org: Organisation,
    areas: dict[str, Area],
    themes: dict[str, TaxonomyTerm],
) -> None:
    services.remove_partner(project.partnerships.get(), by=None)
    elsewhere = Area.objects.create(code="GM0363", name="Amsterdam", level="gemeente", year=2024)
    wijk = Area.objects.create(
        code="WK036301", name="Centrum A", level="wijk", parent=elsewhere, year=2024
    )
    services.create_project(
        other_org, by=None, title="Elders", question="V", wijk=wijk, theme=themes["wonen"]
    )
    rows = json.loads(_run("--gemeente", "gm0758", "--format", "json"))
    assert [r["title"] for r in rows] == ["Samen tegen eenzaamheid"]
    assert rows[0]["partners"] == []


def test_text_is_dutch_and_unknown_gemeente_is_a_clear_error(project: Project) -> None:
    text = _run()
    assert "Samen tegen eenzaamheid" in text and "stap 1" in text and "partners: 1" in text
    with pytest.raises(CommandError, match="Geen gemeente met code GM9999"):
        _run("--gemeente", "GM9999")


def test_no_projects(db: None) -> None:
    assert "Geen projecten." in _run()
    assert json.loads(_run("--format", "json")) == []


# --- export ------------------------------------------------------------------------------


def _export(*args: str) -> str:
    out = StringIO()
    call_command("project", "export", *args, stdout=out)
    return out.getvalue()


def test_export_json_has_the_plan_and_agreements(
    project: Project, own_org: Organisation, partner_org: Organisation, tmp_path: Any
) -> None:
    from collectief.projects import services_plan

    anna = services_plan.add_member(
        project, by=None, organisation=own_org, name="Anna", member_organisation=own_org
    )
    services_plan.make_kartrekker(anna, by=None, organisation=own_org)
    services_plan.save_plan(project, by=None, organisation=own_org, problem="Weinig contact")
    services_plan.add_agreement(
        project,
        by=None,
        organisation=own_org,
        owner=partner_org,
        what="Flyers",
        due_on=datetime.date(2027, 1, 5),
    )
    target = tmp_path / "project.json"
    text = _export(str(project.pk), "--format", "json", "-o", str(target))
    assert text.strip() == f"Project {project.pk} is geschreven naar {target} (JSON)."
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["plan"]["problem"] == "Weinig contact"
    assert data["kartrekkers"] == 1
    assert data["werkgroep"][0]["organisation"] == "own-org"
    assert data["agreements"] == [
        {
            "owner": "partner-org",
            "person": "",
            "what": "Flyers",
            "due_on": "2027-01-05",
            "status": "open",
            "follow_ups": [],
        }
    ]
    # The list counts the kartrekkers too.
    assert json.loads(_run("--format", "json"))[0]["kartrekkers"] == 1


def test_export_pdf(project: Project, tmp_path: Any) -> None:
    target = tmp_path / "plan.pdf"
    _export(str(project.pk), "--format", "pdf", "-o", str(target))
    assert target.read_bytes().startswith(b"%PDF")


def test_export_unknown_project_and_unwritable_file(project: Project, tmp_path: Any) -> None:
    with pytest.raises(CommandError, match="Er is geen project met nummer 999999"):
        _export("999999", "-o", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match=r"Kan .* niet schrijven"):
        _export(str(project.pk), "-o", str(tmp_path / "geen-map" / "x.json"))


def test_scan_partners_counts_the_organisations_that_scored(
    project: Project, partner_org: Organisation, own_org: Organisation
) -> None:
    from collectief.projects import scan

    first = scan.start_scan_round(project, by=None)
    scan.save_scan_scores(first, own_org, {"focus": (4, "")}, by=None)
    scan.save_scan_scores(first, partner_org, {"focus": (2, ""), "rollen": (3, "")}, by=None)
    second = scan.start_scan_round(project, by=None)
    scan.save_scan_scores(second, own_org, {"focus": (5, "")}, by=None)
    (row,) = json.loads(_run("--format", "json"))
    assert row["scan_partners"] == 2
    assert row["kartrekkers"] == 0
