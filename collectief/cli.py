"""The ``collectief`` console command: Django's management commands.

``collectief --help`` lists every command; ``collectief demo``, ``collectief
areas import FILE`` and the others are described in docs/cli.md.

Every command speaks Dutch, like the web interface, unless the global option
``--language en`` asks for English. The option is taken out of the arguments
before Django parses them, so it works before or after the command name and
no command has to know about it. JSON keys and codes never change with it.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Sequence

LANGUAGE_OPTION = "--language"


class LanguageError(ValueError):
    pass


def split_language(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """The value of ``--language X`` / ``--language=X`` and the other arguments.

    Everything after a lone ``--`` belongs to the command and is left alone.
    """
    language: str | None = None
    rest: list[str] = []
    args = list(argv)
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg == LANGUAGE_OPTION:
            if index + 1 >= len(args):
                raise LanguageError("")
            language = args[index + 1]
            index += 2
            continue
        if arg.startswith(LANGUAGE_OPTION + "="):
            language = arg.split("=", 1)[1]
            index += 1
            continue
        rest.append(arg)
        index += 1
    return language, rest


def _utility(argv: list[str]) -> object:
    from django.core.management import ManagementUtility, get_commands, load_command_class
    from django.utils.translation import gettext as _

    class Utility(ManagementUtility):
        def main_help_text(self, commands_only: bool = False) -> str:
            if commands_only:
                return super().main_help_text(commands_only)
            ours, django = [], []
            for name, app in sorted(get_commands().items()):
                if app.startswith("collectief."):
                    summary = str(load_command_class(app, name).help).split("\n")[0]
                    ours.append(f"  {name:<20} {summary}")
                else:
                    django.append(name)
            lines = [
                _("Usage: collectief <command> [options]"),
                _("Help for one command: collectief help <command>"),
                _(
                    "Global option: --language nl|en (default: nl). "
                    "Messages and PDFs in that language; JSON keys and codes stay the same."
                ),
                "",
                _("Commands of Collectief:"),
                *ours,
                "",
                _("Commands of Django, for administrators (in English):"),
                *textwrap.wrap(
                    ", ".join(django), width=78, initial_indent="  ", subsequent_indent="  "
                ),
            ]
            return "\n".join(lines)

    return Utility(argv)


def main(argv: Sequence[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectief.settings")
    import django
    from django.conf import settings
    from django.utils import translation
    from django.utils.translation import gettext as _

    from collectief.lib.cli import speak_argparse_through_django

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] in ("--help", "-h"):
        args[1] = "help"
    django.setup()
    available = [code for code, _name in settings.LANGUAGES]
    try:
        language, args = split_language(args)
    except LanguageError:
        language = ""
    language = settings.LANGUAGE_CODE if language is None else language
    if language not in available:
        translation.activate(settings.LANGUAGE_CODE)
        sys.stderr.write(
            _("--language needs one of: %(languages)s.") % {"languages": ", ".join(available)}
            + "\n"
        )
        raise SystemExit(2)
    # Django leaves the language of a command to the process default; set it
    # explicitly so every command, PDF and message follows the same choice.
    translation.activate(language)
    speak_argparse_through_django()
    _utility(args).execute()  # type: ignore[attr-defined]


if __name__ == "__main__":
    # `python -m collectief.cli worker`: how `collectief runserver` starts its
    # worker, so Django's autoreloader can restart it with the same arguments.
    main()
