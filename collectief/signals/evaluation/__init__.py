"""The labelled evaluation set for de-identification and how it is scored.

``notes.jsonl`` holds Dutch notes written in the style of wijkteam workers
and antennes, each with the spans of personal data and their tag. It is
kept apart from the unit tests so that it is not tuned on case by case;
``collectief signals evaluate`` prints the scores (docs/rode-draden.md).

Scores, per tag of the labelled spans:

- recall: share of labelled spans that are removed completely (a span
  that is half removed still leaks, so it counts as missed);
- precision: share of removed spans (by the tag the finder gave) that
  overlap personal data at all;

and over all notes: notes with any leak, and the share of other words
that are kept (the meaning of the note).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from collectief.signals.dutch_patterns import Span

NOTES_FILE = Path(__file__).with_name("notes.jsonl")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Note:
    id: int
    text: str
    spans: tuple[Span, ...]


def load_notes(path: Path = NOTES_FILE) -> list[Note]:
    notes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            spans = tuple(Span(s["start"], s["end"], s["tag"]) for s in item["spans"])
            notes.append(Note(item["id"], item["text"], spans))
    return notes


@dataclass
class TagScore:
    labelled: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.labelled if self.labelled else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None


@dataclass
class Report:
    notes: int = 0
    leaking_notes: int = 0
    words_outside: int = 0
    words_kept: int = 0
    tags: dict[str, TagScore] = field(default_factory=lambda: defaultdict(TagScore))

    @property
    def words_kept_share(self) -> float:
        return self.words_kept / self.words_outside if self.words_outside else 1.0

    def total(self) -> TagScore:
        total = TagScore()
        for score in self.tags.values():
            total.labelled += score.labelled
            total.found += score.found
            total.predicted += score.predicted
            total.correct += score.correct
        return total


def _covered(spans: Iterable[Span]) -> set[int]:
    return {i for span in spans for i in range(span.start, span.end)}


def score(notes: list[Note], find: Callable[[str], list[Span]]) -> Report:
    report = Report()
    for note in notes:
        predicted = find(note.text)
        removed = _covered(predicted)
        personal = _covered(note.spans)
        report.notes += 1
        leaked = False
        for span in note.spans:
            tag = report.tags[span.tag]
            tag.labelled += 1
            if all(i in removed for i in range(span.start, span.end)):
                tag.found += 1
            else:
                leaked = True
        report.leaking_notes += leaked
        for span in predicted:
            tag = report.tags[span.tag]
            tag.predicted += 1
            if any(i in personal for i in range(span.start, span.end)):
                tag.correct += 1
        for word in _WORD.finditer(note.text):
            if not any(i in personal for i in range(word.start(), word.end())):
                report.words_outside += 1
                if not any(i in removed for i in range(word.start(), word.end())):
                    report.words_kept += 1
    return report
