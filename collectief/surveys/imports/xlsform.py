"""Parse an XLSForm workbook into plain dataclasses.

XLSForm (xlsform.org) is the spreadsheet format of ODK and KoboToolbox: a
``survey`` sheet (type, name, label, …), a ``choices`` sheet (list_name,
name, label) and an optional ``settings`` sheet (form_title, default_language).
This module only reads; ``collectief.surveys.imports.services`` turns the
result into a survey. Problems that make the form unusable are collected in
``XLSFormError.problems``; things that are read in a simpler way (a
condition that is too complex, an unsupported question type) end up in
``ParsedForm.warnings`` so that nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collectief.lib import tabular
from collectief.surveys.imports.labels import DONT_KNOW, likert_value, normalise, yes_no_value

# Question types of the survey models (Question.Type values).
LIKERT5 = "likert5"
YES_NO = "yes_no"
SINGLE = "single_choice"
MULTIPLE = "multiple_choice"
NUMBER = "number"
SHORT_TEXT = "short_text"
LONG_TEXT = "long_text"

# XLSForm types that only record metadata; they are not questions.
METADATA_TYPES = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "start-geopoint",
        "calculate",
        "hidden",
    }
)
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
RELEVANT_RE = re.compile(
    r"^\s*(?:\$\{(?P<q1>[^}]+)\}\s*=\s*(?P<quote1>['\"])(?P<v1>[^'\"]*)(?P=quote1)"
    r"|selected\(\s*\$\{(?P<q2>[^}]+)\}\s*,\s*(?P<quote2>['\"])(?P<v2>[^'\"]*)(?P=quote2)\s*\))\s*$"
)
BOUND_RE = re.compile(r"^\s*\.\s*(?P<op>>=|<=|>|<)\s*(?P<value>-?\d+(?:\.\d+)?)\s*$")
TRUE_VALUES = frozenset({"yes", "true", "true()", "1", "ja", "waar"})


class XLSFormError(ValueError):
    """The workbook cannot become a survey; ``problems`` are Dutch sentences."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ParsedChoice:
    code: str
    label: str


@dataclass
class ParsedQuestion:
    row: int
    code: str
    text: str
    type: str
    help_text: str = ""
    required: bool = False
    choices: list[ParsedChoice] = field(default_factory=list)
    allow_dont_know: bool = False
    integer_only: bool = False
    min_value: float | None = None
    max_value: float | None = None
    show_if: tuple[str, str] | None = None  # (question code, choice code)


@dataclass
class ParsedSection:
    title: str
    questions: list[ParsedQuestion] = field(default_factory=list)


