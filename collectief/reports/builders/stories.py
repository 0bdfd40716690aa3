"""Stories: per direct effect, the consented stories and their quotes (magazine p. 34–35).

Only what may leave the stories app reaches a report: stories from
``public_stories`` (newest consent "with name" or "anonymous", not
withdrawn) and quotes from ``quotes_for_effect`` of those stories. A
withdrawn or internal story is never in it, and withdrawing consent takes
it out of the next build (a published version keeps what was published
then, as printed paper does). Quotes of survey answers are in "wat het
oplevert" already and are not repeated here.

A story told in the period belongs to the period; it is placed under the
first of its direct effects (in the change story's order) and names the
others; a story without an effect comes at the end. The photo of a story
told with name is shown; an anonymous story has none.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.reports.builders.basics import image_data
from collectief.reports.sections import BuildContext, Omitted, SectionContent
from collectief.stories.models import ConsentLevel, Story
from collectief.stories.services import effects_of, public_stories, quotes_for_effect


def _story(story: Story, effect_names: list[str]) -> dict[str, Any]:
    anonymous = getattr(story, "consent_level", None) == ConsentLevel.ANONYMOUS
    return {
        "id": story.pk,
        "title": story.title,
        "text": story.text,
        "role": str(story.get_author_role_display()),
        "name": "" if anonymous else story.author_name,
        "anonymous": anonymous,
        "told_on": formats.date_format(story.told_on, "F Y"),
        "effects": effect_names,
        "photo": None if anonymous else image_data(story.photo, story.photo_alt),
        "url": reverse("stories:public_detail", args=[story.organisation.slug, story.pk]),
    }


def _name(effect: Any) -> str:
    return str(effect.name or effect.description)


class Stories:
    key = "stories"
    title = gettext_lazy("Stories")
    default_position = 40

    def build(self, ctx: BuildContext) -> SectionContent | Omitted:
        stories = list(
            public_stories(ctx.organisation)
            .select_related("organisation")
            .prefetch_related("effects")
            .order_by("told_on", "pk")
        )
        if ctx.period is not None:
            stories = [s for s in stories if ctx.period.contains(s.told_on)]
        if not stories:
            return Omitted(
                _(
                    "There are no stories told in this period with consent to publish "
                    "(with name or anonymously)."
                )
            )
        effects = list(effects_of(ctx.organisation))
        order = {e.pk: index for index, e in enumerate(effects)}
        shown = {s.pk for s in stories}
        placed: dict[int | None, list[dict[str, Any]]] = {}
        for story in stories:
            linked = sorted(
                (e for e in story.effects.all() if e.pk in order), key=lambda e: order[e.pk]
            )
            home = linked[0].pk if linked else None
            placed.setdefault(home, []).append(_story(story, [_name(e) for e in linked]))
        groups = []
        for effect in effects:
            quotes = [
                q.text
                for q in quotes_for_effect(effect)
                if q.story_id is not None and q.story_id in shown
            ]
            if effect.pk in placed or quotes:
                groups.append(
                    {
                        "name": _name(effect),
                        "description": effect.description if effect.name else "",
                        "stories": placed.get(effect.pk, []),
                        "quotes": quotes,
                    }
                )
        if None in placed:
            groups.append(
                {
                    "name": _("Other stories"),
                    "description": "",
                    "stories": placed[None],
                    "quotes": [],
                }
            )
        return SectionContent(
            key=self.key,
            title=str(self.title),
            template="reports/sections/stories.html",
            data={"groups": groups},
            has_period_data=True,
        )
