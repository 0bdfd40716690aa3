"""The sub-commands of ``collectief wijkbeeld``, one module per sub-command.

Each module in this package defines ``SUBCOMMAND``; the management command
collects them, so a new sub-command is a new file and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


@dataclass(frozen=True)
class Subcommand:
    name: str
    help: Any  # a lazy translation: the language is chosen after import
    add_arguments: Callable[[CommandParser], None]
    run: Callable[[BaseCommand, dict[str, Any]], None]


def subcommands() -> list[Subcommand]:
    found = []
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        subcommand = getattr(module, "SUBCOMMAND", None)
        if isinstance(subcommand, Subcommand):
            found.append(subcommand)
    return sorted(found, key=lambda sub: sub.name)
