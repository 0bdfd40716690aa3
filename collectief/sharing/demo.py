"""Demo sharing (issue 13 point 11): Het Badhuis shares its veranderverhaal and the
results of its survey among residents with the gemeente Haarlem. Safe to run again."""

from __future__ import annotations

from typing import TextIO

from django.db import transaction
from django.utils.translation import gettext

from collectief.accounts.models import Organisation
from collectief.sharing import services
from collectief.sharing.models import Share
from collectief.sharing.registry import get_kind

SHARED = ["veranderverhaal", "vragenlijst"]


@transaction.atomic
def load_demo(stdout: TextIO) -> None:
    owner = Organisation.objects.filter(slug="het-badhuis").first()
    recipient = Organisation.objects.filter(slug="gemeente-haarlem").first()
    if owner is None or recipient is None:
        stdout.write(
            gettext("Demo sharing: Het Badhuis or the gemeente is missing, skipped.") + "\n"
        )
        return
    for code in SHARED:
        kind = get_kind(code)
        options = kind.options(owner) if kind else []
        if not options:
            continue
        # The oldest survey is the measurement among residents.
        chosen = options[-1]
        if (
            Share.objects.active()
            .filter(owner=owner, recipient=recipient, kind=code, object_id=chosen.object_id)
            .exists()
        ):
            continue
        services.share_result(
            owner, by=None, kind=code, object_id=chosen.object_id, recipient=recipient
        )
    count = Share.objects.active().filter(owner=owner, recipient=recipient).count()
    stdout.write(
        gettext("Demo sharing: results Het Badhuis shares with the gemeente: %(count)d.")
        % {"count": count}
        + "\n"
    )
