"""The repository is self-contained: a clean clone needs nothing beside it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HSDS = ROOT / "collectief" / "directory" / "data"


def _tracked_text_files() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        pytest.fail("git ls-files did not work; run the tests from a git checkout")
    suffixes = {".py", ".md", ".toml", ".cfg", ".ini", ".txt", ".html", ".json", ".yml", ".yaml"}
    return [
        ROOT / name
        for name in listed
        if name and (Path(name).suffix in suffixes or name in ("Makefile", "Dockerfile"))
    ]


def test_no_file_refers_to_a_path_outside_the_repository():
    # Built from parts so that this file does not match itself.
    outside = re.compile("|".join([r"/" + "work/", r"\.\./" + "shared", "shared/" + "reference"]))
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _tracked_text_files()
        if path.is_file()
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1)
        if outside.search(line)
    ]
    assert found == []


def test_hsds_examples_and_schemas_are_vendored_with_their_licence():
    examples = sorted(p.name for p in (HSDS / "hsds-examples").glob("*.json"))
    assert "service_full.json" in examples and len(examples) >= 13
    assert len(list((HSDS / "hsds-examples" / "csv").glob("*.csv"))) >= 20
    for folder in ("hsds-examples", "hsds-schema"):
        note = (HSDS / folder / "SOURCE.md").read_text()
        assert "CC BY-SA 4.0" in note and "Open Referral" in note
