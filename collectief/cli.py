"""The ``collectief`` console command: Django's management commands.

``collectief --help`` lists every command; ``collectief demo``, ``collectief
areas import FILE`` and the others are described in docs/cli.md.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectief.settings")
    from django.core.management import execute_from_command_line

    argv = sys.argv[:]
    if len(argv) > 1 and argv[1] in ("--help", "-h"):
        argv[1] = "help"
    execute_from_command_line(argv)
