"""No server error on a bad query parameter, on any page that reads one (issue 8, point 14).

Every page whose view reads the query string is listed from the URL resolver
(a view that mentions ``request.GET`` or one of the helpers of
``collectief.lib.params``), so a page added later must be added to ``PAGES``
below or the completeness test fails. Each page gets every parameter it
reads with values nobody could mean: a number past every database integer,
a negative one, text, an impossible date, five thousand digits. The answer
is the page itself (200, a value clamped or ignored), or a Dutch 400 or 404
page; never a 500.
"""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from collectief.accounts.models import Organisation, Role, User

pytestmark = pytest.mark.django_db

BAD_VALUES = [
    "999999999999999999999",
    "9223372036854775808",
    "2147483648",
    "-1",
    "0",
    "abc",
    "1.5",
    "１２",
    "2024-02-31",
    "2024-13",
    "9" * 5000,
]


@dataclass(frozen=True)
class Page:
    params: tuple[str, ...]
    # "anonymous", "admin" (of own org), "team" (a wijkteam member with two-factor)
    # or "site" (a site administrator with two-factor).
    who: str
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = lambda world: {}


def _org(world: dict[str, Any]) -> dict[str, Any]:
    return {"organisation_slug": world["org"].slug}


def _survey(world: dict[str, Any]) -> dict[str, Any]:
    return {**_org(world), "survey_id": world["survey"].pk}


def _team(world: dict[str, Any]) -> dict[str, Any]:
    return {"organisation_slug": world["team"].slug}


PAGES: dict[str, Page] = {
    "accounts:audit_log": Page(("page",), "admin", _org),
    "areas:list": Page(("q", "page"), "anonymous"),
    "changestories:diff": Page(("van", "tot"), "admin", _org),
    "changestories:poster": Page(("formaat",), "admin", _org),
    "directory:search": Page(
        ("page", "q", "gebied", "wanneer", "dag", "thema", "doelgroep", "bereik"), "anonymous"
    ),
    "directory:map_data": Page(("gebied", "wanneer", "dag"), "anonymous"),
    "directory:agenda": Page(("wanneer", "gebied", "dag"), "anonymous"),
    "directory:print": Page(("page", "gebied", "wanneer"), "anonymous"),
    "directory:coverage": Page(("gemeente",), "anonymous"),
    "directory:coordination_site": Page(("page",), "site"),
    "figures:export": Page(("format",), "admin", _org),
    "signals:own": Page(("page", "maand", "gebied"), "team", _team),
    "insights:overview": Page(("zoek",), "team", _team),
    "insights:gemeente": Page(
        ("sorteer",), "team", lambda world: {**_team(world), "gemeente_code": "GM0034"}
    ),
    "insights:gemeente_export": Page(
        ("sorteer",),
        "team",
        lambda world: {**_team(world), "gemeente_code": "GM0034", "fmt": "csv"},
    ),
    "signals:summary": Page(("periode", "gemeente"), "team", _team),
    "projects:list": Page(("q", "page"), "admin", _org),
    "projects:create": Page(("actie", "herkomst", "wijk", "thema"), "admin", _org),
    "projects:scan": Page(
        ("ronde",), "admin", lambda world: {**_org(world), "project_id": world["project"].pk}
    ),
    "support:inbox": Page(("toon",), "team", _team),
    "stories:list": Page(("q", "effect", "toestemming", "page"), "admin", _org),
    "stories:public_list": Page(("page",), "anonymous", lambda world: {"slug": world["org"].slug}),
    "projects:lessons": Page(("thema", "page"), "anonymous"),
    "surveys:results": Page(("meting", "uitsplitsen", "voor", "na"), "admin", _survey),
    "surveys:open_answers": Page(("vraag", "page", "zoek", "citaten"), "admin", _survey),
    "surveys:export_results": Page(
        ("meting",), "admin", lambda world: {**_survey(world), "fmt": "csv"}
    ),
    "surveys:export_responses": Page(
        ("codes",), "admin", lambda world: {**_survey(world), "fmt": "csv"}
    ),
    "surveys:data_entry": Page(("meting",), "admin", _survey),
    "surveys:question_create": Page(("deel",), "admin", _survey),
    "surveys:preview": Page(("deel",), "admin", _survey),
    "surveys:from_change_story": Page(("plek",), "admin", _survey),
    "surveys:respond": Page(
        ("deel", "page"), "anonymous", lambda world: {"public_token": world["survey"].public_token}
    ),
}

# Pages that read the query string but are not walked, with the reason.
NOT_WALKED = {
    # A PDF/SVG of the poster: the same ``formaat`` choice as the poster page,
    # which is walked; rendering a PDF per value would cost seconds each.
    "changestories:poster_pdf",
    "changestories:poster_svg",
    "changestories:public_poster",
    "changestories:public_poster_pdf",
}

