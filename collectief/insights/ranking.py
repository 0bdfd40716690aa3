"""Which wijk has more of something than its municipality, and how sure is that (issue 12 point 3).

Per wijk of a gemeente and one count indicator (bijstand, Wmo, jeugdzorg …):

- observed: the wijk's count, published through ``lib.disclosure`` (1–9 is
  "<10", the rest rounded to 5);
- expected: the gemeente's rate (its count / its population or other
  denominator) times the wijk's denominator;
- ratio: observed / expected, with the exact Poisson 95 % interval, and the
  Empirical-Bayes smoothed ratio (``lib.rates``);
- call: "hoger" or "lager" only when the interval excludes 1, otherwise
  "niet te zeggen".

Everything is computed from the *published* count, so a reader who knows the
expected count cannot work a hidden or unrounded count back from the ratio.
Where the count is "<10" or the denominator is under 50 (no rates on small
bases, DESIGN §4) there is no ratio, no interval and no call.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.insights import matrix
from collectief.insights.models import Indicator, IndicatorValue
from collectief.lib import rates
from collectief.lib.disclosure import Shown, show_count
from collectief.lib.errors import ServiceError


@dataclass(frozen=True)
class RankRow:
    area: Area
    observed: Shown
    expected: float
    ratio: float | None
    ci95: tuple[float, float] | None
    smoothed: float | None
    call: str

    @property
    def shown_ratio(self) -> float | None:
        """The ratio a heat table and its download show: the smoothed one, else the plain one."""
        return self.smoothed if self.smoothed is not None else self.ratio

    def as_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.code,
            "observed": self.observed.number_or_sign,
            "expected": round(self.expected, 1),
            "ratio": _round(self.ratio),
            "ci95": [_round(self.ci95[0]), _round(self.ci95[1])] if self.ci95 else None,
            "smoothed": _round(self.smoothed),
            "call": self.call,
        }


def _round(value: float | None) -> Any:
    return None if value is None else round(value, 2)


@dataclass(frozen=True)
class Ranking:
    gemeente: Area
    indicator: Indicator
    year: int | None
    rows: list[RankRow]
    # Wijken without a number (CBS ".", "x") or without a denominator that year.
    without_data: list[Area]

    def as_dict(self) -> dict[str, Any]:
        return {"rows": [row.as_dict() for row in self.rows]}

    def row_for(self, area: Area) -> RankRow | None:
        return next((r for r in self.rows if r.area.pk == area.pk), None)


def _number(value: IndicatorValue | None) -> Decimal | None:
    return value.value if value is not None and value.is_number else None


def rank_indicator(gemeente: Area, indicator: Indicator, *, year: int | None = None) -> Ranking:
    """Rank the wijken of a gemeente on one count indicator (the latest year with numbers)."""
    if gemeente.level != Area.Level.GEMEENTE:
        raise ServiceError(_("A ranking is made for a whole municipality."), field="gemeente")
    if not indicator.can_rank:
        raise ServiceError(
            _("%(title)s is not a count with a denominator; it cannot be ranked.")
            % {"title": indicator.title},
            field="indicator",
        )
    wijken = list(Area.objects.filter(parent=gemeente, level=Area.Level.WIJK).order_by("code"))
    return rank_wijken(
        gemeente, wijken, indicator, _values_for(gemeente, wijken, [indicator]), year=year
    )


def _values_for(
    gemeente: Area, wijken: list[Area], indicators: list[Indicator]
) -> dict[tuple[int, int, int], IndicatorValue]:
    """(indicator id, area id, year) → value, for the indicators and their denominators."""
    ids = {i.pk for i in indicators} | {i.denominator_id for i in indicators if i.denominator_id}
    found = IndicatorValue.objects.filter(
        indicator_id__in=ids, area_id__in=[gemeente.pk, *(w.pk for w in wijken)]
    )
    return {(v.indicator_id, v.area_id or 0, v.year): v for v in found}


def rank_wijken(
    gemeente: Area,
    wijken: list[Area],
    indicator: Indicator,
    values: dict[tuple[int, int, int], IndicatorValue],
    *,
    year: int | None = None,
) -> Ranking:
    """The ranking from values already read (one query for every indicator of a page)."""
    assert indicator.denominator_id is not None
    years = {y for (ind, _area, y), v in values.items() if ind == indicator.pk and v.is_number}
    chosen = year if year is not None else (max(years) if years else None)
    if chosen is None:
        return Ranking(gemeente, indicator, None, [], list(wijken))

    def get(ind: int, area: Area) -> Decimal | None:
        return _number(values.get((ind, area.pk, chosen)))

    rate = _gemeente_rate(gemeente, wijken, indicator, get)
    prepared: list[tuple[Area, Decimal, float]] = []
    without: list[Area] = []
    for wijk in wijken:
        count, base = get(indicator.pk, wijk), get(indicator.denominator_id, wijk)
        if count is None or base is None or rate is None:
            without.append(wijk)
            continue
        prepared.append((wijk, count, float(base)))
    return Ranking(gemeente, indicator, chosen, rank_rows(prepared, rate), without)


def rank_rows(prepared: list[tuple[Area, Decimal, float]], rate: Decimal | None) -> list[RankRow]:
    """(wijk, count, denominator) against the gemeente's rate: the rows of any ranking.

    The same arithmetic for CBS counts and beschikkingen: ``matrix.rank_cells``,
    the code that ranks a whole CBS year at once, with the disclosure control.
    """
    ranked = matrix.rank_cells(
        np.array([float(count) for _wijk, count, _base in prepared], dtype=np.float64),
        np.array([base for _wijk, _count, base in prepared], dtype=np.float64),
        np.zeros(len(prepared), dtype=np.intp),
        np.array([float(rate) if rate is not None else np.nan]),
    )
    calls = {matrix.HIGHER: rates.Call.HIGHER, matrix.LOWER: rates.Call.LOWER}
    rows = []
    for index, (wijk, wijk_count, wijk_base) in enumerate(prepared):
        shown = show_count(int(wijk_count.to_integral_value()))
        expected = float(rate or 0) * wijk_base
        ratio = float(ranked.ratio[index])
        if np.isnan(ratio):
            rows.append(RankRow(wijk, shown, expected, None, None, None, rates.Call.UNSURE))
            continue
        smoothed = float(ranked.smoothed[index])
        rows.append(
            RankRow(
                wijk,
                shown,
                expected,
                ratio,
                (float(ranked.lower[index]), float(ranked.upper[index])),
                None if np.isnan(smoothed) else smoothed,
                calls.get(int(ranked.call[index]), rates.Call.UNSURE),
            )
        )
    return rows


def _gemeente_rate(
    gemeente: Area, wijken: list[Area], indicator: Indicator, get: Any
) -> Decimal | None:
    """The gemeente's own count / denominator, or else the sum over its wijken."""
    assert indicator.denominator_id is not None
    count, base = get(indicator.pk, gemeente), get(indicator.denominator_id, gemeente)
    if count is None or base is None:
        pairs = [(get(indicator.pk, w), get(indicator.denominator_id, w)) for w in wijken]
        pairs = [(c, b) for c, b in pairs if c is not None and b is not None]
        count, base = (
            sum((c for c, _ in pairs), Decimal(0)),
            sum((b for _, b in pairs), Decimal(0)),
        )
    if not base:
        return None
    return count / base


