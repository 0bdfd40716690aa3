"""Keeping entries current: access helpers, claims, checks, reports, reminders, pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from collectief.accounts.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    with_two_factor,
)
from collectief.accounts.models import Organisation, Role, User
from collectief.areas.models import Area
from collectief.audit.models import AuditEvent
from collectief.directory import access, services
from collectief.directory.models import (
    Address,
    Claim,
    Coordination,
    DirectoryOrganization,
    ErrorReport,
    Location,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from collectief.lib.errors import ServiceError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _taxonomies(db: None) -> None:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()


@pytest.fixture
def areas() -> dict[str, Area]:
    gemeente = Area.objects.create(code="GM0001", name="Dorp", level="gemeente", year=2024)
    wijk = Area.objects.create(
        code="WK000101", name="Centrum", level="wijk", parent=gemeente, year=2024
    )
    buurt = Area.objects.create(
        code="BU00010101", name="Kern", level="buurt", parent=wijk, year=2024
    )
    elsewhere = Area.objects.create(code="GM0002", name="Stad", level="gemeente", year=2024)
    far = Area.objects.create(
        code="WK000201", name="Noord", level="wijk", parent=elsewhere, year=2024
    )
    far_buurt = Area.objects.create(
        code="BU00020101", name="Haven", level="buurt", parent=far, year=2024
    )
    return {"gemeente": gemeente, "wijk": wijk, "buurt": buurt, "far": far, "far_buurt": far_buurt}


@pytest.fixture
def entry(own_org: Organisation, areas: dict[str, Area]) -> Service:
    organization = DirectoryOrganization.objects.create(name="Het Badhuis", organisation=own_org)
    service = Service.objects.create(organization=organization, name="Koffieochtend")
    location = Location.objects.create(name="Badhuis", area=areas["buurt"])
    ServiceAtLocation.objects.create(service=service, location=location)
    return service


@pytest.fixture
def wijkteam(areas: dict[str, Area]) -> Organisation:
    team = OrganisationFactory(slug="wijkteam-centrum", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    Coordination.objects.create(organisation=team, area=areas["wijk"])
    return team


@pytest.fixture
def coordinator(wijkteam: Organisation) -> User:
    user = UserFactory(email="coordinator@wijkteam.test")
    MembershipFactory(user=user, organisation=wijkteam, role=Role.STAFF)
    return with_two_factor(user)


@pytest.fixture
def far_coordinator(areas: dict[str, Area]) -> User:
    team = OrganisationFactory(slug="wijkteam-noord", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    Coordination.objects.create(organisation=team, area=areas["far"])
    user = UserFactory(email="far@wijkteam.test")
    MembershipFactory(user=user, organisation=team, role=Role.ADMIN)
    return with_two_factor(user)


# --- access helpers -------------------------------------------------------------------


def test_owned_service_access_matrix(
    entry: Service, admin: User, staff: User, reader: User, outsider: User
) -> None:
    assert access.get_owned_service_for_user(admin, "own-org", entry.pk) == entry
    assert access.get_owned_service_for_user(staff, "own-org", entry.pk) == entry
    with pytest.raises(PermissionDenied):
        access.get_owned_service_for_user(reader, "own-org", entry.pk)
    assert (
        access.get_owned_service_for_user(reader, "own-org", entry.pk, min_role=Role.READER)
        == entry
    )
    with pytest.raises(Http404):
        access.get_owned_service_for_user(outsider, "own-org", entry.pk)
    with pytest.raises(Http404):
        access.get_owned_service_for_user(outsider, "other-org", entry.pk)
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(Http404):
        access.get_owned_service_for_user(AnonymousUser(), "own-org", entry.pk)
    with pytest.raises(Http404):
        access.get_owned_service_for_user(admin, "own-org", "not-a-uuid")


def test_coordinator_sees_services_in_its_areas(
    entry: Service, coordinator: User, far_coordinator: User
) -> None:
    assert access.get_owned_service_for_user(coordinator, "wijkteam-centrum", entry.pk) == entry
    with pytest.raises(Http404):
        access.get_owned_service_for_user(far_coordinator, "wijkteam-noord", entry.pk)
    assert access.can_coordinate_service(coordinator, entry)
    assert not access.can_coordinate_service(far_coordinator, entry)


def test_can_coordinate_needs_kind_role_and_area(
    entry: Service, wijkteam: Organisation, staff: User
) -> None:
    reader = UserFactory(email="lezer@wijkteam.test")
    MembershipFactory(user=reader, organisation=wijkteam, role=Role.READER)
    assert not access.can_coordinate_service(reader, entry)
    assert not access.can_coordinate_service(staff, entry)  # an initiative does not coordinate
    site_staff = UserFactory(email="site@staff.test", is_staff=True)
    assert access.can_coordinate_service(site_staff, entry)
    from django.contrib.auth.models import AnonymousUser

    assert not access.can_coordinate_service(AnonymousUser(), entry)


def test_gemeente_coordinates_buurten_inside_it(entry: Service, areas: dict[str, Area]) -> None:
    gemeente_org = OrganisationFactory(slug="gemeente-dorp", kind=Organisation.Kind.MUNICIPALITY)
    Coordination.objects.create(organisation=gemeente_org, area=areas["gemeente"])
    user = UserFactory(email="ambtenaar@dorp.test")
    MembershipFactory(user=user, organisation=gemeente_org, role=Role.ADMIN)
    assert access.can_coordinate_service(user, entry)
    assert entry in access.services_in_scope(gemeente_org)


def test_coordinator_organisation_helper(
    coordinator: User, staff: User, wijkteam: Organisation
) -> None:
    assert (
        access.get_coordinator_organisation_for_user(coordinator, "wijkteam-centrum") == wijkteam
    )
    with pytest.raises(PermissionDenied):
        access.get_coordinator_organisation_for_user(staff, "own-org")
    with pytest.raises(Http404):
        access.get_coordinator_organisation_for_user(staff, "wijkteam-centrum")


def test_owned_directory_organization_helper(
    entry: Service, staff: User, reader: User, outsider: User
) -> None:
    organization = entry.organization
    assert (
        access.get_owned_directory_organization_for_user(staff, "own-org", organization.pk)
        == organization
    )
    with pytest.raises(PermissionDenied):
        access.get_owned_directory_organization_for_user(reader, "own-org", organization.pk)
    with pytest.raises(Http404):
        access.get_owned_directory_organization_for_user(outsider, "other-org", organization.pk)


def test_public_service_helper(entry: Service) -> None:
    assert access.get_public_service(entry.pk) == entry
    entry.status = Service.Status.DEFUNCT
    entry.save()
    with pytest.raises(Http404):
        access.get_public_service(entry.pk)


# --- services ---------------------------------------------------------------------------


def test_claim_and_approve(
    other_org: Organisation, outsider: User, coordinator: User, areas: dict[str, Area]
) -> None:
    organization = DirectoryOrganization.objects.create(name="Kerk")
    service = Service.objects.create(organization=organization, name="Soep op zondag")
    ServiceAtLocation.objects.create(
        service=service, location=Location.objects.create(area=areas["buurt"])
    )
    claim = services.claim_directory_organization(
        organization, organisation=other_org, by=outsider
    )
    with pytest.raises(
        ServiceError, match=r"Jullie organisatie heeft dit al gevraagd\. Een coördinator"
    ):
        services.claim_directory_organization(organization, organisation=other_org, by=outsider)
    assert access.get_claim_for_coordinator(coordinator, "wijkteam-centrum", claim.pk) == claim
    services.decide_claim(claim, approve=True, by=coordinator)
    organization.refresh_from_db()
    assert organization.organisation == other_org
    with pytest.raises(ServiceError, match=r"Over dit verzoek is al besloten"):
        services.decide_claim(claim, approve=False, by=coordinator)
    with pytest.raises(ServiceError, match=r"Jullie organisatie houdt deze gegevens al bij"):
        services.claim_directory_organization(organization, organisation=other_org, by=outsider)
    assert AuditEvent.objects.filter(action="directory.claim.approve").exists()


def test_claim_outside_coordinator_area_is_hidden(
    other_org: Organisation, outsider: User, far_coordinator: User, entry: Service
) -> None:
    claim = services.claim_directory_organization(
        entry.organization, organisation=other_org, by=outsider
    )
    with pytest.raises(Http404):
        access.get_claim_for_coordinator(far_coordinator, "wijkteam-noord", claim.pk)


def test_reject_claim_keeps_owner(
    entry: Service, other_org: Organisation, outsider: User, coordinator: User
) -> None:
    claim = services.claim_directory_organization(
        entry.organization, organisation=other_org, by=outsider
    )
    services.decide_claim(claim, approve=False, by=coordinator)
    entry.organization.refresh_from_db()
    assert entry.organization.organisation.slug == "own-org"
    assert Claim.objects.get().status == Claim.Status.REJECTED


def test_check_marks_checked_and_keeps_history(entry: Service, staff: User) -> None:
    Organisation.objects.filter(pk=entry.organization.organisation_id).update(
        email="info@own.test"
    )
    entry.organization.refresh_from_db()
    services.check_service(entry, by=staff)
    entry.refresh_from_db()
    assert entry.checked_by == staff
    assert entry.assured_date == timezone.localdate()
    # HSDS publishes assurer_email: the organisation's public address, not the
    # member's login address (issue 8 point 11).
    assert entry.assurer_email == "info@own.test"
    assert entry.assurer_email != staff.email
    assert not entry.is_stale
    assert [e.action for e in services.history(entry)] == ["directory.service.check"]


def test_update_service_sets_themes_and_search_text(entry: Service, staff: User) -> None:
    loneliness = TaxonomyTerm.objects.get(code="eenzaamheid")
    elderly = TaxonomyTerm.objects.get(code="ouderen")
    services.update_service(
        entry, by=staff, themes=[loneliness], target_groups=[elderly], is_free=True, referral=""
    )
    entry.refresh_from_db()
    assert [t.code for t in entry.themes] == ["eenzaamheid"]
    assert [t.code for t in entry.target_groups] == ["ouderen"]
    assert "Eenzaamheid" in entry.search_text and "Het Badhuis" in entry.search_text
    assert Service.objects.with_theme("eenzaamheid").get() == entry
    services.update_service(entry, by=staff, themes=[])
    assert list(Service.objects.with_theme("eenzaamheid")) == []
    assert Service.objects.with_target_group("ouderen").get() == entry
    with pytest.raises(
        ServiceError, match=r"De hoogste leeftijd mag niet lager zijn dan de laagste"
    ):
        services.update_service(entry, by=staff, minimum_age=65, maximum_age=12)


def test_report_error_and_handle(entry: Service, staff: User) -> None:
    with pytest.raises(ServiceError, match=r"Vertel wat er niet klopt"):
        services.report_error(entry, message="   ")
    report = services.report_error(entry, message="De tijd klopt niet meer.")
    assert list(access.reports_for_organisation(entry.organization.organisation)) == [report]
    services.handle_report(report, status=ErrorReport.Status.RESOLVED, by=staff)
    assert list(access.reports_for_organisation(entry.organization.organisation)) == []
    with pytest.raises(ServiceError, match=r"Kies wat je met de melding hebt gedaan"):
        services.handle_report(report, status="open", by=staff)


def test_place_location(areas: dict[str, Area], coordinator: User) -> None:
    location = Location.objects.create(name="Ergens", needs_placement=True)
    with pytest.raises(ServiceError, match=r"Kies een buurt"):
        services.place_location(location, area=areas["wijk"], by=coordinator)
    services.place_location(location, area=areas["buurt"], by=coordinator)
    location.refresh_from_db()
    assert location.area == areas["buurt"] and not location.needs_placement


def test_reminders_are_sent_once_per_30_days(
    entry: Service, staff: User, admin: User, reader: User, django_capture_on_commit_callbacks: Any
) -> None:
    old = timezone.now() - timedelta(days=400)
    Service.objects.filter(pk=entry.pk).update(created_at=old, checked_at=old)
    fresh = Service.objects.create(organization=entry.organization, name="Nieuw")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 1
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted([staff.email, admin.email])
    assert "Koffieochtend" in mail.outbox[0].body and "Nieuw" not in mail.outbox[0].body
    assert services.send_reminders() == 0  # idempotent
    assert services.send_reminders(now=timezone.now() + timedelta(days=31)) == 1
    services.check_service(entry, by=staff)
    assert services.send_reminders(now=timezone.now() + timedelta(days=62)) == 0
    assert fresh.is_stale is False


def test_reminders_skip_entries_without_owner() -> None:
    organization = DirectoryOrganization.objects.create(name="Sportclub")
    old = timezone.now() - timedelta(days=400)
    Service.objects.create(organization=organization, name="Walking football", created_at=old)
    assert services.send_reminders() == 0


def test_reminder_command(entry: Service, staff: User, capsys: Any) -> None:
    Service.objects.filter(pk=entry.pk).update(created_at=timezone.now() - timedelta(days=400))
    call_command("directory_reminders")
    assert "1" in capsys.readouterr().out


# --- pages ------------------------------------------------------------------------------


def test_index_page(client_for: Any, entry: Service, reader: User, client: Any) -> None:
    url = reverse("directory:maintain_index", args=["own-org"])
    response = client_for(reader).get(url)
    assert response.status_code == 200
    assert "Koffieochtend" in response.content.decode()
    assert client.get(url).status_code == 302  # anonymous: log in first


def test_index_page_other_organisation_is_404(client_for: Any, outsider: User) -> None:
    response = client_for(outsider).get(reverse("directory:maintain_index", args=["own-org"]))
    assert response.status_code == 404


def test_check_button(
    client_for: Any, entry: Service, staff: User, reader: User, outsider: User, client: Any
) -> None:
    url = reverse("directory:maintain_check", args=["own-org", entry.pk])
    assert client_for(reader).post(url).status_code == 403
    assert client_for(outsider).post(url).status_code == 404
    assert client.post(url).status_code == 302
    assert client_for(staff).get(url).status_code == 405
    assert client_for(staff).post(url).status_code == 302
    entry.refresh_from_db()
    assert entry.checked_by == staff


def test_edit_page(
    client_for: Any, entry: Service, staff: User, reader: User, outsider: User
) -> None:
    url = reverse("directory:maintain_edit", args=["own-org", entry.pk])
    assert client_for(reader).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(staff).get(url).status_code == 200
    theme = TaxonomyTerm.objects.get(code="ontmoeting")
    data = {"name": "", "status": "active"}
    response = client_for(staff).post(url, data)
    assert response.status_code == 200  # bad input: the form again
    data = {
        "name": "Koffie-inloop",
        "status": "active",
        "themes": [str(theme.pk)],
        "minimum_age": 18,
        "maximum_age": 12,
    }
    assert client_for(staff).post(url, data).status_code == 200
    data["maximum_age"] = 99
    data["contact_person"] = "Anna Kok"
    assert client_for(staff).post(url, data).status_code == 302
    entry.refresh_from_db()
    assert entry.name == "Koffie-inloop" and [t.code for t in entry.themes] == ["ontmoeting"]
    assert services.service_contact_person(entry) == "Anna Kok"
    event = AuditEvent.objects.filter(action="directory.service.update").latest("pk")
    assert "contact_person" in event.details["fields"]
    assert 'value="Anna Kok"' in client_for(staff).get(url).content.decode()


def test_history_page(
    client_for: Any, entry: Service, reader: User, outsider: User, staff: User
) -> None:
    services.check_service(entry, by=staff)
    url = reverse("directory:maintain_history", args=["own-org", entry.pk])
    response = client_for(reader).get(url)
    assert response.status_code == 200
    assert client_for(outsider).get(url).status_code == 404


def test_claim_page(client_for: Any, staff: User, reader: User, outsider: User) -> None:
    organization = DirectoryOrganization.objects.create(name="Buurtsuper")
    url = reverse("directory:maintain_claim", args=["own-org"])
    assert client_for(reader).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(staff).get(url).status_code == 200
    assert client_for(staff).post(url, {"directory_organization": "nonsense"}).status_code == 200
    response = client_for(staff).post(
        url, {"directory_organization": str(organization.pk), "motivation": "Wij zijn het"}
    )
    assert response.status_code == 302
    assert Claim.objects.get().organisation.slug == "own-org"


def test_decide_claim_page(
    client_for: Any,
    entry: Service,
    other_org: Organisation,
    outsider: User,
    coordinator: User,
    staff: User,
) -> None:
    claim = services.claim_directory_organization(
        entry.organization, organisation=other_org, by=outsider
    )
    url = reverse("directory:maintain_decide_claim", args=["wijkteam-centrum", claim.pk])
    assert client_for(staff).get(url).status_code == 404
    assert (
        client_for(staff)
        .get(reverse("directory:maintain_decide_claim", args=["own-org", claim.pk]))
        .status_code
        == 403
    )
    assert client_for(coordinator).get(url).status_code == 200
    assert client_for(coordinator).post(url, {"decision": "maybe"}).status_code == 200
    assert client_for(coordinator).post(url, {"decision": "approve"}).status_code == 302
    entry.organization.refresh_from_db()
    assert entry.organization.organisation == other_org


def test_report_pages(
    client_for: Any,
    client: Any,
    entry: Service,
    staff: User,
    reader: User,
    outsider: User,
    coordinator: User,
) -> None:
    url = reverse("directory:report_error", args=[entry.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"message": ""}).status_code == 200
    assert ErrorReport.objects.count() == 0
    client.post(url, {"message": "Spam", "website": "http://spam.example"})
    assert ErrorReport.objects.count() == 0  # honeypot
    assert client.post(url, {"message": "Het is nu op dinsdag."}).status_code == 200
    report = ErrorReport.objects.get()
    handle = reverse("directory:maintain_report", args=["own-org", report.pk])
    assert client_for(reader).get(handle).status_code == 403
    assert client_for(outsider).get(handle).status_code == 404
    assert client_for(staff).post(handle, {"status": "nonsense"}).status_code == 200
    assert (
        client_for(coordinator)
        .get(reverse("directory:maintain_report", args=["wijkteam-centrum", report.pk]))
        .status_code
        == 200
    )
    assert client_for(staff).post(handle, {"status": "resolved"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "resolved"


def test_report_page_for_inactive_service_is_404(client: Any, entry: Service) -> None:
    entry.status = Service.Status.INACTIVE
    entry.save()
    assert client.get(reverse("directory:report_error", args=[entry.pk])).status_code == 404


def test_placement_pages(
    client_for: Any, coordinator: User, staff: User, areas: dict[str, Area], outsider: User
) -> None:
    location = Location.objects.create(name="Onbekend adres", needs_placement=True)
    Address.objects.create(
        location=location, address_1="Dorpsstraat 1", city="Dorp", postal_code="1234 AB"
    )
    index = reverse("directory:maintain_placement", args=["wijkteam-centrum"])
    assert client_for(coordinator).get(index).status_code == 200
    assert client_for(staff).get(index).status_code == 404
    assert (
        client_for(staff)
        .get(reverse("directory:maintain_placement", args=["own-org"]))
        .status_code
        == 403
    )
    url = reverse("directory:maintain_place", args=["wijkteam-centrum", location.pk])
    assert (
        client_for(coordinator).post(url, {"area": areas["far_buurt"].pk}).status_code == 200
    )  # outside its areas
    assert client_for(coordinator).post(url, {"area": areas["buurt"].pk}).status_code == 302
    location.refresh_from_db()
    assert location.area == areas["buurt"]