READS_QUERY = ("request.GET", "int_param(request", "page_number(request", "get_page(request")


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def _reads_query(view: Any) -> bool:
    view = inspect.unwrap(view)
    try:
        source = inspect.getsource(view)
    except (OSError, TypeError):
        return False
    return view.__module__.startswith("collectief.") and any(s in source for s in READS_QUERY)


def _pages_reading_the_query() -> set[str]:
    return {
        name
        for name, pattern in _walk(get_resolver().url_patterns)
        if not name.startswith(("api:", "admin:")) and _reads_query(pattern.callback)
    }


def test_every_page_that_reads_the_query_string_is_walked() -> None:
    found = _pages_reading_the_query()
    assert found, "the walk found no page at all"
    missing = found - set(PAGES) - NOT_WALKED
    assert not missing, f"add these pages to PAGES (or NOT_WALKED with a reason): {missing}"
    # Some pages read it through a helper of their own (a search form, say).
    names = {name for name, _pattern in _walk(get_resolver().url_patterns)}
    assert set(PAGES) <= names, set(PAGES) - names


@pytest.fixture
def world(own_org: Organisation, admin: User) -> dict[str, Any]:
    from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
    from collectief.areas.models import Area
    from collectief.changestories import services as stories
    from collectief.changestories.tests.conftest import sample_content
    from collectief.signals.tests.conftest import activate_two_factor
    from collectief.surveys import services as surveys
    from collectief.surveys.models import Survey, Wave
    from collectief.surveys.tests.results_helpers import add_responses, make_survey

    survey = make_survey(own_org, by=admin)
    surveys.add_wave(
        survey,
        by=admin,
        name="Voormeting",
        kind=Wave.Kind.BEFORE,
        starts_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )
    add_responses(survey, [{"kennen": ["5"], "komt": ["1"], "mening": ["Fijn"]}] * 6)
    survey.status = Survey.Status.OPEN
    survey.save()
    content = sample_content()
    stories.save_change_story(own_org, content, by=admin)
    content["approaches"][0]["text"] = "Samen koken"
    stories.save_change_story(own_org, content, by=admin)
    gemeente = Area.objects.create(code="GM0034", name="Almere", level="gemeente", year=2024)
    Area.objects.create(code="WK003401", name="Haven", level="wijk", parent=gemeente, year=2024)
    team = OrganisationFactory(slug="wijkteam", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    team.areas.add(gemeente)
    team_member = activate_two_factor(UserFactory())
    MembershipFactory(user=team_member, organisation=team, role=Role.STAFF)
    site_admin = activate_two_factor(UserFactory(is_staff=True, is_superuser=True))
    from collectief.directory.models import TaxonomyTerm
    from collectief.directory.taxonomy_data import ensure_taxonomies
    from collectief.projects import scan
    from collectief.projects import services as projects

    ensure_taxonomies()
    project = projects.create_project(
        own_org,
        by=admin,
        title="Samen in de Haven",
        question="Weinig ontmoeting",
        wijk=Area.objects.get(code="WK003401"),
        theme=TaxonomyTerm.objects.themes().get(code="ontmoeting"),
    )
    scan.start_scan_round(project, by=admin)
    return {
        "project": project,
        "org": own_org,
        "survey": survey,
        "team": team,
        "clients": {"anonymous": None, "admin": admin, "team": team_member, "site": site_admin},
    }


@pytest.mark.parametrize("name", sorted(PAGES))
def test_bad_values_never_cause_a_server_error(
    world: dict[str, Any], client_for: Any, name: str
) -> None:
    page = PAGES[name]
    client: Client = client_for(world["clients"][page.who])
    client.raise_request_exception = False
    url = reverse(name, kwargs=page.kwargs(world))
    plain = client.get(url)
    assert plain.status_code == 200, (url, plain.status_code)
    for param in page.params:
        for value in BAD_VALUES:
            response = client.get(url, {param: value})
            where = f"{url}?{param}={value[:25]}"
            assert response.status_code in (200, 400, 404), (where, response.status_code)
            if response["Content-Type"].startswith("text/html"):
                # The page itself (a search form saying what is wrong, say)
                # or the error page: in Dutch either way.
                assert '<html lang="nl"' in response.content.decode(), where


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("surveys:open_answers", {"vraag": "999999999999999999999"}),
        ("surveys:results", {"meting": "-1"}),
        ("changestories:diff", {"van": "999999999999999999999"}),
        ("surveys:question_create", {"deel": "9" * 30}),
    ],
)
def test_a_number_nobody_could_mean_is_the_dutch_400_page(
    world: dict[str, Any], client_for: Any, name: str, query: dict[str, str]
) -> None:
    page = PAGES[name]
    response = client_for(world["clients"][page.who]).get(
        reverse(name, kwargs=page.kwargs(world)), query
    )
    assert response.status_code == 400
    assert "Er klopt iets niet aan dit adres" in response.content.decode()


def test_a_page_far_past_the_end_is_the_last_page(client_for: Any, db: None) -> None:
    response = client_for(None).get(reverse("directory:search"), {"page": "9" * 21})
    assert response.status_code == 200
    assert response.context["page"].number == 1
