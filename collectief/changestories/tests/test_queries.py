"""No N+1 queries on the version history and the change-story API (issue 9, point 3)."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.models import Organisation, User
from collectief.changestories import services
from collectief.changestories.tests.conftest import sample_content

pytestmark = pytest.mark.django_db

_numbers = count()


def _more(organisation: Organisation, by: User) -> Any:
    """Three more versions, and a story that grows by a target group with each."""
    content = sample_content()

    def more() -> None:
        for _ in range(3):
            n = next(_numbers)
            content["target_groups"].append({"id": f"extra{n}", "text": f"Groep {n}"})
            services.save_change_story(organisation, content, by=by)

    return more


def test_history(
    assert_flat_queries: Any, client_for: Any, staff: User, own_org: Organisation
) -> None:
    url = reverse("changestories:history", args=[own_org.slug])
    assert_flat_queries(client_for(staff), url, _more(own_org, staff))


def test_change_story_api(
    assert_flat_queries: Any,
    client_for: Any,
    api_auth: Any,
    staff: User,
    own_org: Organisation,
) -> None:
    url = f"/api/v1/organisations/{own_org.slug}/change-story/"
    assert_flat_queries(client_for(None), url, _more(own_org, staff), **api_auth(staff))
