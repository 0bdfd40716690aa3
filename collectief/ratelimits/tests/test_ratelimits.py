"""Rate limits: one upsert per hit, per client address only, shared through the database."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from collectief.accounts.adapter import AccountAdapter
from collectief.ratelimits.models import RateBucket
from collectief.ratelimits.services import (
    RateLimit,
    RateLimitExceededError,
    check_limit,
    count_hit,
    hit_or_refuse,
    prune_rate_buckets,
)
from collectief.surveys.models import Response
from collectief.surveys.tests.survey_factories import make_survey, q

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 12, 1, 12, 30, tzinfo=UTC)


def test_count_hit_counts_per_scope_client_and_hour() -> None:
    limit = RateLimit("s", "c" * 40, per_hour=3)
    with transaction.atomic():
        assert [count_hit(limit, now=NOON) for _ in range(3)] == [1, 2, 3]
        assert count_hit(RateLimit("s", "d" * 40, 3), now=NOON) == 1
        assert count_hit(RateLimit("t", "c" * 40, 3), now=NOON) == 1
        assert count_hit(limit, now=NOON + timedelta(hours=1)) == 1
    bucket = RateBucket.objects.get(scope="s", client="c" * 40, hour=NOON.replace(minute=0))
    assert bucket.hits == 3


def test_over_the_limit_is_refused_and_not_counted() -> None:
    limit = RateLimit("s", "c" * 40, per_hour=2)
    hit_or_refuse(limit, now=NOON)
    hit_or_refuse(limit, now=NOON)
    with pytest.raises(RateLimitExceededError, match="Te vaak geprobeerd"):
        hit_or_refuse(limit, now=NOON)
    # The refused attempt rolled back with its transaction.
    assert RateBucket.objects.get().hits == 2


@pytest.mark.django_db(transaction=True)
def test_check_limit_needs_the_callers_transaction() -> None:
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        check_limit(RateLimit("s", "c" * 40, per_hour=2))


def test_prune_keeps_the_current_and_previous_hour() -> None:
    for hours_ago in (0, 1, 2, 30):
        hit_or_refuse(
            RateLimit(f"s{hours_ago}", "c" * 40, 9), now=NOON - timedelta(hours=hours_ago)
        )
    assert prune_rate_buckets(now=NOON) == 2
    assert sorted(RateBucket.objects.values_list("scope", flat=True)) == ["s0", "s1"]


def test_prune_command_says_what_it_did_in_dutch() -> None:
    from io import StringIO

    from django.core.management import call_command

    hit_or_refuse(RateLimit("s", "c" * 40, 9), now=NOON - timedelta(days=2))
    out = StringIO()
    call_command("ratelimits", "prune", stdout=out)
    assert "1 verlopen teller verwijderd" in out.getvalue()


# Survey submissions -------------------------------------------------------------------


def _submit(survey, *, remote: str, agent: str = "Firefox", xff: str | None = None) -> int:
    extra = {"REMOTE_ADDR": remote, "HTTP_USER_AGENT": agent}
    if xff:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    client = Client(**extra)
    url = reverse("surveys:respond", args=[survey.public_token])

    def state(page) -> str:
        return re.search(r'name="state" value="([^"]+)"', page.content.decode()).group(1)

    page = client.get(url)
    page2 = client.post(
        url,
        {
            "state": state(page),
            f"q{q(survey, 'ken_buren').pk}": "4",
            f"q{q(survey, 'bezoek').pk}": "0",
        },
    )
    return client.post(url, {"state": state(page2)}).status_code


def test_survey_limit_counts_the_address_not_the_browser(own_org, settings) -> None:
    settings.SURVEYS_SUBMISSIONS_PER_HOUR = 1
    survey = make_survey(own_org)
    assert _submit(survey, remote="198.51.100.1", agent="Firefox") == 302
    # Another browser on the same address does not get a fresh allowance.
    assert _submit(survey, remote="198.51.100.1", agent="Other/1.0") == 429
    assert _submit(survey, remote="198.51.100.2") == 302
    assert Response.objects.count() == 2


def test_survey_limit_follows_only_trusted_proxies(own_org, settings) -> None:
    settings.SURVEYS_SUBMISSIONS_PER_HOUR = 1
    survey = make_survey(own_org)
    settings.TRUSTED_PROXY_COUNT = 0
    # Without a trusted proxy a forged header changes nothing.
    assert _submit(survey, remote="10.0.0.1", xff="203.0.113.1") == 302
    assert _submit(survey, remote="10.0.0.1", xff="203.0.113.2") == 429
    settings.TRUSTED_PROXY_COUNT = 1
    # Behind one proxy, clients are told apart by the address the proxy saw.
    assert _submit(survey, remote="10.0.0.1", xff="203.0.113.3") == 302
    assert _submit(survey, remote="10.0.0.1", xff="203.0.113.4") == 302
    assert _submit(survey, remote="10.0.0.1", xff="6.6.6.6, 203.0.113.4") == 429


def test_busy_page_is_dutch(own_org, settings) -> None:
    settings.SURVEYS_SUBMISSIONS_PER_HOUR = 0
    survey = make_survey(own_org)
    assert _submit(survey, remote="198.51.100.1") == 429
    assert Response.objects.count() == 0
    assert not RateBucket.objects.exists()  # the refused attempt is not counted


# "Meld een fout" ------------------------------------------------------------------------


def _public_service():
    from collectief.directory.models import DirectoryOrganization, Service

    organization = DirectoryOrganization.objects.create(name="Buurthuis")
    return Service.objects.create(organization=organization, name="Koffieochtend")


def test_error_reports_are_limited_per_address(settings) -> None:
    from collectief.directory.models import ErrorReport

    settings.DIRECTORY_REPORTS_PER_HOUR = 2
    service = _public_service()
    url = reverse("directory:report_error", args=[service.pk])
    first = Client(REMOTE_ADDR="198.51.100.1")
    statuses = [first.post(url, {"message": f"Fout {i}"}).status_code for i in range(3)]
    assert statuses == [200, 200, 429]
    refused = first.post(url, {"message": "Nog een"})
    assert refused.status_code == 429
    assert "Te vaak geprobeerd" in refused.content.decode()
    assert "Nog een" in refused.content.decode()  # what was typed is shown again
    assert ErrorReport.objects.count() == 2
    other = Client(REMOTE_ADDR="198.51.100.2")
    assert other.post(url, {"message": "Andere melder"}).status_code == 200
    assert ErrorReport.objects.count() == 3


def test_honeypot_reports_count_towards_the_limit(settings) -> None:
    from collectief.directory.models import ErrorReport

    settings.DIRECTORY_REPORTS_PER_HOUR = 1
    service = _public_service()
    url = reverse("directory:report_error", args=[service.pk])
    robot = Client(REMOTE_ADDR="198.51.100.1")
    assert robot.post(url, {"message": "x", "website": "http://spam"}).status_code == 200
    assert robot.post(url, {"message": "x", "website": "http://spam"}).status_code == 429
    assert ErrorReport.objects.count() == 0


# Login ----------------------------------------------------------------------------------


def test_login_limits_use_the_same_client_address(rf, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert AccountAdapter(request).get_client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert AccountAdapter(request).get_client_ip(request) == "203.0.113.5"
