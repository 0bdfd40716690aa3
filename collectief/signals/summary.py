"""Rode draden per gemeente: wijk × theme × month, counted with disclosure control.

This is the only way signals leave the organisation that entered them (issue 11
point 6, DESIGN §4): the gemeente, partner organisations, the bespreken page, the
CLI (``signals summary``) and the API all read a ``GemeenteSummary``, and every
number in it comes out of ``lib.disclosure.protect_table``. One table per month
for the whole gemeente, so that a wijk page and the gemeente page publish the
same entries and cannot be played off against each other.

What is counted: theme mentions. A signal with two themes counts once for each,
so the rows and columns add up; the totals say "mentions", not "signals".
Signals on a buurt count for its wijk (a buurt is too small a row). Counts that
teams imported from their own registration (``ImportedCount``) add to the same
cells.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Sum
from django.utils.translation import gettext as _

from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.lib.disclosure import (
    Change,
    ProtectedTable,
    Shown,
    change,
    difference,
    protect_table,
)
from collectief.lib.errors import ServiceError
from collectief.signals import mention_counts
from collectief.signals.models import ImportedCount


@dataclass(frozen=True, order=True)
class Period:
    """One calendar month (the unit of counting and of bespreken)."""

    start: datetime.date

    @classmethod
    def of(cls, day: datetime.date) -> Period:
        return cls(day.replace(day=1))

    @classmethod
    def parse(cls, text: str) -> Period:
        """``YYYY-MM``; a ServiceError in Dutch otherwise."""
        match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", text.strip())
        try:
            if match is None:
                raise ValueError(text)
            day = datetime.date(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise ServiceError(
                _("Give the period as year-month, for example 2026-03."), field="period"
            ) from None
        if day.year < 2000:
            raise ServiceError(_("That period is too long ago."), field="period")
        return cls(day)

    @classmethod
    def last_complete(cls, today: datetime.date) -> Period:
        return cls.of(today).previous()

    @property
    def end(self) -> datetime.date:
        """The first day after the month."""
        return (self.start + datetime.timedelta(days=32)).replace(day=1)

    def previous(self) -> Period:
        return Period.of(self.start - datetime.timedelta(days=1))

    def next(self) -> Period:
        return Period(self.end)

    def __str__(self) -> str:
        return f"{self.start:%Y-%m}"


def wijken_of(gemeente: Area) -> list[Area]:
    return list(Area.objects.filter(parent=gemeente, level=Area.Level.WIJK).order_by("code"))


def theme_list() -> list[TaxonomyTerm]:
    """The one theme list of the product (the sociale-kaart themes), in display order."""
    return list(TaxonomyTerm.objects.themes().order_by("order", "name"))


def count_mentions(
    wijken: list[Area],
    themes: list[TaxonomyTerm],
    periods: list[Period],
    *,
    from_signals: bool = False,
) -> dict[Period, list[list[int]]]:
    """The true counts per period: rows = wijken, columns = themes.

    From the running totals (``mention_counts``: a few thousand rows, whatever
    the number of signals) plus the imported counts. ``from_signals=True``
    groups the signals themselves instead: the slow reference for the tests
    and the benchmark, which must give the same tables.
    """
    row = {w.pk: i for i, w in enumerate(wijken)}
    col = {t.pk: j for j, t in enumerate(themes)}
    tables = {p: [[0] * len(themes) for _ in wijken] for p in periods}
    if not wijken or not themes or not periods:
        return tables
    # Read per area and map buurten to their wijk here: a join to the areas
    # table in the query costs more than the mapping.
    wijk_of = _wijk_of_areas(list(row))
    of_month = {p.start: p for p in periods}
    read = mention_counts.count_from_signals if from_signals else mention_counts.mentions
    signal_rows = [
        {"place": area_id, "theme_id": theme_id, "month": month, "n": n}
        for (area_id, theme_id, month), n in read(list(wijk_of), list(of_month)).items()
    ]
    imported_rows = (
        ImportedCount.objects.filter(area_id__in=list(wijk_of), period__in=list(of_month))
        .annotate(place=F("area_id"), month=F("period"))
        .values("place", "theme_id", "month")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for source in (signal_rows, imported_rows):
        for item in source:
            i, j = row.get(wijk_of.get(item["place"], -1)), col.get(item["theme_id"])
            period = of_month.get(item["month"])
            if i is None or j is None or period is None:
                continue  # a theme taken off the list: it is not counted any more
            tables[period][i][j] += item["n"] or 0
    return tables


def _wijk_of_areas(wijk_ids: list[int]) -> dict[int, int]:
    """Every wijk and buurt of the wijken, mapped to its wijk."""
    buurten = Area.objects.filter(parent_id__in=wijk_ids).values_list("pk", "parent_id")
    return {pk: pk for pk in wijk_ids} | dict(buurten)


@dataclass(frozen=True)
class Cell:
    """One wijk × theme for the period, everything from published values."""

    area: Area
    theme: TaxonomyTerm
    count: Shown
    previous: Shown
    change: Change
    rest: Shown  # the rest of the gemeente (column total minus this cell)
    rest_previous: Shown
    rest_change: Change

    def as_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.code,
            "area_name": self.area.name,
            "theme": self.theme.code,
            "theme_name": self.theme.name,
            **self.count.as_dict(),
            "previous": self.previous.as_dict(),
            "change": self.change.as_dict(),
            "rest_of_gemeente": self.rest.as_dict(),
            "rest_of_gemeente_previous": self.rest_previous.as_dict(),
            "rest_of_gemeente_change": self.rest_change.as_dict(),
        }


@dataclass(frozen=True)
class GemeenteSummary:
    gemeente: Area
    period: Period
    wijken: list[Area]
    themes: list[TaxonomyTerm]
    table: ProtectedTable
    previous_table: ProtectedTable

    def cell(self, i: int, j: int) -> Cell:
        now, before = self.table, self.previous_table
        rest = difference(now.col_totals[j], now.cells[i][j])
        rest_before = difference(before.col_totals[j], before.cells[i][j])
        return Cell(
            area=self.wijken[i],
            theme=self.themes[j],
            count=now.cells[i][j],
            previous=before.cells[i][j],
            change=change(now.cells[i][j], before.cells[i][j]),
            rest=rest,
            rest_previous=rest_before,
            rest_change=change(rest, rest_before),
        )

    def row_index(self, area: Area) -> int:
        for i, wijk in enumerate(self.wijken):
            if wijk.pk == area.pk:
                return i
        raise ValueError(area)

    def row(self, area: Area) -> list[Cell]:
        i = self.row_index(area)
        return [self.cell(i, j) for j in range(len(self.themes))]

    def top_cells(self, area: Area) -> list[Cell]:
        """The wijk's themes by the number shown, largest first; hidden ones after.

        Hidden counts ("<10", "x") are sorted by name only: ordering them by
        their true value would publish it.
        """
        cells = self.row(area)
        shown = [c for c in cells if not c.count.is_hidden and c.count.value]
        shown.sort(key=lambda c: (-(c.count.value or 0), c.theme.name))
        return shown

    def totals(self) -> list[dict[str, Any]]:
        return [
            {"theme": t.code, "theme_name": t.name, **self.table.col_totals[j].as_dict()}
            for j, t in enumerate(self.themes)
        ]

    def as_dict(self) -> dict[str, Any]:
        """The JSON of the CLI and the API: published values only."""
        return {
            "gemeente": self.gemeente.code,
            "gemeente_name": self.gemeente.name,
            "period": str(self.period),
            "previous_period": str(self.period.previous()),
            "counted": "theme mentions",
            "cells": [
                self.cell(i, j).as_dict()
                for i in range(len(self.wijken))
                for j in range(len(self.themes))
            ],
            "area_totals": [
                {"area": w.code, "area_name": w.name, **self.table.row_totals[i].as_dict()}
                for i, w in enumerate(self.wijken)
            ],
            "theme_totals": self.totals(),
            "total": self.table.total.as_dict(),
        }


def summarise(gemeente: Area, period: Period) -> GemeenteSummary:
    if gemeente.level != Area.Level.GEMEENTE:
        raise ServiceError(_("A summary is made for a whole municipality."), field="gemeente")
    wijken = wijken_of(gemeente)
    themes = theme_list()
    previous = period.previous()
    counts = count_mentions(wijken, themes, [previous, period])
    return GemeenteSummary(
        gemeente=gemeente,
        period=period,
        wijken=wijken,
        themes=themes,
        table=protect_table(counts[period]),
        previous_table=protect_table(counts[previous]),
    )
