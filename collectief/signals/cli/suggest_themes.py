"""``collectief signals suggest-themes TEXT [--format json|text]``: themes for a note."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.signals.cli import Subcommand
from collectief.signals.dutch_patterns import redact_patterns
from collectief.signals.themes_lexicon import suggest_themes


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("text", help=_("The note."))
    parser.add_argument("--format", choices=["json", "text"], default="json")


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    # The patterns first, so no name or number can come back as a "because" word.
    suggestions = suggest_themes(redact_patterns(options["text"]))
    if options["format"] == "json":
        items = [
            {"theme": s.theme, "score": s.score, "because": list(s.because)} for s in suggestions
        ]
        command.stdout.write(json.dumps(items, ensure_ascii=False))
        return
    if not suggestions:
        command.stdout.write(_("No theme found in this text."))
    for s in suggestions:
        command.stdout.write(
            _("%(theme)s (%(score).2f) – suggested by: %(words)s")
            % {"theme": s.theme, "score": s.score, "words": ", ".join(s.because)}
        )


SUBCOMMAND = Subcommand(
    name="suggest-themes",
    help=gettext_lazy("Suggest themes for a note, with the words that suggest them."),
    add_arguments=add_arguments,
    run=run,
)
