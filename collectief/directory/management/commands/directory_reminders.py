"""``collectief directory_reminders``: remind owners of entries unchecked for 12 months."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy, ngettext

from collectief.directory.services import send_reminders
from collectief.lib.cli import BaseCommand


class Command(BaseCommand):
    help = gettext_lazy(
        "E-mail owners of sociale-kaart entries nobody checked for 12 months (at most once per 30 days)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders()
        self.stdout.write(
            ngettext("%(count)s reminder e-mail sent.", "%(count)s reminder e-mails sent.", sent)
            % {"count": sent}
        )
