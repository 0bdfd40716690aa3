"""No N+1 queries on the list of figures (issue 9, point 3)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse

from collectief.accounts.models import Organisation, User
from collectief.figures import services


def test_figure_list(
    assert_flat_queries: Any, client_for: Any, staff: User, own_org: Organisation
) -> None:
    count = iter(range(100))

    def more() -> None:
        for _ in range(3):
            services.create_figure(
                own_org, by=staff, label=f"deelnemers {next(count)}", value=Decimal(12)
            )

    assert_flat_queries(client_for(staff), reverse("figures:list", args=[own_org.slug]), more)


def test_figure_api_list(
    assert_flat_queries: Any, client_for: Any, api_auth: Any, staff: User, own_org: Organisation
) -> None:
    count = iter(range(100, 200))

    def more() -> None:
        for _ in range(3):
            services.create_figure(
                own_org, by=staff, label=f"bezoekers {next(count)}", value=Decimal(7)
            )

    url = f"/api/v1/organisations/{own_org.slug}/figures/"
    assert_flat_queries(client_for(None), url, more, **api_auth(staff))
