"""``collectief signals evaluate``: precision and recall of the de-identification.

Scores our de-identification and deduce alone on the labelled notes in
``collectief/signals/evaluation/notes.jsonl`` (see that package for how).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.signals import deidentify
from collectief.signals.cli import Subcommand
from collectief.signals.evaluation import Report, load_notes, score


def add_arguments(parser: CommandParser) -> None:
    pass


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:5.1f}%"


def _print(command: BaseCommand, title: str, report: Report) -> None:
    command.stdout.write(f"\n{title}")
    command.stdout.write(
        f"  {_('tag'):<11} {_('labelled'):>9} {_('recall'):>8} {_('removed'):>9} {_('precision'):>9}"
    )
    for tag, tag_score in sorted(report.tags.items()):
        command.stdout.write(
            f"  {tag:<11} {tag_score.labelled:>9} {_percent(tag_score.recall):>8} "
            f"{tag_score.predicted:>9} {_percent(tag_score.precision):>9}"
        )
    total = report.total()
    command.stdout.write(
        f"  {_('total'):<11} {total.labelled:>9} {_percent(total.recall):>8} "
        f"{total.predicted:>9} {_percent(total.precision):>9}"
    )
    command.stdout.write(
        _("  notes with a leak: %(leaking)d of %(notes)d; other words kept: %(kept)s")
        % {
            "leaking": report.leaking_notes,
            "notes": report.notes,
            "kept": _percent(report.words_kept_share).strip(),
        }
    )


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    notes = load_notes()
    _print(
        command, _("Collectief (deduce and Dutch patterns)"), score(notes, deidentify.find_spans)
    )
    _print(command, _("deduce alone"), score(notes, deidentify.deduce_only_spans))


SUBCOMMAND = Subcommand(
    name="evaluate",
    help=gettext_lazy("Precision and recall of the de-identification on the labelled notes."),
    add_arguments=add_arguments,
    run=run,
)
