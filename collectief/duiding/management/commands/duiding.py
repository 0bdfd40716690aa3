"""``collectief duiding <sub-command>``: samen-duiden sessions on the command line.

The sub-commands live in ``collectief/duiding/cli/`` (one module each); see
docs/samen-duiden.md and docs/cli.md.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from collectief.lib.cli import SubcommandsCommand


class Command(SubcommandsCommand):
    help = gettext_lazy("Samen duiden: export a session.")
    subcommand_package = "collectief.duiding.cli"
