"""Surveys tests keep uploaded import files in a temporary folder, not in var/."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _survey_import_dir(settings: Any, tmp_path: Path) -> Iterator[Path]:
    settings.SURVEYS_IMPORT_DIR = tmp_path / "survey-imports"
    yield settings.SURVEYS_IMPORT_DIR
