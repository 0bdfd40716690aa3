"""The routekaart pages: happy path, anonymous, another organisation, bad input, queries."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.models import Organisation, Role, User
from collectief.areas.models import Area
from collectief.audit.models import AuditEvent
from collectief.directory.models import TaxonomyTerm
from collectief.directory.tests.search_helpers import make_service
from collectief.projects import services
from collectief.projects.models import Handover, Project, Step
from collectief.projects.tests.conftest import member, other_project

pytestmark = pytest.mark.django_db


def url(name: str, *args: Any) -> str:
    return reverse(f"projects:{name}", args=args)


# --- list ----------------------------------------------------------------------------------


def test_list_shows_own_and_partner_projects_only(
    client_for: Any,
    project: Project,
    partner_staff: User,
    other_org: Organisation,
    areas: dict[str, Area],
    themes: dict[str, TaxonomyTerm],
) -> None:
    other_project(other_org, areas, themes["wonen"])
    page = client_for(partner_staff).get(url("list", "partner-org"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Samen tegen eenzaamheid" in text
    assert "Project van een ander" not in text
    assert "1 project" in text
    # A partner may start its own projects, but the owner's controls are not here.
    assert "Nieuw project" in text


def test_list_search_and_reader_without_new_button(
    client_for: Any, project: Project, reader: User
) -> None:
    client = client_for(reader)
    found = client.get(url("list", "own-org"), {"q": "eenzaam"})
    assert "Samen tegen eenzaamheid" in found.content.decode()
    assert "Nieuw project" not in found.content.decode()
    none = client.get(url("list", "own-org"), {"q": "fietsen"})
    assert "Geen projecten gevonden voor “fietsen”" in none.content.decode()
    # A very long search is cut, not an error; a bad page number shows the last page.
    assert client.get(url("list", "own-org"), {"q": "x" * 5000}).status_code == 200
    assert client.get(url("list", "own-org"), {"page": "abc"}).status_code == 200


def test_list_anonymous_and_outsider(client_for: Any, project: Project, outsider: User) -> None:
    response = client_for(None).get(url("list", "own-org"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(outsider).get(url("list", "own-org")).status_code == 404


def test_list_queries_do_not_grow_with_projects(
    client_for: Any,
    admin: User,
    own_org: Organisation,
    partner_org: Organisation,
    areas: dict[str, Area],
    themes: dict[str, TaxonomyTerm],
    assert_flat_queries: Any,
) -> None:
    def add_more() -> None:
        for _ in range(3):
            p = services.create_project(
                own_org,
                by=None,
                title="P",
                question="V",
                wijk=areas["centrum"],
                theme=themes["wonen"],
            )
            services.add_partner(p, partner_org, by=None)

    assert_flat_queries(client_for(admin), url("list", "own-org"), add_more)


# --- create --------------------------------------------------------------------------------


def _create_data(themes: dict[str, TaxonomyTerm], **changes: Any) -> dict[str, Any]:
    return {
        "title": "Geldzorgen samen aanpakken",
        "question": "Veel gezinnen met schulden.",
        "wijk": "Haagse Beemden",
        "theme": themes["geldzorgen-en-schulden"].pk,
        "residents_involved": "3",
        "experts_involved": "",
        **changes,
    }


def test_create_happy_path(
    client_for: Any, staff: User, areas: dict[str, Area], themes: dict[str, TaxonomyTerm]
) -> None:
    client = client_for(staff)
    assert client.get(url("create", "own-org")).status_code == 200
    response = client.post(url("create", "own-org"), _create_data(themes))
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", "own-org", project.pk)
    assert project.wijk == areas["haagse_beemden"] and project.residents_involved == 3
    assert project.experts_involved == 0 and project.created_by == staff


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"wijk": "Nergenshuizen"}, "Nergenshuizen"),
        ({"wijk": "Kesteren"}, "Kesteren is geen wijk"),
        ({"title": ""}, "Dit veld is verplicht"),
        ({"theme": "999999"}, "Kies een thema uit de lijst"),
        ({"residents_involved": "-2"}, "minstens 0"),
    ],
)
def test_create_bad_input(
    client_for: Any,
    staff: User,
    areas: dict[str, Area],
    themes: dict[str, TaxonomyTerm],
    changes: dict[str, str],
    message: str,
) -> None:
    response = client_for(staff).post(url("create", "own-org"), _create_data(themes, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Project.objects.exists()


def test_create_needs_staff_and_membership(
    client_for: Any, reader: User, outsider: User, themes: dict[str, TaxonomyTerm]
) -> None:
    assert client_for(reader).get(url("create", "own-org")).status_code == 403
    assert (
        client_for(outsider).post(url("create", "own-org"), _create_data(themes)).status_code
        == 404
    )
    anonymous = client_for(None).post(url("create", "own-org"), _create_data(themes))
    assert anonymous.status_code == 302
    assert not Project.objects.exists()


def test_create_from_a_bespreek_action_is_prefilled_and_linked(
    client_for: Any,
    staff: User,
    own_org: Organisation,
    areas: dict[str, Area],
    themes: dict[str, TaxonomyTerm],
) -> None:
    from collectief.signals.models import Action, Discussion

    discussion = Discussion.objects.create(
        organisation=own_org, area=areas["haagse_beemden"], period=datetime.date(2026, 1, 1)
    )
    action = Action.objects.create(
        discussion=discussion,
        description="Samen met de corporatie iets doen aan wonen",
        owner="Team",
        kind="project",
        theme=themes["wonen"],
    )
    client = client_for(staff)
    page = client.get(url("create", "own-org"), {"actie": action.pk})
    text = page.content.decode()
    assert "Gestart vanuit de actie" in text
    assert 'value="WK075810"' in text
    response = client.post(url("create", "own-org"), _create_data(themes, actie=str(action.pk)))
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.origin_action == action and project.origin == "actie"


def test_create_from_a_wijkbeeld_gap_is_prefilled_and_recorded(
    client_for: Any, staff: User, areas: dict[str, Area], themes: dict[str, TaxonomyTerm]
) -> None:
    client = client_for(staff)
    gap = {"herkomst": "wijkbeeld", "wijk": "WK075810", "thema": "geldzorgen-en-schulden"}
    text = client.get(url("create", "own-org"), gap).content.decode()
    assert "Gestart vanuit een kans voor collectief aanbod in het wijkbeeld" in text
    assert 'value="WK075810"' in text
    assert f'<option value="{themes["geldzorgen-en-schulden"].pk}" selected>' in text
    assert 'value="Geldzorgen en schulden in Haagse Beemden"' in text
    assert '<input type="hidden" name="herkomst" value="wijkbeeld">' in text
    response = client.post(url("create", "own-org"), _create_data(themes, herkomst="wijkbeeld"))
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.origin == "wijkbeeld" and project.origin_action is None


@pytest.mark.parametrize(
    "params",
    [
        {"herkomst": "wijkbeeld", "wijk": "WK999999", "thema": "geen-thema"},
        {"herkomst": "wijkbeeld", "wijk": "BU07581001", "thema": "<script>"},
        {"herkomst": "iets", "wijk": "WK075810", "thema": "geldzorgen-en-schulden"},
        {"herkomst": "wijkbeeld", "wijk": "x" * 5000},
    ],
)
def test_create_ignores_a_gap_prefill_it_cannot_use(
    client_for: Any,
    staff: User,
    areas: dict[str, Area],
    themes: dict[str, TaxonomyTerm],
    params: dict[str, str],
) -> None:
    response = client_for(staff).get(url("create", "own-org"), params)
    assert response.status_code == 200
    text = response.content.decode()
    assert "selected>Geldzorgen" not in text
    assert 'value="Geldzorgen en schulden in' not in text
    if params["herkomst"] != "wijkbeeld":
        assert "kans voor collectief aanbod" not in text
        # Without the gap origin a sent form records nothing.
        client_for(staff).post(url("create", "own-org"), _create_data(themes, herkomst="iets"))
        assert Project.objects.get().origin == ""


# --- detail --------------------------------------------------------------------------------


def test_detail_shows_the_four_steps_and_the_provisions(
    client_for: Any, project: Project, staff: User, areas: dict[str, Area]
) -> None:
    make_service("Koffie in Kesteren", where=areas["kesteren"], themes=("eenzaamheid",))
    page = client_for(staff).get(url("detail", "own-org", project.pk))
    text = page.content.decode()
    assert page.status_code == 200
    assert '<ol class="steps">' in text
    assert 'aria-current="step"' in text and "1. Verkennen" in text
    assert "4. Leren, bijsturen en afronden" in text
    assert "Koffie in Kesteren" in text and "Beantwoord de drie vragen" in text
    assert "Partners beheren" in text and "Partner in de wijk" in text


def test_step_1_links_the_wijkbeeld_and_the_theme_only_where_the_viewer_works(
    client_for: Any,
    project: Project,
    staff: User,
    partner_staff: User,
    own_org: Organisation,
    areas: dict[str, Area],
) -> None:
    own_org.areas.set([areas["breda"]])
    text = client_for(staff).get(url("detail", "own-org", project.pk)).content.decode()
    wijkbeeld = reverse("insights:area", args=["own-org", project.wijk.code])
    theme = reverse("insights:theme", args=["own-org", areas["breda"].code, "eenzaamheid"])
    assert wijkbeeld in text and theme in text and "Wat speelt er:" in text
    assert client_for(staff).get(wijkbeeld).status_code == 200
    # The partner works elsewhere: those pages would be 404 for it, so no links.
    partner = client_for(partner_staff).get(url("detail", "partner-org", project.pk))
    assert f"/wijkbeeld/{project.wijk.code}/" not in partner.content.decode()
    assert "Wat speelt er:" not in partner.content.decode()


def test_a_partner_sees_the_detail_without_the_owners_controls(
    client_for: Any, project: Project, partner_staff: User
) -> None:
    text = client_for(partner_staff).get(url("detail", "partner-org", project.pk)).content.decode()
    assert "Samen tegen eenzaamheid" in text
    assert "Partners beheren" not in text and "Stap wijzigen" not in text


def test_detail_anonymous_outsider_and_wrong_project(
    client_for: Any,
    project: Project,
    outsider: User,
    admin: User,
    other_org: Organisation,
    areas: dict[str, Area],
    themes: dict[str, TaxonomyTerm],
) -> None:
    assert client_for(None).get(url("detail", "own-org", project.pk)).status_code == 302
    assert client_for(outsider).get(url("detail", "own-org", project.pk)).status_code == 404
    assert client_for(outsider).get(url("detail", "other-org", project.pk)).status_code == 404
    theirs = other_project(other_org, areas, themes["wonen"])
    assert client_for(admin).get(url("detail", "own-org", theirs.pk)).status_code == 404
    assert client_for(admin).get(url("detail", "own-org", 999999)).status_code == 404


# --- step and numbers ------------------------------------------------------------------------


def test_set_step_happy_bad_and_partner(
    client_for: Any, project: Project, staff: User, partner_staff: User, reader: User
) -> None:
    client = client_for(staff)
    response = client.post(url("step", "own-org", project.pk), {"step": "2"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.step == Step.PLAN
    bad = client.post(url("step", "own-org", project.pk), {"step": "7"})
    assert bad.status_code == 400 and "Selecteer een geldige keuze" in bad.content.decode()
    assert client.get(url("step", "own-org", project.pk)).status_code == 405
    assert (
        client_for(partner_staff).post(url("step", "partner-org", project.pk), {"step": "3"})
    ).status_code == 404
    assert (
        client_for(reader).post(url("step", "own-org", project.pk), {"step": "3"}).status_code
        == 403
    )
    project.refresh_from_db()
    assert project.step == Step.PLAN


def test_set_involved_numbers(client_for: Any, project: Project, staff: User) -> None:
    client = client_for(staff)
    ok = client.post(
        url("involved", "own-org", project.pk),
        {"residents_involved": "5", "experts_involved": "1"},
    )
    assert ok.status_code == 302
    bad = client.post(url("involved", "own-org", project.pk), {"residents_involved": "veel"})
    assert bad.status_code == 400 and "Geef getallen vanaf 0" in bad.content.decode()
    project.refresh_from_db()
    assert (project.residents_involved, project.experts_involved) == (5, 1)


# --- partners ------------------------------------------------------------------------------


def test_add_and_remove_a_partner_with_confirmation(
    client_for: Any, project: Project, staff: User, other_org: Organisation, outsider: User
) -> None:
    client = client_for(staff)
    page = client.get(url("partners", "own-org", project.pk))
    assert page.status_code == 200 and "Ander initiatief" in page.content.decode()
    assert 'Weghalen<span class="visually-hidden"> Partner in de wijk' in page.content.decode()
    added = client.post(url("partners", "own-org", project.pk), {"organisation": other_org.pk})
    assert added.status_code == 302
    # The new partner now sees the project through its own address.
    assert client_for(outsider).get(url("detail", "other-org", project.pk)).status_code == 200
    partnership = project.partnerships.get(organisation=other_org)
    confirm = client.get(url("partner_remove", "own-org", project.pk, partnership.pk))
    assert "Wil je Ander initiatief weghalen als partner" in confirm.content.decode()
    partnership.refresh_from_db()
    assert partnership.left_on is None  # GET changes nothing
    removed = client.post(url("partner_remove", "own-org", project.pk, partnership.pk))
    assert removed.status_code == 302
    partnership.refresh_from_db()
    assert partnership.left_on is not None
    # The partner that left is told so (410; see test_left_partner.py).
    assert client_for(outsider).get(url("detail", "other-org", project.pk)).status_code == 410
    history = client.get(url("partners", "own-org", project.pk)).content.decode()
    assert "Eerdere partners" in history
    # Removing again: the partnership is no longer current.
    again = client.post(url("partner_remove", "own-org", project.pk, partnership.pk))
    assert again.status_code == 404


def test_partners_bad_input_and_access(
    client_for: Any,
    project: Project,
    staff: User,
    own_org: Organisation,
    partner_staff: User,
    partner_org: Organisation,
) -> None:
    client = client_for(staff)
    for value in (own_org.pk, partner_org.pk, "abc", ""):
        bad = client.post(url("partners", "own-org", project.pk), {"organisation": value})
        assert bad.status_code == 400, value
    assert (
        "Kies een organisatie uit de lijst" in bad.content.decode()
        or "verplicht" in bad.content.decode()
    )
    assert (
        client_for(partner_staff).get(url("partners", "partner-org", project.pk)).status_code
        == 404
    )
    assert client_for(None).get(url("partners", "own-org", project.pk)).status_code == 302
    assert project.partnerships.count() == 1


# --- step 1: provisions and who acts ------------------------------------------------------


def test_review_a_provision(
    client_for: Any, project: Project, staff: User, partner_staff: User, areas: dict[str, Area]
) -> None:
    service = make_service("Koffie in Kesteren", where=areas["kesteren"], themes=("eenzaamheid",))
    review_url = url("review", "own-org", project.pk, service.pk)
    client = client_for(staff)
    assert client.get(review_url).status_code == 200
    ok = client.post(review_url, {"fits": "Ja, voor ouderen", "residents_say": "Gezellig"})
    assert ok.status_code == 302
    detail = client.get(url("detail", "own-org", project.pk)).content.decode()
    assert "Ja, voor ouderen" in detail and "Gezellig" in detail
    bad = client.post(review_url, {"fits": "x" * 501})
    assert bad.status_code == 400 and "niet meer dan 500 tekens" in bad.content.decode()
    # A partner's medewerker may answer too, through its own address.
    partner_url = url("review", "partner-org", project.pk, service.pk)
    assert (
        client_for(partner_staff).post(partner_url, {"works_together": "Nee"}).status_code == 302
    )
    assert AuditEvent.objects.filter(action="projects.review.save").count() == 2


def test_review_of_a_service_not_on_the_list_is_404(
    client_for: Any, project: Project, staff: User, reader: User, areas: dict[str, Area]
) -> None:
    elsewhere = make_service("Wonen", where=areas["kesteren"], themes=("wonen",))
    assert (
        client_for(staff).get(url("review", "own-org", project.pk, elsewhere.pk)).status_code
        == 404
    )
    fits = make_service("Koffie", where=areas["kesteren"], themes=("eenzaamheid",))
    assert client_for(reader).get(url("review", "own-org", project.pk, fits.pk)).status_code == 403
    assert client_for(None).get(url("review", "own-org", project.pk, fits.pk)).status_code == 302


def test_who_acts_c_hands_over_and_the_other_accepts(
    client_for: Any, project: Project, staff: User, other_org: Organisation, outsider: User
) -> None:
    client = client_for(staff)
    assert client.get(url("who_acts", "own-org", project.pk)).status_code == 200
    missing = client.post(
        url("who_acts", "own-org", project.pk), {"who_acts": "c", "reason": "Past bij hen"}
    )
    assert missing.status_code == 400
    assert "Kies de organisatie die het moet oppakken" in missing.content.decode()
    done = client.post(
        url("who_acts", "own-org", project.pk),
        {
            "who_acts": "c",
            "reason": "Past bij hen",
            "handed_to": other_org.pk,
            "note": "Kunnen jullie dit oppakken? Wij denken mee.",
        },
    )
    assert done.status_code == 302
    other = client_for(outsider)
    listing = other.get(url("list", "other-org")).content.decode()
    assert "Vragen voor jullie" in listing
    page = other.get(url("handover", "other-org", project.pk))
    assert "Wij denken mee" in page.content.decode()
    bad = other.post(url("handover", "other-org", project.pk), {"answer": "misschien"})
    assert bad.status_code == 400
    accepted = other.post(
        url("handover", "other-org", project.pk), {"answer": "aanvaarden", "reply": "Graag"}
    )
    assert accepted.status_code == 302
    project.refresh_from_db()
    assert project.owner == other_org and project.handover_status == Handover.ACCEPTED
    # The organisation that asked stays as a partner and still sees it.
    assert client.get(url("detail", "own-org", project.pk)).status_code == 200
    assert other.get(url("handover", "other-org", project.pk)).status_code == 404


def test_handover_decline_and_access(
    client_for: Any, project: Project, staff: User, other_org: Organisation, outsider: User
) -> None:
    services.set_who_acts(
        project, by=staff, who_acts="c", reason="Omdat", handed_to=other_org, note="Graag"
    )
    reader = member(other_org, Role.READER, "reader@other.test")
    page = client_for(reader).get(url("handover", "other-org", project.pk))
    assert page.status_code == 200 and "kan antwoorden" in page.content.decode()
    assert (
        client_for(reader)
        .post(url("handover", "other-org", project.pk), {"answer": "afwijzen"})
        .status_code
        == 403
    )
    assert client_for(staff).get(url("handover", "own-org", project.pk)).status_code == 404
    assert client_for(None).get(url("handover", "other-org", project.pk)).status_code == 302
    declined = client_for(outsider).post(
        url("handover", "other-org", project.pk), {"answer": "afwijzen", "reply": "Vol"}
    )
    assert declined.status_code == 302
    detail = client_for(staff).get(url("detail", "own-org", project.pk)).content.decode()
    assert "afgewezen" in detail and "Vol" in detail


def test_who_acts_is_for_the_owner_only(
    client_for: Any, project: Project, partner_staff: User, outsider: User
) -> None:
    data = {"who_acts": "a", "reason": "Zelf"}
    assert (
        client_for(partner_staff)
        .post(url("who_acts", "partner-org", project.pk), data)
        .status_code
        == 404
    )
    assert (
        client_for(outsider).post(url("who_acts", "own-org", project.pk), data).status_code == 404
    )
    project.refresh_from_db()
    assert project.who_acts == ""
