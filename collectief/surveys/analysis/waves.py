"""Wave comparison: agree shares per statement before and after, with a z-test.

``comparison_sentence`` says the change in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collectief.lib import stats
from collectief.surveys.analysis.analyse import analyse_survey
from collectief.surveys.analysis.results import QuestionResult
from collectief.surveys.models import Survey, Wave


@dataclass
class Comparison:
    question: QuestionResult
    before: QuestionResult
    after: QuestionResult
    test: stats.ProportionTest | None

    @property
    def difference_points(self) -> float | None:
        if self.before.agree_pct is None or self.after.agree_pct is None:
            return None
        return self.after.agree_pct - self.before.agree_pct

    @property
    def sentence(self) -> str:
        return comparison_sentence(
            self.difference_points, self.test, self.after.text, self.after_name
        )

    after_name: str = ""


def comparison_sentence(
    difference: float | None,
    test: stats.ProportionTest | None,
    statement: str,
    wave_name: str,
) -> str:
    """A plain Dutch sentence about a change in the agree share between two waves."""
    if difference is None or test is None:
        return _("There are not enough answers in both waves to compare.")
    points = round(abs(difference))
    if points == 0:
        change = _("In %(wave)s about as many people agree with “%(statement)s”.") % {
            "wave": wave_name,
            "statement": statement,
        }
    else:
        template = (
            ngettext(
                "In %(wave)s %(points)s percentage point more people agree with “%(statement)s”.",
                "In %(wave)s %(points)s percentage points more people agree with “%(statement)s”.",
                points,
            )
            if difference > 0
            else ngettext(
                "In %(wave)s %(points)s percentage point fewer people agree with “%(statement)s”.",
                "In %(wave)s %(points)s percentage points fewer people agree with "
                "“%(statement)s”.",
                points,
            )
        )
        change = template % {"wave": wave_name, "points": points, "statement": statement}
    verdict = (
        _("This difference is probably not chance.")
        if test.significant
        else _("This difference may be chance.")
    )
    return f"{change} {verdict}"


def compare_waves(survey: Survey, before: Wave, after: Wave) -> list[Comparison]:
    """Agree shares per statement in two waves, with a two-proportion z-test."""
    first = analyse_survey(survey, wave=before).by_code()
    second = analyse_survey(survey, wave=after).by_code()
    comparisons = []
    for code, a in first.items():
        if not a.is_likert:
            continue
        b = second[code]
        test = (
            stats.two_proportion_z_test(a.agree or 0, a.n, b.agree or 0, b.n)
            if a.n and b.n and not (a.suppressed or b.suppressed)
            else None
        )
        comparison = Comparison(b, a, b, test)
        comparison.after_name = after.name
        comparisons.append(comparison)
    return comparisons
