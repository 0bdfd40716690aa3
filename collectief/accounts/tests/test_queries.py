"""No N+1 queries on the pages of accounts that list things (issue 9, point 3)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from collectief.accounts.factories import MembershipFactory, OrganisationFactory
from collectief.accounts.models import Organisation, Role, User
from collectief.audit.services import record_event


def test_members_page(
    assert_flat_queries: Any, client_for: Any, admin: User, own_org: Organisation
) -> None:
    def more() -> None:
        for _ in range(4):
            MembershipFactory(organisation=own_org, role=Role.STAFF)

    url = reverse("accounts:members", args=[own_org.slug])
    assert_flat_queries(client_for(admin), url, more)


def test_audit_log(
    assert_flat_queries: Any, client_for: Any, admin: User, own_org: Organisation
) -> None:
    def more() -> None:
        for n in range(5):
            member = MembershipFactory(organisation=own_org)
            record_event(
                "membership.create",
                member,
                by=member.user,
                organisation_id=own_org.pk,
                details={"n": n},
            )

    url = reverse("accounts:audit_log", args=[own_org.slug])
    assert_flat_queries(client_for(admin), url, more)


def test_dashboard_and_public_profile(
    assert_flat_queries: Any, client_for: Any, admin: User, own_org: Organisation
) -> None:
    def more() -> None:
        for _ in range(3):
            MembershipFactory(user=admin, organisation=OrganisationFactory(), role=Role.READER)

    # With more than one organisation the dashboard lists them (one redirects).
    MembershipFactory(user=admin, organisation=OrganisationFactory(), role=Role.READER)
    assert_flat_queries(client_for(admin), reverse("web:dashboard"), more)
    assert_flat_queries(
        client_for(None), reverse("accounts:organisation_profile", args=[own_org.slug]), more
    )
