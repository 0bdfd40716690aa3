"""Exports: the responses (one row per respondent) with a codebook, and the results.

Responses can be written with answer labels ("Helemaal mee eens") or codes
("5", "dk", choice codes); the codebook says what every column and code means.
Results come from ``collectief.surveys.analysis`` so they equal the web page.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from collectief.lib import tabular
from collectief.surveys.analysis import (
    RESULTS_CSV_HEADERS,
    SurveyResults,
    results_as_dict,
    results_as_rows,
)
from collectief.surveys.models import DONT_KNOW_KEY, Answer, Question, Response, Survey

MULTI_SEPARATOR = "; "


def _number(text: str) -> Decimal | str:
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def results_csv_headers(*, dutch: bool) -> list[str]:
    """The results CSV's headers: Dutch words for spreadsheets, stable codes for machines."""
    if not dutch:
        return list(RESULTS_CSV_HEADERS)
    labels = {
        "code": _("code"),
        "text": _("question"),
        "type": _("type"),
        "effect": _("direct effect"),
        "n": "n",
        "answer": _("answer"),
        "count": _("count"),
        "pct_of_valid": _("share of valid answers (percent)"),
        "agree_pct": _("agree (percent)"),
        "agree_ci95_low": _("agree, 95 percent interval from"),
        "agree_ci95_high": _("agree, 95 percent interval to"),
        "mean": _("mean"),
        "median": _("median"),
        "q1": _("first quartile"),
        "q3": _("third quartile"),
    }
    return [labels[code] for code in RESULTS_CSV_HEADERS]


def _questions(survey: Survey) -> list[Question]:
    return list(
        survey.questions.select_related("section", "effect")
        .prefetch_related("choices")
        .order_by("section__order", "section_id", "order", "id")
    )


def responses_table(survey: Survey, *, codes: bool = False) -> tuple[list[str], list[list[Any]]]:
    """Headers and rows: response id, time, source, wave, then one column per question code."""
    questions = _questions(survey)
    labels: dict[int, dict[str, str]] = {q.pk: dict(q.answer_options()) for q in questions}
    choice_value = {c.pk: c.value for q in questions for c in q.choices.all()}
    by_response: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    answers = (
        Answer.objects.filter(response__survey=survey)
        .order_by("response_id", "id")
        .values_list("response_id", "question_id", "value", "choice_id", "text", "dont_know")
    )
    for response_id, question_id, value, choice_id, text, dont_know in answers.iterator(
        chunk_size=5000
    ):
        if dont_know:
            key = DONT_KNOW_KEY
        elif choice_id is not None:
            key = choice_value.get(choice_id, "")
        elif value is not None:
            key = str(value)
        else:
            key = text or ""
        by_response[response_id][question_id].append(key)
    headers = [_("response"), _("submitted"), _("source"), _("wave")] + [q.code for q in questions]
    rows = []
    responses = (
        Response.objects.filter(survey=survey)
        .select_related("wave")
        .order_by("submitted_at", "id")
    )
    for response in responses.iterator(chunk_size=2000):
        cells: list[Any] = [
            response.pk,
            response.submitted_at.isoformat(timespec="seconds"),
            response.source,
            response.wave.name if response.wave else "",
        ]
        given = by_response.get(response.pk, {})
        for q in questions:
            keys = given.get(q.pk, [])
            if q.type == Question.Type.NUMBER and len(keys) == 1 and keys[0] != DONT_KNOW_KEY:
                # A number stays a number: a numeric cell in XLSX, a decimal comma in CSV.
                cells.append(_number(keys[0]))
                continue
            if q.type in Question.TEXT_TYPES or q.type == Question.Type.NUMBER or codes:
                values = keys
            else:
                values = [labels[q.pk].get(k, k) for k in keys]
            cells.append(MULTI_SEPARATOR.join(values))
        rows.append(cells)
    return headers, rows


def codebook(survey: Survey) -> tuple[list[str], list[list[Any]]]:
    """What each column means: code, question, type, section, effect, answer codes."""
    headers = [
        _("code"),
        _("question"),
        _("type"),
        _("section"),
        _("direct effect"),
        _("answer codes"),
    ]
    rows = []
    for q in _questions(survey):
        options = " | ".join(f"{key} = {label}" for key, label in q.answer_options())
        if q.type == Question.Type.MULTIPLE_CHOICE:
            options += " " + _("(several answers separated by ';')")
        if q.type == Question.Type.NUMBER and (q.min_value is not None or q.max_value is not None):
            options = _("number from %(min)s to %(max)s") % {
                "min": "" if q.min_value is None else q.min_value,
                "max": "" if q.max_value is None else q.max_value,
            }
        effect = (q.effect.name or q.effect.description) if q.effect else ""
        rows.append([q.code, q.text, q.get_type_display(), q.section.title, effect, options])
    return headers, rows


def responses_csv(survey: Survey, *, codes: bool = False) -> bytes:
    headers, rows = responses_table(survey, codes=codes)
    return tabular.write_csv(headers, rows)


def codebook_csv(survey: Survey) -> bytes:
    headers, rows = codebook(survey)
    return tabular.write_csv(headers, rows)


def responses_xlsx(survey: Survey, *, codes: bool = False) -> bytes:
    """A workbook with the responses and the codebook as two sheets."""
    return tabular.write_xlsx(
        {
            _("responses"): responses_table(survey, codes=codes),
            _("codebook"): codebook(survey),
        }
    )


def results_json(results: SurveyResults) -> bytes:
    return json.dumps(results_as_dict(results), ensure_ascii=False, indent=2).encode("utf-8")


def results_csv(results: SurveyResults, *, excel_friendly: bool = True) -> bytes:
    """``;``, Dutch headers and decimal commas for Excel; ``,`` and codes for machines (CLI)."""
    return tabular.write_csv(
        results_csv_headers(dutch=excel_friendly),
        results_as_rows(results),
        excel_friendly=excel_friendly,
    )
