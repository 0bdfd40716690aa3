"""Coordination is given, not taken (issue 8, point 9).

Profile areas give no rights; unplaced locations, open claims and reports
belong to a gemeente and only its coordinators see them; a coordinator
places only in its own gemeente; grants go through services with the audit
log, by site staff or by a gemeente inside its own areas.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from collectief.accounts.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    site_staff,
    with_two_factor,
)
from collectief.accounts.models import Organisation, Role, User
from collectief.areas.models import Area
from collectief.audit.models import AuditEvent
from collectief.directory import access
from collectief.directory.models import (
    Address,
    Claim,
    Coordination,
    DirectoryOrganization,
    ErrorReport,
    Location,
    Service,
    ServiceAtLocation,
)
from collectief.directory.services_coordination import grant_coordination, revoke_coordination
from collectief.lib.errors import ServiceError

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas() -> dict[str, Area]:
    dorp = Area.objects.create(code="GM0001", name="Dorp", level="gemeente", year=2024)
    centrum = Area.objects.create(
        code="WK000101", name="Centrum", level="wijk", parent=dorp, year=2024
    )
    kern = Area.objects.create(
        code="BU00010101", name="Kern", level="buurt", parent=centrum, year=2024
    )
    stad = Area.objects.create(
        code="GM0002", name="Stad", level="gemeente", year=2024, woonplaats="Stadshaven"
    )
    noord = Area.objects.create(
        code="WK000201", name="Noord", level="wijk", parent=stad, year=2024
    )
    haven = Area.objects.create(
        code="BU00020101", name="Haven", level="buurt", parent=noord, year=2024
    )
    return {
        "dorp": dorp,
        "centrum": centrum,
        "kern": kern,
        "stad": stad,
        "noord": noord,
        "haven": haven,
    }


def _team(
    slug: str, kind: str = Organisation.Kind.NEIGHBOURHOOD_TEAM, role: str = Role.STAFF
) -> tuple[Organisation, User]:
    organisation = OrganisationFactory(slug=slug, kind=kind)
    user = UserFactory(email=f"{slug}@team.test")
    MembershipFactory(user=user, organisation=organisation, role=role)
    return organisation, with_two_factor(user)


def _unplaced(name: str, *, city: str, postcode: str) -> Location:
    location = Location.objects.create(name=name, needs_placement=True)
    Address.objects.create(
        location=location, address_1="Straat 1", city=city, postal_code=postcode
    )
    return location


def test_profile_areas_give_no_rights(areas: dict[str, Area]) -> None:
    team, user = _team("wijkteam-dorp")
    team.areas.set([areas["dorp"]])
    service = Service.objects.create(name="Inloop")
    ServiceAtLocation.objects.create(
        service=service, location=Location.objects.create(name="Huis", area=areas["kern"])
    )
    assert not access.is_coordinating(team)
    assert not access.can_coordinate_service(user, service)
    with pytest.raises(PermissionDenied):
        access.get_coordinator_organisation_for_user(user, "wijkteam-dorp")
    Coordination.objects.create(organisation=team, area=areas["dorp"])
    assert access.can_coordinate_service(user, service)


def test_an_initiative_cannot_be_granted(areas: dict[str, Area]) -> None:
    initiative = OrganisationFactory(kind=Organisation.Kind.INITIATIVE)
    with pytest.raises(
        ServiceError, match=r"Alleen een gemeente of een wijkteam kan de sociale kaart"
    ):
        grant_coordination(initiative, areas["dorp"], by=site_staff())
    assert not Coordination.objects.exists()


def test_grant_and_revoke_are_audited(areas: dict[str, Area]) -> None:
    team, _ = _team("wijkteam-dorp")
    admin = site_staff()
    coordination = grant_coordination(team, areas["centrum"], by=admin)
    assert coordination.granted_by == admin
    with pytest.raises(ServiceError, match=r"coördineert Centrum al"):
        grant_coordination(team, areas["centrum"], by=admin)
    revoke_coordination(coordination, by=admin)
    assert not Coordination.objects.exists()
    actions = list(
        AuditEvent.objects.filter(organisation_id=team.pk).values_list("action", flat=True)
    )
    assert sorted(actions) == ["coordination.grant", "coordination.revoke"]


def test_a_gemeente_grants_only_inside_its_own_areas(areas: dict[str, Area]) -> None:
    gemeente, ambtenaar = _team("gemeente-dorp", Organisation.Kind.MUNICIPALITY, Role.ADMIN)
    team, _ = _team("wijkteam-dorp")
    with pytest.raises(PermissionDenied):  # not granted anything yet
        access.get_grant_scope_for_user(ambtenaar, "gemeente-dorp")
    Coordination.objects.create(organisation=gemeente, area=areas["dorp"])
    scope = access.get_grant_scope_for_user(ambtenaar, "gemeente-dorp")
    assert scope is not None and areas["centrum"].pk in scope and areas["noord"].pk not in scope
    grant_coordination(team, areas["centrum"], by=ambtenaar, scope=scope)
    with pytest.raises(ServiceError, match=r"Je kunt alleen gebieden van je eigen gemeente geven"):
        grant_coordination(team, areas["noord"], by=ambtenaar, scope=scope)
    with pytest.raises(PermissionDenied):
        access.get_grant_scope_for_user(ambtenaar, None)  # the site-wide page is for site staff
    # A wijkteam (even its beheerder) passes nothing on.
    _, team_admin = _team("wijkteam-stad", role=Role.ADMIN)
    with pytest.raises(PermissionDenied):
        access.get_grant_scope_for_user(team_admin, "wijkteam-stad")


def test_a_gemeente_cannot_revoke_its_own_grant(areas: dict[str, Area]) -> None:
    gemeente, ambtenaar = _team("gemeente-dorp", Organisation.Kind.MUNICIPALITY, Role.ADMIN)
    own = Coordination.objects.create(organisation=gemeente, area=areas["dorp"])
    with pytest.raises(PermissionDenied):
        access.get_coordination_for_user(ambtenaar, "gemeente-dorp", own.pk)
    assert access.get_coordination_for_user(site_staff(), None, own.pk) == own


def test_unplaced_locations_belong_to_the_gemeente_of_their_city_or_postcode(
    areas: dict[str, Area],
) -> None:
    dorp_team, dorp_user = _team("wijkteam-dorp")
    stad_team, _ = _team("wijkteam-stad")
    Coordination.objects.create(organisation=dorp_team, area=areas["centrum"])
    Coordination.objects.create(organisation=stad_team, area=areas["stad"])
    by_city = _unplaced("Buurthuis", city="DORP", postcode="")
    by_woonplaats = _unplaced("Haventje", city="Stadshaven", postcode="")
    # A placed location in Stad with postcode 9999 tells where 9999 lies.
    placed = Location.objects.create(name="Bekend", area=areas["haven"])
    Address.objects.create(location=placed, address_1="Kade 1", city="Stad", postal_code="9999 ZZ")
    by_postcode = _unplaced("Loods", city="Onbekend", postcode="9999AB")
    unknown = _unplaced("Nergens", city="Atlantis", postcode="")
    assert access.location_gemeente(by_city) == areas["dorp"]
    assert access.location_gemeente(by_woonplaats) == areas["stad"]
    assert access.location_gemeente(by_postcode) == areas["stad"]
    assert access.location_gemeente(unknown) is None
    assert access.unplaced_locations_for(dorp_team) == [by_city]
    assert set(access.unplaced_locations_for(stad_team)) == {by_woonplaats, by_postcode}
    # Pages: the other gemeente's location is 404, the unknown one is nobody's.
    place = "directory:maintain_place"
    assert access.get_location_to_place_for_user(dorp_user, "wijkteam-dorp", by_city.pk) == by_city
    for location in (by_postcode, unknown):
        with pytest.raises(Http404):
            access.get_location_to_place_for_user(dorp_user, "wijkteam-dorp", location.pk)
    assert reverse(place, args=["wijkteam-dorp", by_city.pk])


def test_a_coordinator_places_only_in_its_own_areas_of_that_gemeente(
    client_for: Any, areas: dict[str, Area]
) -> None:
    team, user = _team("wijkteam-dorp")
    Coordination.objects.create(organisation=team, area=areas["centrum"])
    Coordination.objects.create(organisation=team, area=areas["noord"])  # also a wijk in Stad
    location = _unplaced("Buurthuis", city="Dorp", postcode="")
    choices = list(access.placement_choices(team, location))
    assert choices == [areas["kern"]]  # not Haven: that is another gemeente
    url = reverse("directory:maintain_place", args=["wijkteam-dorp", location.pk])
    client = client_for(user)
    assert client.post(url, {"area": areas["haven"].pk}).status_code == 200
    location.refresh_from_db()
    assert location.needs_placement
    assert client.post(url, {"area": areas["kern"].pk}).status_code == 302
    location.refresh_from_db()
    assert location.area == areas["kern"]


def test_open_claims_and_reports_only_for_the_coordinators_of_their_gemeente(
    client_for: Any, areas: dict[str, Area]
) -> None:
    dorp_team, dorp_user = _team("wijkteam-dorp")
    stad_team, stad_user = _team("wijkteam-stad")
    Coordination.objects.create(organisation=dorp_team, area=areas["dorp"])
    Coordination.objects.create(organisation=stad_team, area=areas["stad"])
    initiative = OrganisationFactory(slug="initiatief")
    in_dorp = DirectoryOrganization.objects.create(name="Dorpshuis")
    service = Service.objects.create(organization=in_dorp, name="Soep")
    ServiceAtLocation.objects.create(
        service=service, location=Location.objects.create(name="Huis", area=areas["kern"])
    )
    nowhere = DirectoryOrganization.objects.create(name="Zwerver")
    claim = Claim.objects.create(
        directory_organization=in_dorp, organisation=initiative, motivation="Wij"
    )
    unknown_claim = Claim.objects.create(
        directory_organization=nowhere, organisation=initiative, motivation="Wij"
    )
    report = ErrorReport.objects.create(service=service, message="Klopt niet")
    assert access.open_claims_for(dorp_team) == [claim]
    assert access.open_claims_for(stad_team) == []
    assert list(access.reports_for_organisation(dorp_team)) == [report]
    assert list(access.reports_for_organisation(stad_team)) == []
    with pytest.raises(Http404):
        access.get_claim_for_coordinator(stad_user, "wijkteam-stad", claim.pk)
    with pytest.raises(Http404):  # nothing known about where it works: site staff only
        access.get_claim_for_coordinator(dorp_user, "wijkteam-dorp", unknown_claim.pk)
    assert access.can_coordinate_organization(site_staff(), nowhere)
    index = client_for(stad_user).get(reverse("directory:maintain_index", args=["wijkteam-stad"]))
    assert "Dorpshuis" not in index.content.decode() and "Soep" not in index.content.decode()
    index = client_for(dorp_user).get(reverse("directory:maintain_index", args=["wijkteam-dorp"]))
    assert "Dorpshuis" in index.content.decode() and "Soep" in index.content.decode()
    report_url = reverse("directory:maintain_report", args=["wijkteam-stad", report.pk])
    assert client_for(stad_user).get(report_url).status_code == 404


# --- the grant pages ---------------------------------------------------------------------


def test_site_staff_grant_and_revoke_with_confirmation(
    client_for: Any, areas: dict[str, Area]
) -> None:
    team, _ = _team("wijkteam-dorp")
    admin: User = site_staff()
    client = client_for(admin)
    url = reverse("directory:coordination_site")
    assert client.get(url).status_code == 200
    response = client.post(url, {"organisation": team.pk, "area": ""})
    assert response.status_code == 400 and "verplicht" in response.content.decode()
    response = client.post(url, {"organisation": team.pk, "area": areas["centrum"].pk})
    assert response.status_code == 302
    coordination = Coordination.objects.get()
    revoke = reverse("directory:coordination_site_revoke", args=[coordination.pk])
    page = client.get(revoke)
    assert page.status_code == 200 and "Ja, intrekken" in page.content.decode()
    assert Coordination.objects.exists()  # opening the confirmation changes nothing
    assert client.post(revoke).status_code == 302
    assert not Coordination.objects.exists()


def test_grant_pages_refuse_others(client: Any, client_for: Any, areas: dict[str, Area]) -> None:
    gemeente, ambtenaar = _team("gemeente-dorp", Organisation.Kind.MUNICIPALITY, Role.ADMIN)
    Coordination.objects.create(organisation=gemeente, area=areas["dorp"])
    team, team_user = _team("wijkteam-stad")
    site = reverse("directory:coordination_site")
    own = reverse("directory:coordination_gemeente", args=["gemeente-dorp"])
    assert client.get(site).status_code == 302  # anonymous: log in
    assert client.get(own).status_code == 302
    assert client_for(ambtenaar).get(site).status_code == 403
    assert client_for(ambtenaar).get(own).status_code == 200
    assert client_for(team_user).get(own).status_code == 404  # not a member
    assert (
        client_for(team_user)
        .get(reverse("directory:coordination_gemeente", args=["wijkteam-stad"]))
        .status_code
        == 403
    )
    # Outside its own areas: refused with a message, nothing granted.
    response = client_for(ambtenaar).post(
        own, {"organisation": team.pk, "area": areas["noord"].pk}
    )
    assert response.status_code == 400
    assert Coordination.objects.count() == 1
    response = client_for(ambtenaar).post(
        own, {"organisation": team.pk, "area": areas["centrum"].pk}
    )
    assert response.status_code == 302
    granted = Coordination.objects.get(organisation=team)
    revoke = reverse("directory:coordination_gemeente_revoke", args=["gemeente-dorp", granted.pk])
    assert client_for(team_user).post(revoke).status_code == 404
    assert client_for(ambtenaar).post(revoke).status_code == 302


def test_the_demo_grants_its_coordinators(client_for: Any) -> None:
    """What the demo shows keeps working: the wijkteam Almere coordinates Almere."""
    from io import StringIO

    from django.core.management import call_command

    call_command("demo", force=True, stdout=StringIO())
    almere = Organisation.objects.get(slug="wijkteam-almere")
    assert list(almere.coordinations.values_list("area__name", flat=True)) == ["Almere"]
    assert access.is_coordinating(Organisation.objects.get(slug="gemeente-haarlem"))
    assert not access.is_coordinating(Organisation.objects.get(slug="het-badhuis"))
    user = User.objects.get(email="wijkteam@almere.demo")
    with_two_factor(user)
    response = client_for(user).get(reverse("directory:maintain_index", args=["wijkteam-almere"]))
    assert response.status_code == 200
    assert "Verzoeken om goed te keuren" in response.content.decode()
