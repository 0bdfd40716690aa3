"""Write services for imports: a survey from an XLSForm, responses from an export.

Both are all-or-nothing: every problem is reported first and nothing is
written unless the whole file can be used.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation
from collectief.audit.services import record_event
from collectief.lib.errors import ServiceError
from collectief.surveys.imports.labels import DONT_KNOW, likert_value, yes_no_value
from collectief.surveys.imports.responses import ImportPlan, Problem
from collectief.surveys.imports.xlsform import (
    LIKERT5,
    YES_NO,
    ParsedForm,
    ParsedQuestion,
    XLSFormError,
    parse_xlsform,
)
from collectief.surveys.models import (
    DONT_KNOW_KEY,
    Answer,
    Choice,
    Question,
    Response,
    Section,
    Survey,
    Wave,
)
from collectief.surveys.vectors import ensure_layout

IMPORT_KEY_PREFIX = "import:"


class ImportProblemsError(ServiceError):
    """A file cannot be imported; ``problems`` lists every reason (Dutch)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _answer_key(question: ParsedQuestion, choice_code: str) -> str:
    """The answer key (see models) that an XLSForm choice code stands for."""
    if question.type == LIKERT5:
        choice = next(c for c in question.choices if c.code == choice_code)
        value = likert_value(choice.label) or likert_value(choice.code)
        return DONT_KNOW_KEY if value == DONT_KNOW else str(value)
    if question.type == YES_NO:
        choice = next(c for c in question.choices if c.code == choice_code)
        return "1" if (yes_no_value(choice.label) or yes_no_value(choice.code)) == "yes" else "0"
    return choice_code


@transaction.atomic
def create_survey_from_form(organisation: Organisation, form: ParsedForm, *, by: Any) -> Survey:
    survey = Survey.objects.create(
        organisation=organisation,
        title=form.title[:200],
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    created: dict[str, tuple[Question, ParsedQuestion]] = {}
    for section_order, parsed_section in enumerate(form.sections):
        section = Section.objects.create(
            survey=survey, title=parsed_section.title[:200], order=section_order
        )
        for order, parsed in enumerate(parsed_section.questions):
            question = Question.objects.create(
                survey=survey,
                section=section,
                code=parsed.code[:40],
                type=parsed.type,
                text=parsed.text,
                help_text=parsed.help_text,
                required=parsed.required,
                allow_dont_know=parsed.allow_dont_know,
                min_value=None if parsed.min_value is None else round(parsed.min_value),
                max_value=None if parsed.max_value is None else round(parsed.max_value),
                order=order,
            )
            if question.is_choice:
                Choice.objects.bulk_create(
                    Choice(question=question, value=c.code[:40], label=c.label[:300], order=i)
                    for i, c in enumerate(parsed.choices)
                )
            if parsed.show_if:
                target, parsed_target = created[parsed.show_if[0]]
                question.show_if_question = target
                question.show_if_values = [_answer_key(parsed_target, parsed.show_if[1])]
                question.save(update_fields=["show_if_question", "show_if_values"])
            created[parsed.code] = (question, parsed)
    record_event(
        "survey.create_from_xlsform",
        survey,
        by=by,
        organisation_id=organisation.pk,
        details={"questions": len(created), "warnings": form.warnings},
    )
    return survey


def create_survey_from_xlsform(
    organisation: Organisation, data: bytes, filename: str, *, by: Any
) -> tuple[Survey, list[str]]:
    """A new draft survey from an XLSForm workbook, plus the warnings to show."""
    try:
        form = parse_xlsform(data, filename)
    except XLSFormError as exc:
        raise ImportProblemsError(exc.problems) from exc
    if len(form.questions) and any(len(q.code) > 40 for q in form.questions):
        raise ImportProblemsError(
            [
                _("The name '%(name)s' is longer than 40 characters.") % {"name": q.code}
                for q in form.questions
                if len(q.code) > 40
            ]
        )
    return create_survey_from_form(organisation, form, by=by), form.warnings


@transaction.atomic
def import_responses(
    survey: Survey,
    plan: ImportPlan,
    *,
    by: Any,
    wave: Wave | None = None,
    skip_unmatched_columns: bool = False,
) -> int:
    """Store every row of a checked plan as a response (source=import). All or nothing."""
    if plan.survey_id != survey.pk:
        raise ServiceError(_("This file was checked for another survey."))
    problems: list[Problem] = plan.all_problems(skip_unmatched_columns=skip_unmatched_columns)
    if problems:
        raise ImportProblemsError([str(p) for p in problems])
    if not plan.rows:
        raise ImportProblemsError([_("The file has no rows with answers.")])
    if wave is not None and wave.survey_id != survey.pk:
        raise ServiceError(_("This wave belongs to another survey."), field="wave")
    prefix = f"{IMPORT_KEY_PREFIX}{plan.file_hash[:40]}:"
    # Lock the survey so two imports of the same file cannot both pass the check.
    Survey.objects.select_for_update().filter(pk=survey.pk).first()
    if Response.objects.filter(survey=survey, idempotency_key__startswith=prefix).exists():
        raise ImportProblemsError([_("This file has already been imported into this survey.")])
    now = timezone.now()
    layout = ensure_layout(survey)
    types = dict(survey.questions.values_list("id", "type"))
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            wave=wave,
            submitted_at=now,
            source=Response.Source.IMPORT,
            idempotency_key=f"{prefix}{row.number}",
            answer_vector=layout.encode(
                types, ((a.question_id, a.value, a.choice_id) for a in row.answers)
            ),
        )
        for row in plan.rows
    )
    answers = [
        Answer(
            response_id=response.pk,
            question_id=a.question_id,
            value=a.value,
            choice_id=a.choice_id,
            text=a.text,
            dont_know=a.dont_know,
        )
        for response, row in zip(responses, plan.rows, strict=True)
        for a in row.answers
    ]
    Answer.objects.bulk_create(answers, batch_size=2000)
    record_event(
        "survey.import_responses",
        survey,
        by=by,
        organisation_id=survey.organisation_id,
        details={
            "responses": len(responses),
            "answers": len(answers),
            "columns": plan.mapping,
            "skipped_columns": plan.unmatched_headers if skip_unmatched_columns else [],
            "wave": wave.pk if wave else None,
        },
    )
    return len(responses)
