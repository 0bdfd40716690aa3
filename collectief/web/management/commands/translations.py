"""Keep the Dutch (and English) catalogues current, complete and compiled.

Every app keeps its own catalogue in ``collectief/<app>/locale`` so that
apps can be worked on side by side; the shared templates and ``lib`` use
``collectief/locale``. ``check`` extracts the messages into a scratch copy
and fails when a message is missing, untranslated or fuzzy, or when a
translation drops a placeholder; it never changes the files.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from collectief.lib.cli import BaseCommand

LANGUAGES_TO_CHECK = ["nl"]
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|\{\{ ?(\w+) ?\}\}|%[sd]")


def catalogue_roots() -> list[tuple[Path, list[str]]]:
    """(directory to scan, patterns to ignore) for each catalogue."""
    package = Path(settings.PACKAGE_DIR)
    apps = sorted(p.parent for p in package.glob("*/locale") if p.is_dir())
    roots = [(app, ["migrations/*", "tests/*"]) for app in apps]
    roots.append((package, [f"{app.name}/*" for app in apps] + ["*/migrations/*", "*/tests/*"]))
    return roots


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def extract(root: Path, ignore: list[str], languages: list[str]) -> None:
    with _cwd(root):
        call_command(
            "makemessages",
            locale=languages,
            ignore_patterns=ignore,
            add_location="never",
            no_obsolete=True,
            verbosity=0,
        )


def problems_in(po_path: Path) -> list[str]:
    problems = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        label = entry.msgid if len(entry.msgid) < 70 else entry.msgid[:67] + "..."
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {label!r}")
        elif not entry.translated():
            problems.append(f"untranslated: {label!r}")
        else:
            source = entry.msgid + " " + (entry.msgid_plural or "")
            wanted = {m.group(0) for m in _PLACEHOLDER.finditer(source)}
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if not text:
                    continue
                found = {m.group(0) for m in _PLACEHOLDER.finditer(text)}
                if found - wanted:
                    problems.append(f"unknown placeholder in translation of {label!r}")
                    break
    return problems


class Command(BaseCommand):
    help = gettext_lazy("update | check | compile the translation catalogues (locale/nl).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["update", "check", "compile"])

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, "_" + options["action"])()

    def _update(self) -> None:
        for root, ignore in catalogue_roots():
            (root / "locale").mkdir(exist_ok=True)
            extract(root, ignore, LANGUAGES_TO_CHECK)
            self.stdout.write(
                _("Updated: %(path)s") % {"path": f"{root.relative_to(settings.BASE_DIR)}/locale"}
            )
        self._compile()

    def _check(self) -> None:
        failures: list[str] = []
        for root, ignore in catalogue_roots():
            locale = root / "locale"
            with tempfile.TemporaryDirectory() as scratch:
                backup = Path(scratch) / "locale"
                shutil.copytree(locale, backup)
                try:
                    extract(root, ignore, LANGUAGES_TO_CHECK)
                    for language in LANGUAGES_TO_CHECK:
                        po_path = locale / language / "LC_MESSAGES" / "django.po"
                        failures += [
                            f"{po_path.relative_to(settings.BASE_DIR)}: {p}"
                            for p in problems_in(po_path)
                        ]
                finally:
                    shutil.rmtree(locale)
                    shutil.copytree(backup, locale)
        if failures:
            for failure in failures:
                self.stderr.write(failure)
            raise CommandError(
                ngettext(
                    "%(count)s translation problem. Run `make messages`, translate, "
                    "and run `make check` again.",
                    "%(count)s translation problems. Run `make messages`, translate, "
                    "and run `make check` again.",
                    len(failures),
                )
                % {"count": len(failures)}
            )
        self.stdout.write(_("All translations are complete."))

    def _compile(self) -> None:
        package = Path(settings.PACKAGE_DIR)
        for po_path in package.glob("**/locale/*/LC_MESSAGES/django.po"):
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
