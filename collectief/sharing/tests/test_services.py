"""Sharing services and the kinds registry."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from collectief.accounts.models import Organisation
from collectief.audit.models import AuditEvent
from collectief.changestories.models import ChangeStory
from collectief.lib.errors import ServiceError
from collectief.sharing import registry, services
from collectief.sharing.models import Share
from collectief.surveys.models import Survey
from collectief.surveys.tests.results_helpers import make_survey

pytestmark = pytest.mark.django_db


def test_share_is_stored_with_its_label_and_audited(
    story_share: Share, gemeente: Organisation
) -> None:
    assert story_share.label == "Ons veranderverhaal"
    assert story_share.is_active and story_share.recipient == gemeente
    event = AuditEvent.objects.get(action="sharing.share.give")
    assert event.details["recipient"] == "gemeente-haarlem"


def test_unknown_kind_is_refused(own_org: Organisation, gemeente: Organisation) -> None:
    with pytest.raises(ServiceError, match="Kies uit de lijst wat je wilt delen"):
        services.share_result(own_org, by=None, kind="rapport", object_id="1", recipient=gemeente)


def test_another_organisations_survey_cannot_be_shared(
    own_org: Organisation, other_org: Organisation, gemeente: Organisation
) -> None:
    theirs = make_survey(other_org)
    with pytest.raises(ServiceError, match="Kies uit de lijst"):
        services.share_result(
            own_org, by=None, kind="vragenlijst", object_id=str(theirs.pk), recipient=gemeente
        )
    assert not Share.objects.exists()


def test_not_with_itself(own_org: Organisation, story: ChangeStory) -> None:
    with pytest.raises(ServiceError, match="andere organisatie dan je eigen"):
        services.share_result(
            own_org, by=None, kind="veranderverhaal", object_id=str(story.pk), recipient=own_org
        )


def test_not_twice_while_active_but_again_after_revoking(
    own_org: Organisation, gemeente: Organisation, story: ChangeStory, story_share: Share
) -> None:
    with pytest.raises(ServiceError, match="al gedeeld met Gemeente Haarlem"):
        services.share_result(
            own_org, by=None, kind="veranderverhaal", object_id=str(story.pk), recipient=gemeente
        )
    services.revoke_share(story_share, by=None)
    again = services.share_result(
        own_org, by=None, kind="veranderverhaal", object_id=str(story.pk), recipient=gemeente
    )
    assert again.pk != story_share.pk


def test_revoke_is_audited_and_not_twice(story_share: Share) -> None:
    services.revoke_share(story_share, by=None)
    story_share.refresh_from_db()
    assert not story_share.is_active
    assert AuditEvent.objects.filter(action="sharing.share.revoke").count() == 1
    with pytest.raises(ServiceError, match="al gestopt"):
        services.revoke_share(story_share, by=None)


def test_render_finds_only_the_owners_object(
    own_org: Organisation, other_org: Organisation, survey: Survey
) -> None:
    kind = registry.get_kind("vragenlijst")
    assert kind is not None
    assert kind.render(own_org, str(survey.pk)) is not None
    assert kind.render(other_org, str(survey.pk)) is None
    assert kind.render(own_org, "x") is None


def test_a_higher_app_registers_its_kind() -> None:
    kind = registry.ShareKind(
        "rapport", "rapport", options=lambda owner: [], render=lambda owner, object_id: None
    )
    registry.register(kind)
    try:
        assert registry.get_kind("rapport") is kind
        assert "rapport" in [k.code for k in registry.all_kinds()]
        with pytest.raises(ImproperlyConfigured, match="twice"):
            registry.register(
                registry.ShareKind("rapport", "ander", options=kind.options, render=kind.render)
            )
    finally:
        registry.unregister("rapport")
    assert registry.get_kind("rapport") is None


def test_built_in_kinds_in_order() -> None:
    assert [k.code for k in registry.all_kinds()][:3] == [
        "veranderverhaal",
        "cijfers",
        "vragenlijst",
    ]
