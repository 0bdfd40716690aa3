"""``collectief wijkbeeld <sub-command>``: CBS indicators and rankings per wijk.

The sub-commands live in ``collectief/insights/cli/`` (one module each); see
docs/wijkbeeld.md and docs/cli.md.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from collectief.lib.cli import SubcommandsCommand


class Command(SubcommandsCommand):
    help = gettext_lazy("Wijkbeeld: import CBS indicators, show a wijk and rank the wijken.")
    subcommand_package = "collectief.insights.cli"
