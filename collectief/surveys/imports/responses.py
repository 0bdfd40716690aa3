"""Import responses from CSV/XLSX exports of other survey tools.

``plan_response_import`` reads the file and works out, without writing
anything, which column belongs to which question and what every cell means.
The preview page and ``collectief survey import-responses`` show its
problems; ``import_responses`` (in ``services``) stores a plan in one
transaction. Google Forms, Microsoft Forms, LimeSurvey and KoboToolbox
exports are recognised: their metadata columns are skipped, grid headers
("Vraag [stelling]") and group paths ("groep/vraag") are understood.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from collectief.lib import tabular
from collectief.surveys.imports.labels import (
    DONT_KNOW,
    QuestionKey,
    header_candidates,
    likert_value,
    match_headers,
    normalise,
    yes_no_value,
)
from collectief.surveys.models import Question, Survey

MAX_PROBLEMS = 500


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    value: str
    message: str

    def __str__(self) -> str:
        if self.row is None and self.column is None:
            return self.message
        if self.row is None:
            return _("Column '%(column)s': %(message)s") % {
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s, column '%(column)s': %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ParsedAnswer:
    question_id: int
    value: int | None = None
    choice_id: int | None = None
    text: str | None = None
    dont_know: bool = False


@dataclass
class ParsedRow:
    number: int
    answers: list[ParsedAnswer]


@dataclass
class ImportPlan:
    survey_id: int
    file_hash: str
    encoding: str | None
    delimiter: str | None
    mapping: dict[str, str] = field(default_factory=dict)  # header → question code
    unmatched_headers: list[str] = field(default_factory=list)
    skipped_headers: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: list[ParsedRow] = field(default_factory=list)
    unanswered_questions: list[str] = field(default_factory=list)

    @property
    def header_problems(self) -> list[Problem]:
        return [
            Problem(
                None,
                header,
                "",
                _("this column does not match a question (by code or by question text)."),
            )
            for header in self.unmatched_headers
        ]

    def all_problems(self, *, skip_unmatched_columns: bool = False) -> list[Problem]:
        headers = [] if skip_unmatched_columns else self.header_problems
        return headers + self.problems

    def is_valid(self, *, skip_unmatched_columns: bool = False) -> bool:
        return not self.all_problems(skip_unmatched_columns=skip_unmatched_columns) and bool(
            self.rows
        )

    @property
    def n_answers(self) -> int:
        return sum(len(r.answers) for r in self.rows)


class _QuestionReader:
    """Turns the cells of one column into answers for one question."""

    def __init__(self, question: Question) -> None:
        self.question = question
        self.choices = list(question.choices.all()) if question.is_choice else []
        self.by_code = {c.value.lower(): c for c in self.choices}
        self.by_label = {normalise(c.label): c for c in self.choices}

    def _choice(self, token: str) -> int | None:
        token = token.strip()
        choice = self.by_code.get(token.lower()) or self.by_label.get(normalise(token))
        return choice.pk if choice else None

    def read(self, cell: str) -> tuple[list[ParsedAnswer], str | None]:
        """The answers in one cell, or an error message (Dutch) for the user."""
        q = self.question
        cell = cell.strip()
        if not cell:
            return [], None
        kind = q.type
        if kind == Question.Type.LIKERT5:
            value = likert_value(cell)
            if value == DONT_KNOW:
                return [ParsedAnswer(q.pk, dont_know=True)], None
            if isinstance(value, int):
                return [ParsedAnswer(q.pk, value=value)], None
            # The question's own labels, in whatever language the site runs.
            for key, label in q.answer_options():
                if normalise(label) == normalise(cell):
                    if key == "dk":
                        return [ParsedAnswer(q.pk, dont_know=True)], None
                    return [ParsedAnswer(q.pk, value=int(key))], None
            return [], _("'%(value)s' is not an answer on the agree scale.") % {"value": cell}
        if kind == Question.Type.YES_NO:
            yn = yes_no_value(cell)
            if yn is None:
                if likert_value(cell) == DONT_KNOW:
                    return [ParsedAnswer(q.pk, dont_know=True)], None
                return [], _("'%(value)s' is not yes or no.") % {"value": cell}
            return [ParsedAnswer(q.pk, value=1 if yn == "yes" else 0)], None
        if kind == Question.Type.SINGLE_CHOICE:
            choice_id = self._choice(cell)
            if choice_id is None:
                return [], _("'%(value)s' is not one of the answer options.") % {"value": cell}
            return [ParsedAnswer(q.pk, choice_id=choice_id)], None
        if kind == Question.Type.MULTIPLE_CHOICE:
            return self._read_multiple(cell)
        if kind == Question.Type.NUMBER:
            return self._read_number(cell)
        return [ParsedAnswer(q.pk, text=cell)], None

    def _read_multiple(self, cell: str) -> tuple[list[ParsedAnswer], str | None]:
        q = self.question
        whole = self._choice(cell)
        if whole is not None:
            return [ParsedAnswer(q.pk, choice_id=whole)], None
        # Microsoft Forms ends with ";", Google Forms joins with ", ", and
        # KoboToolbox with spaces between codes.
        for separator in (";", ",", None):
            tokens = [t for t in (cell.split(separator)) if t.strip()]
            if len(tokens) < 2 and separator is not None:
                continue
            ids = [self._choice(t) for t in tokens]
            if all(i is not None for i in ids):
                unique = list(dict.fromkeys(i for i in ids if i is not None))
                return [ParsedAnswer(q.pk, choice_id=i) for i in unique], None
        return [], _("'%(value)s' contains an answer that is not one of the options.") % {
            "value": cell
        }

    def _read_number(self, cell: str) -> tuple[list[ParsedAnswer], str | None]:
        q = self.question
        text = cell.replace(" ", "").replace(",", ".")
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            return [], _("'%(value)s' is not a number.") % {"value": cell}
        number = round(float(text))
        if q.min_value is not None and number < q.min_value:
            return [], _("%(value)s is lower than %(min)s.") % {"value": cell, "min": q.min_value}
        if q.max_value is not None and number > q.max_value:
            return [], _("%(value)s is higher than %(max)s.") % {"value": cell, "max": q.max_value}
        return [ParsedAnswer(q.pk, value=number)], None


def _derived_multiple_choice_headers(headers: list[str], questions: list[Question]) -> set[str]:
    """KoboToolbox adds a 0/1 column per option ("vraag/optie") after the answer column."""
    derived: set[str] = set()
    multiples = [q for q in questions if q.type == Question.Type.MULTIPLE_CHOICE]
    if not multiples:
        return derived
    for header in headers:
        if "/" not in header:
            continue
        prefix, last = header.rsplit("/", 1)
        for q in multiples:
            names = {q.code.lower(), normalise(q.text)}
            if not any(
                c.lower() in names or normalise(c) in names for c in header_candidates(prefix)
            ):
                continue
            options = {c.value.lower() for c in q.choices.all()} | {
                normalise(c.label) for c in q.choices.all()
            }
            if last.strip().lower() in options or normalise(last) in options:
                derived.add(header)
    return derived


def plan_response_import(survey: Survey, data: bytes, filename: str = "") -> ImportPlan:
    """Read an export and decide what each column and cell means. Writes nothing."""
    file_hash = hashlib.sha256(data).hexdigest()
    try:
        table = tabular.read_table(data, filename)
    except tabular.TableError as exc:
        plan = ImportPlan(survey.pk, file_hash, None, None)
        plan.problems.append(Problem(None, None, "", str(exc)))
        return plan
    plan = ImportPlan(survey.pk, file_hash, table.encoding, table.delimiter)
    questions = list(
        survey.questions.select_related("section")
        .prefetch_related("choices")
        .order_by("section__order", "order", "id")
    )
    derived = _derived_multiple_choice_headers(table.headers, questions)
    keys = [QuestionKey(q.code, q.text) for q in questions]
    mapping, unmatched, skipped = match_headers(
        [h for h in table.headers if h not in derived], keys
    )
    plan.mapping = mapping
    plan.unmatched_headers = unmatched
    plan.skipped_headers = skipped + [h for h in table.headers if h in derived]
    by_code = {q.code: q for q in questions}
    plan.unanswered_questions = [q.code for q in questions if q.code not in mapping.values()]
    if not mapping:
        plan.problems.append(
            Problem(None, None, "", _("No column matches a question of this survey."))
        )
        return plan
    if not table.rows:
        plan.problems.append(Problem(None, None, "", _("The file has no rows with answers.")))
        return plan
    readers = {header: _QuestionReader(by_code[code]) for header, code in mapping.items()}
    for row in table.rows:
        answers: list[ParsedAnswer] = []
        for header, reader in readers.items():
            parsed, error = reader.read(row.get(header))
            if error:
                if len(plan.problems) < MAX_PROBLEMS:
                    plan.problems.append(Problem(row.number, header, row.get(header), error))
                continue
            answers.extend(parsed)
        plan.rows.append(ParsedRow(row.number, answers))
    if len(plan.problems) >= MAX_PROBLEMS:
        plan.problems.append(
            Problem(
                None,
                None,
                "",
                _("There are more than %(n)s problems; only the first ones are listed.")
                % {"n": MAX_PROBLEMS},
            )
        )
    return plan
