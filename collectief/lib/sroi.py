"""SROI arithmetic exactly as the SROI Guide, in Decimal, without Django.

Per outcome *i* (Q = quantity, P = financial proxy, D = duration in years):

    impact[i][1] = Q × P × (1 − deadweight) × (1 − displacement) × (1 − attribution)
    impact[i][t] = impact[i][t−1] × (1 − drop-off)            for t = 2 .. D
    PV           = Σ_t (Σ_i impact[i][t]) / (1 + r)^t        for t = 1 .. max D
                   (year 1 is discounted once; the investment is not discounted)
    NPV          = PV − I
    ratio        = PV / I           net ratio = (PV − I) / I
    payback      = I / (year-1 impact / 12) months

I is the total of the inputs. Nothing is rounded here: callers round for
display only. With I = 0 there is no ratio (division by zero); ``Result``
says why with ``no_ratio_reason`` (a code, translated by the caller).

``sensitivity`` answers, for every assumption, "at which value would the
ratio be exactly 1:1?" and whether that value lies inside a plausible band
around the value used (see its docstring for the method per assumption).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

ZERO = Decimal(0)
ONE = Decimal(1)
TWELVE = Decimal(12)
# The Dutch standard discount rate for social cost-benefit analysis (MKBA),
# Werkgroep Discontovoet 2020, in force since 1 January 2021.
DEFAULT_DISCOUNT_RATE = Decimal("0.0225")
MAX_DURATION = 100
# Plausible band of the discount rate in the sensitivity analysis: no
# discounting at all up to the UK Green Book rate of 3.5 %.
DISCOUNT_BAND = (Decimal("0"), Decimal("0.035"))
# Plausible band of a deflator (deadweight, displacement, attribution,
# drop-off): one band step of 25 percentage points either way.
DEFLATOR_STEP = Decimal("0.25")
BISECTION_STEPS = 80

# Reasons there is no ratio (codes; the caller words them).
NO_INVESTMENT = "no_investment"

# How a break-even value was found.
ANALYTIC = "analytic"
BISECTION = "bisection"
SEARCH = "search"

# Where the ratio stands when no value of the assumption reaches 1:1.
ALWAYS_ABOVE = "always_above"
ALWAYS_BELOW = "always_below"

ASSUMPTIONS = ("quantity", "proxy", "deadweight", "displacement", "attribution", "dropoff")
OUTCOME_ASSUMPTIONS = (*ASSUMPTIONS, "duration")


@dataclass(frozen=True)
class Outcome:
    """One row of the impact map. Deflators are shares from 0 to 1."""

    label: str
    quantity: Decimal
    proxy: Decimal
    duration: int
    deadweight: Decimal = ZERO
    displacement: Decimal = ZERO
    attribution: Decimal = ZERO
    dropoff: Decimal = ZERO
    is_red: bool = False  # graded "rood": an estimate without data
    # Plausible band of quantity and proxy, relative (0.25 = 25 % either way).
    spread: Decimal = Decimal("0.25")

    def year_impacts(self) -> list[Decimal]:
        """The impact in each year 1 .. D (before discounting)."""
        if self.duration < 1:
            return []
        first = (
            self.quantity
            * self.proxy
            * (ONE - self.deadweight)
            * (ONE - self.displacement)
            * (ONE - self.attribution)
        )
        impacts = [first]
        for _year in range(2, self.duration + 1):
            impacts.append(impacts[-1] * (ONE - self.dropoff))
        return impacts


@dataclass(frozen=True)
class OutcomeResult:
    label: str
    year_impacts: tuple[Decimal, ...]
    present_value: Decimal
    is_red: bool


@dataclass(frozen=True)
class Result:
    investment: Decimal
    discount_rate: Decimal
    year_totals: tuple[Decimal, ...]  # Σ_i impact[i][t], t = 1 .. max D
    present_value: Decimal
    npv: Decimal
    ratio: Decimal | None
    net_ratio: Decimal | None
    payback_months: Decimal | None
    per_outcome: tuple[OutcomeResult, ...]
    red_share: Decimal | None  # share of PV from outcomes graded rood
    no_ratio_reason: str = ""

    @property
    def year_one_impact(self) -> Decimal:
        return self.year_totals[0] if self.year_totals else ZERO


def _discount_factors(rate: Decimal, years: int) -> list[Decimal]:
    base = ONE + rate
    return [base**t for t in range(1, years + 1)]


def present_value(outcomes: Sequence[Outcome], discount_rate: Decimal) -> Decimal:
    """PV = Σ_t (Σ_i impact[i][t]) / (1 + r)^t; year 1 is discounted once."""
    totals = _year_totals(outcomes)
    factors = _discount_factors(discount_rate, len(totals))
    return sum((total / factor for total, factor in zip(totals, factors, strict=True)), ZERO)


def _year_totals(outcomes: Sequence[Outcome]) -> list[Decimal]:
    years = max((o.duration for o in outcomes), default=0)
    totals = [ZERO] * years
    for outcome in outcomes:
        for index, impact in enumerate(outcome.year_impacts()):
            totals[index] += impact
    return totals


def calculate(outcomes: Sequence[Outcome], investment: Decimal, discount_rate: Decimal) -> Result:
    """Everything the page, the export and the report show; nothing rounded."""
    totals = _year_totals(outcomes)
    factors = _discount_factors(discount_rate, len(totals))
    pv = sum((total / factor for total, factor in zip(totals, factors, strict=True)), ZERO)
    per_outcome = []
    for outcome in outcomes:
        impacts = outcome.year_impacts()
        per_outcome.append(
            OutcomeResult(
                label=outcome.label,
                year_impacts=tuple(impacts),
                present_value=sum(
                    (impact / factors[index] for index, impact in enumerate(impacts)), ZERO
                ),
                is_red=outcome.is_red,
            )
        )
    # Red share against the sum of the per-outcome values, not against PV: the two
    # totals may differ in the 28th digit, which must not make the share exceed 1.
    red = sum((o.present_value for o in per_outcome if o.is_red), ZERO)
    outcome_total = sum((o.present_value for o in per_outcome), ZERO)
    red_share = min(ONE, red / outcome_total) if outcome_total > 0 else None
    year_one = totals[0] if totals else ZERO
    if investment <= 0:
        return Result(
            investment=investment,
            discount_rate=discount_rate,
            year_totals=tuple(totals),
            present_value=pv,
            npv=pv - investment,
            ratio=None,
            net_ratio=None,
            payback_months=None,
            per_outcome=tuple(per_outcome),
            red_share=red_share,
            no_ratio_reason=NO_INVESTMENT,
        )
    return Result(
        investment=investment,
        discount_rate=discount_rate,
        year_totals=tuple(totals),
        present_value=pv,
        npv=pv - investment,
        ratio=pv / investment,
        net_ratio=(pv - investment) / investment,
        payback_months=investment / (year_one / TWELVE) if year_one > 0 else None,
        per_outcome=tuple(per_outcome),
        red_share=red_share,
    )


# --- sensitivity -----------------------------------------------------------------------


@dataclass(frozen=True)
class Sensitivity:
    """One assumption: the ratio at both ends of its plausible band, and its break-even."""

    name: str  # one of OUTCOME_ASSUMPTIONS or "discount_rate"
    outcome_index: int | None  # None for the discount rate
    value: Decimal
    low: Decimal
    high: Decimal
    ratio_at_low: Decimal
    ratio_at_high: Decimal
    break_even: Decimal | None  # the value at which the ratio is exactly 1
    method: str  # ANALYTIC, BISECTION or SEARCH
    unreachable: str = ""  # ALWAYS_ABOVE / ALWAYS_BELOW when break_even is None

    @property
    def break_even_in_band(self) -> bool:
        """True when a plausible value of this assumption alone turns the ratio below 1:1."""
        return self.break_even is not None and self.low <= self.break_even <= self.high

    @property
    def swing(self) -> Decimal:
        return abs(self.ratio_at_high - self.ratio_at_low)


def _clamp(value: Decimal, low: Decimal, high: Decimal | None) -> Decimal:
    value = max(value, low)
    return min(value, high) if high is not None else value


def _band(outcome: Outcome, name: str) -> tuple[Decimal, Decimal]:
    value = getattr(outcome, name)
    if name in ("quantity", "proxy"):
        return value * (ONE - outcome.spread), value * (ONE + outcome.spread)
    if name == "duration":
        return Decimal(max(1, value - 1)), Decimal(min(MAX_DURATION, value + 1))
    return _clamp(value - DEFLATOR_STEP, ZERO, ONE), _clamp(value + DEFLATOR_STEP, ZERO, ONE)


def with_value(outcome: Outcome, name: str, value: Decimal) -> Outcome:
    """The outcome with one assumption changed (the duration as whole years)."""
    changes: dict[str, Any] = {name: int(value) if name == "duration" else value}
    return replace(outcome, **changes)


def _with(outcomes: Sequence[Outcome], index: int, name: str, value: Decimal) -> list[Outcome]:
    changed = list(outcomes)
    changed[index] = with_value(outcomes[index], name, value)
    return changed


def _bisect(
    pv_of: Callable[[Decimal], Decimal],
    low: Decimal,
    high: Decimal,
    target: Decimal,
    decreasing: bool,
) -> Decimal:
    for _step in range(BISECTION_STEPS):
        middle = (low + high) / 2
        above = pv_of(middle) > target
        if above == decreasing:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def sensitivity(
    outcomes: Sequence[Outcome], investment: Decimal, discount_rate: Decimal
) -> list[Sensitivity]:
    """Every assumption's break-even value and the ratio at the ends of its band.

    Sorted by the swing of the ratio over the band, largest first (the order of
    a tornado chart). Empty when there is no ratio (investment 0).

    How the break-even value is found, per assumption:

    - quantity, proxy and the three deflators deadweight, displacement and
      attribution: **analytically**. PV is linear in Q, in P and in each
      (1 − deflator): PV = PV_rest + c × x, where c is the outcome's PV with
      x = 1. The ratio is 1 where PV = I, so x = (I − PV_rest) / c. Exact, and
      cheap enough for every outcome on every page view.
    - drop-off and the discount rate: **bisection**. PV is a polynomial of
      degree D in (1 − drop-off) and in 1 / (1 + r), which has no closed-form
      root for long durations; PV is monotone (never increasing) in both, so
      bisection on [0, 1] always converges, to far below a hundredth of a
      percentage point after 80 halvings.
    - duration: a **search** over whole years 1 .. 100; the break-even is the
      shortest duration at which the ratio reaches 1 (PV never falls when the
      duration grows).

    A break-even value outside the possible values (a share above 1, a
    negative quantity) means no value of this assumption alone reaches 1:1:
    ``unreachable`` then says whether the ratio stays above or below.
    """
    if investment <= 0:
        return []
    results: list[Sensitivity] = []
    for index in range(len(outcomes)):
        others = [o for i, o in enumerate(outcomes) if i != index]
        pv_rest = present_value(others, discount_rate)
        needed = investment - pv_rest  # the PV this outcome must bring for 1:1
        results.extend(
            _outcome_sensitivity(outcomes, index, name, needed, investment, discount_rate, pv_rest)
            for name in OUTCOME_ASSUMPTIONS
        )
    results.append(_discount_sensitivity(outcomes, investment, discount_rate))
    return sorted(results, key=lambda s: (-s.swing, s.outcome_index or 0))


def _ratio(outcomes: Sequence[Outcome], investment: Decimal, rate: Decimal) -> Decimal:
    return present_value(outcomes, rate) / investment


def _outcome_sensitivity(
    outcomes: Sequence[Outcome],
    index: int,
    name: str,
    needed: Decimal,
    investment: Decimal,
    rate: Decimal,
    pv_rest: Decimal,
) -> Sensitivity:
    outcome = outcomes[index]
    low, high = _band(outcome, name)
    ratio_low = _ratio(_with(outcomes, index, name, low), investment, rate)
    ratio_high = _ratio(_with(outcomes, index, name, high), investment, rate)
    value = Decimal(getattr(outcome, name))
    break_even: Decimal | None = None
    unreachable = ""
    if name in ("quantity", "proxy"):
        method = ANALYTIC
        per_unit = present_value([with_value(outcome, name, ONE)], rate)
        if needed <= 0:
            unreachable = ALWAYS_ABOVE
        elif per_unit == 0:
            unreachable = ALWAYS_BELOW
        else:
            break_even = needed / per_unit
    elif name in ("deadweight", "displacement", "attribution"):
        method = ANALYTIC
        full = present_value([with_value(outcome, name, ZERO)], rate)  # PV with 1 − x = 1
        if needed <= 0:
            unreachable = ALWAYS_ABOVE
        elif full == 0 or needed > full:
            unreachable = ALWAYS_BELOW
        else:
            break_even = ONE - needed / full
    elif name == "dropoff":
        method = BISECTION

        def pv_of(d: Decimal) -> Decimal:
            return pv_rest + present_value([replace(outcome, dropoff=d)], rate)

        if pv_of(ZERO) < investment:
            unreachable = ALWAYS_BELOW
        elif pv_of(ONE) >= investment:
            unreachable = ALWAYS_ABOVE
        else:
            break_even = _bisect(pv_of, ZERO, ONE, investment, decreasing=True)
    else:  # duration
        method = SEARCH
        if pv_rest + present_value([replace(outcome, duration=1)], rate) >= investment:
            unreachable = ALWAYS_ABOVE
        else:
            for years in range(2, MAX_DURATION + 1):
                pv = pv_rest + present_value([replace(outcome, duration=years)], rate)
                if pv >= investment:
                    break_even = Decimal(years)
                    break
            else:
                unreachable = ALWAYS_BELOW
    return Sensitivity(
        name=name,
        outcome_index=index,
        value=value,
        low=low,
        high=high,
        ratio_at_low=ratio_low,
        ratio_at_high=ratio_high,
        break_even=break_even,
        method=method,
        unreachable=unreachable,
    )


def _discount_sensitivity(
    outcomes: Sequence[Outcome], investment: Decimal, rate: Decimal
) -> Sensitivity:
    low, high = DISCOUNT_BAND
    low, high = min(low, rate), max(high, rate)
    break_even: Decimal | None = None
    unreachable = ""

    def pv_of(r: Decimal) -> Decimal:
        return present_value(outcomes, r)

    if pv_of(ZERO) < investment:
        unreachable = ALWAYS_BELOW
    elif pv_of(ONE) >= investment:
        unreachable = ALWAYS_ABOVE
    else:
        break_even = _bisect(pv_of, ZERO, ONE, investment, decreasing=True)
    return Sensitivity(
        name="discount_rate",
        outcome_index=None,
        value=rate,
        low=low,
        high=high,
        ratio_at_low=pv_of(low) / investment,
        ratio_at_high=pv_of(high) / investment,
        break_even=break_even,
        method=BISECTION,
        unreachable=unreachable,
    )
