"""Where samen duiden gets its quotes: one function, so the source can change in one place.

Today the quotes are the open survey answers a medewerker marked as a quote
(``surveys.Quote``) whose question is linked to the effect, from surveys with
at least ``MIN_COUNT`` responses (below that, separate answers are not shown
anywhere). When the ``stories`` app lands, ``effect_quotes`` becomes a call
of ``collectief.stories.services.quotes_for_effect(effect, public_only=True)``
and nothing else in this app changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from collectief.changestories.models import Effect
from collectief.lib.suppression import MIN_COUNT
from collectief.surveys.models import Quote, Response

MAX_QUOTES = 6


@dataclass(frozen=True)
class EffectQuote:
    text: str
    source: str  # where it comes from, e.g. the survey's title


def effect_quotes(effect: Effect) -> list[EffectQuote]:
    """Quotes about ``effect`` that may be shown to the group and printed."""
    quotes = list(
        Quote.objects.filter(answer__question__effect=effect)
        .exclude(answer__text="")
        .exclude(answer__text__isnull=True)
        .select_related("answer__question__survey")
        .order_by("created_at", "id")
    )
    survey_ids = {q.answer.question.survey_id for q in quotes}
    sizes = dict(
        Response.objects.filter(survey_id__in=survey_ids)
        .values_list("survey_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        EffectQuote(text=(q.answer.text or "").strip(), source=q.answer.question.survey.title)
        for q in quotes
        if sizes.get(q.answer.question.survey_id, 0) >= MIN_COUNT
    ][:MAX_QUOTES]
