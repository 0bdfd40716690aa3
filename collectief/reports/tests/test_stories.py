"""Stories in the report: only consented public stories; a withdrawn or internal one never."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from pypdf import PdfReader

from collectief.jobs.models import Job
from collectief.lib.periods import parse_period
from collectief.reports import rendering, services
from collectief.reports.builders.stories import Stories
from collectief.reports.sections import BuildContext, Omitted, SectionContent
from collectief.reports.tasks import start_report_pdf
from collectief.stories import services as story_services
from collectief.stories.models import ConsentLevel, ConsentMethod, Story

pytestmark = pytest.mark.django_db

NAMED = "Sinds de koffieochtend ken ik mijn buren. Ik groet iedereen op straat."
INTERNAL = "Dit verhaal is alleen voor onszelf bedoeld en mag nergens anders heen."
QUOTE = "Ik groet iedereen op straat."


def _story(org: Any, effect: Any, *, title: str, text: str, level: str, **extra: Any) -> Story:
    return story_services.create_story(
        org,
        by=None,
        title=title,
        text=text,
        author_role="vrijwilliger",
        told_on=extra.pop("told_on", dt.date(2022, 6, 8)),
        consent_level=level,
        consent_method=ConsentMethod.WRITTEN,
        consent_asked_by="Silke",
        consent_asked_on=dt.date(2022, 6, 8),
        author_name=extra.pop("author_name", "Jan Willem"),
        effects=[effect],
        **extra,
    )


@pytest.fixture
def stories(own_org: Any, world: dict[str, Any]) -> dict[str, Story]:
    named = _story(
        own_org,
        world["effect"],
        title="Mijn buren ken ik nu",
        text=NAMED,
        level=ConsentLevel.NAMED,
    )
    story_services.create_quote(named, by=None, text=QUOTE, effect=world["effect"])
    internal = _story(
        own_org,
        world["effect"],
        title="Alleen voor ons",
        text=INTERNAL,
        level=ConsentLevel.INTERNAL,
    )
    story_services.create_quote(
        internal, by=None, text="mag nergens anders heen", effect=world["effect"]
    )
    return {"named": named, "internal": internal}


def _ctx(org: Any, period: str | None = "2022") -> BuildContext:
    return BuildContext(organisation=org, period=parse_period(period) if period else None)


def test_a_named_story_is_under_its_effect_with_name_and_quote(own_org, stories) -> None:
    result = Stories().build(_ctx(own_org))
    assert isinstance(result, SectionContent)
    assert result.has_period_data
    (group,) = result.data["groups"]
    assert group["name"] == "VERBONDENHEID"
    (story,) = group["stories"]
    assert story["title"] == "Mijn buren ken ik nu"
    assert story["name"] == "Jan Willem"
    assert story["text"] == NAMED
    assert story["url"] == f"/organisaties/own-org/verhalen/{stories['named'].pk}/"
    assert group["quotes"] == [QUOTE]  # not the internal story's quote


def test_an_internal_story_is_never_in_the_report(own_org, stories) -> None:
    result = Stories().build(_ctx(own_org))
    assert isinstance(result, SectionContent)
    titles = [s["title"] for g in result.data["groups"] for s in g["stories"]]
    assert "Alleen voor ons" not in titles


def test_a_story_told_outside_the_period_is_left_out(own_org, stories) -> None:
    assert isinstance(Stories().build(_ctx(own_org, "2023")), Omitted)
    assert isinstance(Stories().build(_ctx(own_org, None)), SectionContent)


def test_withdrawn_consent_takes_the_story_and_its_quote_out(own_org, stories) -> None:
    story_services.withdraw_consent(stories["named"], by=None)
    result = Stories().build(_ctx(own_org))
    assert isinstance(result, Omitted)
    assert "toestemming" in result.reason


def test_an_anonymous_story_has_no_name_and_no_photo(own_org, world) -> None:
    _story(
        own_org,
        world["effect"],
        title="Het eerste contact",
        text="Ik kende hier niemand. Nu groet ik de helft van de straat.",
        level=ConsentLevel.ANONYMOUS,
    )
    result = Stories().build(_ctx(own_org))
    assert isinstance(result, SectionContent)
    story = result.data["groups"][0]["stories"][0]
    assert story["anonymous"] and story["name"] == "" and story["photo"] is None


def _html(report: Any) -> str:
    document, _ctx = services.build_document(report)
    return rendering.render_body(document, report.template)


def _pdf_text(report: Any, staff: Any) -> str:
    job = start_report_pdf(report, by=staff)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    pages = PdfReader(io.BytesIO(bytes(job.result))).pages
    return " ".join(p.extract_text() for p in pages).replace("\n", " ")


def test_html_withdraw_rebuild_gone(own_org, report, stories) -> None:
    html = _html(report)
    assert "Mijn buren ken ik nu" in html and "Sinds de koffieochtend" in html
    assert f"‘{QUOTE}’" in html  # the quote, as a pull quote
    assert "Alleen voor ons" not in html and "mag nergens anders heen" not in html
    story_services.withdraw_consent(stories["named"], by=None)
    html = _html(report)
    assert "Mijn buren ken ik nu" not in html
    assert "Sinds de koffieochtend" not in html
    assert f"‘{QUOTE}’" not in html


def test_pdf_withdraw_rebuild_gone(own_org, report, stories, staff) -> None:
    text = _pdf_text(report, staff)
    assert "Mijn buren ken ik nu" in text and "Sinds de koffieochtend" in text
    assert "Alleen voor ons" not in text and "nergens anders heen" not in text
    story_services.withdraw_consent(stories["named"], by=None)
    text = _pdf_text(report, staff)
    assert "Mijn buren ken ik nu" not in text
    assert "Sinds de koffieochtend" not in text
    assert "Alleen voor ons" not in text


def test_a_withdrawn_story_takes_its_published_versions_offline(
    own_org, other_org, stories, report, client_for, admin, outsider
) -> None:
    """Published versions are frozen, so a version with the story is no longer shown at all:
    not to members, not behind the public link, not through a share."""
    from django.urls import reverse

    from collectief.reports.access import withdrawn_stories_in
    from collectief.sharing import services as sharing

    version = services.publish_report(report, by=None)
    services.set_public_link(report, public=True, by=None)
    report.refresh_from_db()
    share = sharing.share_result(
        own_org,
        by=None,
        kind="rapport",
        object_id=str(report.pk),
        recipient=other_org,
    )
    member_url = reverse("reports:version", args=[own_org.slug, report.pk, version.number])
    public_url = reverse("reports:public_view", args=[report.public_token])
    shared_url = reverse("sharing:shared", args=[share.recipient.slug, share.pk])
    assert NAMED in client_for(admin).get(member_url).content.decode()
    assert NAMED in client_for(None).get(public_url).content.decode()
    assert NAMED in client_for(outsider).get(shared_url).content.decode()

    story_services.withdraw_consent(stories["named"], by=None)
    assert withdrawn_stories_in(version) == [stories["named"].pk]
    for client, url in (
        (client_for(admin), member_url),
        (client_for(None), public_url),
        (client_for(outsider), shared_url),
    ):
        page = client.get(url)
        assert page.status_code == 410, url
        assert NAMED not in page.content.decode()
    again = services.publish_report(report, by=None)
    assert withdrawn_stories_in(again) == []
    assert NAMED not in client_for(None).get(public_url).content.decode()


def test_a_version_pdf_queued_before_the_withdrawal_is_not_made(report, stories, staff) -> None:
    """The PDF job checks again when it runs: the version may have been taken offline since."""
    version = services.publish_report(report, by=None)
    story_services.withdraw_consent(stories["named"], by=None)
    job = start_report_pdf(report, by=staff, version=version)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "toestemming heeft ingetrokken" in job.message
    assert job.result is None
