"""``collectief ratelimits prune``: delete rate-limit counters of hours that are over."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy, ngettext

from collectief.lib.cli import BaseCommand
from collectief.ratelimits.services import prune_rate_buckets


class Command(BaseCommand):
    help = gettext_lazy(
        "Delete rate-limit counters of hours that are over (the scheduled task does this too)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["prune"])

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = prune_rate_buckets()
        self.stdout.write(
            ngettext(
                "%(n)d expired rate-limit counter deleted.",
                "%(n)d expired rate-limit counters deleted.",
                deleted,
            )
            % {"n": deleted}
        )
