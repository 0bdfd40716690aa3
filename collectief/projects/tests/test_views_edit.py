"""Change and remove pages of what a project holds: happy path, anonymous, another
organisation, a reader, bad input, and the clear message when the item moved on."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from collectief.accounts.models import Organisation, User
from collectief.areas.models import Area
from collectief.audit.models import AuditEvent
from collectief.directory.models import TaxonomyTerm
from collectief.projects import services, services_plan, services_progress
from collectief.projects.models import (
    Agreement,
    AgreementStatus,
    Goal,
    Lesson,
    LogEntry,
    Milestone,
    Project,
    WorkingGroupMember,
)
from collectief.projects.tests.conftest import other_project

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LATER = TODAY + datetime.timedelta(days=30)


def url(name: str, *args: Any) -> str:
    return reverse(f"projects:{name}", args=args)


def _items(project: Project, writer: Organisation, owner: Organisation) -> dict[str, Any]:
    """One of every item that has a change page, written by ``writer``."""
    return {
        "member": services_plan.add_member(
            project, by=None, organisation=writer, name="Anna", member_organisation=writer
        ),
        "goal": services_plan.add_goal(project, by=None, organisation=writer, text="Ontmoeting"),
        "milestone": services_plan.add_milestone(
            project, by=None, organisation=writer, title="Start", due_on=LATER
        ),
        "agreement": services_plan.add_agreement(
            project, by=None, organisation=writer, owner=owner, what="Flyers", due_on=LATER
        ),
        "entry": services_progress.add_log_entry(
            project, by=None, organisation=writer, text="Eerste avond", happened_on=TODAY
        ),
        "lesson": services_progress.add_lesson(
            project, by=None, organisation=writer, text="Begin klein"
        ),
    }


# name of the page, the item it changes (None: the project itself)
PAGES = [
    ("edit", None),
    ("member_edit", "member"),
    ("goal_edit", "goal"),
    ("goal_remove", "goal"),
    ("milestone_edit", "milestone"),
    ("milestone_remove", "milestone"),
    ("agreement_edit", "agreement"),
    ("agreement_remove", "agreement"),
    ("log_edit", "entry"),
    ("log_remove", "entry"),
    ("lesson_edit", "lesson"),
    ("lesson_remove", "lesson"),
]


def _page_url(name: str, item: str | None, slug: str, project: Project, items: Any) -> str:
    args: list[Any] = [slug, project.pk]
    if item is not None:
        args.append(items[item].pk)
    return url(name, *args)


@pytest.mark.parametrize(("name", "item"), PAGES)
def test_every_change_page_opens_for_staff(
    client_for: Any, project: Project, staff: User, own_org: Organisation, name: str, item: Any
) -> None:
    items = _items(project, own_org, own_org)
    response = client_for(staff).get(_page_url(name, item, "own-org", project, items))
    assert response.status_code == 200
    assert "<form" in response.content.decode()


@pytest.mark.parametrize(("name", "item"), PAGES)
def test_anonymous_goes_to_login(
    client_for: Any, project: Project, own_org: Organisation, name: str, item: Any
) -> None:
    items = _items(project, own_org, own_org)
    page = _page_url(name, item, "own-org", project, items)
    for response in (client_for(None).get(page), client_for(None).post(page, {})):
        assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(("name", "item"), PAGES)
def test_another_organisations_item_is_404_and_unchanged(
    client_for: Any,
    staff: User,
    other_org: Organisation,
    areas: dict[str, Area],
    themes: dict[str, TaxonomyTerm],
    name: str,
    item: Any,
) -> None:
    theirs = other_project(other_org, areas, themes["wonen"])
    items = _items(theirs, other_org, other_org)
    page = _page_url(name, item, "own-org", theirs, items)
    client = client_for(staff)
    assert client.get(page).status_code == 404
    assert client.post(page, {"text": "Anders", "title": "Anders", "name": "X"}).status_code == 404
    assert Goal.objects.get().text == "Ontmoeting"
    assert Milestone.objects.get().title == "Start"
    assert Agreement.objects.get().what == "Flyers"
    assert LogEntry.objects.get().text == "Eerste avond"
    assert Lesson.objects.get().text == "Begin klein"
    assert Project.objects.get(pk=theirs.pk).title == "Project van een ander"


@pytest.mark.parametrize(("name", "item"), PAGES)
def test_a_reader_may_not_change(
    client_for: Any, project: Project, reader: User, own_org: Organisation, name: str, item: Any
) -> None:
    items = _items(project, own_org, own_org)
    page = _page_url(name, item, "own-org", project, items)
    assert client_for(reader).get(page).status_code == 403
    assert client_for(reader).post(page, {}).status_code == 403


# --- the project itself -------------------------------------------------------------------


def test_owner_corrects_title_and_moves_wijk(
    client_for: Any, project: Project, staff: User, themes: dict[str, TaxonomyTerm]
) -> None:
    client = client_for(staff)
    form = client.get(url("edit", "own-org", project.pk)).content.decode()
    assert "Samen tegen eenzaamheid" in form and project.wijk.code in form
    response = client.post(
        url("edit", "own-org", project.pk),
        {
            "title": "Samen tegen eenzaamheid in Centrum",
            "question": project.question,
            "wijk": "Centrum",
            "theme": themes["eenzaamheid"].pk,
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Samen tegen eenzaamheid in Centrum"
    assert project.wijk.name == "Centrum"
    event = AuditEvent.objects.filter(action="projects.project.update").get()
    assert event.details["fields"] == ["title", "wijk"]


def test_project_edit_bad_input_keeps_what_was_typed(
    client_for: Any, project: Project, staff: User, themes: dict[str, TaxonomyTerm]
) -> None:
    response = client_for(staff).post(
        url("edit", "own-org", project.pk),
        {"title": "Nieuwe titel", "question": "", "wijk": "Breda", "theme": "geen-uuid"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nieuwe titel" in text and "geen wijk" in text and "Kies een thema uit de lijst" in text
    project.refresh_from_db()
    assert project.title == "Samen tegen eenzaamheid"


def test_a_partner_does_not_change_the_project_itself(
    client_for: Any, project: Project, partner_staff: User
) -> None:
    assert client_for(partner_staff).get(url("edit", "partner-org", project.pk)).status_code == 404


# --- werkgroep, goals, planning -----------------------------------------------------------


def test_partner_corrects_a_member_goal_and_milestone(
    client_for: Any, project: Project, partner_staff: User, own_org: Organisation
) -> None:
    items = _items(project, own_org, own_org)
    client = client_for(partner_staff)
    slug = "partner-org"
    assert (
        client.post(
            url("member_edit", slug, project.pk, items["member"].pk),
            {"name": "Anna de Vries", "task": "trekker"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            url("goal_edit", slug, project.pk, items["goal"].pk), {"text": "Meer ontmoeting"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            url("milestone_edit", slug, project.pk, items["milestone"].pk),
            {"title": "Startbijeenkomst", "due_on": "2027-02-01"},
        ).status_code
        == 302
    )
    page = client.get(url("plan", slug, project.pk)).content.decode()
    assert "Anna de Vries" in page and "Meer ontmoeting" in page and "Startbijeenkomst" in page
    assert "Wijzigen" in page
    milestone = Milestone.objects.get()
    assert milestone.due_on == datetime.date(2027, 2, 1)


def test_change_pages_show_what_is_there_and_what_was_typed(
    client_for: Any, project: Project, staff: User, own_org: Organisation
) -> None:
    items = _items(project, own_org, own_org)
    client = client_for(staff)
    page = client.get(url("goal_edit", "own-org", project.pk, items["goal"].pk))
    assert "Ontmoeting" in page.content.decode()
    bad = client.post(
        url("milestone_edit", "own-org", project.pk, items["milestone"].pk),
        {"title": "Startavond", "due_on": "31-31-2027"},
    )
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Startavond" in text and "geldige datum" in text
    empty = client.post(url("goal_edit", "own-org", project.pk, items["goal"].pk), {"text": " "})
    assert empty.status_code == 400 and "Dit veld is verplicht" in empty.content.decode()
    assert Goal.objects.get().text == "Ontmoeting"
    long = client.post(
        url("member_edit", "own-org", project.pk, items["member"].pk), {"name": "x" * 151}
    )
    assert long.status_code == 400
    assert WorkingGroupMember.objects.get().name == "Anna"


def test_removing_a_goal_asks_first(
    client_for: Any, project: Project, staff: User, own_org: Organisation
) -> None:
    items = _items(project, own_org, own_org)
    client = client_for(staff)
    page = url("goal_remove", "own-org", project.pk, items["goal"].pk)
    confirm = client.get(page).content.decode()
    assert "Dit doel weghalen?" in confirm and "Ontmoeting" in confirm
    assert Goal.objects.exists()
    response = client.post(page, follow=True)
    assert "Het doel is weggehaald." in response.content.decode()
    assert not Goal.objects.exists()
    assert client.post(page).status_code == 404  # twice: it is gone
    assert AuditEvent.objects.filter(action="projects.goal.remove").count() == 1


def test_removing_a_milestone_asks_first(
    client_for: Any, project: Project, staff: User, own_org: Organisation
) -> None:
    items = _items(project, own_org, own_org)
    client = client_for(staff)
    page = url("milestone_remove", "own-org", project.pk, items["milestone"].pk)
    assert "Start" in client.get(page).content.decode()
    assert client.post(page).status_code == 302
    assert not Milestone.objects.exists()


def test_a_member_who_left_is_not_changed(
    client_for: Any, project: Project, staff: User, own_org: Organisation
) -> None:
    member = _items(project, own_org, own_org)["member"]
    services_plan.remove_member(member, by=None, organisation=own_org)
    response = client_for(staff).post(
        url("member_edit", "own-org", project.pk, member.pk), {"name": "Anna B."}
    )
    assert response.status_code == 400
    assert "heeft de werkgroep verlaten" in response.content.decode()
    member.refresh_from_db()
    assert member.name == "Anna"


# --- agreements ------------------------------------------------------------------------


def test_changing_an_agreement_moves_the_reminder(
    client_for: Any,
    project: Project,
    staff: User,
    own_org: Organisation,
    partner_org: Organisation,
) -> None:
    agreement = _items(project, own_org, own_org)["agreement"]
    Agreement.objects.filter(pk=agreement.pk).update(reminded_on=TODAY)
    form = client_for(staff).get(url("agreement_edit", "own-org", project.pk, agreement.pk))
    assert "Flyers" in form.content.decode()
    response = client_for(staff).post(
        url("agreement_edit", "own-org", project.pk, agreement.pk),
        {"owner": partner_org.pk, "what": "Flyers in de straat", "due_on": str(LATER)},
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.owner == partner_org and agreement.what == "Flyers in de straat"
    assert agreement.reminded_on is None  # the new owner gets its own reminder


def test_agreement_edit_without_owner_keeps_the_form(
    client_for: Any, project: Project, staff: User, own_org: Organisation
) -> None:
    agreement = _items(project, own_org, own_org)["agreement"]
    response = client_for(staff).post(
        url("agreement_edit", "own-org", project.pk, agreement.pk),
        {"owner": "", "what": "Flyers anders", "due_on": ""},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Een afspraak heeft iemand nodig die hem nakomt" in text and "Flyers anders" in text
    agreement.refresh_from_db()
    assert agreement.what == "Flyers" and agreement.owner == own_org


def test_an_agreement_of_a_partner_that_left_asks_for_a_new_owner(
    client_for: Any,
    project: Project,
    staff: User,
    own_org: Organisation,
    partner_org: Organisation,
) -> None:
    agreement = _items(project, own_org, partner_org)["agreement"]
    services.remove_partner(project.partnerships.get(), by=None)
    client = client_for(staff)
    page = client.get(url("agreements", "own-org", project.pk)).content.decode()
    assert "Partner in de wijk doet niet meer mee aan het project" in page
    form = client.get(url("agreement_edit", "own-org", project.pk, agreement.pk))
    assert "Kies wie deze afspraak nu nakomt" in form.content.decode()
    # Keeping the partner that left is refused with the reason, nothing is lost.
    kept = client.post(
        url("agreement_edit", "own-org", project.pk, agreement.pk),
        {"owner": partner_org.pk, "what": "Flyers", "due_on": str(LATER)},
    )
    assert kept.status_code == 400
    assert "Kies een organisatie die meedoet aan het project" in kept.content.decode()
    moved = client.post(
        url("agreement_edit", "own-org", project.pk, agreement.pk),
        {"owner": own_org.pk, "what": "Flyers", "due_on": str(LATER)},
    )
    assert moved.status_code == 302
    agreement.refresh_from_db()
    assert agreement.owner == own_org


def test_a_kept_agreement_is_not_changed_or_removed(
    client_for: Any, project: Project, staff: User, own_org: Organisation
) -> None:
    agreement = _items(project, own_org, own_org)["agreement"]
    services_plan.set_agreement_status(
        agreement, AgreementStatus.DONE, by=None, organisation=own_org
    )
    client = client_for(staff)
    for name in ("agreement_edit", "agreement_remove"):
        response = client.post(
            url(name, "own-org", project.pk, agreement.pk),
            {"owner": own_org.pk, "what": "Anders", "due_on": str(LATER)},
            follow=True,
        )
        assert "staat als nagekomen; die blijft zoals hij was" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.what == "Flyers"


def test_removing_an_open_agreement_asks_first(
    client_for: Any, project: Project, staff: User, own_org: Organisation
) -> None:
    agreement = _items(project, own_org, own_org)["agreement"]
    client = client_for(staff)
    page = url("agreement_remove", "own-org", project.pk, agreement.pk)
    assert "gemaakt is door een vergissing" in client.get(page).content.decode()
    assert client.post(page).status_code == 302
    assert not Agreement.objects.exists()


# --- log and lessons: only the organisation that wrote them --------------------------------


def test_log_entry_changed_by_its_writer_only(
    client_for: Any,
    project: Project,
    staff: User,
    partner_staff: User,
    own_org: Organisation,
) -> None:
    entry = _items(project, own_org, own_org)["entry"]
    partner = client_for(partner_staff)
    assert partner.get(url("log_edit", "partner-org", project.pk, entry.pk)).status_code == 403
    assert partner.post(url("log_remove", "partner-org", project.pk, entry.pk)).status_code == 403
    assert (
        "Eerste avond" in partner.get(url("progress", "partner-org", project.pk)).content.decode()
    )
    client = client_for(staff)
    response = client.post(
        url("log_edit", "own-org", project.pk, entry.pk),
        {
            "kind": "tussenevaluatie",
            "happened_on": str(TODAY),
            "text": "Eerste avond",
            "residents": "",
        },
    )
    assert response.status_code == 400
    assert "hoeveel deden er mee" in response.content.decode()
    response = client.post(
        url("log_edit", "own-org", project.pk, entry.pk),
        {
            "kind": "tussenevaluatie",
            "happened_on": str(TODAY),
            "text": "Eerste avond",
            "residents": "6",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.kind == "tussenevaluatie" and entry.residents == 6
    assert client.post(url("log_remove", "own-org", project.pk, entry.pk)).status_code == 302
    assert not LogEntry.objects.exists()


def test_lesson_changed_and_removed_by_its_writer(
    client_for: Any, project: Project, staff: User, partner_staff: User, own_org: Organisation
) -> None:
    lesson = _items(project, own_org, own_org)["lesson"]
    partner = client_for(partner_staff)
    assert partner.get(url("lesson_edit", "partner-org", project.pk, lesson.pk)).status_code == 403
    client = client_for(staff)
    response = client.post(
        url("lesson_edit", "own-org", project.pk, lesson.pk),
        {"text": "Begin klein en vraag bewoners", "is_public": "on"},
    )
    assert response.status_code == 302
    assert (
        "Begin klein en vraag bewoners"
        in client_for(None).get(reverse("projects:lessons")).content.decode()
    )
    confirm = client.get(url("lesson_remove", "own-org", project.pk, lesson.pk)).content.decode()
    assert "verdwijnt ook van de openbare pagina" in confirm
    client.post(url("lesson_remove", "own-org", project.pk, lesson.pk))
    assert "Begin klein" not in client_for(None).get(reverse("projects:lessons")).content.decode()


def test_delivers_shows_the_earlier_assessment(
    client_for: Any, project: Project, staff: User, partner_org: Organisation
) -> None:
    client = client_for(staff)
    page = url("delivers", "own-org", project.pk, partner_org.pk)
    client.post(page, {"delivers": "deels", "note": "Twee van de drie avonden"})
    form = client.get(page).content.decode()
    assert "Twee van de drie avonden" in form
    assert re.search(r'value="deels"[^>]*checked', form)
    assert not re.search(r'value="ja"[^>]*checked', form)


def test_removing_a_partner_says_what_it_leaves_behind(
    client_for: Any,
    project: Project,
    staff: User,
    own_org: Organisation,
    partner_org: Organisation,
) -> None:
    """A partner with a kartrekker and an open agreement leaves: both are told, nothing lost."""
    member = services_plan.add_member(
        project, by=None, organisation=own_org, name="Bram", member_organisation=partner_org
    )
    services_plan.make_kartrekker(member, by=None, organisation=own_org)
    _items(project, own_org, partner_org)
    partnership = project.partnerships.get()
    response = client_for(staff).post(
        url("partner_remove", "own-org", project.pk, partnership.pk), follow=True
    )
    text = response.content.decode()
    assert "Een kartrekker van Partner in de wijk is ook uit de werkgroep gegaan" in text
    assert "Partner in de wijk had nog open afspraken" in text
    agreement = Agreement.objects.get()
    assert agreement.owner == partner_org and agreement.status == AgreementStatus.OPEN
    member.refresh_from_db()
    assert member.left_on is not None and member.kartrekker_slot is None
