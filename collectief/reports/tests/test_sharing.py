"""A published report shared with another organisation through the sharing app."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.models import Organisation
from collectief.lib.errors import ServiceError
from collectief.reports import services
from collectief.reports.models import Report
from collectief.sharing import services as sharing

pytestmark = pytest.mark.django_db


def test_only_a_published_report_can_be_shared(
    report: Report, own_org: Organisation, other_org: Organisation
) -> None:
    with pytest.raises(ServiceError, match="Kies uit de lijst"):
        sharing.share_result(
            own_org, by=None, kind="rapport", object_id=str(report.pk), recipient=other_org
        )
    services.publish_report(report, by=None)
    share = sharing.share_result(
        own_org, by=None, kind="rapport", object_id=str(report.pk), recipient=other_org
    )
    assert share.label == "Ons magazine"


def test_the_recipient_sees_the_newest_published_version_not_the_draft(
    report: Report, own_org: Organisation, other_org: Organisation, client_for: Any, outsider: Any
) -> None:
    services.publish_report(report, by=None)
    services.update_report(report, by=None, title="Ons magazine, nieuwe versie")
    share = sharing.share_result(
        own_org, by=None, kind="rapport", object_id=str(report.pk), recipient=other_org
    )
    client = client_for(outsider)  # a member of the organisation it is shared with
    url = reverse("sharing:shared", args=[other_org.slug, share.pk])
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Versie 1" in text
    assert "nieuwe versie" not in text  # the draft title is not published
    services.publish_report(report, by=None)
    assert "Versie 2" in client.get(url).content.decode()
    report.delete()
    assert client.get(url).status_code == 410
