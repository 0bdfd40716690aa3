"""Organisations maintain their own entries: new activities, places, times, status,
deleting, and the themes and target groups (site staff)."""

from __future__ import annotations

import re
import uuid
from datetime import date, time
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from collectief.accounts.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    with_two_factor,
)
from collectief.accounts.factories import site_staff as make_site_staff
from collectief.accounts.models import Organisation, Role, User
from collectief.areas.models import Area
from collectief.audit.models import AuditEvent
from collectief.directory import access, services, services_entries
from collectief.directory.forms import ServiceForm
from collectief.directory.forms_entries import LocationForm, ScheduleForm, schedule_initial
from collectief.directory.models import (
    TARGET_GROUPS_TAXONOMY_ID,
    THEMES_TAXONOMY_ID,
    Coordination,
    DirectoryOrganization,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from collectief.directory.search import (
    describe_schedule,
    occurrences_on,
    search_services,
    with_schedules,
)
from collectief.lib.errors import ServiceError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _taxonomies(db: None) -> None:
    from collectief.directory.taxonomy_data import ensure_taxonomies

    ensure_taxonomies()


@pytest.fixture
def areas(own_org: Organisation) -> dict[str, Area]:
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
    own_org.areas.set([wijk])
    return {"gemeente": gemeente, "wijk": wijk, "buurt": buurt, "far_buurt": far_buurt}


@pytest.fixture
def organization(own_org: Organisation) -> DirectoryOrganization:
    return DirectoryOrganization.objects.create(name="Het Badhuis", organisation=own_org)


@pytest.fixture
def entry(organization: DirectoryOrganization, areas: dict[str, Area]) -> Service:
    service = Service.objects.create(organization=organization, name="Koffieochtend")
    location = Location.objects.create(
        name="Badhuis", area=areas["buurt"], organization=organization
    )
    ServiceAtLocation.objects.create(service=service, location=location)
    services.refresh_search_text(service)
    return service


def _term(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(code=code)


# --- services: activities --------------------------------------------------------------


def test_create_service_is_found_by_search(
    organization: DirectoryOrganization, staff: User
) -> None:
    service = services.create_service(
        organization,
        by=staff,
        name="Breiclub De Steek",
        description="Samen breien en haken bij een kop thee.",
        themes=[_term("ontmoeting")],
        target_groups=[_term("ouderen")],
        languages=["Nederlands", "arabisch"],
        phone="020 123 45 67",
        cost_amount=Decimal("2.50"),
        minimum_age=55,
    )
    service.refresh_from_db()
    assert service.status == Service.Status.ACTIVE
    assert service.checked_by == staff and not service.is_stale
    assert "Breiclub" in service.search_text and "Ontmoeting" in service.search_text
    assert services.service_languages(service) == ["Arabisch", "Nederlands"]
    assert [lang.code for lang in service.languages.order_by("name")] == ["ar", "nl"]
    assert services.service_phone(service) == "020 123 45 67"
    assert services.service_cost_amount(service) == 2.5
    assert list(search_services("breien")) == [service]
    assert list(search_services("steek", theme="ontmoeting", target_group="ouderen")) == [service]
    assert AuditEvent.objects.filter(action="directory.service.create").count() == 1


def test_create_service_refuses_bad_input(
    organization: DirectoryOrganization, staff: User
) -> None:
    with pytest.raises(ServiceError, match=r"Geef de activiteit een naam") as error:
        services.create_service(organization, by=staff, name="  ")
    assert error.value.field == "name"
    with pytest.raises(
        ServiceError, match=r"Een gratis activiteit heeft geen bedrag\. Haal het bedrag"
    ) as error:
        services.create_service(organization, by=staff, name="X", is_free=True, cost_amount=3)
    assert error.value.field == "cost_amount"
    with pytest.raises(ServiceError, match=r"Het bedrag kan niet onder nul zijn"):
        services.create_service(organization, by=staff, name="X", cost_amount=-1)
    with pytest.raises(
        ServiceError, match=r"De hoogste leeftijd mag niet lager zijn dan de laagste"
    ):
        services.create_service(organization, by=staff, name="X", minimum_age=60, maximum_age=10)
    with pytest.raises(TypeError):
        services.create_service(organization, by=staff, name="X", search_text="hack")
    assert not Service.objects.exists()


def test_update_service_details_only_when_changed(entry: Service, staff: User) -> None:
    services.update_service(
        entry, by=staff, languages="Nederlands, Turks", phone="06 1", cost_amount=1
    )
    services.update_service(entry, by=staff, languages=["turks", "Nederlands"], phone="06 1")
    event = AuditEvent.objects.filter(action="directory.service.update").first()
    assert event is not None and "languages" not in event.details["fields"]
    services.update_service(entry, by=staff, cost_amount=None, phone="")
    assert services.service_cost_amount(entry) is None and services.service_phone(entry) == ""
    with pytest.raises(
        ServiceError, match=r"Een gratis activiteit heeft geen bedrag\. Haal het bedrag"
    ):
        services.update_service(entry, by=staff, is_free=True, cost_amount=4)


def test_status_and_delete(entry: Service, staff: User) -> None:
    services.set_service_status(entry, status=Service.Status.INACTIVE, by=staff)
    assert list(search_services("koffieochtend")) == []
    services.set_service_status(entry, status=Service.Status.ACTIVE, by=staff)
    assert list(search_services("koffieochtend")) == [entry]
    with pytest.raises(ServiceError, match=r"Kies een status"):
        services.set_service_status(entry, status="weg", by=staff)
    location_id = entry.service_at_locations.get().location_id
    pk = entry.pk
    services.delete_service(entry, by=staff)
    assert not Service.objects.filter(pk=pk).exists()
    assert not Location.objects.filter(pk=location_id).exists()  # nobody else used it
    assert list(search_services("koffieochtend")) == []
    assert AuditEvent.objects.filter(action="directory.service.delete", object_id=str(pk)).exists()


def test_delete_keeps_places_other_activities_use(entry: Service, staff: User) -> None:
    other = Service.objects.create(organization=entry.organization, name="Borrel")
    location = entry.service_at_locations.get().location
    ServiceAtLocation.objects.create(service=other, location=location)
    services.delete_service(entry, by=staff)
    assert Location.objects.filter(pk=location.pk).exists()


# --- services: places ---------------------------------------------------------------------


def test_add_update_remove_location(entry: Service, staff: User, areas: dict[str, Area]) -> None:
    link = services_entries.add_location(
        entry,
        by=staff,
        name="Buurthuis",
        address_1="Dorpsstraat 1",
        postal_code="1234 AB",
        city="Dorp",
        state_province="Gelderland",
        area=None,
    )
    location = link.location
    assert location is not None and location.needs_placement
    assert location.organization == entry.organization
    assert str(location.first_address) == "Dorpsstraat 1, 1234 AB Dorp"
    services_entries.update_location(
        link,
        by=staff,
        name="Buurthuis De Kern",
        address_1="Dorpsstraat 3",
        postal_code="1234 AB",
        city="Dorp",
        state_province="Gelderland",
        area=areas["buurt"],
    )
    location.refresh_from_db()
    assert location.name == "Buurthuis De Kern" and not location.needs_placement
    assert location.first_address.address_1 == "Dorpsstraat 3"  # type: ignore[union-attr]
    assert entry in search_services(area=areas["buurt"])
    actions = [e.action for e in services.history(entry)]
    assert "directory.location.add" in actions and "directory.location.update" in actions
    services_entries.remove_location(link, by=staff)
    assert not Location.objects.filter(pk=location.pk).exists()


def test_location_rules(entry: Service, staff: User, areas: dict[str, Area]) -> None:
    with pytest.raises(ServiceError, match=r"Kies een buurt") as error:
        services_entries.add_location(entry, by=staff, name="X", area=areas["wijk"])
    assert error.value.field == "area"
    with pytest.raises(ServiceError, match=r"Vul het adres in"):
        services_entries.add_location(
            entry, by=staff, name="X", address_1="", city="", postal_code=""
        )
    with pytest.raises(ServiceError, match=r"Vul beide coördinaten in, of geen van beide"):
        services_entries.add_location(
            entry, by=staff, location_type="virtual", latitude=52.0, longitude=None
        )
    online = services_entries.add_location(entry, by=staff, location_type="virtual", name="Zoom")
    assert online.location is not None and not online.location.needs_placement
    existing = entry.service_at_locations.exclude(pk=online.pk).get().location
    with pytest.raises(ServiceError, match=r"Deze plek hoort al bij de activiteit"):
        services_entries.add_location(entry, by=staff, location=existing)


def test_add_existing_location(entry: Service, staff: User) -> None:
    other = Service.objects.create(organization=entry.organization, name="Borrel")
    place = entry.service_at_locations.get().location
    services_entries.add_location(other, by=staff, location=place)
    assert other.service_at_locations.get().location == place
    services_entries.remove_location(other.service_at_locations.get(), by=staff)
    assert Location.objects.filter(pk=place.pk).exists()  # still used by the koffieochtend


# --- services: times -------------------------------------------------------------------------


def test_save_and_delete_schedule(entry: Service, staff: User) -> None:
    schedule = services_entries.save_schedule(
        entry,
        by=staff,
        kind="open",
        freq="WEEKLY",
        byday="WE",
        opens_at=time(14),
        closes_at=time(16),
    )
    assert schedule.service == entry
    assert list(search_services(day="wo")) == [entry]
    services_entries.save_schedule(
        entry, by=staff, schedule=schedule, byday="TH", description="met taart"
    )
    schedule.refresh_from_db()
    assert schedule.byday == "TH" and schedule.opens_at == time(14)
    assert list(search_services(day="wo")) == []
    with pytest.raises(ServiceError, match=r"De eindtijd moet na de begintijd liggen") as error:
        services_entries.save_schedule(
            entry, by=staff, schedule=schedule, opens_at=time(16), closes_at=time(15)
        )
    assert error.value.field == "closes_at"
    with pytest.raises(
        ServiceError, match=r"Een periode waarin het dicht is, heeft een eerste en een"
    ):
        services_entries.save_schedule(
            entry, by=staff, kind="closed", valid_from=date(2025, 8, 1), valid_to=None
        )
    with pytest.raises(
        ServiceError, match=r"De einddatum mag niet voor de begindatum liggen"
    ) as error:
        services_entries.save_schedule(
            entry, by=staff, kind="closed", valid_from=date(2025, 8, 1), valid_to=date(2025, 7, 1)
        )
    assert error.value.field == "valid_to"
    with pytest.raises(ServiceError, match=r"Kies hoe vaak het is"):
        services_entries.save_schedule(entry, by=staff, kind="open")  # how often?
    services_entries.delete_schedule(entry, schedule, by=staff)
    assert not Schedule.objects.exists()
    actions = {e.action for e in services.history(entry)}
    assert {"directory.schedule.create", "directory.schedule.update"} <= actions
    assert "directory.schedule.delete" in actions


def test_schedule_at_a_place(entry: Service, staff: User) -> None:
    link = entry.service_at_locations.get()
    schedule = services_entries.save_schedule(
        entry, by=staff, service_at_location=link, kind="open", freq="WEEKLY", byday="FR"
    )
    assert schedule.service is None and schedule.service_at_location == link
    assert services_entries.schedules_of(entry) == [schedule]
    other = Service.objects.create(organization=entry.organization, name="Ander")
    with pytest.raises(ServiceError, match=r"Kies een van de plekken van deze activiteit"):
        services_entries.save_schedule(other, by=staff, service_at_location=link, freq="WEEKLY")


# --- forms: service --------------------------------------------------------------------------


def test_service_form_rules() -> None:
    form = ServiceForm({"name": "Soep", "is_free": "on", "cost_amount": "3"})
    assert not form.is_valid()
    assert "Een gratis activiteit heeft geen bedrag" in str(form.errors["cost_amount"])
    form = ServiceForm({"name": "Soep", "minimum_age": "70", "maximum_age": "10"})
    assert not form.is_valid() and "maximum_age" in form.errors
    form = ServiceForm({"name": "Soep", "cost_amount": "-1"})
    assert not form.is_valid() and "cost_amount" in form.errors
    form = ServiceForm({"name": "Soep", "cost_amount": "2,50", "languages": "nederlands; Engels"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["languages"] == ["Nederlands", "Engels"]
    assert form.cleaned_data["cost_amount"] == Decimal("2.50")
    assert "status" not in form.fields  # a new activity is active


# --- forms: places -----------------------------------------------------------------------


def test_location_form_rules(areas: dict[str, Area]) -> None:
    buurten = Area.objects.filter(level="buurt")
    form = LocationForm({"location_type": "physical", "name": "X"}, buurten=buurten)
    assert not form.is_valid()
    assert {"address_1", "postal_code", "city"} <= set(form.errors)
    assert "Vul het adres in." in form.errors["city"]
    form = LocationForm(
        {
            "location_type": "physical",
            "address_1": "Dorpsstraat 1",
            "postal_code": "12345",
            "city": "Dorp",
            "state_province": "Gelderland",
            "latitude": "52.1",
        },
        buurten=buurten,
    )
    assert not form.is_valid()
    assert "1234 AB" in str(form.errors["postal_code"])
    assert "longitude" in form.errors
    assert form["address_1"].value() == "Dorpsstraat 1"  # input shown again
    form = LocationForm(
        {
            "location_type": "physical",
            "address_1": "Dorpsstraat 1",
            "postal_code": "1234ab",
            "city": "Dorp",
            "state_province": "Gelderland",
            "area": areas["buurt"].pk,
        },
        buurten=buurten,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["postal_code"] == "1234 AB"
    assert LocationForm({"location_type": "virtual"}, buurten=buurten).is_valid()


def test_buurt_choices_are_those_of_the_gemeente(
    own_org: Organisation, areas: dict[str, Area], entry: Service
) -> None:
    assert list(access.buurt_choices(own_org)) == [areas["buurt"]]
    own_org.areas.clear()
    assert list(access.buurt_choices(own_org)) == []
    assert list(access.buurt_choices(own_org, entry)) == [areas["buurt"]]  # from its place


# --- forms: times ------------------------------------------------------------------------


def _schedule_form(data: dict[str, Any], **kwargs: Any) -> ScheduleForm:
    return ScheduleForm(data, today=date(2025, 3, 3), **kwargs)  # a Monday


def test_schedule_form_every_wednesday_afternoon() -> None:
    form = _schedule_form(
        {
            "kind": "open",
            "repeat": "weekly",
            "days": ["WE"],
            "opens_at": "14:00",
            "closes_at": "16:00",
        }
    )
    assert form.is_valid(), form.errors
    values = form.schedule_values()
    assert values["freq"] == "WEEKLY" and values["byday"] == "WE" and values["interval"] is None
    assert values["opens_at"] == time(14) and values["closes_at"] == time(16)
    assert describe_schedule(Schedule(**values)) == "elke woensdag 14:00–16:00"


def test_schedule_form_first_tuesday_of_the_month() -> None:
    form = _schedule_form(
        {
            "kind": "open",
            "repeat": "month_weekday",
            "days": ["TU"],
            "ordinal": "1",
            "opens_at": "10:00",
        }
    )
    assert form.is_valid(), form.errors
    values = form.schedule_values()
    assert values["freq"] == "MONTHLY" and values["byday"] == "1TU"
    assert describe_schedule(Schedule(**values)).startswith("elke eerste dinsdag van de maand")
    schedule = Schedule(**values)
    assert schedule_initial(schedule)["repeat"] == "month_weekday"


def test_schedule_form_every_two_weeks_on_friday() -> None:
    form = _schedule_form({"kind": "open", "repeat": "weeks", "days": ["FR"], "interval": "2"})
    assert form.is_valid(), form.errors
    values = form.schedule_values()
    assert values["interval"] == 2 and values["byday"] == "FR"
    assert values["dtstart"] == date(2025, 3, 7)  # the first Friday from today
    service = Service.objects.create(name="Repair café")
    Schedule.objects.create(service=service, **values)
    service = with_schedules(Service.objects.filter(pk=service.pk)).get()
    assert occurrences_on(service, date(2025, 3, 7))
    assert not occurrences_on(service, date(2025, 3, 14))
    assert occurrences_on(service, date(2025, 3, 21))
    initial = schedule_initial(Schedule(**values))
    assert initial["repeat"] == "weeks" and initial["interval"] == 2 and initial["days"] == ["FR"]


def test_schedule_form_month_date_once_and_summer_break() -> None:
    form = _schedule_form({"kind": "open", "repeat": "month_date", "month_day": "15"})
    assert form.is_valid(), form.errors
    assert form.schedule_values()["bymonthday"] == "15"
    form = _schedule_form({"kind": "open", "repeat": "once", "dtstart": "2025-04-12"})
    assert form.is_valid(), form.errors
    assert form.schedule_values()["dtstart"] == date(2025, 4, 12)
    form = _schedule_form(
        {
            "kind": "closed",
            "valid_from": "2025-07-14",
            "valid_to": "2025-08-22",
            "description": "zomerstop",
            "days": ["WE"],
        }
    )
    assert form.is_valid(), form.errors
    values = form.schedule_values()
    assert values["kind"] == "closed" and values["freq"] == "" and values["byday"] == ""
    assert (
        describe_schedule(Schedule(**values))
        == "Gesloten van 14-07-2025 tot en met 22-08-2025 (zomerstop)"
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "open"}, "repeat", "Kies hoe vaak het is."),
        ({"kind": "open", "repeat": "weekly"}, "days", "Kies minstens één dag."),
        (
            {"kind": "open", "repeat": "weeks", "days": ["FR"]},
            "interval",
            "Vul in om de hoeveel weken.",
        ),
        ({"kind": "open", "repeat": "weeks", "days": ["FR"], "interval": "1"}, "interval", None),
        (
            {"kind": "open", "repeat": "month_weekday", "days": ["TU", "WE"], "ordinal": "1"},
            "days",
            "Kies één dag.",
        ),
        ({"kind": "open", "repeat": "month_weekday", "days": ["TU"]}, "ordinal", None),
        ({"kind": "open", "repeat": "month_date", "month_day": "32"}, "month_day", None),
        ({"kind": "open", "repeat": "once"}, "dtstart", "Vul de datum in."),
        (
            {
                "kind": "open",
                "repeat": "weekly",
                "days": ["WE"],
                "opens_at": "16:00",
                "closes_at": "14:00",
            },
            "closes_at",
            "De eindtijd moet na de begintijd liggen.",
        ),
        (
            {
                "kind": "open",
                "repeat": "weekly",
                "days": ["WE"],
                "opens_at": "14:00",
                "closes_at": "14:00",
            },
            "closes_at",
            None,
        ),
        (
            {"kind": "open", "repeat": "weekly", "days": ["WE"], "closes_at": "14:00"},
            "opens_at",
            None,
        ),
        (
            {"kind": "open", "repeat": "weekly", "days": ["WE"], "opens_at": "25:00"},
            "opens_at",
            None,
        ),
        ({"kind": "closed", "valid_from": "2025-07-14"}, "valid_to", None),
        (
            {"kind": "closed", "valid_from": "2025-08-22", "valid_to": "2025-07-14"},
            "valid_to",
            "De einddatum mag niet voor de begindatum liggen.",
        ),
        (
            {
                "kind": "open",
                "repeat": "weekly",
                "days": ["WE"],
                "valid_from": "2025-09-01",
                "valid_to": "2025-01-01",
            },
            "valid_to",
            None,
        ),
        ({"kind": "open", "repeat": "weekly", "days": ["XX"]}, "days", None),
    ],
)
def test_schedule_form_errors_next_to_the_field(
    data: dict[str, Any], field: str, message: str | None
) -> None:
    form = _schedule_form(data)
    assert not form.is_valid()
    assert field in form.errors, form.errors
    if message:
        assert message in form.errors[field]


def test_schedule_form_location_choice(entry: Service) -> None:
    link = entry.service_at_locations.get()
    assert "location" not in _schedule_form({}, links=[link]).fields  # only one place
    second = ServiceAtLocation.objects.create(
        service=entry, location=Location.objects.create(name="Kerk")
    )
    form = _schedule_form(
        {"kind": "open", "repeat": "weekly", "days": ["MO"], "location": str(second.pk)},
        links=[link, second],
    )
    assert form.is_valid(), form.errors
    assert form.service_at_location() == second


# --- themes and target groups --------------------------------------------------------------


def test_add_rename_and_switch_off_terms(entry: Service, staff: User) -> None:
    admin_user = UserFactory(email="site@staff.test", is_staff=True)
    term = services_entries.add_term(THEMES_TAXONOMY_ID, name="Klimaat en energie", by=admin_user)
    assert term.code == "klimaat-en-energie" and term in TaxonomyTerm.objects.themes()
    with pytest.raises(
        ServiceError, match=r"Deze naam bestaat al\. Misschien staat hij uit: zet hem dan"
    ):
        services_entries.add_term(THEMES_TAXONOMY_ID, name="klimaat en ENERGIE", by=admin_user)
    with pytest.raises(ServiceError, match=r"Vul een naam in"):
        services_entries.add_term(THEMES_TAXONOMY_ID, name="  ", by=admin_user)
    services.update_service(entry, by=staff, themes=[term])
    services_entries.rename_term(term, name="Energiearmoede", by=admin_user)
    entry.refresh_from_db()
    assert "Energiearmoede" in entry.search_text
    assert list(search_services("energiearmoede")) == [entry]
    term_id, code = term.pk, term.code
    services_entries.set_term_active(term, active=False, by=admin_user)
    assert term not in TaxonomyTerm.objects.themes()
    assert list(search_services(theme=code)) == []
    entry = Service.objects.get(pk=entry.pk)
    assert entry.themes == [] and "Energiearmoede" not in entry.search_text
    services.update_service(entry, by=staff, themes=[_term("ontmoeting")])  # keeps the link
    services_entries.set_term_active(term, active=True, by=admin_user)
    term.refresh_from_db()
    assert term.pk == term_id and term.code == code
    assert list(search_services(theme=code)) == [entry]
    assert sorted(t.code for t in Service.objects.get(pk=entry.pk).themes) == [
        code,
        "ontmoeting",
    ]
    with pytest.raises(
        ServiceError, match=r"Deze naam bestaat al\. Misschien staat hij uit: zet hem dan"
    ):
        services_entries.rename_term(term, name="Ontmoeting", by=admin_user)
    assert AuditEvent.objects.filter(action="directory.term.deactivate").exists()


def test_target_group_and_imported_terms(staff: User) -> None:
    group = services_entries.add_term(TARGET_GROUPS_TAXONOMY_ID, name="Studenten", by=staff)
    assert group in TaxonomyTerm.objects.target_groups()
    imported = TaxonomyTerm.objects.create(name="Other")
    with pytest.raises(ServiceError, match=r"thema's en doelgroepen van Collectief veranderen"):
        services_entries.rename_term(imported, name="X", by=staff)
    with pytest.raises(ServiceError, match=r"thema's en doelgroepen van Collectief veranderen"):
        services_entries.set_term_active(imported, active=False, by=staff)
    with pytest.raises(ServiceError, match=r"thema's of doelgroepen"):
        services_entries.add_term(uuid.uuid4(), name="X", by=staff)


# --- access --------------------------------------------------------------------------------


def test_access_to_places_and_times(
    entry: Service, staff: User, reader: User, outsider: User
) -> None:
    link = entry.service_at_locations.get()
    schedule = Schedule.objects.create(service=entry, freq="WEEKLY", byday="MO")
    assert access.get_service_location_for_user(staff, "own-org", entry.pk, link.pk) == link
    assert (
        access.get_service_schedule_for_user(staff, "own-org", entry.pk, schedule.pk) == schedule
    )
    with pytest.raises(PermissionDenied):
        access.get_service_location_for_user(reader, "own-org", entry.pk, link.pk)
    with pytest.raises(Http404):
        access.get_service_schedule_for_user(outsider, "other-org", entry.pk, schedule.pk)
    other = Service.objects.create(organization=entry.organization, name="Ander")
    with pytest.raises(Http404):  # a time of another activity
        access.get_service_schedule_for_user(staff, "own-org", other.pk, schedule.pk)
    with pytest.raises(Http404):
        access.get_service_location_for_user(staff, "own-org", other.pk, link.pk)


# --- pages ---------------------------------------------------------------------------------


def _assert_guarded(
    client_for: Any,
    client: Any,
    url: str,
    reader: User,
    outsider: User,
    *,
    reader_ok: bool = False,
) -> None:
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]  # anonymous
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(reader).get(url).status_code == (200 if reader_ok else 403)


def test_create_page(
    client_for: Any,
    client: Any,
    organization: DirectoryOrganization,
    staff: User,
    reader: User,
    outsider: User,
) -> None:
    url = reverse("directory:maintain_create", args=["own-org", organization.pk])
    _assert_guarded(client_for, client, url, reader, outsider)
    other = DirectoryOrganization.objects.create(name="Kerk")
    assert (
        client_for(staff)
        .get(reverse("directory:maintain_create", args=["own-org", other.pk]))
        .status_code
        == 404
    )  # not ours
    assert client_for(staff).get(url).status_code == 200
    response = client_for(staff).post(url, {"name": "", "cost_amount": "2", "is_free": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Een gratis activiteit heeft geen bedrag" in page and "error-summary" in page
    assert not Service.objects.exists()
    theme = _term("ontmoeting")
    response = client_for(staff).post(
        url,
        {
            "name": "Breiclub",
            "description": "Breien",
            "themes": [str(theme.pk)],
            "is_public": "on",
        },
    )
    service = Service.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "directory:maintain_service", args=["own-org", service.pk]
    )
    assert service.organization == organization and [t.code for t in service.themes] == [
        "ontmoeting"
    ]
    assert list(search_services("breiclub")) == [service]


def test_service_overview_page(
    client_for: Any, client: Any, entry: Service, staff: User, reader: User, outsider: User
) -> None:
    Schedule.objects.create(
        service=entry, freq="WEEKLY", byday="WE", opens_at=time(14), closes_at=time(16)
    )
    url = reverse("directory:maintain_service", args=["own-org", entry.pk])
    _assert_guarded(client_for, client, url, reader, outsider, reader_ok=True)
    page = client_for(reader).get(url).content.decode()
    assert "elke woensdag 14:00–16:00" in page and "Badhuis" in page
    assert "tijden/nieuw" not in page  # readers only look
    page = client_for(staff).get(url).content.decode()
    assert "tijden/nieuw" in page and "plaatsen/nieuw" in page


def test_status_page(
    client_for: Any, client: Any, entry: Service, staff: User, reader: User, outsider: User
) -> None:
    url = reverse("directory:maintain_status", args=["own-org", entry.pk])
    _assert_guarded(client_for, client, url, reader, outsider)
    assert client_for(reader).post(url).status_code == 403
    assert client_for(staff).get(url).status_code == 200
    entry.refresh_from_db()
    assert entry.status == "active"  # a GET changes nothing
    assert client_for(staff).post(url).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "inactive"
    assert client_for(staff).post(url).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "active"


def test_delete_page(
    client_for: Any, client: Any, entry: Service, staff: User, reader: User, outsider: User
) -> None:
    url = reverse("directory:maintain_delete", args=["own-org", entry.pk])
    _assert_guarded(client_for, client, url, reader, outsider)
    assert client_for(reader).post(url).status_code == 403
    assert client_for(outsider).post(url).status_code == 404
    assert client_for(staff).get(url).status_code == 200
    assert Service.objects.filter(pk=entry.pk).exists()
    response = client_for(staff).post(url)
    assert response.status_code == 302
    assert not Service.objects.filter(pk=entry.pk).exists()


def test_location_pages(
    client_for: Any,
    client: Any,
    entry: Service,
    staff: User,
    reader: User,
    outsider: User,
    areas: dict[str, Area],
) -> None:
    add = reverse("directory:maintain_location_add", args=["own-org", entry.pk])
    _assert_guarded(client_for, client, add, reader, outsider)
    assert client_for(staff).get(add).status_code == 200
    bad = {"location_type": "physical", "name": "Kerk", "postal_code": "abc"}
    response = client_for(staff).post(add, bad)
    assert response.status_code == 200
    assert 'value="Kerk"' in response.content.decode()  # input shown again
    response = client_for(staff).post(
        add,
        {
            "location_type": "physical",
            "name": "Kerk",
            "address_1": "Kerkplein 1",
            "postal_code": "1234AB",
            "city": "Dorp",
            "state_province": "Gelderland",
            "area": str(areas["far_buurt"].pk),  # not in the gemeente
        },
    )
    assert response.status_code == 200
    response = client_for(staff).post(
        add,
        {
            "location_type": "physical",
            "name": "Kerk",
            "address_1": "Kerkplein 1",
            "postal_code": "1234AB",
            "city": "Dorp",
            "state_province": "Gelderland",
            "area": "",
        },
    )
    assert response.status_code == 302
    link = entry.service_at_locations.get(location__name="Kerk")
    assert link.location is not None and link.location.needs_placement
    edit = reverse("directory:maintain_location_edit", args=["own-org", entry.pk, link.pk])
    _assert_guarded(client_for, client, edit, reader, outsider)
    page = client_for(staff).get(edit).content.decode()
    assert 'value="Kerkplein 1"' in page
    response = client_for(staff).post(
        edit,
        {
            "location_type": "physical",
            "name": "Kerk",
            "address_1": "Kerkplein 2",
            "postal_code": "1234 AB",
            "city": "Dorp",
            "state_province": "Gelderland",
            "area": str(areas["buurt"].pk),
        },
    )
    assert response.status_code == 302
    link.location.refresh_from_db()
    assert link.location.area == areas["buurt"] and not link.location.needs_placement
    remove = reverse("directory:maintain_location_remove", args=["own-org", entry.pk, link.pk])
    _assert_guarded(client_for, client, remove, reader, outsider)
    assert client_for(reader).post(remove).status_code == 403
    assert client_for(staff).get(remove).status_code == 200
    assert client_for(staff).post(remove).status_code == 302
    assert not entry.service_at_locations.filter(pk=link.pk).exists()


def test_add_existing_location_page(client_for: Any, entry: Service, staff: User) -> None:
    other = Service.objects.create(organization=entry.organization, name="Borrel")
    place = entry.service_at_locations.get().location
    url = reverse("directory:maintain_location_add", args=["own-org", other.pk])
    assert "Een plek die je al gebruikt" in client_for(staff).get(url).content.decode()
    response = client_for(staff).post(
        url, {"existing": str(place.pk), "location_type": "physical"}
    )
    assert response.status_code == 302
    assert other.service_at_locations.get().location == place


def test_schedule_pages(
    client_for: Any, client: Any, entry: Service, staff: User, reader: User, outsider: User
) -> None:
    add = reverse("directory:maintain_schedule_add", args=["own-org", entry.pk])
    _assert_guarded(client_for, client, add, reader, outsider)
    assert client_for(staff).get(add).status_code == 200
    response = client_for(staff).post(
        add,
        {
            "kind": "open",
            "repeat": "weekly",
            "days": ["WE"],
            "opens_at": "16:00",
            "closes_at": "14:00",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "De eindtijd moet na de begintijd liggen." in page
    assert 'value="16:00"' in page
    assert re.search(r'value="WE"[^>]*checked', page)  # the input is shown again
    assert not Schedule.objects.exists()
    response = client_for(staff).post(
        add,
        {
            "kind": "open",
            "repeat": "weekly",
            "days": ["WE"],
            "opens_at": "14:00",
            "closes_at": "16:00",
        },
    )
    assert response.status_code == 302
    schedule = Schedule.objects.get()
    assert (schedule.freq, schedule.byday, schedule.opens_at) == ("WEEKLY", "WE", time(14))
    edit = reverse("directory:maintain_schedule_edit", args=["own-org", entry.pk, schedule.pk])
    _assert_guarded(client_for, client, edit, reader, outsider)
    page = client_for(staff).get(edit).content.decode()
    assert 'value="14:00"' in page
    response = client_for(staff).post(
        edit,
        {
            "kind": "closed",
            "valid_from": "2025-07-14",
            "valid_to": "2025-08-22",
            "description": "zomerstop",
        },
    )
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert (
        schedule.kind == "closed"
        and schedule.byday == ""
        and schedule.valid_to == date(2025, 8, 22)
    )
    delete = reverse("directory:maintain_schedule_delete", args=["own-org", entry.pk, schedule.pk])
    _assert_guarded(client_for, client, delete, reader, outsider)
    assert client_for(reader).post(delete).status_code == 403
    assert "zomerstop" in client_for(staff).get(delete).content.decode()
    assert client_for(staff).post(delete).status_code == 302
    assert not Schedule.objects.exists()


def test_coordinator_may_change_times_of_services_in_its_area(
    client_for: Any, entry: Service, areas: dict[str, Area]
) -> None:
    team = OrganisationFactory(slug="wijkteam", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    Coordination.objects.create(organisation=team, area=areas["wijk"])
    user = UserFactory(email="coordinator@team.test")
    MembershipFactory(user=user, organisation=team, role=Role.STAFF)
    with_two_factor(user)
    url = reverse("directory:maintain_schedule_add", args=["wijkteam", entry.pk])
    assert client_for(user).get(url).status_code == 200
    organization = entry.organization
    assert organization is not None
    create = reverse("directory:maintain_create", args=["wijkteam", organization.pk])
    assert client_for(user).get(create).status_code == 404  # only the owner adds activities


def test_taxonomy_pages(client_for: Any, client: Any, staff: User, entry: Service) -> None:
    site_staff = make_site_staff()
    url = reverse("directory:taxonomy_index")
    assert client.get(url).status_code == 302
    assert client_for(staff).get(url).status_code == 403
    response = client_for(site_staff).get(url)
    assert response.status_code == 200 and "Eenzaamheid" in response.content.decode()
    assert client_for(site_staff).post(url, {"kind": "theme", "name": ""}).status_code == 200
    response = client_for(site_staff).post(url, {"kind": "theme", "name": "eenzaamheid"})
    assert response.status_code == 200 and "bestaat al" in response.content.decode()
    response = client_for(site_staff).post(url, {"kind": "target_group", "name": "Studenten"})
    assert response.status_code == 302
    term = TaxonomyTerm.objects.target_groups().get(code="studenten")
    edit = reverse("directory:taxonomy_term", args=[term.pk])
    assert client_for(staff).get(edit).status_code == 403
    assert client_for(site_staff).get(edit).status_code == 200
    assert client_for(site_staff).post(edit, {"name": ""}).status_code == 200
    assert (
        client_for(site_staff).post(edit, {"name": "Studenten en scholieren"}).status_code == 302
    )
    term.refresh_from_db()
    assert term.name == "Studenten en scholieren" and term.code == "studenten"
    toggle = reverse("directory:taxonomy_term_active", args=[term.pk])
    assert client_for(staff).post(toggle, {"active": "0"}).status_code == 403
    assert client_for(site_staff).get(toggle).status_code == 405
    assert client_for(site_staff).post(toggle, {"active": "0"}).status_code == 302
    assert term not in TaxonomyTerm.objects.target_groups()
    assert "uitgezet" in client_for(site_staff).get(url).content.decode()
    assert client_for(site_staff).post(toggle, {"active": "1"}).status_code == 302
    assert term in TaxonomyTerm.objects.target_groups()
    imported = TaxonomyTerm.objects.create(name="Extern")
    assert (
        client_for(site_staff)
        .get(reverse("directory:taxonomy_term", args=[imported.pk]))
        .status_code
        == 404
    )


def test_index_links_to_new_activity(
    client_for: Any, organization: DirectoryOrganization, staff: User, reader: User
) -> None:
    url = reverse("directory:maintain_index", args=["own-org"])
    create = reverse("directory:maintain_create", args=["own-org", organization.pk])
    assert create in client_for(staff).get(url).content.decode()
    assert create not in client_for(reader).get(url).content.decode()


def test_activity_made_here_exports_as_valid_hsds(
    organization: DirectoryOrganization, staff: User, areas: dict[str, Area]
) -> None:
    from collectief.directory.tests.test_hsds import (
        assert_valid_csv_export,
        assert_valid_json_export,
        export_csv,
        export_json,
    )

    organization.description = "Buurthuis in het centrum."  # required by HSDS
    organization.save()
    retired = services_entries.add_term(THEMES_TAXONOMY_ID, name="Oud thema", by=staff)
    service = services.create_service(
        organization,
        by=staff,
        name="Breiclub",
        themes=[_term("ontmoeting"), retired],
        languages=["Nederlands"],
        phone="020 1234567",
        contact_person="Anna Kok",
        cost_amount=2,
    )
    services_entries.set_term_active(retired, active=False, by=staff)
    link = services_entries.add_location(
        service,
        by=staff,
        name="Buurthuis",
        address_1="Dorpsstraat 1",
        postal_code="1234 AB",
        city="Dorp",
        state_province="Gelderland",
        area=areas["buurt"],
    )
    services_entries.save_schedule(
        service, by=staff, service_at_location=link, freq="WEEKLY", byday="WE", opens_at=time(14)
    )
    services_entries.save_schedule(
        service, by=staff, kind="closed", valid_from=date(2025, 7, 1), valid_to=date(2025, 8, 1)
    )
    _raw, document = export_json()
    assert_valid_json_export(document)
    assert_valid_csv_export(export_csv())
    exported = document["contents"][0]
    assert exported["name"] == "Breiclub"
    assert [c["name"] for c in exported["contacts"]] == ["Anna Kok"]
    assert {a["taxonomy_term"]["name"] for a in exported["attributes"]} >= {"Oud thema"}
