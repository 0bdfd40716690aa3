"""``collectief stories <sub-command>``: stories on the command line.

The sub-commands live in ``collectief/stories/cli/`` (one module each); see
docs/verhalen.md and docs/cli.md.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from collectief.lib.cli import SubcommandsCommand


class Command(SubcommandsCommand):
    help = gettext_lazy("Stories (verhalen): export the stories with consent.")
    subcommand_package = "collectief.stories.cli"
