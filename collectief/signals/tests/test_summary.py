"""Who sees what (issue 11 points 6 and 8): the suppressed summary by page, API and CLI."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.http import Http404
from django.urls import reverse

from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from collectief.accounts.models import Organisation, Role
from collectief.areas.models import Area
from collectief.lib.disclosure import Kind
from collectief.signals.access import (
    TwoFactorRequired,
    gemeenten_of,
    get_gemeente_for_api_user,
    get_gemeente_for_user,
    get_wijk_for_user,
)
from collectief.signals.models import ImportedCount, Signal, SignalTheme
from collectief.signals.summary import Period, count_mentions, summarise, theme_list
from collectief.signals.tests.conftest import activate_two_factor

pytestmark = pytest.mark.django_db
SECRET_NOTE = "geheime notitie over [NAAM] die niemand buiten het team mag zien"
TODAY = datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC)


def add_signals(
    org: Organisation, area: Area, themes: list[Any], day: datetime.date, n: int
) -> None:
    for _ in range(n):
        signal = Signal.objects.create(organisation=org, area=area, date=day, note=SECRET_NOTE)
        for theme in themes:
            SignalTheme.objects.create(signal=signal, theme=theme)


@pytest.fixture
def team(almere: dict[str, Area]) -> Organisation:
    org = OrganisationFactory(slug="wijkteam", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    org.areas.add(almere["gemeente"])
    return org


@pytest.fixture
def partner(almere: dict[str, Area]) -> Organisation:
    org = OrganisationFactory(slug="partner", kind=Organisation.Kind.WELFARE)
    org.areas.add(almere["stad"])  # works in a wijk of the gemeente: a partner there
    return org


@pytest.fixture
def elsewhere(db: None) -> Organisation:
    utrecht = Area.objects.create(code="GM0344", name="Utrecht", level="gemeente", year=2024)
    org = OrganisationFactory(slug="elders", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    org.areas.add(utrecht)
    return org


def member(org: Organisation, role: str = Role.READER, *, two_factor: bool = True) -> Any:
    user = UserFactory()
    MembershipFactory(user=user, organisation=org, role=role)
    return activate_two_factor(user) if two_factor else user


@pytest.fixture
def data(team: Organisation, almere: dict[str, Area], themes: dict[str, Any]) -> dict[str, Any]:
    may, april = datetime.date(2026, 5, 10), datetime.date(2026, 4, 10)
    geld, wonen = themes["geldzorgen-en-schulden"], themes["wonen"]
    add_signals(team, almere["stad"], [geld], may, 30)
    add_signals(team, almere["kruidenwijk"], [geld, wonen], may, 12)  # buurt: counts for Stad
    add_signals(team, almere["haven"], [wonen], may, 3)
    add_signals(team, almere["haven"], [geld], may, 40)
    add_signals(team, almere["stad"], [geld], april, 20)
    ImportedCount.objects.create(
        organisation=team,
        area=almere["haven"],
        theme=wonen,
        period=datetime.date(2026, 5, 1),
        source_role="huisarts",
        count=4,
    )
    return {"geld": geld, "wonen": wonen}


# -- counting and suppression -------------------------------------------------------------


def test_counts_roll_buurten_up_and_add_imported_counts(
    data: dict[str, Any], almere: dict[str, Area]
) -> None:
    wijken = [almere["haven"], almere["stad"]]
    themes = theme_list()
    may, april = Period(datetime.date(2026, 5, 1)), Period(datetime.date(2026, 4, 1))
    counts = count_mentions(wijken, themes, [april, may])
    geld = next(j for j, t in enumerate(themes) if t.code == "geldzorgen-en-schulden")
    wonen = next(j for j, t in enumerate(themes) if t.code == "wonen")
    assert counts[may][1][geld] == 42  # 30 on the wijk + 12 on its buurt
    assert counts[may][1][wonen] == 12
    assert counts[may][0][wonen] == 7  # 3 signals + 4 imported
    assert counts[may][0][geld] == 40
    assert counts[april][1][geld] == 20
    assert sum(map(sum, counts[april])) == 20


def test_summary_publishes_only_masked_values(
    data: dict[str, Any], almere: dict[str, Area]
) -> None:
    summary = summarise(almere["gemeente"], Period(datetime.date(2026, 5, 1)))
    haven = summary.row(almere["haven"])
    wonen = next(c for c in haven if c.theme.code == "wonen")
    assert wonen.count.text == "<10"  # 7 is small
    stad_geld = next(
        c for c in summary.row(almere["stad"]) if c.theme.code == "geldzorgen-en-schulden"
    )
    assert stad_geld.count.text in ("40", "x")  # 42 rounds to 40, or hidden to protect
    assert stad_geld.previous.text in ("20", "x")
    text = json.dumps(summary.as_dict())
    assert '"count": 7' not in text and '"count": 42' not in text and '"count": 3' not in text
    for cell in summary.as_dict()["cells"]:
        assert cell["count"] is None or cell["count"] % 5 == 0


def test_top_cells_never_order_hidden_counts(
    data: dict[str, Any], almere: dict[str, Area]
) -> None:
    summary = summarise(almere["gemeente"], Period(datetime.date(2026, 5, 1)))
    top = summary.top_cells(almere["haven"])
    assert all(not c.count.is_hidden for c in top)


def test_a_gemeente_without_signals_shows_zeros(almere: dict[str, Area]) -> None:
    summary = summarise(almere["gemeente"], Period(datetime.date(2026, 5, 1)))
    assert summary.table.total.kind is Kind.ZERO
    assert {c.count.text for c in summary.row(almere["haven"])} == {"0"}


def test_period_parsing() -> None:
    from collectief.lib.errors import ServiceError

    assert str(Period.parse("2026-03")) == "2026-03"
    assert str(Period.parse("2026-01").previous()) == "2025-12"
    assert Period.parse("2026-12").end == datetime.date(2027, 1, 1)
    for bad in ("2026-13", "maart", "2026/03", "", "1850-01"):
        with pytest.raises(ServiceError, match="periode"):
            Period.parse(bad)


# -- access: who sees what ------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(Organisation.Kind.values))
@pytest.mark.parametrize("role", list(Role.values))
def test_every_role_of_every_kind_needs_two_factor(
    almere: dict[str, Area], kind: str, role: str
) -> None:
    org = OrganisationFactory(slug=f"o-{kind}", kind=kind)
    org.areas.add(almere["haven"])
    without = member(org, role, two_factor=False)
    with pytest.raises(TwoFactorRequired):
        get_gemeente_for_user(without, org.slug, "GM0034")
    with pytest.raises(TwoFactorRequired):
        get_gemeente_for_api_user(without, "GM0034")
    with_2fa = member(org, role)
    assert get_gemeente_for_user(with_2fa, org.slug, "gm0034") == almere["gemeente"]
    assert get_gemeente_for_api_user(with_2fa, "GM0034") == almere["gemeente"]


def test_no_gemeente_outside_the_organisations_areas(
    team: Organisation, elsewhere: Organisation, almere: dict[str, Area]
) -> None:
    user = member(elsewhere)
    with pytest.raises(Http404):
        get_gemeente_for_user(user, elsewhere.slug, "GM0034")
    with pytest.raises(Http404):
        get_gemeente_for_api_user(user, "GM0034")
    with pytest.raises(Http404):
        get_gemeente_for_user(user, team.slug, "GM0034")  # not a member of the team
    with pytest.raises(Http404):
        get_wijk_for_user(user, elsewhere.slug, "WK003401")
    assert gemeenten_of(elsewhere)[0].code == "GM0344"


def test_anonymous_sees_nothing(team: Organisation) -> None:
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(Http404):
        get_gemeente_for_user(AnonymousUser(), team.slug, "GM0034")
    with pytest.raises(TwoFactorRequired):
        get_gemeente_for_api_user(AnonymousUser(), "GM0034")


def test_wijk_access_needs_the_role_to_write(team: Organisation, almere: dict[str, Area]) -> None:
    from django.core.exceptions import PermissionDenied

    reader = member(team, Role.READER)
    assert get_wijk_for_user(reader, team.slug, "WK003401")[1] == almere["haven"]
    with pytest.raises(PermissionDenied):
        get_wijk_for_user(reader, team.slug, "WK003401", min_role=Role.STAFF)
    with pytest.raises(Http404):
        get_wijk_for_user(reader, team.slug, "BU00340201")  # a buurt is not discussed


# -- the page -------------------------------------------------------------------------------


def summary_url(org: Organisation, **query: str) -> str:
    url = reverse("signals:summary", args=[org.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@time_machine.travel(TODAY)
def test_partner_sees_the_suppressed_table_not_the_signals(
    data: dict[str, Any], partner: Organisation, client_for: Any
) -> None:
    response = client_for(member(partner)).get(summary_url(partner, periode="2026-05"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rode draden in Almere" in html
    assert "&lt;10" in html  # the 7 of Almere Haven, wonen
    assert "<svg" in html and "<table" in html  # a chart with a table beside it
    assert SECRET_NOTE not in html and "[NAAM]" not in html
    assert ">42<" not in html and ">7<" not in html


@time_machine.travel(TODAY)
def test_default_period_is_the_last_complete_month(
    data: dict[str, Any], team: Organisation, client_for: Any
) -> None:
    response = client_for(member(team)).get(summary_url(team))
    assert response.status_code == 200
    assert response.context["period"] == Period(datetime.date(2026, 5, 1))


@time_machine.travel(TODAY)
@pytest.mark.parametrize("bad", ["2026-13", "veel", "2027-01"])
def test_bad_period_is_a_dutch_message(team: Organisation, client_for: Any, bad: str) -> None:
    response = client_for(member(team)).get(summary_url(team, periode=bad))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef de periode" in html or "nog niet begonnen" in html


def test_anonymous_is_sent_to_login(team: Organisation, client: Any) -> None:
    response = client.get(summary_url(team))
    assert response.status_code == 302 and "login" in response["Location"]


def test_member_without_two_factor_is_sent_to_set_it_up(
    team: Organisation, client_for: Any
) -> None:
    response = client_for(member(team, two_factor=False)).get(summary_url(team))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_other_organisation_gets_404(
    team: Organisation, elsewhere: Organisation, client_for: Any
) -> None:
    outsider = member(elsewhere)
    assert client_for(outsider).get(summary_url(team)).status_code == 404
    assert client_for(outsider).get(summary_url(elsewhere, gemeente="GM0034")).status_code == 404


def test_organisation_without_areas_gets_an_explanation(client_for: Any, db: None) -> None:
    org = OrganisationFactory(slug="nergens", kind=Organisation.Kind.WELFARE)
    response = client_for(member(org)).get(summary_url(org))
    assert response.status_code == 200
    assert "werkt nog niet in een gemeente" in response.content.decode()


# -- API ------------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_api_summary(
    data: dict[str, Any], partner: Organisation, client: Any, api_auth: Any
) -> None:
    url = reverse("api:signals_summary", args=["GM0034"])
    response = client.get(url + "?period=2026-05", **api_auth(member(partner)))
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == "2026-05" and body["gemeente"] == "GM0034"
    assert SECRET_NOTE not in response.content.decode()
    wonen = next(c for c in body["cells"] if c["area"] == "WK003401" and c["theme"] == "wonen")
    assert wonen["count"] is None and wonen["shown"] == "<10"


@time_machine.travel(TODAY)
def test_api_follows_the_same_rules(
    data: dict[str, Any],
    partner: Organisation,
    elsewhere: Organisation,
    client: Any,
    api_auth: Any,
) -> None:
    url = reverse("api:signals_summary", args=["GM0034"])
    assert client.get(url).status_code == 401
    no_2fa = client.get(url, **api_auth(member(partner, two_factor=False)))
    assert no_2fa.status_code == 403 and "twee" in no_2fa.json()["error"].lower()
    assert client.get(url, **api_auth(member(elsewhere))).status_code == 404
    bad = client.get(url + "?period=veel", **api_auth(member(partner)))
    assert bad.status_code == 400


# -- CLI ------------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_cli_summary_json(data: dict[str, Any]) -> None:
    out = StringIO()
    call_command(
        "signals", "summary", "GM0034", "--period", "2026-05", "--format", "json", stdout=out
    )
    body = json.loads(out.getvalue())
    assert body["period"] == "2026-05"
    assert SECRET_NOTE not in out.getvalue()
    assert all(c["count"] is None or c["count"] % 5 == 0 for c in body["cells"])
    default = StringIO()
    call_command("signals", "summary", "GM0034", "--format", "json", stdout=default)
    assert json.loads(default.getvalue())["period"] == "2026-05"


@time_machine.travel(TODAY)
def test_cli_summary_text_is_dutch(data: dict[str, Any]) -> None:
    out = StringIO()
    call_command("signals", "summary", "GM0034", "--period", "2026-05", stdout=out)
    assert "Rode draden in Almere" in out.getvalue() and "Totaal" in out.getvalue()


@time_machine.travel(TODAY)
def test_cli_summary_bad_input(almere: dict[str, Area]) -> None:
    with pytest.raises(CommandError, match="Geen gemeente"):
        call_command("signals", "summary", "GM9999", stdout=StringIO())
    with pytest.raises(CommandError, match="Geef de periode"):
        call_command("signals", "summary", "GM0034", "--period", "mei", stdout=StringIO())
    with pytest.raises(CommandError, match="nog niet begonnen"):
        call_command("signals", "summary", "GM0034", "--period", "2027-02", stdout=StringIO())
