"""Pages of steps 2-4: happy path, anonymous, another organisation, bad input, the PDF."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from collectief.accounts.models import Organisation, User
from collectief.areas.models import Area
from collectief.directory.models import DirectoryOrganization, TaxonomyTerm
from collectief.projects import services_plan, services_progress
from collectief.projects.models import AgreementStatus, Decision, Project
from collectief.projects.plan_pdf import render_plan
from collectief.projects.tests.conftest import other_project

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def url(name: str, *args: Any) -> str:
    return reverse(f"projects:{name}", args=args)


READ_PAGES = ["plan", "agreements", "progress", "learn", "plan_pdf"]


@pytest.mark.parametrize("name", READ_PAGES)
def test_partners_and_readers_see_every_page(
    client_for: Any, project: Project, partner_staff: User, reader: User, name: str
) -> None:
    assert client_for(partner_staff).get(url(name, "partner-org", project.pk)).status_code == 200
    assert client_for(reader).get(url(name, "own-org", project.pk)).status_code == 200


@pytest.mark.parametrize("name", READ_PAGES)
def test_anonymous_goes_to_login(client_for: Any, project: Project, name: str) -> None:
    response = client_for(None).get(url(name, "own-org", project.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("name", [*READ_PAGES, "plan_edit", "agreement_add", "log_add"])
def test_another_organisations_project_is_404(
    client_for: Any,
    staff: User,
    other_org: Organisation,
    areas: dict[str, Area],
    themes: dict[str, TaxonomyTerm],
    name: str,
) -> None:
    theirs = other_project(other_org, areas, themes["wonen"])
    assert client_for(staff).get(url(name, "own-org", theirs.pk)).status_code == 404


def test_reader_may_not_write(client_for: Any, project: Project, reader: User) -> None:
    client = client_for(reader)
    for name in ("plan_edit", "member_add", "agreement_add", "log_add", "lesson_add"):
        assert client.post(url(name, "own-org", project.pk), {}).status_code == 403, name


def test_plan_edit_saves_and_shows(client_for: Any, project: Project, partner_staff: User) -> None:
    client = client_for(partner_staff)
    response = client.post(
        url("plan_edit", "partner-org", project.pk), {"problem": "Weinig contact tussen buren"}
    )
    assert response.status_code == 302
    page = client.get(url("plan", "partner-org", project.pk)).content.decode()
    assert "Weinig contact tussen buren" in page
    bad = client.post(url("plan_edit", "partner-org", project.pk), {"vision": "x" * 1001})
    assert bad.status_code == 400
    assert "1000 tekens" in bad.content.decode()


def test_werkgroep_with_two_kartrekkers_and_removal_message(
    client_for: Any,
    project: Project,
    staff: User,
    own_org: Organisation,
    partner_org: Organisation,
) -> None:
    client = client_for(staff)
    for name, org in (("Anna", own_org), ("Bram", partner_org)):
        response = client.post(
            url("member_add", "own-org", project.pk),
            {"name": name, "member_organisation": org.pk, "task": "trekken"},
        )
        assert response.status_code == 302
    anna, bram = project.members.order_by("name")
    for m in (anna, bram):
        client.post(url("kartrekker_add", "own-org", project.pk, m.pk))
    page = client.get(url("plan", "own-org", project.pk)).content.decode()
    assert page.count("Geen kartrekker meer") == 2
    response = client.post(url("member_remove", "own-org", project.pk, anna.pk), follow=True)
    text = response.content.decode()
    assert "Anna is geen kartrekker meer. Bram blijft kartrekker en neemt waar" in text
    assert "Bram is de enige kartrekker" in text


def test_member_add_bad_input(client_for: Any, project: Project, staff: User) -> None:
    client = client_for(staff)
    no_consent = client.post(url("member_add", "own-org", project.pk), {"name": "Fatima"})
    assert no_consent.status_code == 400
    assert "alleen met toestemming" in no_consent.content.decode()
    strange = client.post(
        url("member_add", "own-org", project.pk), {"name": "X", "member_organisation": "999999"}
    )
    assert strange.status_code == 400
    assert "Kies een organisatie die meedoet aan het project" in strange.content.decode()


def test_agreement_flow_missed_and_follow_up_visible_to_partner(
    client_for: Any, project: Project, staff: User, partner_staff: User, partner_org: Organisation
) -> None:
    owner_client = client_for(staff)
    response = owner_client.post(
        url("agreement_add", "own-org", project.pk),
        {"owner": partner_org.pk, "what": "Flyers rondbrengen", "due_on": "2026-12-10"},
    )
    assert response.status_code == 302
    agreement = project.agreements.get()
    response = owner_client.post(url("agreement_missed", "own-org", project.pk, agreement.pk))
    assert response["Location"] == url("follow_up", "own-org", project.pk, agreement.pk)
    owner_client.post(
        url("follow_up", "own-org", project.pk, agreement.pk),
        {"kind": "aanspreken", "note": "Gebeld"},
    )
    page = client_for(partner_staff).get(url("agreements", "partner-org", project.pk))
    text = page.content.decode()
    assert "Flyers rondbrengen" in text and "<strong>gemist</strong>" in text
    assert "De partner aanspreken op de afspraak" in text and "Gebeld" in text


def test_agreement_without_owner_is_refused(
    client_for: Any, project: Project, staff: User
) -> None:
    response = client_for(staff).post(
        url("agreement_add", "own-org", project.pk), {"what": "Flyers", "due_on": "2026-12-10"}
    )
    assert response.status_code == 400
    assert "Een afspraak heeft iemand nodig die hem nakomt" in response.content.decode()
    assert not project.agreements.exists()


def test_follow_up_of_an_open_agreement_is_404(
    client_for: Any, project: Project, staff: User, own_org: Organisation
) -> None:
    agreement = services_plan.add_agreement(
        project, by=None, organisation=own_org, owner=own_org, what="x", due_on=TODAY
    )
    assert (
        client_for(staff).get(url("follow_up", "own-org", project.pk, agreement.pk)).status_code
        == 404
    )
    services_plan.set_agreement_status(
        agreement, AgreementStatus.DONE, by=None, organisation=own_org
    )
    again = client_for(staff).post(
        url("agreement_missed", "own-org", project.pk, agreement.pk), follow=True
    )
    assert "staat al als nagekomen" in again.content.decode()


def test_progress_and_delivers(
    client_for: Any, project: Project, staff: User, partner_org: Organisation
) -> None:
    client = client_for(staff)
    response = client.post(
        url("log_add", "own-org", project.pk),
        {"kind": "tussenevaluatie", "happened_on": str(TODAY), "text": "Goed", "residents": "9"},
    )
    assert response.status_code == 302
    client.post(url("delivers", "own-org", project.pk, partner_org.pk), {"delivers": "deels"})
    page = client.get(url("progress", "own-org", project.pk)).content.decode()
    assert "tussenevaluatie met 9 inwoners" in page and "deels" in page
    bad = client.post(url("log_add", "own-org", project.pk), {"kind": "voortgang", "text": ""})
    assert bad.status_code == 400
    assert client.get(url("delivers", "own-org", project.pk, 999999)).status_code == 404


def test_decision_is_the_owners_and_embeds(
    client_for: Any, project: Project, staff: User, partner_staff: User, own_org: Organisation
) -> None:
    assert (
        client_for(partner_staff).get(url("decision", "partner-org", project.pk)).status_code
        == 404
    )
    DirectoryOrganization.objects.create(name="Eigen initiatief", organisation=own_org)
    response = client_for(staff).post(
        url("decision", "own-org", project.pk), {"decision": Decision.EMBED, "note": "Werkt"}
    )
    assert response.status_code == 302
    page = client_for(partner_staff).get(url("learn", "partner-org", project.pk)).content.decode()
    assert "Nu een vaste activiteit in de sociale kaart" in page
    again = client_for(staff).post(
        url("decision", "own-org", project.pk), {"decision": Decision.STOP, "note": "x"}
    )
    assert again.status_code == 400 and "al afgerond" in again.content.decode()


def test_story_saves_a_project_change_story(
    client_for: Any, project: Project, staff: User
) -> None:
    client = client_for(staff)
    response = client.post(
        url("story", "own-org", project.pk),
        {
            "target_groups": "Ouderen\nMantelzorgers",
            "approaches": "Koffieochtend",
            "effects": "ONTMOETING: bewoners kennen elkaar",
            "contributions": "Sociale cohesie",
            "version": "0",
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.change_story is not None and project.change_story.organisation is None
    assert project.change_story.effects.get().name == "ONTMOETING"
    stale = client.post(url("story", "own-org", project.pk), {"approaches": "x", "version": "0"})
    assert stale.status_code == 400


def test_public_lessons_page(
    client_for: Any, project: Project, own_org: Organisation, themes: dict[str, TaxonomyTerm]
) -> None:
    services_progress.add_lesson(
        project, by=None, organisation=own_org, text="Binnen", is_public=False
    )
    services_progress.add_lesson(
        project, by=None, organisation=own_org, text="Begin klein", is_public=True
    )
    page = client_for(None).get(reverse("projects:lessons")).content.decode()
    assert "Begin klein" in page and "Binnen" not in page
    filtered = client_for(None).get(reverse("projects:lessons"), {"thema": "wonen"})
    assert "Begin klein" not in filtered.content.decode()
    assert (
        client_for(None)
        .get(reverse("projects:lessons"), {"thema": "x" * 500, "page": "z"})
        .status_code
        == 200
    )


def test_lesson_publish_by_writer_only(
    client_for: Any, project: Project, staff: User, partner_staff: User, own_org: Organisation
) -> None:
    lesson = services_progress.add_lesson(project, by=None, organisation=own_org, text="Les")
    response = client_for(partner_staff).post(
        url("lesson_publish", "partner-org", project.pk, lesson.pk), follow=True
    )
    assert "Alleen de organisatie die een les schreef" in response.content.decode()
    client_for(staff).post(url("lesson_publish", "own-org", project.pk, lesson.pk))
    lesson.refresh_from_db()
    assert lesson.is_public


def _fill(project: Project, own: Organisation, partner: Organisation, rows: int) -> None:
    services_plan.save_plan(
        project,
        by=None,
        organisation=own,
        problem="Weinig contact tussen buren.",
        intention="Samen ontmoeting organiseren.",
        vision="Bewoners doen mee vanaf het begin.",
        desired_result="Elke week een koffieochtend.",
    )
    services_plan.save_role(project, by=None, organisation=partner, role="Huisbezoeken")
    for i in range(rows):
        services_plan.add_milestone(
            project,
            by=None,
            organisation=own,
            title=f"Bijeenkomst {i + 1}",
            due_on=datetime.date(2027, 1, 1) + datetime.timedelta(days=7 * i),
        )
        services_plan.add_agreement(
            project,
            by=None,
            organisation=own,
            owner=partner,
            what=f"Afspraak {i + 1}: uitnodigingen rondbrengen in de straat",
            due_on=datetime.date(2027, 1, 1),
        )


def test_plan_pdf_is_one_a4_page_for_a_short_plan(
    project: Project, own_org: Organisation, partner_org: Organisation
) -> None:
    _fill(project, own_org, partner_org, 2)
    document = render_plan(project)
    assert len(document.pages) == 1
    page = document.pages[0]
    assert (round(page.width * 0.2646), round(page.height * 0.2646)) == (210, 297)  # px → mm


def test_plan_pdf_runs_over_pages_for_a_long_plan(
    client_for: Any,
    project: Project,
    staff: User,
    own_org: Organisation,
    partner_org: Organisation,
) -> None:
    _fill(project, own_org, partner_org, 40)
    assert len(render_plan(project).pages) > 1
    response = client_for(staff).get(url("plan_pdf", "own-org", project.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
