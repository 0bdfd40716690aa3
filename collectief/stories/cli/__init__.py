"""The sub-commands of ``collectief stories``, one module per sub-command.

Each module in this package defines ``SUBCOMMAND``; the management command
collects them, so a new sub-command is a new file and nothing else.
"""

from collectief.lib.cli import Subcommand

__all__ = ["Subcommand"]
