"""Which survey results a report shows for its period.

A survey belongs to a period when responses to it were submitted in that
period. A survey with measurements (waves) is reported per measurement: the
latest measurement with responses in the period (a year's report shows that
year's measurement, not an average of two). Without a period, the latest
measurement. A survey without waves is reported over all its responses.

The numbers come from ``collectief.surveys.analysis.analyse_survey``, which
already hides everything about fewer than 5 respondents (DESIGN §4); the
report hides a bit more (see ``agree_share``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from collectief.accounts.models import Organisation
from collectief.lib.periods import ReportPeriod
from collectief.lib.suppression import is_small
from collectief.stories.models import Quote
from collectief.surveys.analysis import QuestionResult, SurveyResults, analyse_survey
from collectief.surveys.models import Response, Survey, Wave


@dataclass
class Measurement:
    survey: Survey
    wave: Wave | None
    results: SurveyResults
    first: dt.datetime | None
    last: dt.datetime | None

    @property
    def shown(self) -> bool:
        """False when the survey has too few respondents to show anything."""
        return not self.results.suppressed


def _bounds(period: ReportPeriod) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(period.end, dt.time.min, tzinfo=tz)
    return start, end


def measurements(organisation: Organisation, period: ReportPeriod | None) -> list[Measurement]:
    """The surveys (and their measurement) the report shows, oldest first."""
    found = []
    surveys = Survey.objects.for_organisation(organisation).exclude(status=Survey.Status.DRAFT)
    for survey in surveys.order_by("created_at", "pk"):
        responses = Response.objects.filter(survey=survey)
        if period is not None:
            start, end = _bounds(period)
            responses = responses.filter(submitted_at__gte=start, submitted_at__lt=end)
        wave_ids = set(responses.exclude(wave=None).values_list("wave_id", flat=True))
        wave = (
            survey.waves.filter(pk__in=wave_ids).order_by("-starts_at", "-pk").first()
            if wave_ids
            else None
        )
        if wave is None and not responses.exists():
            continue
        counted = Response.objects.filter(survey=survey)
        if wave is not None:
            counted = counted.filter(wave=wave)
        times = counted.order_by("submitted_at").values_list("submitted_at", flat=True)
        results = analyse_survey(survey, wave=wave)
        found.append(
            Measurement(
                survey, wave, results, times.first(), times.order_by("-submitted_at").first()
            )
        )
    return found


def agree_share(question: QuestionResult) -> float | None:
    """The (helemaal) mee eens share, or None when it would say something about
    fewer than 5 people: the analysis already hides a statement with fewer
    than 5 valid answers; here also a share whose agreeing or not-agreeing
    group is smaller than 5 (86 % of 7 people is 6 of 7, so 1 is known)."""
    if question.suppressed or question.agree_pct is None or question.agree is None:
        return None
    if is_small(question.agree) or is_small(question.n - question.agree):
        return None
    return question.agree_pct


def quotes_for(measurement: Measurement) -> list[str]:
    """The open answers marked as quotes in the results of this survey (and measurement)."""
    if not measurement.shown:
        return []
    quotes: Any = Quote.objects.filter(answer__question__survey=measurement.survey)
    if measurement.wave is not None:
        quotes = quotes.filter(answer__response__wave=measurement.wave)
    texts = quotes.order_by("answer__response__submitted_at", "pk").values_list(
        "answer__text", flat=True
    )
    return [" ".join(text.split()) for text in texts if text and text.strip()]
