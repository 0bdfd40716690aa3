"""``collectief valuation <sub-command>``: the financial barometer on the command line.

The sub-commands live in ``collectief/valuation/cli/`` (one module each); see
docs/maatschappelijke-waarde.md and docs/cli.md.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from collectief.lib.cli import SubcommandsCommand


class Command(SubcommandsCommand):
    help = gettext_lazy("Social value (SROI): import and export a valuation as JSON.")
    subcommand_package = "collectief.valuation.cli"
