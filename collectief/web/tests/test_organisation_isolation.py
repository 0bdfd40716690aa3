"""DESIGN §4 "access follows organisations", walked over every org-scoped page.

Every URL under ``/o/<organisation_slug>/`` is listed from the URL resolver, so a
page added later is checked too. A member of another organisation (every role, and
a gemeente member with two-factor login) gets 404 on GET and POST; an anonymous
visitor is sent to the login page.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Organisation, Role, User

pytestmark = pytest.mark.django_db


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def _org_scoped() -> dict[str, URLPattern]:
    return {
        name: pattern
        for name, pattern in _walk(get_resolver().url_patterns)
        if "organisation_slug" in pattern.pattern.regex.groupindex
    }


ORG_SCOPED = sorted(_org_scoped())


def _kwargs(name: str, slug: str) -> dict[str, Any]:
    """Arguments for ``name``: the organisation check runs before any object is
    looked up, so the other values need not exist."""
    pattern = _org_scoped()[name].pattern
    converters = getattr(pattern, "converters", {})
    kwargs: dict[str, Any] = {}
    for param in pattern.regex.groupindex:
        kind = type(converters.get(param)).__name__
        if param == "organisation_slug":
            kwargs[param] = slug
        elif kind == "IntConverter":
            kwargs[param] = 1
        elif kind == "UUIDConverter":
            kwargs[param] = uuid.uuid4()
        elif param == "fmt":
            kwargs[param] = "csv"
        else:
            kwargs[param] = "x"
    return kwargs


def test_the_walk_finds_every_app() -> None:
    apps = {name.split(":")[0] for name in ORG_SCOPED}
    assert {"accounts", "surveys", "figures", "changestories", "directory"} <= apps
    assert len(ORG_SCOPED) > 50


def _other_member(role: str) -> User:
    user = UserFactory(email=f"{role}@other.test")
    MembershipFactory(user=user, organisation=OrganisationFactory(slug="other"), role=role)
    return user


def _gemeente_member() -> User:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = UserFactory(email="ambtenaar@gemeente.test")
    gemeente = OrganisationFactory(slug="gemeente", kind=Organisation.Kind.MUNICIPALITY)
    MembershipFactory(user=user, organisation=gemeente, role=Role.ADMIN)
    TOTP.activate(user, generate_totp_secret())  # so the two-factor set-up is not in the way
    return user


@pytest.mark.parametrize("name", ORG_SCOPED)
def test_outsiders_of_every_role_get_404(
    client_for: Any, own_org: Organisation, name: str
) -> None:
    url = reverse(name, kwargs=_kwargs(name, own_org.slug))
    outsiders = [_other_member(role) for role in (Role.ADMIN, Role.STAFF, Role.READER)]
    outsiders.append(_gemeente_member())
    for user in outsiders:
        client = client_for(user)
        # 405 is fine (a POST-only or GET-only page says nothing), but one of the
        # two methods must reach the organisation check and answer 404.
        statuses = {client.get(url).status_code, client.post(url, {}).status_code}
        assert statuses in ({404}, {404, 405}), (user.email, url, statuses)


@pytest.mark.parametrize("name", ORG_SCOPED)
def test_anonymous_visitors_are_sent_to_login(
    client_for: Any, own_org: Organisation, name: str
) -> None:
    url = reverse(name, kwargs=_kwargs(name, own_org.slug))
    for response in (client_for(None).get(url), client_for(None).post(url, {})):
        if response.status_code == 405:
            continue
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url


SURVEY_PAGES = [
    name for name in ORG_SCOPED if "survey_id" in _org_scoped()[name].pattern.regex.groupindex
]


@pytest.mark.parametrize("name", SURVEY_PAGES)
def test_own_slug_with_another_organisations_survey_is_404(
    client_for: Any, admin: User, other_org: Organisation, name: str
) -> None:
    """Raw answers, open answers and exports of B stay hidden behind A's own address."""
    from collectief.surveys.tests.results_helpers import add_responses, make_survey

    survey = make_survey(other_org)
    add_responses(survey, [{"kennen": ["5"], "komt": ["1"], "mening": ["Geheim"]}] * 5)
    kwargs = {**_kwargs(name, "own-org"), "survey_id": survey.pk}
    url = reverse(name, kwargs=kwargs)
    client = client_for(admin)
    statuses = {client.get(url).status_code, client.post(url, {}).status_code}
    assert statuses in ({404}, {404, 405}), (url, statuses)
