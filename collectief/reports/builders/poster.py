"""The change story poster, with the poster's own renderer (changestories.poster).

On screen it is the poster's template and stylesheet. On paper it gets a
page of its own with the poster's page size and margins, at the fit level
``poster_pdf.render_poster`` measured with WeasyPrint for one page, so it
lays out exactly as the poster PDF does. A story too long for one page even
at the smallest type is shown as the poster's SVG, scaled to the page.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.changestories import poster_fit
from collectief.changestories.poster import poster_context, render_svg
from collectief.changestories.services import get_story
from collectief.reports.sections import BuildContext, Omitted, SectionContent


def _has_content(content: dict[str, Any]) -> bool:
    return any(content[k] for k in ("target_groups", "approaches", "effects", "contributions"))


class Poster:
    key = "poster"
    title = gettext_lazy("Our change story")
    default_position = 20

    def build(self, ctx: BuildContext) -> SectionContent | Omitted:
        story = get_story(ctx.organisation)
        if story.pk is None:
            return Omitted(_("The organisation has no change story yet."))
        context = poster_context(story)
        if not _has_content(context["content"]):
            return Omitted(_("The change story is still empty."))
        svg = ""
        if ctx.for_print:
            from collectief.changestories.poster_pdf import render_poster

            measured = render_poster(story)
            context["fit"] = measured.level
            context["columns"] = poster_fit.LEVELS[measured.level][1] and bool(context["figures"])
            context["shrink"] = 0
            if measured.scale > 1:
                svg = render_svg(story)
        html = render_to_string("changestories/_poster.html", context)
        return SectionContent(
            key=self.key,
            title=str(self.title),
            template="reports/sections/poster.html",
            data={
                "html": html,
                "svg": svg,
                "palette": context["palette"],
                "source": {
                    "label": _("Change story poster"),
                    "url": reverse("changestories:poster", args=[ctx.organisation.slug]),
                },
            },
        )
