"""The beschikkingen upload on the gemeente page: staff of a gemeente organisation, own gemeente only."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from collectief.accounts.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    with_two_factor,
)
from collectief.accounts.models import Organisation, Role, User
from collectief.areas.models import Area
from collectief.audit.models import AuditEvent
from collectief.insights.access import get_counts_gemeente_for_user
from collectief.insights.models import ProvisionCount

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    b"gebied;categorie;jaar;aantal\r\n"
    b"WK003401;wmo-begeleiding;2024;212\r\n"
    b"WK003401;schuldhulpverlening;2023;12\r\n"
    b"BU00340201;jeugd-ambulant;2024;0\r\n"
)
IMPORTED = {
    ("WK003401", "wmo-begeleiding", 2024, 212),
    ("WK003401", "schuldhulpverlening", 2023, 12),
    ("BU00340201", "jeugd-ambulant", 2024, 0),
}


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["gebied", "categorie", "jaar", "aantal"])
    for line in GOOD_CSV.decode().splitlines()[1:]:
        code, category, year, count = line.split(";")
        sheet.append([code, category, int(year), int(count)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _org(slug: str, kind: str, area: Area) -> Organisation:
    org = OrganisationFactory(slug=slug, name=slug.title(), kind=kind)
    org.areas.set([area])
    return org


def _member(org: Organisation, role: str, email: str) -> User:
    user = UserFactory(email=email)
    MembershipFactory(user=user, organisation=org, role=role)
    return with_two_factor(user)  # every gemeente member logs in with two factors


@pytest.fixture
def gemeente_org(almere: dict[str, Area]) -> Organisation:
    return _org("gemeente-almere", Organisation.Kind.MUNICIPALITY, almere["gemeente"])


@pytest.fixture
def gemeente_staff(gemeente_org: Organisation) -> User:
    return _member(gemeente_org, Role.STAFF, "staff@almere.test")


@pytest.fixture
def barendrecht_gemeente(db: None) -> Area:
    return Area.objects.create(code="GM0489", name="Barendrecht", level="gemeente", year=2024)


def _url(slug: str = "gemeente-almere", code: str = "GM0034") -> str:
    return reverse("insights:counts_upload", args=[slug, code])


def _file(content: bytes, name: str) -> Any:
    return SimpleUploadedFile(name, content)


def _imported() -> set[tuple[str, str, int, int]]:
    return set(ProvisionCount.objects.values_list("area__code", "category__code", "year", "count"))


def test_get_shows_the_form_and_the_gemeente_page_links_it(
    client_for: Any, gemeente_staff: User
) -> None:
    client = client_for(gemeente_staff)
    response = client.get(_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="file"' in page and 'enctype="multipart/form-data"' in page
    gemeente_page = client.get(reverse("insights:gemeente", args=["gemeente-almere", "GM0034"]))
    assert f'href="{_url()}"' in gemeente_page.content.decode()


@pytest.mark.parametrize(("name", "content"), [("b.csv", GOOD_CSV), ("b.xlsx", None)])
def test_upload_stores_the_counts_and_says_what(
    client_for: Any, gemeente_staff: User, name: str, content: bytes | None
) -> None:
    client = client_for(gemeente_staff)
    response = client.post(_url(), {"file": _file(content or _xlsx(), name)}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(
        "insights:gemeente", args=["gemeente-almere", "GM0034"]
    )
    assert _imported() == IMPORTED
    page = response.content.decode()
    assert "3 aantallen beschikkingen ingelezen" in page
    assert "2024 – Begeleiding: 1" in page and "2023 – Schuldhulpverlening: 1" in page
    event = AuditEvent.objects.get(action="insights.import_counts")
    assert event.details["file"] == name and event.details["rows"] == 3


def test_anonymous_goes_to_login(client: Any, gemeente_org: Organisation) -> None:
    response = client.post(_url(), {"file": _file(GOOD_CSV, "b.csv")})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not ProvisionCount.objects.exists()


def test_reader_is_refused(client_for: Any, gemeente_org: Organisation) -> None:
    client = client_for(_member(gemeente_org, Role.READER, "reader@almere.test"))
    assert client.get(_url()).status_code == 403
    assert client.post(_url(), {"file": _file(GOOD_CSV, "b.csv")}).status_code == 403
    gemeente_page = client.get(reverse("insights:gemeente", args=["gemeente-almere", "GM0034"]))
    assert gemeente_page.status_code == 200
    assert "beschikkingen-sjabloon.csv" in gemeente_page.content.decode()
    assert _url() not in gemeente_page.content.decode()
    assert not ProvisionCount.objects.exists()


def test_other_gemeente_and_other_kinds_are_not_found(
    client_for: Any,
    almere: dict[str, Area],
    gemeente_staff: User,
    barendrecht_gemeente: Area,
) -> None:
    # Barendrecht exists, but this gemeente organisation does not work there.
    client = client_for(gemeente_staff)
    assert client.get(_url(code="GM0489")).status_code == 404
    assert client.get(_url(code="WK003401")).status_code == 404
    # Staff of another gemeente organisation cannot reach Almere's page.
    other = _org("gemeente-barendrecht", Organisation.Kind.MUNICIPALITY, barendrecht_gemeente)
    other_staff = _member(other, Role.STAFF, "staff@barendrecht.test")
    assert client_for(other_staff).get(_url()).status_code == 404
    # A wijkteam in Almere sees the wijkbeeld, but does not supply beschikkingen.
    team = _org("wijkteam-almere", Organisation.Kind.NEIGHBOURHOOD_TEAM, almere["gemeente"])
    team_admin = _member(team, Role.ADMIN, "admin@wijkteam.test")
    response = client_for(team_admin).post(
        _url(slug="wijkteam-almere"), {"file": _file(GOOD_CSV, "b.csv")}
    )
    assert response.status_code == 404
    assert not ProvisionCount.objects.exists()


def test_access_helper(gemeente_staff: User, gemeente_org: Organisation) -> None:
    organisation, gemeente = get_counts_gemeente_for_user(
        gemeente_staff, "gemeente-almere", "gm0034"
    )
    assert (organisation, gemeente.code) == (gemeente_org, "GM0034")
    reader = _member(gemeente_org, Role.READER, "reader@almere.test")
    with pytest.raises(PermissionDenied):
        get_counts_gemeente_for_user(reader, "gemeente-almere", "GM0034")
    with pytest.raises(Http404):
        get_counts_gemeente_for_user(gemeente_staff, "gemeente-almere", "GM9999")


def test_bad_file_lists_every_problem_and_stores_nothing(
    client_for: Any, gemeente_staff: User, barendrecht_gemeente: Area
) -> None:
    bad = (
        b"gebied;categorie;jaar;aantal\r\n"
        b"WK003401;wmo-begeleiding;2024;212\r\n"
        b"WK003401;schuldhulpverlening;2023;-4\r\n"
        b"WK999901;jeugd-ambulant;2024;3\r\n"
        b"GM0489;jeugd-ambulant;2024;3\r\n"
    )
    response = client_for(gemeente_staff).post(_url(), {"file": _file(bad, "fout.csv")})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is niets ingelezen" in page or "niets ingelezen" in page
    assert "rij 3, kolom &#x27;aantal&#x27;" in page
    assert "rij 4, kolom &#x27;gebied&#x27;" in page
    assert "rij 5, kolom &#x27;gebied&#x27;" in page and "niet in Almere" in page
    assert page.count("<li>rij ") == 3
    assert "fout.csv" in page
    assert not ProvisionCount.objects.exists()
    assert not AuditEvent.objects.filter(action="insights.import_counts").exists()


def test_wrong_columns_are_named(client_for: Any, gemeente_staff: User) -> None:
    content = b"wijk;soort;aantal\r\nWK003401;wmo-begeleiding;3\r\n"
    response = client_for(gemeente_staff).post(_url(), {"file": _file(content, "kolommen.csv")})
    assert response.status_code == 400
    page = response.content.decode()
    assert "rij 1" in page and "gebied, categorie, jaar" in page
    assert not ProvisionCount.objects.exists()


def test_too_big_is_refused_in_dutch(client_for: Any, gemeente_staff: User) -> None:
    content = GOOD_CSV + b"#" * (5 * 1024 * 1024)
    response = client_for(gemeente_staff).post(_url(), {"file": _file(content, "groot.csv")})
    assert response.status_code == 400
    page = response.content.decode()
    assert "groter dan 5 MB" in page and "groot.csv" in page
    assert not ProvisionCount.objects.exists()


def test_no_file_is_a_form_error(client_for: Any, gemeente_staff: User) -> None:
    response = client_for(gemeente_staff).post(_url(), {})
    assert response.status_code == 400
    assert not ProvisionCount.objects.exists()
