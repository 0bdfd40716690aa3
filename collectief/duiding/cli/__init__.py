"""Sub-commands of ``collectief duiding``, one module each (see lib.cli.SubcommandsCommand)."""

from collectief.lib.cli import Subcommand

__all__ = ["Subcommand"]
