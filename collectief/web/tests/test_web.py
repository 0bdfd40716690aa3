from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from collectief.accounts.factories import (
    MembershipFactory,
    OrganisationFactory,
    with_two_factor,
)
from collectief.accounts.models import Membership, Organisation, Role
from collectief.lib.navigation import organisation_links

pytestmark = pytest.mark.django_db


def test_home_shows_public_initiatives_only(client):
    OrganisationFactory(name="Buurtkamer Oost", kind=Organisation.Kind.INITIATIVE)
    OrganisationFactory(
        name="Geheim Initiatief", kind=Organisation.Kind.INITIATIVE, is_public=False
    )
    body = client.get("/").content.decode()
    assert "Buurtkamer Oost" in body
    assert "Geheim Initiatief" not in body


def test_home_has_an_empty_state(client):
    assert "nog geen bewonersinitiatief" in client.get("/").content.decode()


def test_home_is_dutch_by_default_and_english_on_request(client):
    assert 'lang="nl"' in client.get("/").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert 'lang="en"' in body
    assert "Working together in neighbourhoods" in body


def test_dashboard_needs_login(client):
    assert client.get(reverse("web:dashboard")).status_code == 302


def test_dashboard_opens_the_only_organisation(client_for, own_org, admin):
    response = client_for(admin).get(reverse("web:dashboard"))
    assert response["Location"] == reverse("accounts:organisation_home", args=[own_org.slug])


def test_dashboard_lists_several_organisations(client_for, own_org, other_org, admin):
    Membership.objects.create(user=admin, organisation=other_org, role=Role.READER)
    body = client_for(admin).get(reverse("web:dashboard")).content.decode()
    assert own_org.name in body
    assert other_org.name in body


def test_dashboard_links_a_gemeente_to_its_wijken(client_for, own_org, admin):
    """Among several organisations a gemeente opens on its home, as a single one does."""
    gemeente = OrganisationFactory(name="Gemeente Oost", kind=Organisation.Kind.MUNICIPALITY)
    Membership.objects.create(user=admin, organisation=gemeente, role=Role.READER)
    # A gemeente member logs in with a second factor (DESIGN.md §4).
    body = client_for(with_two_factor(admin)).get(reverse("web:dashboard")).content.decode()
    assert f'href="{reverse("insights:gemeente_home", args=[gemeente.slug])}"' in body
    assert f'href="{reverse("accounts:organisation_home", args=[own_org.slug])}"' in body


def test_dashboard_empty_state(client_for):
    from collectief.accounts.factories import UserFactory

    body = client_for(UserFactory()).get(reverse("web:dashboard")).content.decode()
    assert "nog geen lid" in body


def test_unknown_pages_get_the_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_organisation_menu_depends_on_the_role(client_for, own_org, reader, admin):
    """The menu in web compares the member's role with each item's min_role."""
    url = reverse("accounts:organisation_home", args=[own_org.slug])
    reader_menu = client_for(reader).get(url).context["organisation_links"]
    admin_menu = client_for(admin).get(url).context["organisation_links"]
    assert "Logboek" not in [str(link.label) for link in reader_menu]
    assert "Logboek" in [str(link.label) for link in admin_menu]


def test_navigation_registry_leaves_the_role_check_to_the_caller(own_org):
    """lib.navigation knows no roles: it asks ``allowed`` for each item's min_role."""
    asked: list[str] = []

    def allowed(min_role: str) -> bool:
        asked.append(min_role)
        return False

    labels = [str(link.label) for link in organisation_links("/", own_org.slug, allowed)]
    assert Role.ADMIN in asked
    assert "Logboek" not in labels
    assert "Leden" in labels  # items without min_role are for every member


def test_the_longest_matching_menu_link_is_current(own_org):
    path = reverse("accounts:members", args=[own_org.slug])
    current = [
        str(link.label)
        for link in organisation_links(path, own_org.slug, lambda min_role: True)
        if link.current
    ]
    assert current == ["Leden"]


def test_every_app_shares_the_same_shape():
    """Each Collectief app has the modules the architecture promises."""
    from pathlib import Path

    for config in apps.get_app_configs():
        # Infrastructure apps without pages of their own: the audit log, rate-limit counters.
        if not config.name.startswith("collectief.") or config.name in (
            "collectief.audit",
            "collectief.ratelimits",
        ):
            continue
        path = Path(config.path)
        for module in ("models.py", "views.py", "urls.py", "admin.py"):
            if config.name == "collectief.web" and module in ("models.py", "admin.py"):
                continue
            assert (path / module).exists() or (path / module.removesuffix(".py")).is_dir(), (
                f"{config.name} lacks {module}"
            )
        assert (path / "tests").is_dir(), f"{config.name} has no tests"


DEMO_APPS = {
    "accounts",
    "areas",
    "directory",
    "changestories",
    "figures",
    "surveys",
    "valuation",
    "duiding",
    "stories",
}


def test_demo_is_idempotent():
    out = StringIO()
    call_command("demo", force=True, stdout=out)
    counts = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS
    }
    call_command("demo", force=True, stdout=StringIO())
    again = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS
    }
    assert counts == again
    assert "beheerder@badhuis.demo" in out.getvalue()
    assert (
        Organisation.objects.filter(
            slug__in=["het-badhuis", "de-sleutel", "buurttuin-kempenaar"]
        ).count()
        == 3
    )


def test_demo_refuses_when_debug_is_off():
    from django.core.management.base import CommandError

    with pytest.raises(
        CommandError, match=r"DEBUG staat uit: dit lijkt een echte installatie\. Gebruik"
    ):
        call_command("demo", stdout=StringIO())


def test_membership_factory_makes_distinct_organisations():
    first = MembershipFactory()
    second = MembershipFactory()
    assert first.organisation != second.organisation


def test_an_english_browser_still_gets_dutch(client):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="nl"' in body
    assert "Samen aan de slag" in body
