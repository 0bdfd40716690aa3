"""The command line in the user's language: Django's options and argparse's own words.

``collectief`` speaks Dutch by default (see ``collectief/cli.py``). Three
kinds of text reach a person who types ``--help`` or a wrong option:

* the help of each Collectief command and its options: gettext in the
  command itself;
* the options Django adds to every command (``--settings``, ``-v``, …):
  ``BaseCommand`` below gives them translated help;
* argparse's own words ("usage:", "options", "the following arguments are
  required"): argparse looks them up through the module-level ``_`` and
  ``ngettext`` it imported from the gettext module, with no Dutch catalogue
  anywhere. ``speak_argparse_through_django`` points those two names at
  Django's gettext, so the messages listed in ``ARGPARSE_MESSAGES`` come from
  our own catalogue in the active language.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.management import base
from django.core.management.base import CommandParser
from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext, ngettext_lazy

# The messages of Python 3.11's argparse a user can meet, so that makemessages
# finds them; the msgids must match argparse's source exactly.
ARGPARSE_MESSAGES = [
    gettext_noop("usage: "),
    gettext_noop("positional arguments"),
    gettext_noop("options"),
    gettext_noop("show this help message and exit"),
    gettext_noop("argument %(argument_name)s: %(message)s"),
    gettext_noop("unrecognized arguments: %s"),
    gettext_noop("not allowed with argument %s"),
    gettext_noop("ignored explicit argument %r"),
    gettext_noop("the following arguments are required: %s"),
    gettext_noop("one of the arguments %s is required"),
    gettext_noop("expected one argument"),
    gettext_noop("expected at most one argument"),
    gettext_noop("expected at least one argument"),
    gettext_noop("ambiguous option: %(option)s could match %(matches)s"),
    gettext_noop("invalid %(type)s value: %(value)r"),
    gettext_noop("invalid choice: %(value)r (choose from %(choices)s)"),
    gettext_noop("%(prog)s: error: %(message)s\n"),
    gettext_noop("can't open '%(filename)s': %(error)s"),
]
# argparse's one plural message, named here so that makemessages finds it.
ARGPARSE_PLURAL = ngettext_lazy("expected %s argument", "expected %s arguments", "n")

# The help of the options Django gives every command, by option string.
BASE_OPTION_HELP = {
    "--version": gettext_lazy("Show the version number and stop."),
    "--verbosity": gettext_lazy(
        "How much to print: 0 = little, 1 = normal, 2 = more, 3 = everything."
    ),
    "--settings": gettext_lazy(
        "Python path of a settings module (default: the environment variable "
        "DJANGO_SETTINGS_MODULE)."
    ),
    "--pythonpath": gettext_lazy("A folder to add to the Python path."),
    "--traceback": gettext_lazy("Show the full technical error (for developers)."),
    "--no-color": gettext_lazy("Print without colours."),
    "--force-color": gettext_lazy("Always print with colours."),
    "--skip-checks": gettext_lazy("Skip the system checks."),
}


def _argparse_gettext(message: str | None) -> str | None:
    # argparse also asks for the translation of a missing description (None).
    return gettext(message) if message else message


def speak_argparse_through_django() -> None:
    """Let argparse translate its own words with Django's catalogues (see above)."""
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


class BaseCommand(base.BaseCommand):
    """Django's BaseCommand with the common options explained in the active language."""

    # A lazy translation: read in the language of the command line that asks.
    help: Any = ""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        # argparse needs a real string; the class keeps the lazy one for every language.
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_base_argument(self, parser: Any, *args: Any, **kwargs: Any) -> None:
        for option in args:
            if option in BASE_OPTION_HELP and kwargs.get("help") is not argparse.SUPPRESS:
                kwargs["help"] = str(BASE_OPTION_HELP[option])
        super().add_base_argument(parser, *args, **kwargs)


@dataclass(frozen=True)
class Subcommand:
    """One sub-command of a :class:`SubcommandsCommand`, defined as ``SUBCOMMAND`` in its module."""

    name: str
    help: Any  # a lazy translation: the language is chosen after import
    add_arguments: Callable[[CommandParser], None]
    run: Callable[[base.BaseCommand, dict[str, Any]], None]


def find_subcommands(package: str) -> list[Subcommand]:
    """The ``SUBCOMMAND`` of every module in ``package``, by name."""
    found = []
    for module_info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        module = importlib.import_module(f"{package}.{module_info.name}")
        subcommand = getattr(module, "SUBCOMMAND", None)
        if isinstance(subcommand, Subcommand):
            found.append(subcommand)
    return sorted(found, key=lambda sub: sub.name)


class SubcommandsCommand(BaseCommand):
    """``collectief <command> <sub-command>``: one module per sub-command in a package.

    A new sub-command is a new module defining ``SUBCOMMAND``; nothing else changes.
    """

    help: Any = ""  # a lazy translation, as in BaseCommand
    subcommand_package = ""

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(
            dest="action", required=True, title=gettext("sub-commands")
        )
        for subcommand in find_subcommands(self.subcommand_package):
            sub_parser = commands.add_parser(subcommand.name, help=str(subcommand.help))
            subcommand.add_arguments(sub_parser)

    def handle(self, *args: Any, **options: Any) -> None:
        for subcommand in find_subcommands(self.subcommand_package):
            if subcommand.name == options["action"]:
                subcommand.run(self, options)
                return