def theme_indicator(theme: TaxonomyTerm) -> Indicator | None:
    """The count indicator a theme is ranked on: the first one where higher is worse, else any."""
    candidates = [i for i in theme.indicators.order_by("order", "key") if i.can_rank]
    worse = [i for i in candidates if i.direction == Indicator.Direction.HIGHER_WORSE]
    chosen = worse or candidates
    return chosen[0] if chosen else None


def rank_theme(gemeente: Area, theme: TaxonomyTerm) -> Ranking:
    indicator = theme_indicator(theme)
    if indicator is None:
        raise ServiceError(
            _("No count indicator is linked to the theme %(theme)s.") % {"theme": theme.name},
            field="theme",
        )
    return rank_indicator(gemeente, indicator)


# CBS names wijken "Wijk 08 Zuidwest"; in a sentence people say "Zuidwest".
_NUMBERED = re.compile(r"^(?:wijk|buurt) \d+ ", re.IGNORECASE)


def spoken_name(area: Area) -> str:
    return _NUMBERED.sub("", area.name) or area.name


def sentence(row: RankRow, ranking: Ranking) -> str:
    """The plain Dutch sentence for one wijk, saying only what the interval supports."""
    subject = ranking.indicator.title[:1].lower() + ranking.indicator.title[1:]
    return sentence_about(row, subject, ranking.gemeente)


def sentence_about(row: RankRow, subject: str, gemeente: Area) -> str:
    """The sentence for any ranked count: ``subject`` is what is counted, in the plural."""
    names = {"area": spoken_name(row.area), "subject": subject, "gemeente": gemeente.name}
    if row.ratio is None:
        return (
            _(
                "In %(area)s there are too few %(subject)s or inhabitants to compare with "
                "%(gemeente)s."
            )
            % names
        )
    ratio = number_format(row.ratio, 1)
    if row.call == rates.Call.HIGHER:
        return _(
            "In %(area)s, %(subject)s occur about %(ratio)s times as often as on average in "
            "%(gemeente)s; that is probably not chance."
        ) % {**names, "ratio": ratio}
    if row.call == rates.Call.LOWER:
        return _(
            "In %(area)s, %(subject)s occur less often than on average in %(gemeente)s "
            "(about %(ratio)s times as often); that is probably not chance."
        ) % {**names, "ratio": ratio}
    return (
        _(
            "In %(area)s, %(subject)s do not clearly occur more or less often than on average in "
            "%(gemeente)s; the difference may be chance."
        )
        % names
    )


def rank_many(gemeente: Area, indicators: list[Indicator]) -> dict[int, Ranking]:
    """Rankings for several indicators with one query (the wijk page)."""
    wijken = list(Area.objects.filter(parent=gemeente, level=Area.Level.WIJK).order_by("code"))
    ranked = [i for i in indicators if i.can_rank]
    values = _values_for(gemeente, wijken, ranked)
    by_indicator: dict[int, Ranking] = defaultdict()
    for indicator in ranked:
        by_indicator[indicator.pk] = rank_wijken(gemeente, wijken, indicator, values)
    return dict(by_indicator)
