"""The built-in kinds of shared result: veranderverhaal, feiten & cijfers, survey results.

Each ``render`` reads the owner's own object again (an id of another
organisation finds nothing) and returns what the owner's own pages would
show a reader, without anything a reader of another organisation may not
see: survey results are the surveys app's analysed results with all its
suppression (fewer than 5 respondents: no numbers; small groups hidden),
overall only, without open answers, breakdowns or raw responses.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.changestories.models import ChangeStory
from collectief.figures.models import Figure
from collectief.sharing.registry import Shareable, SharedContent, ShareKind, register
from collectief.surveys.analysis import MIN_GROUP_SIZE, SMALL_SAMPLE, analyse_survey
from collectief.surveys.charts import COLOURS
from collectief.surveys.models import LIKERT_LABELS, Survey
from collectief.surveys.results_layout import in_survey_order

ALL_FIGURES = "alle"


def _story_options(owner: Any) -> list[Shareable]:
    story = ChangeStory.objects.filter(organisation=owner).first()
    return [Shareable(str(story.pk), _("Our veranderverhaal"))] if story else []


def _story_render(owner: Any, object_id: str) -> SharedContent | None:
    if not object_id.isdigit():
        return None
    story = (
        ChangeStory.objects.filter(organisation=owner, pk=int(object_id))
        .prefetch_related("target_groups", "approaches", "effects__indicators", "contributions")
        .first()
    )
    if story is None:
        return None
    return SharedContent("sharing/kinds/changestory.html", {"story": story}, _("Veranderverhaal"))


def _figures_options(owner: Any) -> list[Shareable]:
    if not Figure.objects.for_organisation(owner).exists():
        return []
    return [Shareable(ALL_FIGURES, _("All our facts and figures"))]


def _figures_render(owner: Any, object_id: str) -> SharedContent | None:
    if object_id != ALL_FIGURES:
        return None
    figures = list(Figure.objects.for_organisation(owner).order_by("order", "label"))
    return SharedContent(
        "sharing/kinds/figures.html", {"figures": figures}, _("Facts and figures")
    )


def _survey_options(owner: Any) -> list[Shareable]:
    return [
        Shareable(str(pk), title)
        for pk, title in Survey.objects.filter(organisation=owner)
        .order_by("-id")
        .values_list("pk", "title")
    ]


def _survey_render(owner: Any, object_id: str) -> SharedContent | None:
    if not object_id.isdigit():
        return None
    survey = Survey.objects.filter(organisation=owner, pk=int(object_id)).first()
    if survey is None:
        return None
    results = analyse_survey(survey)
    return SharedContent(
        "sharing/kinds/survey.html",
        {
            "survey": survey,
            "results": results,
            "sections": in_survey_order(results),
            "legend": list(
                zip(COLOURS, [str(LIKERT_LABELS[v]) for v in range(1, 6)], strict=True)
            ),
            "min_group": MIN_GROUP_SIZE,
            "small_sample": SMALL_SAMPLE,
            # Another organisation never reads separate answers.
            "may_read_responses": False,
        },
        _("Results: %(title)s") % {"title": survey.title},
    )


BUILT_IN = [
    ShareKind(
        "veranderverhaal",
        gettext_lazy("veranderverhaal"),
        _story_options,
        _story_render,
        order=10,
    ),
    ShareKind(
        "cijfers", gettext_lazy("facts and figures"), _figures_options, _figures_render, order=20
    ),
    ShareKind(
        "vragenlijst",
        gettext_lazy("survey results"),
        _survey_options,
        _survey_render,
        order=30,
    ),
]


def register_built_in() -> None:
    for kind in BUILT_IN:
        register(kind)
