"""``collectief bench NAME|all``: run the benchmarks in bench/.

Every module ``bench/<name>.py`` with a ``run(stdout, **options)`` function
is a benchmark. ``collectief bench all`` runs them one after the other.
Extra ``--option value`` pairs are passed to ``run`` as keyword arguments
(values that look like numbers become numbers).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.lib.cli import BaseCommand


def bench_folder() -> Path:
    return Path(settings.BASE_DIR) / "bench"


def discover() -> dict[str, Any]:
    """Benchmark modules by name."""
    folder = bench_folder()
    if not folder.is_dir():
        return {}
    root = str(folder.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    found = {}
    for info in pkgutil.iter_modules([str(folder)]):
        if info.name.startswith("_") or info.name.startswith("settings"):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        if callable(getattr(module, "run", None)):
            found[info.name] = module
    return found


def _value(text: str) -> Any:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


class Command(BaseCommand):
    help = gettext_lazy(
        "Run a benchmark from bench/ (or all of them). Not part of the test suite."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "name",
            nargs="?",
            default="list",
            help=_("Benchmark name (file in bench/ without .py), 'all' or 'list'."),
        )
        parser.add_argument(
            "extra",
            nargs="*",
            help=_("Options for the benchmark as key=value, e.g. responses=100000."),
        )
        parser.add_argument("--list", action="store_true", help=_("Only list the benchmarks."))

    def handle(self, *args: Any, **options: Any) -> None:
        benchmarks = discover()
        if options["list"] or options["name"] == "list":
            for name, module in sorted(benchmarks.items()):
                doc = (module.__doc__ or "").strip().splitlines()
                self.stdout.write(f"{name:<24} {doc[0] if doc else ''}")
            return
        extra = {}
        for item in options["extra"]:
            key, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"Use key=value, not {item!r}.")
            extra[key.replace("-", "_")] = _value(value)
        name = options["name"]
        if name == "all":
            chosen = sorted(benchmarks)
        elif name in benchmarks:
            chosen = [name]
        else:
            known = ", ".join(sorted(benchmarks)) or "none"
            raise CommandError(f"Unknown benchmark {name!r}. Known: {known}.")
        for bench_name in chosen:
            self.stdout.write(f"== {bench_name} ==")
            benchmarks[bench_name].run(self.stdout, **extra)
