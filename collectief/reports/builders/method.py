"""How we measured: who answered, how many, when, and how results are rounded and hidden."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.lib.suppression import MIN_COUNT, is_small
from collectief.reports.builders.results import measurement_source
from collectief.reports.measurements import Measurement, measurements
from collectief.reports.sections import BuildContext, Omitted, SectionContent, number, table
from collectief.surveys.analysis import SMALL_SAMPLE


def _when(m: Measurement) -> str:
    if m.first is None or m.last is None:
        return "–"
    first = formats.date_format(m.first, "j F Y")
    last = formats.date_format(m.last, "j F Y")
    return first if first == last else f"{first} – {last}"


class Method:
    key = "method"
    title = gettext_lazy("How we measured")
    default_position = 90

    def build(self, ctx: BuildContext) -> SectionContent | Omitted:
        found: list[Measurement] = ctx.cached(
            "measurements", lambda: measurements(ctx.organisation, ctx.period)
        )
        if not found:
            return Omitted(_("No survey has answers in this period."))
        rows = []
        for m in found:
            n = m.results.n_responses
            rows.append(
                [
                    m.survey.title,
                    m.wave.name if m.wave else _("all answers"),
                    _when(m),
                    number(str(n), measurement_source(m))
                    if not is_small(n)
                    else _("fewer than %(min)s") % {"min": MIN_COUNT},
                ]
            )
        return SectionContent(
            key=self.key,
            title=str(self.title),
            template="reports/sections/method.html",
            data={
                "table": table(
                    _("Who answered"),
                    [_("Survey"), _("Measurement"), _("When"), _("Responses")],
                    rows,
                ),
                "min_count": MIN_COUNT,
                "small_sample": SMALL_SAMPLE,
            },
        )