@dataclass
class ParsedForm:
    title: str
    form_id: str = ""
    language: str = ""
    sections: list[ParsedSection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def questions(self) -> list[ParsedQuestion]:
        return [q for s in self.sections for q in s.questions]


def _column(headers: list[str], base: str, language: str) -> str | None:
    """The best column for ``base`` (label, hint): Dutch first, then the default."""
    lowered = {h.strip().lower(): h for h in headers}
    wanted = [f"{base}::nl", f"{base}::dutch (nl)", f"{base}::nederlands (nl)"]
    if language:
        wanted.insert(0, f"{base}::{language.lower()}")
    for name in wanted:
        if name in lowered:
            return lowered[name]
    for key, header in lowered.items():
        if key.startswith(f"{base}::") and (
            "(nl)" in key or "dutch" in key or "nederlands" in key
        ):
            return header
    if base in lowered:
        return lowered[base]
    for key, header in lowered.items():
        if key.startswith(f"{base}::"):
            return header
    return None


def _find_sheet(sheets: dict[str, tabular.Table], name: str) -> tabular.Table | None:
    for title, table in sheets.items():
        if title.strip().lower() == name:
            return table
    return None


def _where(sheet: str, row: int) -> str:
    return _("Sheet '%(sheet)s', row %(row)s") % {"sheet": sheet, "row": row}


def _parse_bounds(constraint: str) -> tuple[float | None, float | None] | None:
    """``. >= 0 and . <= 10`` → (0, 10). None when the form is not this simple."""
    low: float | None = None
    high: float | None = None
    for part in re.split(r"\s+and\s+", constraint.strip()):
        match = BOUND_RE.match(part)
        if not match:
            return None
        value = float(match.group("value"))
        op = match.group("op")
        # Strict bounds on whole numbers become inclusive ones: ". > 0" → minimum 1.
        if op == ">=":
            low = value
        elif op == ">":
            low = value + 1 if value.is_integer() else value
        elif op == "<=":
            high = value
        else:
            high = value - 1 if value.is_integer() else value
    return low, high


def _classify_select(choices: list[ParsedChoice], appearance: str) -> tuple[str, bool]:
    """A select_one list of five agree options is a Likert-5 statement."""
    values = [likert_value(c.label) or likert_value(c.code) for c in choices]
    scale = [v for v in values if isinstance(v, int)]
    dont_know = [v for v in values if v == DONT_KNOW]
    if (
        len(scale) == 5
        and sorted(scale) == [1, 2, 3, 4, 5]
        and len(dont_know) + len(scale) == len(choices)
        and len(dont_know) <= 1
        and any(not c.label.strip().isdigit() for c in choices)
    ):
        return LIKERT5, bool(dont_know)
    if len(choices) == 2 and {yes_no_value(c.label) or yes_no_value(c.code) for c in choices} == {
        "yes",
        "no",
    }:
        return YES_NO, False
    del appearance
    return SINGLE, False


def parse_xlsform(data: bytes, filename: str = "form.xlsx") -> ParsedForm:
    """Read an XLSForm workbook. Raises XLSFormError with every problem found."""
    try:
        sheets = tabular.read_xlsx_sheets(data)
    except tabular.TableError as exc:
        raise XLSFormError([str(exc)]) from exc
    survey = _find_sheet(sheets, "survey")
    if survey is None:
        raise XLSFormError([_("The workbook has no sheet named 'survey'.")])
    choices_sheet = _find_sheet(sheets, "choices")
    settings_sheet = _find_sheet(sheets, "settings")
    problems: list[str] = []
    warnings: list[str] = []

    settings: dict[str, str] = {}
    if settings_sheet is not None and settings_sheet.rows:
        first = settings_sheet.rows[0]
        settings = {h.strip().lower(): first.get(h) for h in settings_sheet.headers}
    language = settings.get("default_language", "")
    lang_code = ""
    match = re.search(r"\((\w+)\)", language)
    if match:
        lang_code = match.group(1)

    present = {h.strip().lower() for h in survey.headers}
    problems += [
        _("The sheet 'survey' has no column '%(column)s'.") % {"column": column}
        for column in ("type", "name")
        if column not in present
    ]
    label_column = _column(survey.headers, "label", lang_code)
    if label_column is None:
        problems.append(_("The sheet 'survey' has no column 'label' or 'label::nl'."))
    if problems:
        raise XLSFormError(problems)
    assert label_column is not None
    hint_column = _column(survey.headers, "hint", lang_code)
    columns = {h.strip().lower(): h for h in survey.headers}

    def cell(row: tabular.Row, name: str) -> str:
        header = columns.get(name)
        return row.get(header).strip() if header else ""

    # Choice lists.
    lists: dict[str, list[ParsedChoice]] = {}
    if choices_sheet is not None and choices_sheet.headers:
        choice_columns = {h.strip().lower(): h for h in choices_sheet.headers}
        choice_label = _column(choices_sheet.headers, "label", lang_code)
        list_header = choice_columns.get("list_name") or choice_columns.get("list name")
        name_header = choice_columns.get("name")
        if not list_header or not name_header or not choice_label:
            problems.append(
                _("The sheet 'choices' needs the columns 'list_name', 'name' and 'label'.")
            )
        else:
            for row in choices_sheet.rows:
                list_name = row.get(list_header).strip()
                code = row.get(name_header).strip()
                label = row.get(choice_label).strip()
                if not list_name:
                    continue
                if not code:
                    problems.append(
                        _("%(where)s: the choice has no name.")
                        % {"where": _where("choices", row.number)}
                    )
                    continue
                existing = lists.setdefault(list_name, [])
                if any(c.code == code for c in existing):
                    problems.append(
                        _("%(where)s: the choice '%(code)s' appears twice in list '%(list)s'.")
                        % {"where": _where("choices", row.number), "code": code, "list": list_name}
                    )
                    continue
                existing.append(ParsedChoice(code, label or code))

    title = settings.get("form_title") or filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    form = ParsedForm(title=title, form_id=settings.get("form_id", ""), language=language)
    group_stack: list[str] = []
    current = ParsedSection(title="")
    form.sections.append(current)
    seen: dict[str, ParsedQuestion] = {}

    def start_section(section_title: str) -> ParsedSection:
        section = ParsedSection(title=section_title)
        form.sections.append(section)
        return section

    for row in survey.rows:
        raw_type = cell(row, "type")
        kind = re.sub(r"\s+", " ", raw_type.strip().lower())
        name = cell(row, "name")
        label = row.get(label_column).strip()
        where = _where("survey", row.number)
        if not kind:
            continue
        if kind in ("begin group", "begin_group"):
            group_stack.append(label or name)
            current = start_section(label or name)
            continue
        if kind in ("end group", "end_group"):
            if not group_stack:
                problems.append(
                    _("%(where)s: 'end group' without 'begin group'.") % {"where": where}
                )
                continue
            group_stack.pop()
            current = start_section(group_stack[-1] if group_stack else "")
            continue
        if kind in ("begin repeat", "begin_repeat", "end repeat", "end_repeat"):
            problems.append(
                _("%(where)s: repeating groups ('%(type)s') are not supported.")
                % {"where": where, "type": raw_type}
            )
            continue
        if kind in METADATA_TYPES:
            continue
        if kind == "note":
            warnings.append(
                _("%(where)s: the note '%(label)s' is not a question and was skipped.")
                % {"where": where, "label": label}
            )
            continue
        if not name:
            problems.append(_("%(where)s: the question has no name.") % {"where": where})
            continue
        if not NAME_RE.match(name):
            problems.append(
                _(
                    "%(where)s: the name '%(name)s' may only contain letters, digits, '-', '_' "
                    "and '.', and must start with a letter."
                )
                % {"where": where, "name": name}
            )
            continue
        if name in seen:
            problems.append(
                _("%(where)s: the name '%(name)s' is used twice.") % {"where": where, "name": name}
            )
            continue
        if not label:
            problems.append(
                _("%(where)s: the question '%(name)s' has no label.")
                % {"where": where, "name": name}
            )
            continue
        question = ParsedQuestion(row=row.number, code=name, text=label, type="")
        question.help_text = row.get(hint_column).strip() if hint_column else ""
        question.required = cell(row, "required").lower() in TRUE_VALUES
        appearance = cell(row, "appearance").lower()
        select = re.match(
            r"^(select_one|select_multiple|select one|select multiple)\s+(\S+)", kind
        )
        if select:
            list_name = raw_type.split()[-1]
            options = lists.get(list_name)
            if not options:
                problems.append(
                    _("%(where)s: the choice list '%(list)s' is missing or empty.")
                    % {"where": where, "list": list_name}
                )
                continue
            if "multiple" in select.group(1):
                question.type = MULTIPLE
                question.choices = list(options)
            else:
                question.type, question.allow_dont_know = _classify_select(options, appearance)
                question.choices = list(options)
        elif kind in ("integer", "int", "decimal", "range"):
            question.type = NUMBER
            question.integer_only = kind != "decimal"
            if kind == "decimal":
                warnings.append(
                    _(
                        "%(where)s: '%(name)s' asks for a decimal number; Collectief stores whole "
                        "numbers, so answers are rounded."
                    )
                    % {"where": where, "name": name}
                )
        elif kind in ("text", "string"):
            question.type = LONG_TEXT if "multiline" in appearance else SHORT_TEXT
        else:
            warnings.append(
                _(
                    "%(where)s: the question type '%(type)s' is not supported; "
                    "'%(name)s' was skipped."
                )
                % {"where": where, "type": raw_type, "name": name}
            )
            continue

        constraint = cell(row, "constraint")
        if constraint:
            bounds = _parse_bounds(constraint) if question.type == NUMBER else None
            if bounds is None:
                warnings.append(
                    _(
                        "%(where)s: the rule '%(rule)s' of '%(name)s' cannot be read; only "
                        "'. >= 0 and . <= 10' on numbers works. The question has no rule now."
                    )
                    % {"where": where, "rule": constraint, "name": name}
                )
            else:
                question.min_value, question.max_value = bounds

        relevant = cell(row, "relevant")
        if relevant:
            show_if = _parse_relevant(relevant, seen)
            if show_if is None:
                warnings.append(
                    _(
                        # xgettext:no-python-brace-format
                        "%(where)s: the condition '%(rule)s' of '%(name)s' is too complex; only "
                        "\"${question} = 'answer'\" about an earlier choice question works. "
                        "The question is now always shown."
                    )
                    % {"where": where, "rule": relevant, "name": name}
                )
            else:
                question.show_if = show_if
        seen[name] = question
        current.questions.append(question)

    if group_stack:
        problems.append(
            _("The group '%(group)s' has no 'end group'.") % {"group": group_stack[-1]}
        )
    if not seen and not problems:
        problems.append(_("The sheet 'survey' has no questions."))
    if problems:
        raise XLSFormError(problems)
    form.sections = [s for s in form.sections if s.questions]
    for section in form.sections:
        section.title = section.title or form.title
    form.warnings = warnings
    return form


def _parse_relevant(expression: str, earlier: dict[str, ParsedQuestion]) -> tuple[str, str] | None:
    match = RELEVANT_RE.match(expression)
    if not match:
        return None
    code = (match.group("q1") or match.group("q2") or "").strip()
    value = match.group("v1") if match.group("q1") else match.group("v2")
    question = earlier.get(code)
    if question is None or not question.choices:
        return None
    if not any(c.code == value for c in question.choices):
        return None
    return code, value


def describe(form: ParsedForm) -> str:
    """A one-line summary for the command line."""
    sections = ngettext("%(n)s section", "%(n)s sections", len(form.sections)) % {
        "n": len(form.sections)
    }
    questions = ngettext("%(n)s question", "%(n)s questions", len(form.questions)) % {
        "n": len(form.questions)
    }
    return f"{sections}, {questions}"


__all__ = [
    "ParsedChoice",
    "ParsedForm",
    "ParsedQuestion",
    "ParsedSection",
    "XLSFormError",
    "normalise",
    "parse_xlsform",
]
