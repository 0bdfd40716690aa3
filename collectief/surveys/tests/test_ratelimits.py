"""Rate limits on survey submissions: per client address, through the shared table."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from collectief.ratelimits.models import RateBucket
from collectief.surveys.models import Response
from collectief.surveys.tests.survey_factories import make_survey, q

pytestmark = pytest.mark.django_db


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
