"""Social value: the financial barometer, with every assumption beside its euros.

The valuation app's rule holds here too: no euro figure without its
assumptions in sight. The section shows the ratio with the share of the
value that rests on red (estimated) assumptions, the calculation step by
step, the three values of volunteer time side by side, the assumptions per
outcome (quantity, proxy with its source, duration, the four deflators and
the evidence grade) and what SROI does and does not say. An illustration is
marked as one. A valuation without outcomes is left out: there is no value
to explain.

The valuation has its own period (the year its inputs are about), shown
with it; it does not count as data of the report's period.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from collectief.reports.sections import (
    BuildContext,
    Omitted,
    SectionContent,
    Source,
    number,
    table,
)
from collectief.valuation.services import Assumption, ValuationSummary, valuation_summary
from collectief.valuation.templatetags.valuation_format import euro, pct, ratio
from collectief.valuation.templatetags.valuation_format import number as plain_number


def _grade(grade: str) -> str:
    return {"groen": _("green"), "oranje": _("orange"), "rood": _("red")}.get(grade, grade)


def _years(duration: int) -> str:
    return ngettext("%(n)s year", "%(n)s years", duration) % {"n": duration}


def _sources(summary: ValuationSummary) -> dict[str, Source]:
    label = _("Social value: %(title)s") % {"title": summary.title}
    return {
        "result": Source(label, summary.url),
        "assumptions": Source(
            _("Social value: %(title)s, the assumptions") % {"title": summary.title},
            summary.url + "#aannames",
        ),
        "volunteers": Source(
            _("Social value: %(title)s, volunteer time") % {"title": summary.title},
            summary.url + "#vrijwilligers",
        ),
    }


def _calculation_table(summary: ValuationSummary, source: Source) -> dict[str, Any]:
    def cell(text: str) -> Any:
        return number(text, source) if text != "–" else text

    return table(
        _("The calculation step by step"),
        [_("Step"), _("Amount")],
        [
            [
                _("Investment (everything that went in, not discounted)"),
                cell(euro(summary.investment)),
            ],
            [_("Present value of all years (discounted)"), cell(euro(summary.present_value))],
            [_("Net value (present value minus investment)"), cell(euro(summary.npv))],
            [_("Ratio (present value ÷ investment)"), cell(ratio(summary.ratio))],
            [
                _("Net ratio ((present value − investment) ÷ investment)"),
                cell(ratio(summary.net_ratio)),
            ],
            [
                _("Payback time in months (investment ÷ value of year 1 per month)"),
                cell(plain_number(summary.payback_months, 1)),
            ],
        ],
        notes=[
            _(
                "Value in year 1 = quantity × value per person × (1 − would have happened "
                "anyway) × (1 − displacement) × (1 − thanks to others). Each later year: the "
                "year before × (1 − drop-off). Every year is discounted at %(rate)s, year 1 once."
            )
            % {"rate": pct(summary.discount_rate)}
        ],
    )


def _assumption_row(a: Assumption, source: Source) -> list[Any]:
    return [
        _("%(outcome)s (for %(stakeholder)s)")
        % {"outcome": a.outcome, "stakeholder": a.stakeholder},
        number(f"{plain_number(a.quantity, 2)} × {euro(a.proxy)}", source),
        number(_years(a.duration), source),
        number(pct(a.deadweight), source),
        number(pct(a.displacement), source),
        number(pct(a.attribution), source),
        number(pct(a.dropoff), source),
        _grade(a.grade),
        number(euro(a.present_value), source),
    ]


def _assumption_sources(a: Assumption) -> str:
    parts = [_("value per person: %(source)s") % {"source": a.proxy_source}]
    if a.quantity_source:
        parts.insert(0, _("quantity: %(source)s") % {"source": a.quantity_source})
    if a.deflators_source:
        parts.append(_("percentages: %(source)s") % {"source": a.deflators_source})
    return f"{a.outcome}: " + "; ".join(parts) + "."


def _assumptions_table(summary: ValuationSummary, source: Source) -> dict[str, Any]:
    return table(
        _("Outcomes and their assumptions"),
        [
            _("Outcome"),
            _("Quantity × value per person per year"),
            _("Duration"),
            _("Would have happened anyway"),
            _("Displacement"),
            _("Thanks to others"),
            _("Drop-off per year"),
            _("Certainty"),
            _("Present value"),
        ],
        [_assumption_row(a, source) for a in summary.assumptions],
        notes=[
            *(_assumption_sources(a) for a in summary.assumptions),
            _(
                "Certainty: green = our own data; orange = what people say themselves, or a "
                "comparable study; red = an estimate."
            ),
        ],
    )


def _volunteer_values(summary: ValuationSummary, source: Source) -> list[dict[str, Any]]:
    names = {
        "replacement": (
            _("Replacement value"),
            _("What paid professionals would cost for the same work."),
        ),
        "opportunity": (_("Investment value"), _("The income the volunteers give up.")),
        "market": (_("Market value"), _("What a company would charge for the same service.")),
    }
    values = []
    for value in summary.volunteer_values:
        name, meaning = names[value.kind]
        values.append(
            {
                "kind": value.kind,
                "name": name,
                "meaning": meaning,
                "total": number(euro(value.total), source) if value.total is not None else None,
                "rate": euro(value.rate) if value.rate is not None else "",
                "source": value.source,
                "year": value.year or "",
            }
        )
    return values


class SocialValue:
    key = "valuation"
    title = gettext_lazy("Social value")
    default_position = 60

    def build(self, ctx: BuildContext) -> SectionContent | Omitted:
        summary = valuation_summary(ctx.organisation)
        if summary is None:
            return Omitted(_("The organisation has no social value calculation."))
        if not summary.assumptions:
            return Omitted(
                _("The social value calculation has no outcomes yet: there is no value to show.")
            )
        sources = _sources(summary)
        red_share = summary.red_share if summary.red_share is not None else Decimal(0)
        return SectionContent(
            key=self.key,
            title=str(self.title),
            template="reports/sections/valuation.html",
            data={
                "title": summary.title,
                "period": summary.period,
                "is_illustration": summary.is_illustration,
                "ratio": (
                    number(ratio(summary.ratio), sources["result"])
                    if summary.ratio is not None
                    else None
                ),
                "no_ratio_reason": summary.no_ratio_reason,
                "red_share": number(pct(red_share), sources["result"]),
                "outcome_count": len(summary.assumptions),
                "discount_rate": pct(summary.discount_rate),
                "calculation": _calculation_table(summary, sources["result"]),
                "assumptions": _assumptions_table(summary, sources["assumptions"]),
                "volunteer_hours": number(
                    plain_number(summary.volunteer_hours, 1), sources["volunteers"]
                ),
                "volunteer_values": _volunteer_values(summary, sources["volunteers"]),
                "url": summary.url,
            },
        )
