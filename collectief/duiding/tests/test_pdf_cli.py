"""The A4 PDFs (werkbladen, session report) and ``collectief duiding export``."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader

from collectief.accounts.models import Organisation, User
from collectief.changestories.models import Effect
from collectief.duiding import pdf, services
from collectief.duiding.models import ArenaSession, InterpretationSession, TriangleSession
from collectief.duiding.report import render_report
from collectief.duiding.tests.conftest import TODAY, make_survey, scores

pytestmark = pytest.mark.django_db


def _read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


@pytest.fixture
def full_session(
    session: InterpretationSession, own_org: Organisation, effects: list[Effect]
) -> InterpretationSession:
    session.survey = make_survey(own_org, effects[0], ["5", "4", "4", "3", "2", "5", "1"])
    session.save()
    services.add_participant(session, by=None, role="vrijwilliger", name="Jan Willem")
    services.record_reading(session, effects[0], by=None, recognise="Ja, dat zien we aan de bar")
    services.set_conclusions(session, by=None, conclusions="We herkennen de cijfers.")
    services.add_follow_up(
        session,
        by=None,
        description="Welkomstmiddag",
        owner="Mara",
        due_on=TODAY,
        effect=effects[0],
    )
    triangle = services.create_triangle_session(
        own_org, by=None, title="Driehoek", held_on=TODAY, effects=[effects[0]]
    )
    services.add_triangle_score(triangle, by=None, role="bestuur", scores=scores(7, 8, 9))
    return session


@pytest.mark.parametrize("kind", ["triangle_sheet", "arena_sheet"])
def test_a_werkblad_is_one_a4_page(
    client_for: Any, reader: User, triangle: TriangleSession, arena: ArenaSession, kind: str
) -> None:
    session_id = triangle.pk if kind == "triangle_sheet" else arena.pk
    response = client_for(reader).get(reverse(f"duiding:{kind}", args=["own-org", session_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = _read(response.content)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = reader.pages[0].extract_text()
    assert "Rendement" in text or "Wie investeert wat?" in text


def test_the_werkblad_helpers_measure_one_a4_page(
    triangle: TriangleSession, arena: ArenaSession
) -> None:
    for result in (pdf.triangle_sheet(triangle), pdf.arena_sheet(arena)):
        assert (result.pages, result.size_mm) == (1, (210, 297))


def test_the_report_has_a_summary_page_and_a_page_per_effect(
    full_session: InterpretationSession,
) -> None:
    result = render_report(full_session)
    # A first page (conclusions, actions) and each of the two effects on a new page,
    # none running away to many pages.
    assert 3 <= result.pages <= 6
    assert result.size_mm == (210, 297)
    assert len(_read(result.pdf).pages) == result.pages


def test_the_report_page(
    client_for: Any, reader: User, full_session: InterpretationSession
) -> None:
    response = client_for(reader).get(reverse("duiding:report", args=["own-org", full_session.pk]))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == f'inline; filename="samen-duiden-{full_session.pk}.pdf"'
    )


def test_export_json_to_stdout(full_session: InterpretationSession) -> None:
    out = io.StringIO()
    call_command("duiding", "export", str(full_session.pk), stdout=out)
    data = json.loads(out.getvalue())
    assert data["title"] == "Samen duiden najaar"
    assert data["participants"] == [{"role": "vrijwilliger", "name": "Jan Willem"}]
    assert data["conclusions"] == "We herkennen de cijfers."
    assert data["actions"] == [
        {
            "description": "Welkomstmiddag",
            "owner": "Mara",
            "due_on": TODAY.isoformat(),
            "done_on": None,
            "effect": "e1",
        }
    ]
    first = data["effects"][0]
    assert first["key"] == "e1" and first["answers"]["recognise"] == "Ja, dat zien we aan de bar"
    assert first["survey"]["statements"][0]["n"] == 7
    assert first["waardendriehoek"][0]["corners"]["betrokkenheid"] == {
        "mean": 9.0,
        "lowest": 9,
        "highest": 9,
    }


def test_export_pdf_to_a_file(full_session: InterpretationSession, tmp_path: Path) -> None:
    target = tmp_path / "verslag.pdf"
    out = io.StringIO()
    call_command(
        "duiding", "export", str(full_session.pk), "--format", "pdf", "-o", str(target), stdout=out
    )
    text = "".join(page.extract_text() for page in _read(target.read_bytes()).pages)
    assert "We herkennen de cijfers." in text and "Welkomstmiddag" in text
    assert f"Sessie {full_session.pk} is geschreven naar {target}." in out.getvalue()


def test_export_json_to_a_file(full_session: InterpretationSession, tmp_path: Path) -> None:
    target = tmp_path / "sessie.json"
    call_command(
        "duiding", "export", str(full_session.pk), "-o", str(target), stdout=io.StringIO()
    )
    assert json.loads(target.read_text())["id"] == full_session.pk


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("999", "Er is geen samen-duidensessie met nummer 999."),
        ("abc", "Het sessienummer moet een geheel getal zijn"),
        ("99999999999999999999", "Het sessienummer moet een geheel getal zijn"),
    ],
)
def test_export_refuses_an_unknown_session(db: None, argument: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("duiding", "export", argument, stdout=io.StringIO())


def test_a_pdf_needs_a_file(full_session: InterpretationSession) -> None:
    with pytest.raises(CommandError, match="Een pdf heeft een bestand nodig"):
        call_command("duiding", "export", str(full_session.pk), "--format", "pdf")


def test_an_unwritable_file_is_a_dutch_error(full_session: InterpretationSession) -> None:
    with pytest.raises(CommandError, match=r"Kon /geen/map/x\.json niet schrijven"):
        call_command("duiding", "export", str(full_session.pk), "-o", "/geen/map/x.json")
