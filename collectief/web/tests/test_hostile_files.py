"""Every import reads through the one reading layer (issue 8 points 5 and 6).

Each route that reads an upload gets the hostile files of
``collectief/lib/tests/hostile.py`` and must refuse them with a Dutch message
(and no server error), writing nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from collectief.accounts.models import Organisation, User
from collectief.areas.importing import UnreadableFileError, parse_region_file
from collectief.directory.hsds import import_hsds
from collectief.directory.models import Service
from collectief.figures import services as figure_services
from collectief.figures.tabular_io import import_figures_file
from collectief.lib.tests import hostile
from collectief.surveys.imports.responses import plan_response_import
from collectief.surveys.imports.services import create_survey_from_xlsform
from collectief.surveys.imports.xlsform import XLSFormError, parse_xlsform
from collectief.surveys.models import Response, Survey
from collectief.surveys.tests.xlsform_helpers import badhuis_xlsform

pytestmark = pytest.mark.django_db

TABLES = {
    "sparse": (hostile.sparse_xlsx, "data.xlsx", "meer dan 100.000 rijen"),
    "undimensioned": (hostile.undimensioned_sparse_xlsx, "data.xlsx", "meer dan 100.000 rijen"),
    "huge cell": (lambda: hostile.huge_cell_xlsx(2), "data.xlsx", "meer dan 32.767 tekens"),
    "2M rows": (lambda: hostile.csv_rows(2_000_000), "data.csv", "meer dan 100.000 rijen"),
    "unclosed quote": (
        lambda: b'code;antwoord;wijk\n1;"Fijn;Kesteren\n2;goed;Kesteren\n3;"x";Kesteren\n',
        "data.csv",
        "Rij 2 (regel 2 van het bestand)",
    ),
    "BOM and bad bytes": (
        lambda: b"\xef\xbb\xbfcode;wijk\n1;K\xe9steren\n",
        "data.csv",
        "Regel 2: het bestand zegt UTF-8 te zijn",
    ),
}


@pytest.fixture(autouse=True)
def dutch() -> object:
    with translation.override("nl"):
        yield


@pytest.fixture
def survey(own_org: Organisation, staff: User) -> Survey:
    survey, _warnings = create_survey_from_xlsform(
        own_org, badhuis_xlsform(), "badhuis.xlsx", by=staff
    )
    return survey


@pytest.mark.parametrize("case", TABLES)
def test_survey_response_import_refuses(survey: Survey, case: str) -> None:
    build, name, message = TABLES[case]
    plan = plan_response_import(survey, build(), name)
    assert any(message in str(problem) for problem in plan.problems), plan.problems


@pytest.mark.parametrize("case", TABLES)
def test_figures_import_refuses(own_org: Organisation, staff: User, case: str) -> None:
    build, name, message = TABLES[case]
    with pytest.raises(
        figure_services.FiguresImportError,
        match=r"Er is niets ingelezen\. Los deze problemen op en probeer het",
    ) as info:
        import_figures_file(own_org, build(), name, by=staff)
    assert message in str(info.value)


@pytest.mark.parametrize("case", ["sparse", "undimensioned", "huge cell"])
def test_xlsform_import_refuses(case: str) -> None:
    build, name, message = TABLES[case]
    with pytest.raises(XLSFormError) as info:
        parse_xlsform(build(), name)
    assert message in str(info.value)


@pytest.mark.parametrize("case", ["2M rows", "unclosed quote", "BOM and bad bytes"])
def test_areas_csv_import_refuses(case: str) -> None:
    build, name, message = TABLES[case]
    with pytest.raises(UnreadableFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_region_file(build(), name)


def test_areas_json_import_refuses_deep_json() -> None:
    with pytest.raises(UnreadableFileError, match="meer dan 64 niveaus"):
        parse_region_file(hostile.deep_json(100_000), "regio.json")


@pytest.mark.parametrize(
    ("build", "name", "message"),
    [
        (lambda: hostile.deep_json(100_000), "feed.json", "meer dan 64 niveaus"),
        (lambda: hostile.under_declared_zip(3), "feed.zip", "bevat meer dan het zegt"),
        (lambda: hostile.csv_rows(200_000), "organizations.csv", "meer dan 100.000 rijen"),
        (
            lambda: b'id,name\n"6d8e1f6a-9f0e-4c55-9d59-2a9d44a8f2b1,De Sleutel\n',
            "organizations.csv",
            "rij 2 (regel 2 van het bestand)",
        ),
    ],
)
def test_hsds_import_refuses(build, name: str, message: str) -> None:  # type: ignore[no-untyped-def]
    result = import_hsds(build(), name)
    assert not result.ok
    assert any(message in str(problem) for problem in result.problems), result.problems
    assert not Service.objects.exists()


def test_hsds_zip_bomb_is_refused(settings) -> None:  # type: ignore[no-untyped-def]
    settings.IMPORT_MAX_UNPACKED_BYTES = 2 * 1024 * 1024
    result = import_hsds(hostile.zip_bomb(3), "feed.zip")
    assert any("groter dan de grens van 2 MB" in str(problem) for problem in result.problems), (
        result.problems
    )


def test_changestory_cli_refuses_deep_json(own_org: Organisation, tmp_path: Path) -> None:
    path = tmp_path / "verhaal.json"
    path.write_bytes(hostile.deep_json(100_000))
    with pytest.raises(CommandError, match="meer dan 64 niveaus"):
        call_command("changestory", "import", own_org.slug, str(path))


def test_response_upload_page_shows_the_encoding_problem(
    client_for, survey: Survey, staff: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(staff)
    url = reverse("surveys:import_responses", args=[survey.organisation.slug, survey.pk])
    upload = SimpleUploadedFile("antwoorden.csv", b"\xef\xbb\xbfcode;wijk\n1;K\xe9steren\n")
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert "Regel 2: het bestand zegt UTF-8 te zijn" in response.content.decode()
    assert not Response.objects.filter(survey=survey).exists()
