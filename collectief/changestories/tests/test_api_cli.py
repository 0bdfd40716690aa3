from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from collectief.accounts.models import Organisation
from collectief.changestories import services
from collectief.changestories.models import ChangeStory

API = "/api/v1/organisations/own-org/change-story/"


@pytest.fixture
def _auth(api_auth: Any) -> Any:
    return api_auth


def test_api_get(story: ChangeStory, client: Any, reader: Any, outsider: Any, _auth) -> None:
    response = client.get(API, **_auth(reader))
    assert response.status_code == 200
    assert response.json()["effects"][0]["name"] == "VERBONDENHEID"
    assert client.get(API, **_auth(outsider)).status_code == 404
    assert client.get(API).status_code == 404  # not public


def test_api_get_public(story: ChangeStory, own_org: Organisation, client: Any) -> None:
    services.update_poster_settings(own_org, tagline="", is_public=True, by=None)
    assert client.get(API).json()["organisation"] == "own-org"


def test_api_put(story: ChangeStory, client: Any, staff: Any, reader: Any, _auth) -> None:
    data = services.export_story(story.organisation)
    data["target_groups"][0]["text"] = "Via de API"
    body = json.dumps(data)
    assert (
        client.put(API, body, content_type="application/json", **_auth(reader)).status_code == 403
    )
    response = client.put(API, body, content_type="application/json", **_auth(staff))
    assert response.status_code == 200
    assert response.json()["version"] == 2
    # Same base version again: someone saved in between.
    response = client.put(API, body, content_type="application/json", **_auth(staff))
    assert response.status_code == 409
    assert response.json()["errors"]["current_version"] == 2
    data["version"] = 2
    data["links"].append({"from": "a1", "to": "x9"})
    response = client.put(API, json.dumps(data), content_type="application/json", **_auth(staff))
    assert response.status_code == 400
    assert "links[3]" in response.json()["errors"]
    assert client.put(API, body, content_type="application/json").status_code == 401


def test_cli_export_json_round_trip(
    story: ChangeStory, other_org: Organisation, tmp_path: Path
) -> None:
    target = tmp_path / "story.json"
    call_command("changestory", "export", "own-org", "--format", "json", "-o", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["organisation"] == "own-org"
    out = StringIO()
    call_command("changestory", "import", "other-org", str(target), stdout=out)
    assert "versie 1" in out.getvalue()
    again = services.export_story(other_org)
    assert again["effects"] == data["effects"]


def test_cli_export_pdf_and_svg_contain_every_item(story: ChangeStory, tmp_path: Path) -> None:
    pdf, svg = tmp_path / "p.pdf", tmp_path / "p.svg"
    call_command("changestory", "export", "own-org", "--format", "pdf", "-o", str(pdf))
    call_command("changestory", "export", "own-org", "--format", "svg", "-o", str(svg))
    assert pdf.read_bytes().startswith(b"%PDF")
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<svg")
    for item in (
        "Bewoners van de Leidsebuurt Haarlem",
        "Samen activiteiten organiseren",
        "VERBONDENHEID",
        "Meer sociale cohesie in de wijk",
        "DOELGROEP",
    ):
        assert item in text


def test_pdf_text_contains_every_item(story: ChangeStory) -> None:
    import io

    from pypdf import PdfReader

    from collectief.changestories.poster_pdf import render_pdf

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(story))).pages)
    text = " ".join(text.split())
    for item in (
        "Bewoners van de Leidsebuurt Haarlem",
        "Talenten van bewoners benutten",
        "Wijkbewoners ervaren meer zelfvertrouwen",
        "Meer sociale cohesie in de wijk",
    ):
        assert item in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe{ not json", "UTF-8"),
        (b"{ not json", "regel 1"),
        (
            json.dumps({"effects": [{"description": "", "level": "wijk"}]}).encode(),
            "effects[0].description",
        ),
    ],
)
def test_cli_import_errors(
    story: ChangeStory, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(CommandError) as info:
        call_command("changestory", "import", "own-org", str(path))
    assert message in str(info.value)
    story.refresh_from_db()
    assert story.version == 1


def test_cli_unknown_organisation_and_file(own_org: Organisation, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("changestory", "export", "nope")
    with pytest.raises(CommandError, match="niet lezen"):
        call_command("changestory", "import", "own-org", str(tmp_path / "x.json"))


def test_cli_exit_codes(tmp_path: Path) -> None:
    """Real processes: errors exit with 1, bad arguments with 2."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    # The console script may not be on PATH (make runs .venv/bin/pytest
    # without activating the environment), so start it through Python.
    base = [sys.executable, "-c", "from collectief.cli import main; main()", "changestory"]
    result = subprocess.run(
        [*base, "export", "no-such-org"], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 1
    result = subprocess.run(
        [*base, "export", "x", "--format", "doc"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
