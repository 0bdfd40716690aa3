"""Where samen duiden gets its quotes: one function, so the source can change in one place.

The quotes are the stories app's quotes linked to the effect
(``stories.services.quotes_for_effect`` with ``public_only=True``): spans of
stories whose consent allows showing them, and open survey answers a
medewerker marked as a quote. A survey answer is shown only when its survey
has at least ``MIN_COUNT`` responses (below that, separate answers are not
shown anywhere, DESIGN §4).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from collectief.changestories.models import Effect
from collectief.lib.suppression import MIN_COUNT
from collectief.stories.models import ConsentLevel
from collectief.stories.services import consent_level_of, quotes_for_effect
from collectief.surveys.models import Response

MAX_QUOTES = 6


@dataclass(frozen=True)
class EffectQuote:
    text: str
    source: str  # where it comes from, e.g. the survey's title or the story's teller


def effect_quotes(effect: Effect) -> list[EffectQuote]:
    """Quotes about ``effect`` that may be shown to the group and printed."""
    quotes = list(
        quotes_for_effect(effect, public_only=True).select_related(
            "answer__question__survey", "story"
        )
    )
    survey_ids = {q.answer.question.survey_id for q in quotes if q.answer is not None}
    sizes = dict(
        Response.objects.filter(survey_id__in=survey_ids)
        .values_list("survey_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    shown: list[EffectQuote] = []
    for quote in quotes:
        if quote.answer is not None:
            survey = quote.answer.question.survey
            if sizes.get(survey.pk, 0) < MIN_COUNT:
                continue
            source = survey.title
        else:
            story = quote.story
            assert story is not None
            level = consent_level_of(quote)
            if level == ConsentLevel.NAMED and story.author_name:
                source = story.author_name
            else:
                source = _("a story: %(role)s") % {"role": story.get_author_role_display()}
        shown.append(EffectQuote(text=quote.text.strip(), source=source))
    return shown[:MAX_QUOTES]
