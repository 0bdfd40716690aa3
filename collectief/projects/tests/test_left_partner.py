"""A partner that left a project: every project page tells its members so (410), nothing more.

Issue 13, "Bad input and access": a clear Dutch message and nothing lost. An
organisation that never was a partner still gets 404 (no hint that the project
exists); a partner that joined again sees the project as before.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.urls import URLPattern, get_resolver, reverse

from collectief.accounts.models import Organisation, Role, User
from collectief.projects import services, services_plan, services_progress
from collectief.projects.models import Partnership, Project
from collectief.projects.tests.conftest import member

pytestmark = pytest.mark.django_db

LEFT_ON = datetime.date(2026, 11, 3)
MESSAGE = (
    "Jullie organisatie doet sinds 3 november 2026 niet meer mee aan dit project. "
    "Daarom zie je het niet meer."
)


def _project_patterns() -> dict[str, URLPattern]:
    resolver = get_resolver().namespace_dict["projects"][1]
    return {
        pattern.name: pattern
        for pattern in resolver.url_patterns
        if isinstance(pattern, URLPattern) and "project_id" in pattern.pattern.regex.groupindex
    }


PROJECT_PAGES = sorted(_project_patterns())
# The handover page is for the organisation a question was handed to (option c), never
# for a partner: a partner that left gets 404 there, as every other partner does.
NOT_A_PARTNER_PAGE = {"handover"}


def _url(name: str, slug: str, project_id: int) -> str:
    """The page for this project; the other numbers need not exist, as the project is
    looked up (and refused) before anything in it."""
    pattern = _project_patterns()[name].pattern
    converters = getattr(pattern, "converters", {})
    kwargs: dict[str, Any] = {"organisation_slug": slug, "project_id": project_id}
    for param in pattern.regex.groupindex:
        if param not in kwargs:
            kind = type(converters.get(param)).__name__
            kwargs[param] = uuid.uuid4() if kind == "UUIDConverter" else 1
    return reverse(f"projects:{name}", kwargs=kwargs)


@pytest.fixture
def left(project: Project, partner_org: Organisation, own_org: Organisation) -> Project:
    """The partner wrote a log entry and owned an agreement, then left on 3 November 2026."""
    Partnership.objects.filter(project=project).update(joined_on=datetime.date(2026, 9, 1))
    services_progress.add_log_entry(
        project,
        by=None,
        organisation=partner_org,
        text="Flyers rondgebracht",
        happened_on=datetime.date(2026, 10, 1),
    )
    services_plan.add_agreement(
        project,
        by=None,
        organisation=own_org,
        owner=partner_org,
        what="Koffieochtend organiseren",
        due_on=datetime.date(2027, 1, 1),
    )
    services.remove_partner(project.partnerships.get(), by=None, left_on=LEFT_ON)
    return project


def test_the_walk_finds_the_project_pages() -> None:
    assert {"detail", "plan", "agreements", "scan", "progress", "learn", "plan_pdf"} <= set(
        PROJECT_PAGES
    )
    assert len(PROJECT_PAGES) > 40


@pytest.mark.parametrize("name", sorted(set(PROJECT_PAGES) - NOT_A_PARTNER_PAGE))
def test_every_project_page_tells_a_left_partner_why_it_is_gone(
    client_for: Any, left: Project, partner_staff: User, name: str
) -> None:
    url = _url(name, "partner-org", left.pk)
    client = client_for(partner_staff)
    before = (left.log.count(), left.agreements.count(), left.partnerships.count())
    responses = [client.get(url), client.post(url, {})]
    statuses = {response.status_code for response in responses}
    # A page that takes only POST (or only GET) refuses the other method first (405).
    assert 410 in statuses and statuses <= {405, 410}, (url, statuses)
    for response in responses:
        if response.status_code == 410:
            content = response.content.decode()
            assert MESSAGE in content
            assert "Vraag de eigenaar (Eigen initiatief) als je weer mee wilt doen." in content
            # Only what the partner knew already: the title and the owner, nothing inside.
            assert "Samen tegen eenzaamheid" in content
            assert "Veel ouderen in de wijk zien niemand." not in content
            assert "Koffieochtend" not in content and "Flyers" not in content
    # Nothing lost: what the partner brought in stays with the project.
    assert (left.log.count(), left.agreements.count(), left.partnerships.count()) == before


def test_the_page_says_what_stays_and_leads_back_to_the_own_projects(
    client_for: Any, left: Project, partner_org: Organisation
) -> None:
    # Any role of the partner that left gets the message on the pages it could read.
    reader = member(partner_org, Role.READER, "reader@partner.test")
    response = client_for(reader).get(_url("detail", "partner-org", left.pk))
    assert response.status_code == 410
    content = response.content.decode()
    assert (
        "Wat jullie inbrachten (afspraken, logregels, scores) blijft bewaard bij het project."
        in (content)
    )
    assert reverse("projects:list", args=["partner-org"]) in content


def test_the_handover_page_stays_404_for_a_left_partner(
    client_for: Any, left: Project, partner_staff: User
) -> None:
    response = client_for(partner_staff).get(_url("handover", "partner-org", left.pk))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["detail", "plan", "agreements", "scan", "progress"])
def test_an_organisation_that_never_was_a_partner_gets_404(
    client_for: Any, left: Project, outsider: User, name: str
) -> None:
    response = client_for(outsider).get(_url(name, "other-org", left.pk))
    assert response.status_code == 404
    assert "Samen tegen eenzaamheid" not in response.content.decode()


def test_a_partner_that_joined_again_sees_the_project(
    client_for: Any, left: Project, partner_org: Organisation, partner_staff: User
) -> None:
    services.add_partner(left, partner_org, by=None)
    client = client_for(partner_staff)
    for name in ("detail", "plan", "agreements", "scan", "progress"):
        response = client.get(_url(name, "partner-org", left.pk))
        assert response.status_code == 200, name
    assert MESSAGE not in client.get(_url("detail", "partner-org", left.pk)).content.decode()


def test_the_owner_never_leaves(client_for: Any, left: Project, staff: User) -> None:
    for name in ("detail", "partners", "plan"):
        assert client_for(staff).get(_url(name, "own-org", left.pk)).status_code == 200


def test_anonymous_goes_to_the_login_page(client: Any, left: Project) -> None:
    response = client.get(_url("detail", "partner-org", left.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
