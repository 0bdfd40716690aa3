"""The sections of a report: a small protocol, the registry and the assembly.

A report is an ordered list of sections. Each section is made by a *section
builder*: an object with

``key``
    a stable identifier (stored in ``ReportSection.key``; never rename it);
``title``
    the heading, translated (gettext_lazy);
``default_position``
    where a new report puts it (lower is earlier);
``build(ctx) -> SectionContent | Omitted``
    reads live data for ``ctx.organisation`` and ``ctx.period`` (``None`` for
    everything) and returns the section's data, or ``Omitted(reason)`` when
    there is nothing to show. An omitted section never reaches the reader;
    the editor shows the reason.

``SectionContent.data`` must be JSON (it is frozen into a published
version). Numbers that came from a page in Collectief are made with
``number(text, source)`` and tables with ``table(...)``; the assembly then
numbers every table in reading order ("Tabel 1, 2, …") and every source
for the appendix, and the templates link each number to its source.

Adding a section (stories, conversation tools, the valuation, the samen
duiden conclusions): write a builder class in ``collectief/reports/builders/``
with a template ``reports/sections/<key>.html`` (it gets ``section`` with
``section.data``), and add an instance to ``BUILDERS`` below. Nothing else
changes: the editor, the versions, the PDF, the CLI and the sources
appendix pick it up. See docs/rapport.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from collectief.accounts.models import Organisation
from collectief.lib.periods import ReportPeriod


@dataclass(frozen=True)
class Source:
    """Where a number comes from: a page in Collectief (site-relative URL) and its name."""

    label: str
    url: str


@dataclass
class BuildContext:
    """What a builder gets: the organisation, the period, and a cache shared by
    the builders of one build (so two sections read the surveys once)."""

    organisation: Organisation
    period: ReportPeriod | None
    # The report being built (its title and logo), or None.
    report: Any = None
    # The editor's ReportSection rows by key (their intros).
    sections: dict[str, Any] = field(default_factory=dict)
    # True when building for paper (the PDF): the poster is measured for one page.
    for_print: bool = False
    cache: dict[str, Any] = field(default_factory=dict)

    def cached(self, key: str, make: Any) -> Any:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]


@dataclass
class SectionContent:
    key: str
    title: str
    template: str
    data: dict[str, Any]
    # True when the section's data counts as data of the period (a cover or an
    # intro alone does not make a report).
    has_period_data: bool = False
    intro: str = ""
    anchor: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "template": self.template,
            "data": self.data,
            "intro": self.intro,
            "anchor": self.anchor,
        }


@dataclass(frozen=True)
class Omitted:
    """Nothing to show; ``reason`` is shown in the editor (never to readers)."""

    reason: str


class SectionBuilder(Protocol):
    key: str
    # str or a lazy translation (gettext_lazy)
    title: Any
    default_position: int

    def build(self, ctx: BuildContext) -> SectionContent | Omitted: ...


def number(text: str, source: Source) -> dict[str, Any]:
    """A number in the report that links back to where it came from."""
    return {"number": text, "source_label": source.label, "source_url": source.url}


def table(
    title: str,
    columns: list[str],
    rows: list[list[Any]],
    *,
    notes: list[str] | None = None,
    chart: str = "",
    numbered: bool = True,
) -> dict[str, Any]:
    """A table, numbered "Tabel n" unless ``numbered`` is False (a figure's
    series beside its chart); cells are text or ``number(...)``. ``chart`` is
    SVG markup drawn from the same numbers (the table is always shown too)."""
    return {
        "table": True,
        "title": title,
        "columns": columns,
        "rows": rows,
        "notes": notes or [],
        "chart": chart,
        "numbered": numbered,
        "number": 0,
    }


@dataclass
class SourceEntry:
    number: int
    label: str
    url: str


@dataclass
class ReportDocument:
    """The assembled report: the sections in order, the omitted ones with their
    reasons (for the editor), and the sources appendix."""

    title: str
    period_text: str
    sections: list[SectionContent]
    omitted: list[tuple[str, str]]
    sources: list[SourceEntry]

    @cached_property
    def table_count(self) -> int:
        return sum(1 for t in _tables(s.data for s in self.sections) if t.get("numbered", True))

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "period": self.period_text,
            "sections": [s.as_json() for s in self.sections],
            "sources": [
                {"number": s.number, "label": s.label, "url": s.url} for s in self.sources
            ],
        }


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def _tables(values: Any) -> Iterator[dict[str, Any]]:
    for value in values:
        for node in _walk(value):
            if node.get("table") is True:
                yield node


def number_tables_and_sources(sections: list[SectionContent]) -> list[SourceEntry]:
    """Number the tables 1, 2, … in reading order and the sources for the appendix.

    Each ``number(...)`` cell gets ``ref``, the number of its source.
    """
    numbered = (t for t in _tables(s.data for s in sections) if t.get("numbered", True))
    for index, node in enumerate(numbered, start=1):
        node["number"] = index
    sources: dict[str, SourceEntry] = {}
    for section in sections:
        for node in _walk(section.data):
            if "source_url" in node:
                entry = sources.get(node["source_url"])
                if entry is None:
                    entry = sources[node["source_url"]] = SourceEntry(
                        len(sources) + 1, node["source_label"], node["source_url"]
                    )
                node["ref"] = entry.number
    return list(sources.values())
