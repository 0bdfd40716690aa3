"""``collectief signals <sub-command>``: rode draden on the command line.

The sub-commands live in ``collectief/signals/cli/`` (one module each); see
docs/rode-draden.md and docs/cli.md.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from collectief.lib.cli import SubcommandsCommand


class Command(SubcommandsCommand):
    help = gettext_lazy(
        "Signals (rode draden): warm-up, import, export, theme suggestions and purge."
    )
    subcommand_package = "collectief.signals.cli"
