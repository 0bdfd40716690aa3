"""The results page in the order of the survey (issue 10.9).

A member reads the results as the survey runs: part by part, question by
question. Statements that follow each other and belong to the same direct
effect share one table and chart (as in the magazine's tables); every other
question gets its own card at its place; a tested questionnaire's score
appears where its first question is. A statement that belongs to a tested
questionnaire is summarised by that score only, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from collectief.surveys.analysis import SurveyResults
from collectief.surveys.analysis.results import EffectTable, QuestionResult, ScaleResult
from collectief.surveys.charts import stacked_bar_chart


@dataclass
class ResultBlock:
    kind: str  # "statements", "question" or "scale"
    table: EffectTable | None = None
    chart: Any = None
    question: QuestionResult | None = None
    scale: ScaleResult | None = None
    number: int = 0  # unique on the page, for ids and aria references


@dataclass
class ResultSection:
    section_id: int | None
    title: str
    blocks: list[ResultBlock] = field(default_factory=list)


def in_survey_order(results: SurveyResults) -> list[ResultSection]:
    """Parts with their result blocks, in the order of the survey."""
    scales = {scale.code: scale for scale in results.scales}
    placed: set[str] = set()
    sections: list[ResultSection] = []
    for question in results.questions:
        if not sections or sections[-1].section_id != question.section_id:
            sections.append(ResultSection(question.section_id, question.section))
        blocks = sections[-1].blocks
        scale = scales.get(question.instrument) if question.instrument else None
        if scale is not None and scale.code not in placed:
            blocks.append(ResultBlock("scale", scale=scale))
            placed.add(scale.code)
        if question.is_likert and question.instrument:
            continue  # summarised by the questionnaire's score
        if question.is_likert:
            last = blocks[-1] if blocks else None
            if (
                last is not None
                and last.kind == "statements"
                and last.table is not None
                and last.table.effect_id == question.effect_id
            ):
                last.table.questions.append(question)
            else:
                name = question.effect or _("Statements")
                table = EffectTable(question.effect_id, name, [question])
                blocks.append(ResultBlock("statements", table=table))
            continue
        blocks.append(ResultBlock("question", question=question))
    blocks_in_order = [block for section in sections for block in section.blocks]
    for number, block in enumerate(blocks_in_order, start=1):
        block.number = number
        if block.kind == "statements" and block.table is not None:
            block.chart = stacked_bar_chart(block.table.questions)
    return [section for section in sections if section.blocks]
