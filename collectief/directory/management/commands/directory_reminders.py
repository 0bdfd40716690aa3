"""``collectief directory_reminders``: remind owners of entries unchecked for 12 months."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from collectief.directory.services import send_reminders


class Command(BaseCommand):
    help = "E-mail owners of sociale-kaart entries nobody checked for 12 months (at most once per 30 days). The worker does this daily."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders()
        self.stdout.write(
            ngettext("%(count)s reminder e-mail sent.", "%(count)s reminder e-mails sent.", sent)
            % {"count": sent}
        )
